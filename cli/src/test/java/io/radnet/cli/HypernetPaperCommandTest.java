package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import io.radnet.core.data.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet experiment rotation|width-sweep|embedding-dim} and the hypernet options
 * {@code --preset} and {@code --generated-init} at tiny sizes on EJML: JSON, tables and charts
 * are complete; bad options exit with 2 naming the value. The two Fashion-MNIST commands are
 * skipped without Debian's dataset-fashion-mnist unless {@code RADNET_REQUIRE_FASHION_MNIST=1}.
 */
class HypernetPaperCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static void requireFashionMnist() {
        boolean installed = Files.isRegularFile(Path.of(Datasets.DEBIAN_FASHION_MNIST, "train-images-idx3-ubyte.gz"));
        if ("1".equals(System.getenv("RADNET_REQUIRE_FASHION_MNIST"))) {
            assertTrue(installed, "RADNET_REQUIRE_FASHION_MNIST=1 but Fashion-MNIST is not in "
                    + Datasets.DEBIAN_FASHION_MNIST + " (install dataset-fashion-mnist)");
        }
        assumeTrue(installed, "Fashion-MNIST is not installed");
    }

    @Test
    void rotationPrintsTheTableTheJsonAndTheChart(@TempDir Path plots) throws IOException {
        requireFashionMnist();
        CliRun text = CliRun.run(UNUSED, "experiment", "rotation", "--backend", "ejml", "--seeds", "1", "--depths", "2",
                "--width", "4", "--train", "64", "--test", "50", "--epochs", "1", "--plot", plots.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().startsWith("radnet experiment rotation"), text.out());
        assertTrue(text.out().contains("hypernet test error"), text.out());
        assertTrue(text.out().contains(HypernetPaperReport.ROTATION_CLAIM), text.out());
        Path chart = plots.resolve("rotation-test-error.png");
        assertTrue(Files.size(chart) > 1000);
        assertTrue(text.out().contains("wrote " + chart), text.out());

        CliRun json = CliRun.run(UNUSED, "experiment", "rotation", "--backend", "ejml", "--seeds", "2", "--depths", "2",
                "--width", "4", "--train", "64", "--test", "50", "--epochs", "1", "--generated-init", "unscaled", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = JSON.readTree(json.out());
        assertEquals("rotation", report.get("experiment").asText());
        assertEquals("UNSCALED", report.get("settings").get("initialization").asText());
        JsonNode hyper = report.get("rows").get(0).get("hypernetwork");
        assertEquals(7960, hyper.get("primaryParameters").asInt());
        assertEquals(2, hyper.get("testError").size());
        assertTrue(hyper.get("std").isNumber());
    }

    @Test
    void widthSweepPrintsOneRowPerWidthAndCountsTheFalls() throws IOException {
        requireFashionMnist();
        CliRun text = CliRun.run(UNUSED, "experiment", "width-sweep", "--backend", "ejml", "--widths", "1,2,3",
                "--activations", "elu,relu", "--train", "200", "--test", "100", "--epochs", "1");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("elu test MSE"), text.out());
        assertTrue(text.out().contains("elu: the mean test MSE falls at "), text.out());
        assertTrue(text.out().contains(" of 2 steps between listed widths"), text.out());
        CliRun json = CliRun.run(UNUSED, "experiment", "width-sweep", "--backend", "ejml", "--widths", "2", "--train",
                "100", "--test", "50", "--epochs", "1", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode row = JSON.readTree(json.out()).get("rows").get(0);
        assertEquals("elu", row.get("activation").asText());
        assertEquals(795 * 2 + 10, row.get("parameters").asInt());
    }

    @Test
    void embeddingDimAndTheHypernetOptionsRun(@TempDir Path plots) throws IOException {
        CliRun text = CliRun.run(UNUSED, "experiment", "embedding-dim", "--backend", "ejml", "--d", "4", "-E", "2,3",
                "--seeds", "2", "--train", "100", "--test", "50", "--epochs", "2", "--plot", plots.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains(HypernetPaperReport.EMBEDDING_CLAIM), text.out());
        assertTrue(Files.size(plots.resolve("embedding-dim-test-mse.png")) > 1000);
        CliRun json = CliRun.run(UNUSED, "experiment", "embedding-dim", "--backend", "ejml", "--d", "4", "-E", "2",
                "--seeds", "1", "--train", "100", "--test", "50", "--epochs", "1", "--json", "--generated-init", "fan-in");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = JSON.readTree(json.out());
        assertEquals(2, report.get("rows").get(0).get("embeddingDimension").asInt());
        assertEquals("PRIMARY_FAN_IN", report.get("settings").get("initialization").asText());

        CliRun hyper = CliRun.run(UNUSED, "experiment", "hypernet", "--backend", "ejml", "--preset", "paper", "--types",
                "I", "--depths", "1", "--width", "2", "--seeds", "1", "--train", "20", "--test", "10", "--epochs", "1",
                "--generated-init", "fan-in", "--json");
        assertEquals(0, hyper.exitCode(), hyper.err());
        JsonNode settings = JSON.readTree(hyper.out()).get("settings");
        assertEquals(1000, settings.get("xWidth").asInt(), "the paper preset's d_x");
        assertEquals(2, settings.get("hiddenWidth").asInt(), "--width wins over the preset");
        assertEquals("PRIMARY_FAN_IN", settings.get("initialization").asText());
    }

    @Test
    void badOptionsExitWithTwoNamingTheValue() {
        CliRun preset = CliRun.run(UNUSED, "experiment", "hypernet", "--preset", "huge");
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("--preset: unknown preset 'huge'; accepted: default, paper"), preset.err());
        CliRun init = CliRun.run(UNUSED, "experiment", "rotation", "--generated-init", "big");
        assertEquals(2, init.exitCode());
        assertTrue(init.err().contains("--generated-init: unknown generated-weight initialisation 'big'"), init.err());
        CliRun train = CliRun.run(UNUSED, "experiment", "rotation", "--train", "70000");
        assertEquals(2, train.exitCode());
        assertTrue(train.err().contains("Fashion-MNIST has 60000 training and 10000 test images"), train.err());
        CliRun activation = CliRun.run(UNUSED, "experiment", "width-sweep", "--activations", "nope");
        assertEquals(2, activation.exitCode());
        assertTrue(activation.err().contains("nope"), activation.err());
        CliRun dims = CliRun.run(UNUSED, "experiment", "embedding-dim", "-E", "0");
        assertEquals(2, dims.exitCode());
        assertTrue(dims.err().contains("the embedding dimension E must be at least 1, got 0"), dims.err());
    }
}
