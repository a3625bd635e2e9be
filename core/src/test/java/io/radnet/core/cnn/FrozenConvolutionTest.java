package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Conv2d}'s backward pass without parameter gradients: a frozen convolution between
 * trained layers passes ∂L/∂x on and leaves its own gradients unwritten.
 */
class FrozenConvolutionTest {
    private static final int BATCH = 12;

    private static Tensor seeded(Backend backend, int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int p = 0; p < values.length; p++) {
            values[p] = random.nextGaussian();
        }
        return backend.fromRowMajor(rows, cols, values);
    }

    /** Block "middle" (a convolution and a ReLU) is frozen between two trained blocks. */
    private static SequentialNetwork frozenMiddle(Backend backend) {
        return SequentialNetwork.builder(backend, FeatureShape.maps(2, 9, 9), 5)
                .block("first").conv2d(3, 3).batchNorm2d().relu()
                .block("middle").conv2d(4, 3, 2, 1, true).relu()
                .block("last").flatten().linear(3)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aFrozenConvolutionPassesTheInputGradientOnAndLeavesItsOwnGradientsUnwritten(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork net = frozenMiddle(b);
        List<Tensor> trainedTensors = new ArrayList<>(net.block("first").parameters());
        trainedTensors.addAll(net.block("last").parameters());
        int[] needed = net.parameters().indicesOf(ParameterVector.of(trainedTensors));
        Tensor x = seeded(b, BATCH, net.inputShape().size(), 8);
        Tensor dOutput = seeded(b, BATCH, 3, 9);

        ParameterVector full = net.parameters().zerosLike();
        TrainingPass fullPass = net.trainingPass(BATCH);
        fullPass.forward(x);
        fullPass.backward(dOutput, full);
        ParameterVector restricted = net.parameters().zerosLike();
        for (Tensor t : restricted.tensors()) {
            b.fill(t, Double.NaN);
        }
        TrainingPass restrictedPass = net.restrictedTrainingPass(BATCH, needed);
        restrictedPass.forward(x);
        restrictedPass.backward(dOutput, restricted);

        assertArrayEquals(new int[] {0, 1, 2, 3, 6, 7}, needed,
                "trained: block first's convolution weight and bias and batch-norm γ and β, block last's weight and bias");
        for (int k : needed) {
            // assertArrayEquals on doubles compares doubleToLongBits: bit for bit
            assertArrayEquals(full.tensors().get(k).toRowMajor(), restricted.tensors().get(k).toRowMajor(),
                    "the gradient of trained tensor " + k + " is the full pass's");
        }
        for (int k : new int[] {4, 5}) {
            assertTrue(Arrays.stream(restricted.tensors().get(k).toRowMajor()).allMatch(Double::isNaN),
                    "the frozen convolution's gradient " + k + " is not written");
        }
    }
}
