package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.data.HypernetworkTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameter-sharing experiments at tiny sizes on EJML, from Java and through
 * {@code radnet experiment}. Only robust trends are asserted: every model's training loss falls
 * from the first epoch to the last, the reported parameter counts follow the papers'
 * definitions, and the reports are complete. No statistical comparison between models is
 * asserted (that is what the full-size runs in the docs are for).
 */
class SharingExperimentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static SharingExperiments experiments() {
        return new SharingExperiments(Backends.get("ejml"), ExperimentProgress.NONE);
    }

    private static void assertFalls(double[] first, double[] last, String what) {
        for (int s = 0; s < first.length; s++) {
            assertTrue(last[s] < first[s], what + ", seed " + (s + 1) + ": training loss " + first[s] + " → " + last[s]);
        }
    }

    @Test
    void hypernetTrainsBothModelsAndCountsTheirParameters() {
        SharingExperiments.HypernetSettings s = new SharingExperiments.HypernetSettings(
                List.of(HypernetworkTargets.Type.values()), new int[] {1, 2}, 2, 3, 3, 8, 4, 400, 100, 8, 50, 0.01);
        SharingExperiments.HypernetResult r = experiments().hypernet(s);
        assertEquals(6, r.rows().size());
        for (SharingExperiments.HypernetRow row : r.rows()) {
            SharingExperiments.ModelResult h = row.hypernetwork();
            SharingExperiments.ModelResult e = row.embedding();
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
            for (double mse : h.testMse()) {
                assertTrue(Double.isFinite(mse) && mse > 0);
            }
        }
    }

    @Test
    void rcnetTrainsForEveryRAndKeepsTheParameterCount() {
        SharingExperiments.RcnetSettings s = new SharingExperiments.RcnetSettings(new int[] {1, 2, 3}, 2, 8, 400, 200, 6,
                50, 0.002, 8, 2, 400, 200, 6, 50, 0.005);
        SharingExperiments.RcnetResult r = experiments().rcnet(s);
        assertEquals(3, r.rows().size());
        for (SharingExperiments.RcnetRow row : r.rows()) {
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
    void theCommandsPrintJsonTablesAndCharts(@TempDir Path plots) throws IOException {
        CliRun hyper = CliRun.run(UNUSED, "experiment", "hypernet", "--backend", "ejml", "--json", "--seeds", "1",
                "--types", "I,III", "--depths", "1,2", "--train", "200", "--test", "50", "--epochs", "2");
        assertEquals(0, hyper.exitCode(), hyper.err());
        JsonNode report = JSON.readTree(hyper.out());
        assertEquals("hypernet", report.get("experiment").asText());
        assertEquals(4, report.get("rows").size());
        JsonNode row = report.get("rows").get(0);
        assertEquals("I", row.get("type").asText());
        assertEquals(1, row.get("hypernetwork").get("testMse").size());
        assertTrue(row.get("hypernetwork").get("std").isNull(), "one seed has no standard deviation");
        assertEquals(200, report.get("settings").get("trainSamples").asInt());

        CliRun rc = CliRun.run(UNUSED, "experiment", "rcnet", "--backend", "ejml", "--seeds", "2", "-r", "1,2",
                "--train", "200", "--test", "100", "--epochs", "3", "--width", "6", "--spiral-width", "5",
                "--plot", plots.toString());
        assertEquals(0, rc.exitCode(), rc.err());
        assertTrue(rc.out().startsWith("radnet experiment rcnet"), rc.out());
        assertTrue(rc.out().contains(SharingReport.RCNET_CLAIM), rc.out());
        for (String png : new String[] {"rcnet-errors.png", "rcnet-spiral-accuracy.png", "rcnet-training-loss.png"}) {
            Path file = plots.resolve(png);
            assertTrue(Files.size(file) > 1000, png);
            assertTrue(rc.out().contains("wrote " + file), rc.out());
        }
    }

    @Test
    void badOptionsExitWithTwoNamingTheValue() {
        CliRun zero = CliRun.run(UNUSED, "experiment", "rcnet", "-r", "1,0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("r must be at least 1, got 0"), zero.err());
        CliRun type = CliRun.run(UNUSED, "experiment", "hypernet", "--types", "IV");
        assertEquals(2, type.exitCode());
        assertTrue(type.err().contains("unknown target type 'IV'"), type.err());
        CliRun odd = CliRun.run(UNUSED, "experiment", "rcnet", "--train", "301");
        assertEquals(2, odd.exitCode());
        assertTrue(odd.err().contains("301"), odd.err());
        CliRun none = CliRun.run(UNUSED, "experiment");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("missing experiment"), none.err());
        CliRun plot = CliRun.run(UNUSED, "experiment", "hypernet", "--plot", "/nonexistent/radnet-plots");
        assertEquals(2, plot.exitCode());
        assertTrue(plot.err().contains("/nonexistent/radnet-plots is not an existing directory"), plot.err());
        CliRun seeds = CliRun.run(UNUSED, "experiment", "hypernet", "--seeds", "0");
        assertEquals(2, seeds.exitCode());
        assertTrue(seeds.err().contains("--seeds must be at least 1, got 0"), seeds.err());
    }
}
