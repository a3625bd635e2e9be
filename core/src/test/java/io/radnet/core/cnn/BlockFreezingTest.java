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
import io.radnet.core.network.ParameterVector;
import io.radnet.core.optim.LearningRateSchedule;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training some blocks of a {@link SequentialNetwork} (the intrinsic paper's strategy S2): with
 * {@link Trainer.Builder#trainOnly} on the trained blocks' parameters and
 * {@link SequentialNetwork#setTraining} false on the others, the frozen blocks' parameters,
 * batch-norm running statistics and batch counts stay bitwise unchanged, while the trained
 * blocks' parameters and statistics move.
 */
class BlockFreezingTest {
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

    /** @return every parameter and batch-norm state of the block's layers, as raw bits */
    private static long[] state(Block block) {
        List<Double> values = new ArrayList<>();
        for (Layer layer : block.layers()) {
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
    void frozenBlocksKeepTheirParametersAndStatisticsBitForBit(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork net = network(b);
        Dataset data = images(b);
        Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.01).build(), data)
                .batchSize(16).maxEpochs(1).build().train();
        long[] first = state(net.block("first"));
        long[] third = state(net.block("third"));
        long[] second = state(net.block("second"));
        long[] fourth = state(net.block("fourth"));

        net.setTraining("first", false);
        net.setTraining("third", false);
        List<Tensor> trained = new ArrayList<>(net.block("second").parameters());
        trained.addAll(net.block("fourth").parameters());
        ParameterVector part = ParameterVector.of(trained);
        LearningRateSchedule paper = LearningRateSchedule.perEpoch(LearningRateSchedule.exponentialDecay(0.002, 0.93),
                data.batchesPerEpoch(16));
        Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().schedule(paper).weightDecay(1e-4).build(), data)
                .batchSize(16).seed(2).maxEpochs(3).trainOnly(part).build().train();

        assertArrayEquals(first, state(net.block("first")), "block 'first' is frozen");
        assertArrayEquals(third, state(net.block("third")), "block 'third' is frozen");
        assertFalse(java.util.Arrays.equals(second, state(net.block("second"))), "block 'second' trains");
        assertFalse(java.util.Arrays.equals(fourth, state(net.block("fourth"))), "block 'fourth' trains");
        BatchNorm trainedNorm = (BatchNorm) net.block("second").layers().get(1);
        assertEquals(4 + 3 * 4, trainedNorm.batchesTracked(), "one epoch of 4 batches, then three more");
        assertEquals(part.size(), net.block("second").parameterCount() + net.block("fourth").parameterCount());
        assertTrue(part.size() < net.parameters().size());
    }
}
