package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.HypernetworkTargets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parameter-sharing experiments at tiny sizes on EJML. Only robust trends are asserted:
 * every model's training loss falls from the first epoch to the last, the reported parameter
 * counts follow the papers' definitions, and the results are complete. No statistical
 * comparison between models is asserted (that is what the full-size runs in the docs are for).
 */
class SharingExperimentsTest {
    private static final Backend EJML = Backends.get("ejml");

    private static void assertFalls(double[] first, double[] last, String what) {
        for (int s = 0; s < first.length; s++) {
            assertTrue(last[s] < first[s], what + ", seed " + (s + 1) + ": training loss " + first[s] + " → " + last[s]);
        }
    }

    @Test
    void hypernetTrainsBothModelsAndCountsTheirParameters() {
        HypernetExperiment.Settings s = new HypernetExperiment.Settings(
                List.of(HypernetworkTargets.Type.values()), new int[] {1, 2}, 2, 3, 3, 8, 4, 400, 100, 8, 50, 0.01);
        HypernetExperiment.Result r = new HypernetExperiment(EJML, ExperimentListener.NONE).run(s);
        assertEquals(6, r.rows().size());
        assertEquals(s, r.settings());
        assertEquals("ejml", r.backend());
        assertEquals(RadnetVersion.current(), r.radnetVersion());
        for (HypernetExperiment.Row row : r.rows()) {
            HypernetExperiment.ModelResult h = row.hypernetwork();
            HypernetExperiment.ModelResult e = row.embedding();
            int ng = 3 * 4 + 4 * 1;
            assertEquals(ng, h.primaryParameters(), "N_g of the bias-free primary 3 → 4 → 1");
            int nf = row.depth() == 1 ? 3 * ng + ng : (3 * 8 + 8) + (8 * ng + ng);
            assertEquals(nf, h.generatorParameters(), "N_f");
            assertEquals(nf, h.trainedParameters(), "only f is trained");
            assertEquals(nf, e.generatorParameters(), "e has f's architecture: N_e = N_f");
            assertEquals((3 + ng) * 4 + 4 + 4 + 1, e.primaryParameters(), "N_q");
            assertEquals(e.generatorParameters() + e.primaryParameters(), e.trainedParameters());
            assertFalls(h.firstEpochLoss(), h.lastEpochLoss(), "hypernetwork " + row.type() + " k=" + row.depth());
            assertFalls(e.firstEpochLoss(), e.lastEpochLoss(), "embedding " + row.type() + " k=" + row.depth());
            assertEquals(8, h.lossCurve().length, "one mean loss per epoch");
            for (double mse : h.testMse()) {
                assertTrue(Double.isFinite(mse) && mse > 0);
            }
        }
    }

    @Test
    void rcnetTrainsForEveryRAndKeepsTheParameterCount() {
        RcnetExperiment.Settings s = new RcnetExperiment.Settings(new int[] {1, 2, 3}, 2, 8, 400, 200, 6,
                50, 0.002, 8, 2, 400, 200, 6, 50, 0.005);
        RcnetExperiment.Result r = new RcnetExperiment(EJML, ExperimentListener.NONE).run(s);
        assertEquals(3, r.rows().size());
        for (RcnetExperiment.Row row : r.rows()) {
            assertEquals(8 * 8 + 5 * 8 + 1, row.parameters(), "n² + 5n + 1 for one output, whatever r");
            assertEquals(8 * 8 + 6 * 8 + 2, row.spiralParameters(), "the paper's n² + 6n + 2");
            double[] curve = row.approximationLossCurve();
            assertTrue(curve[curve.length - 1] < curve[0], "r = " + row.repetitions() + ": MSE curve " + curve[0] + " → "
                    + curve[curve.length - 1]);
            double[] ce = row.spiralLossCurve();
            assertTrue(ce[ce.length - 1] < ce[0], "r = " + row.repetitions() + ": cross-entropy " + ce[0] + " → "
                    + ce[ce.length - 1]);
            for (int seed = 0; seed < 2; seed++) {
                assertTrue(row.maxError()[seed] * row.maxError()[seed] >= row.testMse()[seed], "max² ≥ mean of squares");
                assertTrue(row.accuracy()[seed] >= 0 && row.accuracy()[seed] <= 1);
            }
        }
    }

    @Test
    void theDefaultsAreRadnetsScaledSizes() {
        HypernetExperiment.Settings h = HypernetExperiment.Settings.defaults();
        assertEquals(List.of(HypernetworkTargets.Type.I, HypernetworkTargets.Type.II, HypernetworkTargets.Type.III),
                h.types());
        assertArrayEquals(new int[] {1, 2, 3, 4}, h.depths());
        assertEquals(List.of(3, 8, 8, 32, 10, 10_000, 1000, 50, 200), List.of(h.seeds(), h.xWidth(), h.iWidth(),
                h.hiddenWidth(), h.primaryHidden(), h.trainSamples(), h.testSamples(), h.epochs(), h.batchSize()));
        assertEquals(0.01, h.learningRate());
        RcnetExperiment.Settings r = RcnetExperiment.Settings.defaults();
        assertArrayEquals(new int[] {1, 2, 3, 4}, r.repetitions());
        assertEquals(List.of(3, 50, 10_000, 2000, 150, 100, 30, 8, 10_000, 2000, 150, 100), List.of(r.seeds(),
                r.approximationWidth(), r.approximationTrain(), r.approximationTest(), r.approximationEpochs(),
                r.approximationBatch(), r.spiralWidth(), r.spiralHalfTurns(), r.spiralTrain(), r.spiralTest(),
                r.spiralEpochs(), r.spiralBatch()));
        assertEquals(0.002, r.approximationRate());
        assertEquals(0.001, r.spiralRate());
    }

    @Test
    void theSettingsCopyTheirArraysAndRejectBadValuesNamingThem() {
        int[] depths = {1, 2};
        HypernetExperiment.Settings h = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I), depths,
                1, 3, 3, 8, 4, 10, 10, 1, 5, 0.01);
        depths[0] = 7;
        h.depths()[1] = 9;
        assertArrayEquals(new int[] {1, 2}, h.depths());
        assertEquals("Type III targets need d_x = d_I, got 3 and 4", assertThrows(IllegalArgumentException.class,
                () -> new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.III), new int[] {1}, 1, 3, 4, 8,
                        4, 10, 10, 1, 5, 0.01)).getMessage());
        assertEquals("the number of compositions r must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> new RcnetExperiment.Settings(new int[] {1, 0}, 1, 8, 10, 10, 1,
                        5, 0.002, 8, 2, 10, 10, 1, 5, 0.001)).getMessage());
        assertEquals("the spiral sample counts must be even and at least 2, got 301 training and 10 test samples",
                assertThrows(IllegalArgumentException.class, () -> new RcnetExperiment.Settings(new int[] {1}, 1, 8,
                        10, 10, 1, 5, 0.002, 8, 2, 301, 10, 1, 5, 0.001)).getMessage());
        assertEquals("a learning rate must be finite and positive, got NaN", assertThrows(
                IllegalArgumentException.class, () -> new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                        new int[] {1}, 1, 3, 3, 8, 4, 10, 10, 1, 5, Double.NaN)).getMessage());
    }
}
