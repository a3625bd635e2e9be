package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.optim.DivergenceRule;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingDivergedException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When an epoch diverges, {@link Trainer} restores the network's batch-norm running statistics
 * and batch counts ({@link SequentialNetwork#trainingState()}) with its parameters, bit for bit.
 */
class DivergenceRestoresStatisticsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aDivergedEpochLeavesTheRunningStatisticsAsTheyWere(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork net = SequentialNetwork.builder(b, FeatureShape.maps(1, 5, 5), 3)
                .block("features").conv2d(2, 2).batchNorm2d().relu().flatten()
                .block("head").linear(4).batchNorm1d().relu().linear(3)
                .build();
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = new double[24][25];
        double[][] y = new double[24][1];
        for (int s = 0; s < x.length; s++) {
            for (int j = 0; j < 25; j++) {
                x[s][j] = random.nextGaussian();
            }
            y[s][0] = random.nextInt(3);
        }
        Dataset data = Dataset.fromRows(b, x, y);
        Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.01).build(), data)
                .batchSize(8).maxEpochs(1).build().train();
        double[] parameters = net.parameters().flatten();
        double[] state = net.trainingState().flatten();
        BatchNorm norm = (BatchNorm) net.layers().get(1);
        assertEquals(3, norm.batchesTracked(), "three batches of the first run");

        Trainer diverging = Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.01).build(), data)
                .batchSize(8).maxEpochs(1).divergenceRule(new DivergenceRule(1e6, 1e3, 1e-3)).build();
        assertThrows(TrainingDivergedException.class, diverging::train, "γ = 1 is above the parameter limit 1e-3");

        assertArrayEquals(bits(parameters), bits(net.parameters().flatten()), "the parameters are restored");
        assertArrayEquals(bits(state), bits(net.trainingState().flatten()),
                "the running means, variances and batch counts are restored");
        assertEquals(3, norm.batchesTracked());
        assertEquals(6, net.trainingState().tensors().size(), "two batch norms, three state tensors each");
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
