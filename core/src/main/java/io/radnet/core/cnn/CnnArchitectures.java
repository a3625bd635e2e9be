package io.radnet.core.cnn;

import io.radnet.api.Backend;

/**
 * Named convolutional architectures.
 */
public final class CnnArchitectures {
    /** The input of {@link #intrinsicParameters}: one 28 × 28 image (MNIST, Fashion-MNIST). */
    public static final FeatureShape IMAGE_28 = FeatureShape.maps(1, 28, 28);

    private CnnArchitectures() {
    }

    /**
     * The CNN of the intrinsic-parameters paper's experiments (§3, Tables 1–2), batch
     * normalisation on every layer, in PyTorch's module order (module indices 0 … 23):
     * block1 = Conv2d(1,32,3), BatchNorm2d(32), ReLU, Conv2d(32,32,3), BatchNorm2d(32), ReLU,
     * MaxPool2d(2), Dropout(0.25); block2 = Conv2d(32,64,3), BatchNorm2d(64), ReLU,
     * Conv2d(64,64,3), BatchNorm2d(64), ReLU, Flatten, Dropout(0.25); block3 = Linear(4096,512),
     * BatchNorm1d(512), ReLU, Dropout(0.5); block4 = Linear(512,64), BatchNorm1d(64), ReLU,
     * Linear(64,10). Input N × 784 (1 × 28 × 28), output N × 10 logits. Maps: 28 → 26 → 24 → 12
     * → 10 → 8, so Flatten gives 64·8·8 = 4096 features. 2,197,674 parameters (weights, biases and
     * batch-norm γ, β); block2 and block4 hold 88,906 weights and biases (Conv-3, Conv-4, FC-2,
     * FC-3) plus 384 batch-norm γ and β.
     *
     * @param backend the backend
     * @param seed the seed of the initial parameters (PyTorch's default law) and dropout masks
     * @return the network, every layer in training mode
     */
    public static SequentialNetwork intrinsicParameters(Backend backend, long seed) {
        return SequentialNetwork.builder(backend, IMAGE_28, seed)
                .block("block1")
                .conv2d(32, 3).batchNorm2d().relu()
                .conv2d(32, 3).batchNorm2d().relu().maxPool2d(2).dropout(0.25)
                .block("block2")
                .conv2d(64, 3).batchNorm2d().relu()
                .conv2d(64, 3).batchNorm2d().relu().flatten().dropout(0.25)
                .block("block3")
                .linear(512).batchNorm1d().relu().dropout(0.5)
                .block("block4")
                .linear(64).batchNorm1d().relu()
                .linear(10)
                .build();
    }
}
