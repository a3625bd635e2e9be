package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.cli.PaperExperiments.Summary;
import io.radnet.core.optim.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PaperExperiments} called directly with few seeds, and the number formatting of
 * {@link ReproduceReport}.
 */
class PaperExperimentsTest {
    private static final Backend EJML = Backends.get("ejml");

    /** Records what the experiments report as progress. */
    private static final class RecordingProgress implements ExperimentProgress {
        final List<String> events = new ArrayList<>();

        @Override
        public Task start(String name, long total) {
            events.add("start " + name.strip() + " /" + total);
            return new Task() {
                @Override
                public void stepTo(long done, String message) {
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
    void experiment1IsDeterministicPerSeed() {
        PaperExperiments paper = new PaperExperiments(EJML, ExperimentProgress.NONE);

        PaperExperiments.Experiment1 twoSeeds = paper.experiment1(2);
        PaperExperiments.Experiment1 threeSeeds = paper.experiment1(3);

        assertEquals(twoSeeds.meanDifference()[0], threeSeeds.meanDifference()[0]);
        assertEquals(twoSeeds.meanDifference()[1], threeSeeds.meanDifference()[1]);
        assertArrayEquals(new int[] {1, 2, 3, 1}, threeSeeds.reducedWidths());
        for (int s = 0; s < 3; s++) {
            assertTrue(threeSeeds.meanDifference()[s] <= threeSeeds.maxDifference()[s]);
        }
    }

    @Test
    void experiment3ReportsOneTaskPerRunReducedFirstAndClosesEach() {
        RecordingProgress progress = new RecordingProgress();

        PaperExperiments.Experiment3 e = new PaperExperiments(EJML, progress).experiment3(1, 0.45, 50);

        assertEquals(StopReason.TARGET_LOSS, e.full()[0].stopReason());
        assertEquals(StopReason.TARGET_LOSS, e.reduced()[0].stopReason());
        assertTrue(e.allReachedTarget());
        assertEquals(List.of(
                "start experiment 3, seed 1/1, reduced /50", "finish " + e.reduced()[0].epochs(), "close",
                "start experiment 3, seed 1/1, full /50", "finish " + e.full()[0].epochs(), "close"), progress.events);
        assertEquals(e.full()[0].seconds() / e.reduced()[0].seconds(), e.speedups()[0]);
    }

    @Test
    void badArgumentsAreRejected() {
        PaperExperiments paper = new PaperExperiments(EJML, ExperimentProgress.NONE);

        assertThrows(IllegalArgumentException.class, () -> paper.experiment1(0));
        assertThrows(IllegalArgumentException.class, () -> paper.experiment2(1, 0));
        assertThrows(IllegalArgumentException.class, () -> paper.experiment3(1, 0.0, 10));
        assertThrows(IllegalArgumentException.class, () -> paper.experiment3(1, 0.01, 0));
    }

    @Test
    void smallNumbersAreWrittenLikeThePapersFigures() {
        assertEquals("1.31e-8", ReproduceReport.sci(1.31e-8));
        assertEquals("3.08e-17", ReproduceReport.sci(3.0812e-17));
        assertEquals("2.50e0", ReproduceReport.sci(2.5));
        assertEquals("0", ReproduceReport.sci(0.0));
    }
}
