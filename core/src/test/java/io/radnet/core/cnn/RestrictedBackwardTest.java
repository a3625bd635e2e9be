package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SequentialNetwork#restrictedTrainingPass(int, int[])}, the pass {@link Trainer} uses with
 * {@link Trainer.Builder#trainOnly}: it computes the trained blocks' gradients bit for bit as the
 * full pass does and skips the frozen ones (block 1's backward pass entirely, block 3's parameter
 * gradients), which no update reads; S2-style training is bitwise the same with and without it.
 */
class RestrictedBackwardTest {
    private static SequentialNetwork network(Backend b) {
        return SequentialNetwork.builder(b, FeatureShape.maps(1, 6, 6), 5)
                .block("first").conv2d(3, 3).batchNorm2d().relu().maxPool2d(2).dropout(0.25)
                .block("second").conv2d(4, 2).batchNorm2d().relu().flatten()
                .block("third").linear(6).batchNorm1d().relu().dropout(0.5)
                .block("fourth").linear(5).batchNorm1d().relu().linear(3)
                .build();
    }

    private static Dataset images(Backend b) {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[50][36];
        double[][] y = new double[50][1];
        for (int s = 0; s < x.length; s++) {
            for (int j = 0; j < 36; j++) {
                x[s][j] = random.nextGaussian();
            }
            y[s][0] = random.nextInt(3);
        }
        return Dataset.fromRows(b, x, y);
    }

    /** Freezes blocks first and third as S2 does and returns the trained blocks' tensors. */
    private static ParameterVector freezeAsS2(SequentialNetwork net) {
        net.setTraining("first", false);
        net.setTraining("third", false);
        List<Tensor> trained = new ArrayList<>(net.block("second").parameters());
        trained.addAll(net.block("fourth").parameters());
        return ParameterVector.of(trained);
    }

    /** @return every parameter and batch-norm state, as raw bits */
    private static long[] state(SequentialNetwork net) {
        List<Double> values = new ArrayList<>();
        for (Layer layer : net.layers()) {
            List<Tensor> tensors = new ArrayList<>(layer.parameters());
            if (layer instanceof BatchNorm norm) {
                tensors.add(norm.runningMean());
                tensors.add(norm.runningVariance());
                values.add((double) norm.batchesTracked());
            }
            for (Tensor t : tensors) {
                for (double v : t.toRowMajor()) {
                    values.add(v);
                }
            }
        }
        return values.stream().mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theRestrictedPassWritesTheTrainedGradientsBitwiseAndSkipsTheFrozenOnes(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork net = network(b);
        int[] needed = net.parameters().indicesOf(freezeAsS2(net));
        Dataset data = images(b);
        Tensor x = b.zeros(16, 36);
        b.copyBlock(data.inputs(), 0, 0, 16, 36, x, 0, 0);
        Tensor dOutput = b.zeros(16, 3);
        SplittableRandom random = new SplittableRandom(3);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 3; c++) {
                dOutput.set(r, c, random.nextGaussian());
            }
        }
        ParameterVector full = net.parameters().zerosLike();
        TrainingPass fullPass = net.trainingPass(16);
        fullPass.forward(x);
        fullPass.backward(dOutput, full);
        ParameterVector restricted = net.parameters().zerosLike();
        for (Tensor t : restricted.tensors()) {
            b.fill(t, Double.NaN);
        }
        TrainingPass restrictedPass = net.restrictedTrainingPass(16, needed);
        restrictedPass.forward(x);
        restrictedPass.backward(dOutput, restricted);

        List<Integer> trained = new ArrayList<>();
        for (int k : needed) {
            trained.add(k);
        }
        for (int k = 0; k < full.tensors().size(); k++) {
            double[] expected = full.tensors().get(k).toRowMajor();
            double[] actual = restricted.tensors().get(k).toRowMajor();
            if (trained.contains(k)) {
                assertArrayEquals(bits(expected), bits(actual), "the gradient of trained tensor " + k + " is the full pass's");
            } else {
                for (double v : actual) {
                    assertTrue(Double.isNaN(v), "the gradient of frozen tensor " + k + " is not computed");
                }
            }
        }
        assertEquals(10, trained.size(), "weights and biases of block 2 (conv, batch norm) and block 4 (linear, batch norm, linear)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void s2TrainsBitwiseTheSameWithAndWithoutSkippingTheFrozenGradients(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = images(b);
        SequentialNetwork skipping = network(b);
        SequentialNetwork computingAll = network(b);
        for (SequentialNetwork net : List.of(skipping, computingAll)) {
            Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.01).build(), data)
                    .batchSize(16).maxEpochs(1).build().train();
        }
        assertArrayEquals(state(skipping), state(computingAll), "the same pre-training");
        long[] before = state(skipping);

        Trainer.builder(skipping, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.01).weightDecay(1e-4).build(),
                data).batchSize(16).seed(2).maxEpochs(3).trainOnly(freezeAsS2(skipping)).build().train();
        Network withoutRestriction = new FullPasses(computingAll);
        Trainer.builder(withoutRestriction, new SoftmaxCrossEntropy(),
                RAdam.builder().learningRate(0.01).weightDecay(1e-4).build(), data)
                .batchSize(16).seed(2).maxEpochs(3).trainOnly(freezeAsS2(computingAll)).build().train();

        assertArrayEquals(state(computingAll), state(skipping),
                "every parameter and statistic after S2's second phase, with and without the skip");
        assertFalse(java.util.Arrays.equals(before, state(skipping)), "the second phase trains");
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    /** The network with {@link Network}'s default restricted pass: the full pass. */
    private record FullPasses(SequentialNetwork network) implements Network {
        @Override
        public Backend backend() {
            return network.backend();
        }

        @Override
        public ParameterVector parameters() {
            return network.parameters();
        }

        @Override
        public int inputWidth() {
            return network.inputWidth();
        }

        @Override
        public int outputWidth() {
            return network.outputWidth();
        }

        @Override
        public Tensor forward(Tensor x) {
            return network.forward(x);
        }

        @Override
        public TrainingPass trainingPass(int batch) {
            return network.trainingPass(batch);
        }
    }
}
