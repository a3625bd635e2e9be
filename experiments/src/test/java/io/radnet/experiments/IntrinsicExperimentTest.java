package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The intrinsic-parameters experiment at a tiny size on EJML, on seeded synthetic 28 × 28 images
 * (each class a bright square at its own place, plus noise) so that it needs no data set: the
 * parameter counts, the frozen blocks, the shape of the results and determinism. Accuracy claims
 * belong to the full-size runs.
 */
class IntrinsicExperimentTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final IntrinsicExperiment.Settings TINY =
            new IntrinsicExperiment.Settings(40, 24, 2, 1, 2, 16, 0.002, 0.93, 1e-4, 3);

    /** @return count images of 784 pixels in [0, 1]: class c lights a 6 × 6 square at row 2c + 2, column 2c + 2 */
    private static Dataset images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[count][784];
        double[][] y = new double[count][1];
        for (int s = 0; s < count; s++) {
            int label = s % 10;
            y[s][0] = label;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int col = p % 28;
                boolean lit = row >= 2 * label + 2 && row < 2 * label + 8 && col >= 2 * label + 2 && col < 2 * label + 8;
                x[s][p] = Math.min(1.0, (lit ? 0.8 : 0.0) + 0.2 * random.nextDouble());
            }
        }
        return Dataset.fromRows(EJML, x, y);
    }

    private static IntrinsicExperiment experiment() {
        return new IntrinsicExperiment(EJML, ExperimentListener.NONE, () -> images(40, 1), () -> images(24, 2));
    }

    @Test
    void bothStrategiesReportCountsAccuraciesAndFrozenBlocks() {
        IntrinsicExperiment.Result r = experiment().run(TINY);
        assertEquals(TINY, r.settings());
        assertEquals("ejml", r.backend());
        // Weights and biases: Conv-1 320, Conv-2 9,248, Conv-3 18,496, Conv-4 36,928, FC-1 2,097,664,
        // FC-2 32,832, FC-3 650 = 2,196,138; batch-norm γ and β: 2·(32 + 32 + 64 + 64 + 512 + 64) = 1,536.
        IntrinsicExperiment.Strategy s1 = r.s1();
        assertEquals(2_197_674, s1.totalParameters());
        assertEquals(2_197_674, s1.trainableParameters());
        assertEquals(2_196_138, s1.trainableWeightsAndBiases());
        assertEquals(1_536, s1.trainableBatchNormParameters());
        // Blocks 2 and 4: Conv-3 18,496 + Conv-4 36,928 + FC-2 32,832 + FC-3 650 = 88,906, and the
        // batch norms after Conv-3, Conv-4 and FC-2: 2·(64 + 64 + 64) = 384.
        IntrinsicExperiment.Strategy s2 = r.s2();
        assertEquals(2_197_674, s2.totalParameters());
        assertEquals(89_290, s2.trainableParameters());
        assertEquals(88_906, s2.trainableWeightsAndBiases());
        assertEquals(384, s2.trainableBatchNormParameters());
        assertTrue(r.frozenBlocksUnchanged(), "blocks 1 and 3 must not change while S2 trains blocks 2 and 4");

        assertEquals(2, s1.accuracies().length);
        assertEquals(2, s1.losses().length);
        assertEquals(0, s1.pretrainAccuracies().length);
        assertEquals(2, s2.accuracies().length);
        assertEquals(1, s2.pretrainAccuracies().length);
        for (IntrinsicExperiment.Strategy s : new IntrinsicExperiment.Strategy[] {s1, s2}) {
            assertEquals(Arrays.stream(s.accuracies()).max().orElseThrow(), s.testAccuracy(), 0.0, "the best epoch");
            for (double accuracy : s.accuracies()) {
                assertEquals(0.0, accuracy * 24 - Math.rint(accuracy * 24), 1e-12, "a fraction of the 24 test images");
            }
            for (double loss : s.losses()) {
                assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
            }
        }
    }

    @Test
    void aSeedGivesTheSameRunBitForBit() {
        IntrinsicExperiment.Settings oneEpoch = new IntrinsicExperiment.Settings(40, 24, 1, 1, 1, 16, 0.002, 0.93, 1e-4, 5);
        IntrinsicExperiment.Result a = experiment().run(oneEpoch);
        IntrinsicExperiment.Result b = experiment().run(oneEpoch);
        assertArrayEquals(a.s1().losses(), b.s1().losses(), 0.0);
        assertArrayEquals(a.s2().losses(), b.s2().losses(), 0.0);
        assertArrayEquals(a.s2().accuracies(), b.s2().accuracies(), 0.0);
        assertArrayEquals(a.s2().network().parameters().flatten(), b.s2().network().parameters().flatten(), 0.0);
    }

    @Test
    void badSettingsAndTooFewImagesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntrinsicExperiment.Settings(40, 24, 0, 1, 1, 16, 0.002, 0.93, 1e-4, 1));
        assertEquals("the S1 epochs must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new IntrinsicExperiment.Settings(40, 24, 1, 1, 1, 16, 0.002, 1.5, 1e-4, 1));
        assertTrue(e.getMessage().contains("decay"), e.getMessage());
        IntrinsicExperiment.Settings tooMany = new IntrinsicExperiment.Settings(41, 24, 1, 1, 1, 16, 0.002, 0.93, 1e-4, 1);
        e = assertThrows(IllegalArgumentException.class, () -> experiment().run(tooMany));
        assertEquals("the settings ask for 41 training images but there are 40", e.getMessage());
    }
}
