package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The radial paper's three experiments run from Java with few seeds on EJML. */
class RadialExperimentsTest {
    private static final Backend EJML = Backends.get("ejml");

    /** Records what the experiments report as progress. */
    private static final class RecordingListener implements ExperimentListener {
        final List<String> events = new ArrayList<>();

        @Override
        public Task start(String name, long total) {
            events.add("start " + name.strip() + " /" + total);
            return new Task() {
                @Override
                public void stepTo(long done, String message) {
                    events.add("step " + done);
                }

                @Override
                public void finish(long done, String message) {
                    events.add("finish " + done);
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        }
    }

    @Test
    void summaryIsTheMeanAndTheSampleStandardDeviation() {
        Summary s = Summary.of(new double[] {1, 2, 3, 4});

        assertEquals(2.5, s.mean());
        assertEquals(Math.sqrt(5.0 / 3.0), s.std(), 1e-15, "divisor N − 1");
        assertTrue(Double.isNaN(Summary.of(new double[] {7}).std()));
        assertEquals(7, Summary.of(new double[] {7}).mean());
        assertThrows(IllegalArgumentException.class, () -> Summary.of(new double[0]));
    }

    @Test
    void theDefaultsAreThePapersSettings() {
        assertEquals(new RadialExperiment1.Settings(10), RadialExperiment1.Settings.defaults());
        assertEquals(new RadialExperiment2.Settings(10, 3000), RadialExperiment2.Settings.defaults());
        assertEquals(new RadialExperiment3.Settings(3, 0.01, 5000), RadialExperiment3.Settings.defaults());
        assertTrue(RadialExperiment3.Settings.defaults().papersStoppingRules());
        assertTrue(!new RadialExperiment3.Settings(3, 0.4, 5000).papersStoppingRules());
    }

    @Test
    void experiment1IsDeterministicPerSeedAndLosslessToRounding() {
        RadialExperiment1 experiment = new RadialExperiment1(EJML);

        RadialExperiment1.Result twoSeeds = experiment.run(new RadialExperiment1.Settings(2));
        RadialExperiment1.Result threeSeeds = experiment.run(new RadialExperiment1.Settings(3));

        assertEquals(twoSeeds.meanDifference()[0], threeSeeds.meanDifference()[0]);
        assertEquals(twoSeeds.meanDifference()[1], threeSeeds.meanDifference()[1]);
        assertArrayEquals(new int[] {1, 6, 7, 1}, threeSeeds.widths());
        assertArrayEquals(new int[] {1, 2, 3, 1}, threeSeeds.reducedWidths());
        for (int s = 0; s < 3; s++) {
            assertTrue(threeSeeds.meanDifference()[s] <= threeSeeds.maxDifference()[s]);
            assertTrue(threeSeeds.maxDifference()[s] <= 1e-12, "Theorem 5 to rounding");
        }
        assertEquals("ejml", threeSeeds.backend());
        assertEquals(RadnetVersion.current(), threeSeeds.radnetVersion());
        assertEquals(RadnetVersion.commit(), threeSeeds.radnetCommit());
        assertEquals(new RadialExperiment1.Settings(3), threeSeeds.settings());
    }

    @Test
    void experiment2ReportsOneStepPerSeedAndTracksTheReducedNetwork() {
        RecordingListener listener = new RecordingListener();

        RadialExperiment2.Result e = new RadialExperiment2(EJML, listener).run(new RadialExperiment2.Settings(2, 20));

        assertEquals(List.of("start experiment 2, 20 epochs × 2 seeds /2", "step 1", "step 2", "finish 2", "close"),
                listener.events);
        for (int s = 0; s < 2; s++) {
            assertTrue(e.lossDifference()[s] <= 1e-12, "|L − L_red| of seed " + (s + 1));
            assertTrue(e.maxProjectionError()[s] <= 1e-12, "projection error of seed " + (s + 1));
            assertTrue(e.finalLoss()[s] > 0);
        }
        assertEquals(20, e.settings().epochs());
        assertEquals(TrainingPass.Method.DENSE, e.fullTrainingPass());
        assertEquals(TrainingPass.Method.DENSE, e.reducedTrainingPass());
    }

    @Test
    void experiment3ReportsOneTaskPerRunReducedFirstAndClosesEach() {
        RecordingListener listener = new RecordingListener();

        RadialExperiment3.Result e = new RadialExperiment3(EJML, listener)
                .run(new RadialExperiment3.Settings(1, 0.45, 50));

        assertEquals(StopReason.TARGET_LOSS, e.full()[0].stopReason());
        assertEquals(StopReason.TARGET_LOSS, e.reduced()[0].stopReason());
        assertTrue(e.allReachedTarget());
        List<String> taskEvents = listener.events.stream().filter(event -> !event.startsWith("step")).toList();
        assertEquals(List.of(
                "start experiment 3, seed 1/1, reduced /50", "finish " + e.reduced()[0].epochs(), "close",
                "start experiment 3, seed 1/1, full /50", "finish " + e.full()[0].epochs(), "close"), taskEvents);
        assertEquals(e.full()[0].seconds() / e.reduced()[0].seconds(), e.speedups()[0]);
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 2}, e.reducedWidths());
        assertEquals(e.reduced()[0].epochs(), e.reduced()[0].losses().length);
        assertEquals(Backprop.DENSE, e.settings().backprop(), "the paper's pass by default");
        assertEquals(TrainingPass.Method.FUSED, e.full()[0].trainingPass(), "EJML's fused kernel for the dense pass");
        assertEquals(TrainingPass.Method.FUSED, e.reduced()[0].trainingPass());
    }

    @Test
    void experiment3WithTheSubspacePassTrainsTheFullNetworkToTheSameLossesAndSaysSo() {
        RadialExperiment3.Result dense = new RadialExperiment3(EJML, ExperimentListener.NONE)
                .run(new RadialExperiment3.Settings(1, 0.45, 50, Backprop.DENSE));
        RadialExperiment3.Result subspace = new RadialExperiment3(EJML, ExperimentListener.NONE)
                .run(new RadialExperiment3.Settings(1, 0.45, 50, Backprop.SUBSPACE));

        assertEquals(TrainingPass.Method.SUBSPACE, subspace.full()[0].trainingPass());
        assertEquals(TrainingPass.Method.FUSED, subspace.reduced()[0].trainingPass(), "the reduced network is untouched");
        assertEquals(dense.full()[0].epochs(), subspace.full()[0].epochs());
        double[] expected = dense.full()[0].losses();
        double[] actual = subspace.full()[0].losses();
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], actual[e], 1e-10 * expected[e], "MSE of epoch " + (e + 1));
        }
        assertArrayEquals(dense.reduced()[0].losses(), subspace.reduced()[0].losses());
    }

    @Test
    void badSettingsAreRejectedWithOneLineNamingTheValue() {
        assertEquals("the number of seeds must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RadialExperiment1.Settings(0)).getMessage());
        assertEquals("experiment 2 needs at least 1 epoch, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RadialExperiment2.Settings(1, 0)).getMessage());
        assertEquals("experiment 3 needs a finite positive target loss, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new RadialExperiment3.Settings(1, 0.0, 10))
                        .getMessage());
        assertEquals("experiment 3 needs an epoch limit of at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new RadialExperiment3.Settings(1, 0.01, 0))
                        .getMessage());
    }
}
