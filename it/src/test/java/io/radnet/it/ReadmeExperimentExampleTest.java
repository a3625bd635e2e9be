package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backends;
import io.radnet.core.optim.StopReason;
import io.radnet.experiments.ExperimentJson;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RadnetVersion;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The README's "From Java" example of the experiments library, line for line (printing into a
 * string instead of {@code System.out}): experiment 3 of the radial paper with two seeds and a
 * loose target, on EJML. Its output is the block the README shows, and the epoch counts are
 * the ones {@code ./radnet reproduce -e 3 -n 2 --target-loss 0.1} prints.
 */
class ReadmeExperimentExampleTest {
    @Test
    void theReadmeExperimentExamplePrintsWhatTheReadmeShows() throws IOException {
        StringBuilder out = new StringBuilder();

        RadialExperiment3.Settings settings = ExperimentJson.readSettings(
                "{\"seeds\": 2, \"targetLoss\": 0.1}", RadialExperiment3.Settings.defaults());
        RadialExperiment3.Result result = new RadialExperiment3(Backends.get("ejml"), ExperimentListener.NONE)
                .run(settings);
        for (int s = 0; s < settings.seeds(); s++) {
            out.append(String.format(Locale.ROOT, "seed %d: full %d epochs, reduced %d epochs%n", s + 1,
                    result.full()[s].epochs(), result.reduced()[s].epochs()));
        }
        out.append(result.backend() + ", reduced widths " + Arrays.toString(result.reducedWidths())
                + System.lineSeparator());

        assertEquals(new RadialExperiment3.Settings(2, 0.1, 5000), settings, "maxEpochs keeps its default");
        assertEquals(RadnetVersion.current(), result.radnetVersion());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 2}, result.reducedWidths());
        assertTrue(result.allReachedTarget() && result.full()[0].stopReason() == StopReason.TARGET_LOSS);
        String expected = String.join(System.lineSeparator(),
                "seed 1: full 80 epochs, reduced 123 epochs",
                "seed 2: full 95 epochs, reduced 131 epochs",
                "ejml, reduced widths [2, 3, 4, 5, 6, 2]", "");
        assertEquals(expected, out.toString());
        String readme = ReadmeFile.text();
        assertTrue(readme.contains("```\n" + expected.replace(System.lineSeparator(), "\n") + "```\n"),
                "README.md shows this output block:\n" + out);
    }
}
