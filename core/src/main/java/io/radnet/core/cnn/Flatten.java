package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code Flatten}: sample n's C × H × W maps become the vector of its entries in NCHW
 * order (channel-major), from the plane layout C × (N·H·W) to rows N × (C·H·W)
 * ({@link Backend#transposeBlocks} with blocks of H·W); backward the inverse move. Exact; no
 * parameters.
 */
public final class Flatten extends Layer {
    /**
     * @param backend the backend
     * @param input spatial features
     * @throws IllegalArgumentException if the input is flat already
     */
    Flatten(Backend backend, FeatureShape input) {
        super(backend, requireSpatial(input), FeatureShape.vector(input.size()));
    }

    private static FeatureShape requireSpatial(FeatureShape input) {
        if (!input.spatial()) {
            throw new IllegalArgumentException("Flatten needs spatial input, got a vector of " + input.channels());
        }
        return input;
    }

    @Override
    public String typeName() {
        return "Flatten";
    }

    @Override
    public String describe() {
        return "Flatten(start_dim=1, end_dim=-1)";
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Tensor output = batchTensor(batch, outputShape());
        int pixels = inputShape().pixels();
        Backend backend = backend();
        return new LayerPass() {
            @Override
            public Tensor forward(Tensor input) {
                backend.transposeBlocks(input, pixels, output);
                return output;
            }

            @Override
            public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                if (dInput != null) {
                    backend.transposeBlocks(dOutput, pixels, dInput);
                }
            }
        };
    }
}
