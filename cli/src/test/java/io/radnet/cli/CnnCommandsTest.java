package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Backend;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.io.CnnFiles;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code radnet info} and {@code radnet eval} read CNN model files ({@link CnnFiles}). */
class CnnCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    private SequentialNetwork savedNetwork(Path file) {
        SequentialNetwork network = SequentialNetwork.builder(EJML, FeatureShape.maps(1, 4, 4), 3)
                .block("features").conv2d(2, 3).batchNorm2d().relu()
                .block("head").flatten().linear(3).build();
        CnnFiles.save(network, file);
        return network;
    }

    @Test
    void infoDescribesACnnFileByBlock() throws IOException {
        Path model = dir.resolve("cnn.safetensors");
        savedNetwork(model);

        CliRun text = radnet("info", model);
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("kind            cnn"), text.out());
        assertTrue(text.out().contains("input           1x4x4, 3 outputs"), text.out());
        assertTrue(text.out().contains("   0  Conv2d(1, 2, kernel_size=3, stride=1, padding=0)"), text.out());
        assertTrue(text.out().contains("parameters      51"), text.out());

        CliRun json = radnet("info", model, "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode root = JSON.readTree(json.out());
        assertEquals("cnn", root.get("kind").asText());
        assertEquals(51, root.get("parameters").asInt());
        assertEquals("Conv2d(1,2,3,1,0,true)", root.get("blocks").get(0).get("layers").get(0).asText());
        assertEquals(27, root.get("blocks").get(1).get("parameters").asInt());

        CliRun kind = radnet("info", model, "--kind", "mlp");
        assertEquals(1, kind.exitCode());
        assertTrue(kind.err().contains("is a CNN file, which declares its own kind"), kind.err());
        assertEquals(1, kind.errLines().size(), kind.err());
    }

    @Test
    void evalRunsACnnFileOnCsvData() throws IOException {
        Path model = dir.resolve("cnn.json");
        SequentialNetwork network = savedNetwork(model);
        SplittableRandom random = new SplittableRandom(8);
        double[] inputs = random.doubles(5 * 16, 0, 1).toArray();
        double[] labels = {0, 2, 1, 1, 0};
        StringBuilder csv = new StringBuilder();
        for (int s = 0; s < 5; s++) {
            for (int k = 0; k < 16; k++) {
                csv.append(inputs[s * 16 + k]).append(',');
            }
            csv.append((int) labels[s]).append('\n');
        }
        Path data = dir.resolve("data.csv");
        Files.writeString(data, csv);

        CliRun run = radnet("eval", model, "--data", data, "--loss", "ce", "--json", "--backend", "ejml");

        assertEquals(0, run.exitCode(), run.err());
        Tensor prediction = network.forward(EJML.fromRowMajor(5, 16, inputs));
        double expected = new SoftmaxCrossEntropy().value(prediction, EJML.fromRowMajor(5, 1, labels));
        assertEquals(expected, JSON.readTree(run.out()).get("value").asDouble(), 1e-15);
        assertEquals(5, JSON.readTree(run.out()).get("samples").asInt());

        CliRun bySize = radnet("eval", model, "--data", data, "--loss", "ce", "--json");
        assertEquals(0, bySize.exitCode(), bySize.err());
        assertEquals(expected, JSON.readTree(bySize.out()).get("value").asDouble(), 1e-12,
                "without --backend the CNN's step (CnnWorkload) chooses the backend; its loss agrees to rounding");
    }
}
