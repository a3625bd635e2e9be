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
import io.radnet.experiments.HypernetExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet experiment hypernet|rcnet} at tiny sizes on EJML: the JSON, text and chart
 * outputs are complete, and bad options exit with 2 naming the value. The experiments
 * themselves are tested in the experiments module.
 */
class ExperimentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @Test
    void withoutBackendTheRunGoesToTheSizeAwareDefaultForItsWorkAndTheReportNamesIt() throws IOException {
        // Type I, depth 2: f = (8, 32, 90) on one batch of 200, largest product 576,000 (native).
        String[] args = {"experiment", "hypernet", "--json", "--seeds", "1", "--types", "I", "--depths", "2",
            "--train", "200", "--test", "20", "--epochs", "1"};
        HypernetExperiment.Settings settings = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                new int[] {2}, 1, 8, 8, 32, 10, 200, 20, 1, 200, 0.01);
        String expected = Backends.defaultBackendFor(settings.workload(), Runtime.getRuntime().availableProcessors()).name();
        CliRun chosen = CliRun.run(UNUSED, args);
        assertEquals(0, chosen.exitCode(), chosen.err());
        assertEquals(expected, JSON.readTree(chosen.out()).get("backend").asText(), "the report says which backend ran");
        assertEquals(expected, JSON.readTree(CliRun.run(UNUSED, args).out()).get("backend").asText(),
                "the same choice every time");

        String[] named = Arrays.copyOf(args, args.length + 2);
        named[args.length] = "--backend";
        named[args.length + 1] = "ejml";
        CliRun ejml = CliRun.run(UNUSED, named);
        assertEquals(0, ejml.exitCode(), ejml.err());
        assertEquals("ejml", JSON.readTree(ejml.out()).get("backend").asText(), "--backend is never overridden by size");

        CliRun small = CliRun.run(UNUSED, "experiment", "rcnet", "--seeds", "1", "-r", "1", "--train", "20", "--test",
                "10", "--epochs", "1", "--width", "4", "--spiral-width", "3");
        assertEquals(0, small.exitCode(), small.err());
        assertTrue(small.out().contains(" on backend " + Backends.defaultBackend().name() + " "), small.out());
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
