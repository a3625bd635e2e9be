package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet reproduce -e 4,5} (the reference's noisy-image scripts) on EJML at a tiny size:
 * the first three Fashion-MNIST dresses, 3 copies each, 3 epochs. Needs Debian's
 * dataset-fashion-mnist; skipped without it unless {@code RADNET_REQUIRE_FASHION_MNIST=1}, which
 * makes its absence a failure.
 */
class NoisyImageReproduceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path dir;

    @BeforeAll
    static void fashionMnistIsInstalled() {
        boolean installed = Files.isRegularFile(Path.of(Datasets.DEBIAN_FASHION_MNIST, "train-images-idx3-ubyte.gz"));
        if ("1".equals(System.getenv("RADNET_REQUIRE_FASHION_MNIST"))) {
            assertTrue(installed, "RADNET_REQUIRE_FASHION_MNIST=1 but Fashion-MNIST is not in "
                    + Datasets.DEBIAN_FASHION_MNIST + " (install dataset-fashion-mnist)");
        }
        assumeTrue(installed, "Fashion-MNIST is not installed");
    }

    private static CliRun radnet(String... args) {
        return CliRun.run(UNUSED, args);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theJsonHasEveryStatisticAsMeanStdPerSeedAndTheLossCurves() throws IOException {
        CliRun run = radnet("reproduce", "-e", "4,5", "-n", "2", "--copies", "3", "--held-out-copies", "5",
                "--epochs", "3", "--backend", "ejml", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode report = JSON.readTree(run.out());

        assertEquals(List.of("backend", "experiment4", "experiment5", "radnetVersion", "radnetCommit"),
                fieldNames(report));
        JsonNode e4 = report.get("experiment4");
        for (String model : List.of("radial", "relu")) {
            for (String statistic : List.of("finalLoss", "finalAccuracy", "testLoss", "testAccuracy")) {
                JsonNode node = e4.get(model).get(statistic);
                assertEquals(List.of("mean", "std", "perSeed"), fieldNames(node), model + "." + statistic);
                assertEquals(2, node.get("perSeed").size());
                double mean = (node.get("perSeed").get(0).asDouble() + node.get("perSeed").get(1).asDouble()) / 2;
                assertEquals(mean, node.get("mean").asDouble(), 1e-15, model + "." + statistic);
            }
        }
        assertEquals(3.91e-3, e4.get("radial").get("published").get("finalLoss").get("mean").asDouble());
        assertEquals(List.of(784, 785, 786, 3), ints(e4.get("radialWidths")));
        assertEquals(List.of(784, 785, 786, 3, 3), ints(e4.get("reluWidths")));
        assertEquals(List.of(784, 785, 786, 3), ints(e4.get("compression").get("reducedWidths")));
        assertEquals(12, e4.get("heldOutTraining").asInt());
        assertEquals(3, e4.get("heldOutTest").asInt());
        assertEquals(3, e4.get("fashionMnistClass").asInt());
        for (JsonNode radius : e4.get("radii")) {
            assertTrue(radius.asDouble() > 1, "the distance between two different dresses: " + radius);
        }
        JsonNode e5 = report.get("experiment5");
        for (String model : List.of("radial", "relu")) {
            JsonNode losses = e5.get(model).get("losses");
            assertEquals(2, losses.size(), model);
            for (JsonNode seed : losses) {
                assertEquals(3, seed.size(), model);
                seed.forEach(loss -> assertTrue(loss.isDouble() && loss.asDouble() > 0, model + " " + loss));
            }
        }
    }

    @Test
    void theTextPutsBothTablesBesideThePublishedNumbersAndThePlotHasTheCurves() throws IOException {
        Path png = dir.resolve("curves.png");
        CliRun run = radnet("reproduce", "-e", "4,5", "-n", "1", "--copies", "2", "--held-out-copies", "5",
                "--epochs", "2", "--class", "0", "--backend", "ejml", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.err());

        String out = run.out();
        assertTrue(out.contains("experiment 4 (reference script 4): noisy image recovery"), out);
        assertTrue(out.contains("the first 3 Fashion-MNIST training images of class 0"), out);
        assertTrue(out.contains("(changed: the script runs 10 seeds, 1000 copies, 100 epochs, held out 100 copies, with "
                + "layer biases)"), out);
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches(" +radial final loss +\\S+ +3\\.91e-3 ± 3\\.20e-5")),
                out);
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches(" +ReLU test accuracy +\\S+ +0\\.880 ± 0\\.158")),
                out);
        assertTrue(out.contains("experiment 5 (reference script 5): loss curves of noisy image recovery"), out);
        assertTrue(out.contains("(784, 785, 786, 3) → (784, 785, 786, 3) (nothing to remove"), out);
        assertEquals(600, ImageIO.read(png.toFile()).getHeight());
    }

    @Test
    void withoutLayerBiasesTheTrainedRadialNetworkCompressesTo784() throws IOException {
        CliRun run = radnet("reproduce", "-e", "4", "-n", "1", "--copies", "2", "--held-out-copies", "5",
                "--epochs", "2", "--layer-biases", "false", "--backend", "ejml", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode e4 = JSON.readTree(run.out()).get("experiment4");
        assertFalse(e4.get("layerBiases").asBoolean());
        assertEquals(List.of(784, 785, 786, 3), ints(e4.get("radialWidths")));
        assertEquals(List.of(784, 784, 784, 3), ints(e4.get("compression").get("reducedWidths")));
        double relative = e4.get("compression").get("relativeMaxDifference").get("mean").asDouble();
        assertTrue(relative <= 1e-12, "relative max |F − F_red| = " + relative);

        CliRun text = radnet("reproduce", "-e", "4", "-n", "1", "--copies", "2", "--held-out-copies", "5",
                "--epochs", "2", "--layer-biases", "false", "--backend", "ejml");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("no activation shifts; no layer biases"), text.out());
        assertTrue(text.out().contains("(784, 785, 786, 3) → (784, 784, 784, 3), max |F − F_red|"), text.out());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }
}
