package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reference's noisy-image scripts 4 and 5 at a small size on EJML: three 64-dimensional
 * synthetic originals (entries uniform in [0, 1], as images scaled to [0, 1]), 20 copies each,
 * and the scripts' 100 epochs (after 30 epochs the radial network still misclassifies a copy or
 * two of some seeds).
 */
class NoisyImageExperimentsTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final int DIMENSION = 64;
    private static final RadialExperiment4.Settings SMALL4 = new RadialExperiment4.Settings(3, 20, 100, 20, 0.8);
    private static final RadialExperiment5.Settings SMALL5 = new RadialExperiment5.Settings(2, 10, 40);

    private static double[][] originals(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][DIMENSION];
        for (double[] row : rows) {
            for (int k = 0; k < DIMENSION; k++) {
                row[k] = random.nextDouble();
            }
        }
        return rows;
    }

    private static double distance(double[] a, int offset, double[] b) {
        double squares = 0.0;
        for (int k = 0; k < b.length; k++) {
            double difference = a[offset + k] - b[k];
            squares += difference * difference;
        }
        return Math.sqrt(squares);
    }

    @Test
    void everyCopyLiesInTheBallOfThreeTimesTheDistanceToTheNearestOtherOriginal() {
        double[][] originals = originals(4, 11);
        NoisyCopies copies = NoisyCopies.draw(originals, 50, NoisyImageRecovery.NOISE_SCALE, 5);

        assertEquals(200, copies.samples());
        for (int i = 0; i < 4; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 4; j++) {
                if (j != i) {
                    nearest = Math.min(nearest, distance(originals[j], 0, originals[i]));
                }
            }
            assertEquals(nearest, copies.radii()[i], 1e-15 * nearest, "r_" + i);
            double farthest = 0.0;
            for (int j = 0; j < 50; j++) {
                int row = i * 50 + j;
                assertEquals(i, copies.labels()[row], 0.0, "label of row " + row);
                double d = distance(copies.inputs(), row * DIMENSION, originals[i]);
                assertTrue(d <= 3 * nearest * (1 + 1e-12), "copy " + j + " of original " + i + " at " + d
                        + " > 3·r_i = " + 3 * nearest);
                farthest = Math.max(farthest, d);
            }
            // uniform in the 64-ball: the length U^(1/64) exceeds 0.9 with probability 1 − 0.9⁶⁴ ≈ 0.9988 per copy
            assertTrue(farthest > 0.9 * 3 * nearest, "the copies fill the ball: the farthest is " + farthest
                    + " of 3·r_i = " + 3 * nearest);
        }
    }

    @Test
    void noisyCopiesAreDeterministicForASeedAndDifferForAnother() {
        double[][] originals = originals(3, 1);
        NoisyCopies a = NoisyCopies.draw(originals, 5, 3.0, 9);
        NoisyCopies b = NoisyCopies.draw(originals, 5, 3.0, 9);
        NoisyCopies c = NoisyCopies.draw(originals, 5, 3.0, 10);

        assertArrayEquals(a.inputs(), b.inputs(), 0.0);
        assertTrue(a.inputs()[0] != c.inputs()[0]);
        assertArrayEquals(originals[0], java.util.Arrays.copyOf(NoisyCopies.draw(originals, 2, 0.0, 9).inputs(),
                DIMENSION), 0.0, "noise scale 0 gives the originals");
    }

    @Test
    void unfitOriginalsAndCountsAreRejectedInOneLine() {
        double[][] good = originals(3, 2);
        List<Runnable> bad = List.of(
                () -> NoisyCopies.draw(new double[][] {good[0]}, 5, 3.0, 1),
                () -> NoisyCopies.draw(new double[][] {good[0], new double[3]}, 5, 3.0, 1),
                () -> NoisyCopies.draw(new double[][] {good[0], good[0].clone()}, 5, 3.0, 1),
                () -> NoisyCopies.draw(new double[][] {good[0], {Double.NaN}}, 5, 3.0, 1),
                () -> NoisyCopies.draw(new double[][] {new double[0], new double[0]}, 5, 3.0, 1),
                () -> NoisyCopies.draw(good, 0, 3.0, 1),
                () -> NoisyCopies.draw(good, 5, -1.0, 1),
                () -> NoisyCopies.draw(good, Integer.MAX_VALUE, 3.0, 1));
        for (Runnable call : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NoisyCopies.draw(new double[][] {good[0], good[0].clone()}, 5, 3.0, 1));
        assertTrue(e.getMessage().contains("originals 0 and 1 coincide"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RadialExperiment4.Settings(1, 1, 1, 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RadialExperiment5.Settings(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RadialExperiment4(EJML, ExperimentListener.NONE)
                .run(good, new RadialExperiment4.Settings(1, 1, 1, 1, 0.2)), "0 of 3 held-out copies for training");
    }

    @Test
    void theDefaultsAreTheScriptsSettings() {
        assertEquals(new RadialExperiment4.Settings(10, 1000, 100, 100, 0.8), RadialExperiment4.Settings.defaults());
        assertEquals(new RadialExperiment5.Settings(5, 10, 300), RadialExperiment5.Settings.defaults());
        assertArrayEquals(new int[] {784, 785, 786, 3}, NoisyImageRecovery.radialWidths(784, 3));
        assertArrayEquals(new int[] {784, 785, 786, 3, 3}, NoisyImageRecovery.reluWidths(784, 3));
    }

    @Test
    void theRadialNetworkLearnsEveryCopyAtLeastAsWellAsTheReluMlpAndCompressesLosslessly() {
        RadialExperiment4.Result result = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals(3, 3), SMALL4);

        assertArrayEquals(new double[] {1.0, 1.0, 1.0}, result.radial().finalAccuracy().perSeed(), 0.0,
                "radial training accuracy");
        assertTrue(result.radial().finalAccuracy().mean() >= result.relu().finalAccuracy().mean(),
                "radial " + result.radial().finalAccuracy() + " vs ReLU " + result.relu().finalAccuracy());
        assertArrayEquals(new int[] {64, 65, 66, 3}, result.radialWidths());
        assertArrayEquals(new int[] {64, 65, 66, 3, 3}, result.reluWidths());
        assertArrayEquals(new int[] {64, 65, 66, 3}, result.compression().reducedWidths(),
                "with layer biases n_red,i = min(n_i, n_red,i−1 + 1) keeps every width");
        assertEquals(48, result.heldOutTraining());
        assertEquals(12, result.heldOutTest());
        for (double relative : result.compression().relativeMaxDifference().perSeed()) {
            assertTrue(relative <= 1e-12, "relative max |F − F_red| = " + relative);
        }
        for (double loss : result.radial().testLoss().perSeed()) {
            assertTrue(Double.isFinite(loss) && loss > 0, "test loss " + loss);
        }
    }

    /**
     * Without layer biases the radial network (64, 65, 66, 3) compresses to (64, 64, 64, 3)
     * losslessly, still learns every copy, and the ReLU MLP's run is the one with biases (same
     * seeds, same data).
     */
    @Test
    void withoutLayerBiasesTheRadialNetworkCompressesToTheInputWidth() {
        RadialExperiment4.Settings biasless = new RadialExperiment4.Settings(2, 20, 100, 20, 0.8, false);
        RadialExperiment4.Result result = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals(3, 3),
                biasless);
        assertArrayEquals(new int[] {64, 65, 66, 3}, result.radialWidths());
        assertArrayEquals(new int[] {64, 64, 64, 3}, result.compression().reducedWidths());
        for (double relative : result.compression().relativeMaxDifference().perSeed()) {
            assertTrue(relative <= 1e-12, "relative max |F − F_red| = " + relative);
        }
        assertArrayEquals(new double[] {1.0, 1.0}, result.radial().finalAccuracy().perSeed(), 0.0,
                "the radial network without biases learns every copy");
        RadialExperiment4.Result withBiases = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals(3, 3),
                new RadialExperiment4.Settings(2, 20, 100, 20, 0.8, true));
        assertArrayEquals(withBiases.relu().finalLoss().perSeed(), result.relu().finalLoss().perSeed(), 0.0,
                "the MLP keeps its biases");
        assertTrue(withBiases.radial().finalLoss().perSeed()[0] != result.radial().finalLoss().perSeed()[0],
                "the radial networks differ");
        RadialExperiment5.Result curves = new RadialExperiment5(EJML, ExperimentListener.NONE).run(originals(3, 3),
                new RadialExperiment5.Settings(1, 10, 20, false));
        assertFalse(curves.settings().layerBiases());
        assertEquals(20, curves.radial().losses()[0].length);
    }

    @Test
    void aSeedDeterminesTheRunBitwise() {
        double[][] originals = originals(3, 4);
        RadialExperiment4.Settings settings = new RadialExperiment4.Settings(2, 5, 5, 5, 0.8);
        RadialExperiment4.Result a = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals, settings);
        RadialExperiment4.Result b = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals, settings);

        assertArrayEquals(a.radial().finalLoss().perSeed(), b.radial().finalLoss().perSeed(), 0.0);
        assertArrayEquals(a.relu().finalLoss().perSeed(), b.relu().finalLoss().perSeed(), 0.0);
        assertArrayEquals(a.radial().testLoss().perSeed(), b.radial().testLoss().perSeed(), 0.0);
        assertArrayEquals(a.relu().testLoss().perSeed(), b.relu().testLoss().perSeed(), 0.0);
        assertTrue(a.radial().finalLoss().perSeed()[0] != a.radial().finalLoss().perSeed()[1], "seeds 1 and 2 differ");
    }

    @Test
    void experiment5GivesEveryEpochsLossOfBothModels() {
        RadialExperiment5.Result result = new RadialExperiment5(EJML, ExperimentListener.NONE).run(originals(3, 5), SMALL5);

        for (RadialExperiment5.Curves curves : List.of(result.radial(), result.relu())) {
            assertEquals(2, curves.losses().length);
            for (double[] seed : curves.losses()) {
                assertEquals(40, seed.length);
                for (double loss : seed) {
                    assertTrue(Double.isFinite(loss) && loss >= 0, "loss " + loss);
                }
            }
        }
        for (double[] seed : result.radial().losses()) {
            assertTrue(seed[39] < seed[0], "the radial loss falls: " + seed[0] + " → " + seed[39]);
        }
        assertArrayEquals(new double[] {1.0, 1.0}, result.radial().finalAccuracy(), 0.0);
        RadialExperiment5.Result again = new RadialExperiment5(EJML, ExperimentListener.NONE).run(originals(3, 5), SMALL5);
        assertArrayEquals(result.relu().losses()[1], again.relu().losses()[1], 0.0);
    }

    @Test
    void resultsAreJsonWithTheStatisticsAsMeanStdAndPerSeed() throws Exception {
        RadialExperiment4.Result result = new RadialExperiment4(EJML, ExperimentListener.NONE).run(originals(3, 6),
                new RadialExperiment4.Settings(2, 3, 2, 5, 0.8));
        JsonNode json = new ObjectMapper().readTree(ExperimentJson.write(result));

        for (String model : List.of("radial", "relu")) {
            for (String statistic : List.of("finalLoss", "finalAccuracy", "testLoss", "testAccuracy")) {
                JsonNode node = json.get(model).get(statistic);
                assertTrue(node.get("mean").isNumber() && node.get("std").isNumber(), model + "." + statistic);
                assertEquals(2, node.get("perSeed").size(), model + "." + statistic);
            }
        }
        RadialExperiment4.Settings read = ExperimentJson.readSettings("{\"copies\" : 7}",
                RadialExperiment4.Settings.defaults());
        assertEquals(7, read.copies());
        assertEquals(RadialExperiment4.Settings.DEFAULT_EPOCHS, read.epochs());
    }
}
