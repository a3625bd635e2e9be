package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.data.Datasets;
import io.radnet.core.io.CnnFiles;
import io.radnet.experiments.IntrinsicExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet experiment intrinsic}: a tiny run on the first Fashion-MNIST images (skipped
 * without Debian's dataset-fashion-mnist unless {@code RADNET_REQUIRE_FASHION_MNIST=1}, which
 * makes its absence a failure) gives the JSON fields, the chart and the two model files; bad
 * options exit with 2 before anything runs; the text report from a given result.
 */
class IntrinsicExperimentCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path dir;

    private static void requireFashionMnist() {
        boolean installed = Files.isRegularFile(Path.of(Datasets.DEBIAN_FASHION_MNIST, "train-images-idx3-ubyte.gz"));
        if ("1".equals(System.getenv("RADNET_REQUIRE_FASHION_MNIST"))) {
            assertTrue(installed, "RADNET_REQUIRE_FASHION_MNIST=1 but Fashion-MNIST is not in "
                    + Datasets.DEBIAN_FASHION_MNIST + " (install dataset-fashion-mnist)");
        }
        assumeTrue(installed, "Fashion-MNIST is not installed");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aTinyRunGivesTheJsonTheChartAndBothNetworks() throws IOException {
        requireFashionMnist();
        CliRun run = CliRun.run(UNUSED, "experiment", "intrinsic", "--backend", "ejml", "--train", "40", "--test", "20",
                "--epochs", "2", "--pretrain-epochs", "1", "--fine-tune-epochs", "1", "--batch", "20", "--json",
                "--plot", dir.toString(), "--save", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("intrinsic", report.get("experiment").asText());
        assertEquals(40, report.get("settings").get("trainSamples").asInt());
        for (String strategy : List.of("s1", "s2")) {
            JsonNode s = report.get(strategy);
            assertTrue(fieldNames(s).containsAll(List.of("testAccuracy", "accuracies", "losses", "trainableParameters",
                    "trainableWeightsAndBiases", "trainableBatchNormParameters", "totalParameters")), s.toString());
            assertEquals(strategy.equals("s1") ? 2 : 1, s.get("accuracies").size(), strategy);
            double best = 0;
            for (JsonNode accuracy : s.get("accuracies")) {
                best = Math.max(best, accuracy.asDouble());
            }
            assertEquals(best, s.get("testAccuracy").asDouble(), 0.0, strategy + ": the best epoch");
            assertEquals(2_197_674, s.get("totalParameters").asInt(), strategy);
        }
        assertEquals(2_197_674, report.get("s1").get("trainableParameters").asInt());
        assertEquals(89_290, report.get("s2").get("trainableParameters").asInt());
        assertEquals(88_906, report.get("s2").get("trainableWeightsAndBiases").asInt());
        assertEquals(1, report.get("s2").get("pretrainAccuracies").size());
        assertTrue(report.get("frozenBlocksUnchanged").asBoolean());
        assertEquals(0.9458, report.get("paper").get("s1").asDouble());
        assertEquals(88_970, report.get("paper").get("s2TrainableParameters").asInt());

        assertEquals(600, ImageIO.read(dir.resolve("intrinsic-test-accuracy.png").toFile()).getHeight());
        SequentialNetwork s2 = CnnFiles.load(dir.resolve("s2.safetensors"), Backends.get("ejml"));
        assertEquals(2_197_674, s2.parameters().size());
        assertTrue(Files.size(dir.resolve("s1.safetensors")) > 8L * 2_197_674, "F64 values of every parameter");
    }

    @Test
    void badOptionsExitWithTwoBeforeAnythingRuns() {
        CliRun preset = CliRun.run(UNUSED, "experiment", "intrinsic", "--preset", "huge");
        assertEquals(2, preset.exitCode());
        assertTrue(preset.err().contains("--preset must be default or paper, got 'huge'"), preset.err());
        CliRun epochs = CliRun.run(UNUSED, "experiment", "intrinsic", "--fine-tune-epochs", "0");
        assertEquals(2, epochs.exitCode());
        assertTrue(epochs.err().contains("--fine-tune-epochs must be at least 1, got 0"), epochs.err());
        CliRun save = CliRun.run(UNUSED, "experiment", "intrinsic", "--save", dir.resolve("missing").toString());
        assertEquals(2, save.exitCode());
        assertTrue(save.err().contains("--save: " + dir.resolve("missing") + " is not an existing directory"), save.err());
    }

    @Test
    void theTextPutsBothStrategiesBesideThePaper() {
        IntrinsicExperiment.Settings settings = IntrinsicExperiment.Settings.defaults();
        IntrinsicExperiment.Strategy s1 = new IntrinsicExperiment.Strategy(0.9012, new double[] {0.85, 0.9012},
                new double[] {0.6, 0.4}, new double[0], 2_197_674, 2_196_138, 1_536, 2_197_674, null);
        IntrinsicExperiment.Strategy s2 = new IntrinsicExperiment.Strategy(0.8911, new double[] {0.8911, 0.89},
                new double[] {0.5, 0.45}, new double[] {0.45}, 89_290, 88_906, 384, 2_197_674, null);
        List<String> lines = IntrinsicExperimentReport.text(2, new IntrinsicExperiment.Result(settings, "ejml", "v", "c",
                s1, s2, true));
        String text = String.join("\n", lines);
        assertTrue(lines.get(0).startsWith("radnet experiment intrinsic"), text);
        assertTrue(text.contains("the first 24,000 training and 10,000 test images; S1 4 epochs"), text);
        assertTrue(text.contains("S2 4 epochs on classes 0-4, then 4 on blocks 2 and 4 (1 and 3 frozen)"), text);
        assertTrue(text.contains("learning rate 0.002·0.93^(i-1) in epoch i"), text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("S1 +0\\.9012 +0\\.9458 +2,197,674 \\(2,196,138 w\\+b, 1,536 BN\\) +2,197,674")),
                text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("S2 +0\\.8911 +0\\.9360 +89,290 \\(88,906 w\\+b, 384 BN\\) +2,197,674")),
                text);
        assertTrue(lines.stream().anyMatch(l -> l.matches("S1 - S2 +0\\.0101 +0\\.0098")), text);
        assertTrue(text.contains("(parameters, running statistics): unchanged"), text);
        for (String line : lines) {
            assertTrue(line.length() <= 80, "a line of at most 80 characters: " + line);
        }
    }
}
