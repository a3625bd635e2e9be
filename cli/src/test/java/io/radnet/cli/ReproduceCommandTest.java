package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code radnet reproduce} on the EJML backend, with few seeds: experiments 1 and 2 at the
 * paper's settings, experiment 3 shortened to a loose target loss. Numbers are checked against
 * the theorems' tolerances; no timing is asserted. The tests run without a console, so no
 * progress bar may appear.
 */
class ReproduceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The command reads its backend from {@code Backends}; the diagnostics seam is unused. */
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static CliRun radnet(String... args) {
        return CliRun.run(UNUSED, args);
    }

    private static JsonNode json(String... args) throws IOException {
        CliRun run = radnet(args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "nothing on stderr: no progress bar without a terminal");
        return JSON.readTree(run.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    @Test
    void experiment1IsLosslessToRoundingAndItsJsonHasTheIssuesFields() throws IOException {
        JsonNode report = json("reproduce", "--experiment", "1", "--seeds", "2", "--backend", "ejml", "--json");

        assertEquals(List.of("backend", "experiment1", "radnetVersion", "radnetCommit"), fieldNames(report));
        assertEquals("ejml", report.get("backend").asText());
        JsonNode e1 = report.get("experiment1");
        assertEquals(List.of("perSeed", "mean", "std", "paper"), fieldNames(e1).subList(0, 4));
        assertEquals(2, e1.get("perSeed").size());
        for (JsonNode difference : e1.get("perSeed")) {
            assertTrue(difference.isDouble() && difference.asDouble() >= 0.0 && difference.asDouble() <= 1e-12,
                    e1.toString());
        }
        assertTrue(e1.get("mean").asDouble() <= 1e-12, e1.toString());
        assertTrue(e1.get("std").isDouble(), "two seeds have a sample standard deviation");
        assertEquals(1.31e-8, e1.get("paper").asDouble());
        assertEquals(List.of(1, 6, 7, 1), ints(e1.get("widths")));
        assertEquals(List.of(1, 2, 3, 1), ints(e1.get("reducedWidths")));
        double mean = (e1.get("perSeed").get(0).asDouble() + e1.get("perSeed").get(1).asDouble()) / 2;
        assertEquals(mean, e1.get("mean").asDouble(), 1e-30);
    }

    @Test
    void experiment2KeepsTheLossDifferenceAtRoundingAfterThePapers3000Epochs() throws IOException {
        JsonNode report = json("reproduce", "-e", "2", "-n", "1", "--backend", "ejml", "--json");

        assertEquals(List.of("backend", "experiment2", "radnetVersion", "radnetCommit"), fieldNames(report));
        JsonNode e2 = report.get("experiment2");
        assertEquals(List.of("perSeed", "mean", "std", "paper"), fieldNames(e2).subList(0, 4));
        assertEquals(3000, e2.get("epochs").asInt());
        assertEquals(1, e2.get("perSeed").size());
        assertTrue(e2.get("perSeed").get(0).asDouble() <= 1e-10, e2.toString());
        assertTrue(e2.get("mean").asDouble() <= 1e-10, e2.toString());
        assertTrue(e2.get("std").isNull(), "one seed has no sample standard deviation");
        assertEquals(4.02e-9, e2.get("paper").asDouble());
        assertTrue(e2.get("maxProjectionError").asDouble() <= 1e-10, e2.toString());
        assertTrue(e2.get("maxSymmetryError").asDouble() <= 1e-10, e2.toString());
        assertEquals("{\"full\":\"dense\",\"reduced\":\"dense\"}", e2.get("trainingPass").toString());
    }

    @Test
    void experiment3ShortenedTrainsBothNetworksToTheTargetAndReportsTheirRuns() throws IOException {
        JsonNode report = json("reproduce", "-e", "3", "--seeds", "2", "--target-loss", "0.4", "--max-epochs", "200",
                "--backend", "ejml", "--json");

        assertEquals(List.of("backend", "experiment3", "radnetVersion", "radnetCommit"), fieldNames(report));
        JsonNode e3 = report.get("experiment3");
        assertEquals(List.of("full", "reduced", "speedup", "paper"), fieldNames(e3).subList(0, 4));
        for (String network : List.of("full", "reduced")) {
            JsonNode runs = e3.get(network);
            assertEquals(List.of("seconds", "epochs"), fieldNames(runs).subList(0, 2));
            for (String field : List.of("seconds", "epochs", "finalLoss", "stopReason")) {
                assertEquals(2, runs.get(field).size(), network + "." + field);
            }
            for (int s = 0; s < 2; s++) {
                assertEquals("TARGET_LOSS", runs.get("stopReason").get(s).asText(), runs.toString());
                assertTrue(runs.get("finalLoss").get(s).asDouble() < 0.4, runs.toString());
                assertTrue(runs.get("seconds").get(s).asDouble() > 0.0, runs.toString());
                int epochs = runs.get("epochs").get(s).asInt();
                assertTrue(epochs >= 1 && epochs <= 200, runs.toString());
            }
        }
        JsonNode speedup = e3.get("speedup");
        assertEquals(List.of("mean", "std"), fieldNames(speedup).subList(0, 2));
        assertTrue(speedup.get("mean").asDouble() > 0.0 && speedup.get("std").isDouble(), speedup.toString());
        assertEquals(2.04, e3.get("paper").asDouble());
        assertEquals(List.of(2, 3, 4, 5, 6, 2), ints(e3.get("reducedWidths")));
        assertEquals(0.4, e3.get("targetLoss").asDouble());
        assertEquals(200, e3.get("maxEpochs").asInt());
        assertEquals("dense", e3.get("backprop").asText(), "the paper's pass by default");
        assertEquals("[\"fused\",\"fused\"]", e3.get("full").get("trainingPass").toString(), "EJML's fused dense pass");
        assertEquals("[\"fused\",\"fused\"]", e3.get("reduced").get("trainingPass").toString());
    }

    @Test
    void experiment3WithTheSubspacePassSaysWhichPassEachNetworkUsed() throws IOException {
        CliRun run = radnet("reproduce", "-e", "3", "-n", "1", "--target-loss", "0.45", "--backprop", "subspace",
                "--backend", "ejml");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().contains("  training passes: full network subspace (--backprop subspace: the reduced "
                + "widths' per-sample cost; the paper times the dense pass), reduced network fused dense"), run.out());

        JsonNode e3 = json("reproduce", "-e", "3", "-n", "1", "--target-loss", "0.45", "--backprop", "SUBSPACE",
                "--backend", "ejml", "--json").get("experiment3");
        assertEquals("subspace", e3.get("backprop").asText());
        assertEquals("[\"subspace\"]", e3.get("full").get("trainingPass").toString());
        assertEquals("[\"fused\"]", e3.get("reduced").get("trainingPass").toString());
    }

    @Test
    void severalExperimentsAreReportedInOrderAndOnlyThoseAskedFor() throws IOException {
        JsonNode report = json("reproduce", "-e", "2,1", "-n", "1", "--epochs", "5", "--json");

        assertEquals(List.of("backend", "experiment1", "experiment2", "radnetVersion", "radnetCommit"), fieldNames(report));
        assertEquals(5, report.get("experiment2").get("epochs").asInt());
    }

    @Test
    void textOutputPutsEachSummaryBesideThePapersFigureAndNamesTheBackend() {
        CliRun run = radnet("reproduce", "-e", "1", "-e", "2", "--seeds", "2", "--epochs", "10", "--backend", "EJML");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("radnet reproduce on backend ejml ("), lines.get(0));
        assertTrue(lines.get(0).endsWith("experiments 1–3 are the radial paper's, 4–5 its reference implementation's"
                + " scripts"), lines.get(0));
        String e1 = lines.stream().filter(l -> l.startsWith("experiment 1  mean |F − F_red|  ")).findFirst().orElseThrow();
        assertTrue(e1.matches("experiment 1  mean \\|F − F_red\\|  \\S+ ± \\S+  \\(paper, float32: 1\\.31e-8 ± 4\\.45e-9\\)"),
                e1);
        String e2 = lines.stream().filter(l -> l.startsWith("experiment 2  |L − L_red| after 10 epochs  ")).findFirst()
                .orElseThrow();
        assertTrue(e2.endsWith("(paper: 4.02e-9 ± 7.01e-9)"), e2);
        assertTrue(run.out().contains("(shortened: the paper runs 3000 epochs)"), run.out());
        assertTrue(run.outLines().contains("  training passes: full-width networks dense, reduced network dense"),
                run.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches(" +seed +mean \\|F − F_red\\| +max \\|F − F_red\\|")),
                run.out());
        assertFalse(run.out().contains("experiment 3"), run.out());
    }

    @Test
    void experiment3TextMarksChangedSettings() {
        CliRun run = radnet("reproduce", "-e", "3", "-n", "1", "--target-loss", "0.45", "--quiet");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("(changed: the paper stops at MSE < 0.01, at most 5000 epochs)"), run.out());
        assertTrue(run.outLines().contains("  training passes: full network fused dense (--backprop dense, as the paper: "
                + "every layer at full width), reduced network fused dense"), run.out());
        assertTrue(run.outLines().stream().anyMatch(l -> l.startsWith("experiment 3  speedup full/reduced  ")
                && l.endsWith("(paper: 2.04)")), run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--experiment|6|radnet: --experiment must be 1, 2, 3, 4, 5 or all, got '6'",
        "--experiment|1,x|radnet: --experiment must be 1, 2, 3, 4, 5 or all, got 'x'",
        "--class|10|radnet: --class must be a Fashion-MNIST class 0..9, got 10",
        "--class|-1|radnet: --class must be a Fashion-MNIST class 0..9, got -1",
        "--copies|0|radnet: --copies must be between 1 and 100000, got 0",
        "--held-out-copies|100001|radnet: --held-out-copies must be between 1 and 100000, got 100001",
        "--seeds|0|radnet: --seeds must be between 1 and 10000, got 0",
        "--seeds|-3|radnet: --seeds must be between 1 and 10000, got -3",
        "--seeds|2147483647|radnet: --seeds must be between 1 and 10000, got 2147483647",
        "--seeds|many|radnet: Invalid value for option '--seeds': 'many' is not an int",
        "--epochs|0|radnet: --epochs must be at least 1, got 0",
        "--max-epochs|0|radnet: --max-epochs must be at least 1, got 0",
        "--target-loss|-0.1|radnet: --target-loss must be a finite positive number, got -0.1",
        "--target-loss|NaN|radnet: --target-loss must be a finite positive number, got NaN",
        "--backprop|fast|radnet: --backprop must be dense, subspace or auto, got 'fast'",
        "--layer-biases|yes|radnet: --layer-biases must be true or false, got 'yes'",
    })
    void aBadOptionExitsWithTwoAndOneLineSayingWhy(String option, String value, String message) {
        CliRun run = radnet("reproduce", option, value);

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(List.of(message, "Try 'radnet reproduce --help' for more information."), run.errLines());
    }

    @Test
    void anUnknownBackendExitsWithOneAndNamesTheKnownOnes() {
        CliRun run = radnet("reproduce", "-e", "1", "--backend", "cuda");

        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("radnet: unknown backend 'cuda'; known backends: ["), run.err());
    }

    @Test
    void helpListsTheOptionsAndTheProgramListsTheCommand() {
        CliRun help = radnet("reproduce", "--help");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: radnet reproduce "), help.out());
        for (String option : List.of("--experiment", "--backend", "--seeds", "--json", "--quiet", "--epochs",
                "--target-loss", "--max-epochs", "--class", "--copies", "--held-out-copies", "--layer-biases")) {
            assertTrue(help.out().contains(option), option);
        }
        assertTrue(radnet("--help").outLines().stream().anyMatch(l -> l.trim().startsWith("reproduce ")));
    }
}
