package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingCheckpoint;
import io.radnet.core.optim.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Early stopping leaves the network with the batch-norm running statistics of its best epoch
 * beside that epoch's parameters, and checkpoints carry the statistics so that a resumed run
 * continues bit for bit.
 */
class EarlyStoppingRestoresStatisticsTest {
    private static SequentialNetwork network(Backend b) {
        return SequentialNetwork.builder(b, FeatureShape.vector(6), 3)
                .block("body").linear(5).batchNorm1d().relu()
                .block("head").linear(3)
                .build();
    }

    /** Training labels and validation labels that disagree, so validation loss grows after the first epochs. */
    private static Dataset data(Backend b, long seed, boolean flipped) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[32][6];
        double[][] y = new double[32][1];
        for (int s = 0; s < x.length; s++) {
            for (int j = 0; j < 6; j++) {
                x[s][j] = random.nextGaussian();
            }
            int label = x[s][0] > 0 ? 1 : 0;
            y[s][0] = flipped ? 1 - label : label;
        }
        return Dataset.fromRows(b, x, y);
    }

    private static Trainer.Builder builder(SequentialNetwork net, Backend b) {
        return Trainer.builder(net, new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.05).build(), data(b, 1, false))
                .batchSize(8).seed(5).maxEpochs(12).validation(data(b, 1, true)).earlyStopping(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theBestEpochsStatisticsComeBackWithItsParameters(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork net = network(b);
        List<TrainingCheckpoint> taken = new ArrayList<>();
        TrainingResult result = builder(net, b).checkpoints(1, taken::add).build().train();
        int best = result.modelEpoch();
        assertFalse(best == result.epochs(), "validation on flipped labels worsens, so the run ends after its best epoch ("
                + best + " of " + result.epochs() + ")");
        TrainingCheckpoint atBest = taken.get(best - 1);
        TrainingCheckpoint last = taken.get(taken.size() - 1);
        assertNotNull(atBest.trainingState(), "a checkpoint of a network with batch norm holds its statistics");
        assertArrayEquals(atBest.parameters(), net.parameters().flatten(), 0.0, "the best epoch's parameters");
        assertArrayEquals(atBest.trainingState(), net.trainingState().flatten(), 0.0,
                "the best epoch's running statistics and batch count");
        assertArrayEquals(atBest.trainingState(), last.bestTrainingState(), 0.0, "the last checkpoint's best state");
        assertFalse(Arrays.equals(last.trainingState(), atBest.trainingState()), "the statistics moved after the best epoch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aRunResumedFromACheckpointEndsWithTheStatisticsOfAnUninterruptedOne(String backend) {
        Backend b = Backends.get(backend);
        SequentialNetwork whole = network(b);
        List<TrainingCheckpoint> taken = new ArrayList<>();
        builder(whole, b).checkpoints(1, taken::add).build().train();

        SequentialNetwork resumed = network(b);
        builder(resumed, b).resumeFrom(taken.get(0)).build().train();
        assertArrayEquals(whole.parameters().flatten(), resumed.parameters().flatten(), 0.0, "the parameters");
        assertArrayEquals(whole.trainingState().flatten(), resumed.trainingState().flatten(), 0.0,
                "the running statistics and batch counts");
        assertEquals(taken.get(taken.size() - 1).epoch(), taken.size(), "one checkpoint per epoch");
    }
}
