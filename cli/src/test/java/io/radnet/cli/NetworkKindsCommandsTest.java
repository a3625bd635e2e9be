package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.radnet.api.Backend;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.io.ExactModelJson;
import io.radnet.core.io.HypernetworkFiles;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code radnet info} and {@code radnet eval} on a saved file of every network kind — radial,
 * MLP, RCNet, hypernetwork, embedding method, and the exact JSON model of the intrinsic-parameter
 * construction: eval's predictions are bitwise the in-memory network's outputs (the exact model's
 * are its exact outputs rounded once), info prints the architecture and parameter count, and
 * files and options that do not fit end with one line and exit 1.
 */
class NetworkKindsCommandsTest {
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    private static String[] strings(Object... args) {
        return Stream.of(args).map(String::valueOf).toArray(String[]::new);
    }

    private static CliRun radnet(Object... args) {
        return CliRun.run(new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics, strings(args));
    }

    private static JsonNode ok(Object... args) throws IOException {
        return ApproximateCommandTest.json(strings(args));
    }

    /** Exit 1, one line on stderr naming the problem, nothing on stdout. */
    private static void fails(String fragment, Object... args) {
        ApproximateCommandTest.fails(1, fragment, strings(args));
        assertEquals(1, radnet(args).errLines().size(), "one line");
    }

    private static HyperNetwork hypernetwork() {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {3, 4, 2}, PointwiseActivations.tanh(), true);
        return new HyperNetwork(Mlp.initialized(EJML, new int[] {2, 5, g.parameterCount()}, PointwiseActivations.relu(), 7),
                g);
    }

    private static EmbeddingNetwork embedding() {
        return new EmbeddingNetwork(3, Mlp.initialized(EJML, new int[] {2, 5, 3}, PointwiseActivations.relu(), 8),
                Mlp.initialized(EJML, new int[] {6, 4, 2}, PointwiseActivations.elu(0.5), 9));
    }

    static Stream<Arguments> savedNetworks() {
        List<Arguments> cases = new ArrayList<>();
        for (String extension : List.of(".safetensors", ".json")) {
            cases.add(Arguments.of("radial", RadialNetwork.initialized(EJML, new int[] {5, 6, 2}, RadialProfiles.tanh(), 3),
                    extension));
            cases.add(Arguments.of("mlp", Mlp.initialized(EJML, new int[] {5, 6, 2}, PointwiseActivations.softplus(), 4),
                    extension));
            cases.add(Arguments.of("rcnet", RepeatedCompositionNetwork.initialized(EJML, 5, new int[] {4, 3, 4}, 2, 3,
                    PointwiseActivations.relu(), 5), extension));
            cases.add(Arguments.of("hypernetwork", hypernetwork(), extension));
            cases.add(Arguments.of("embedding", embedding(), extension));
        }
        return cases.stream();
    }

    private static void save(Network network, Path file) {
        if (network instanceof RepeatedCompositionNetwork rcnet) {
            RcnetFiles.save(rcnet, file);
        } else if (network instanceof FeedForwardNetwork chain) {
            ModelFiles.save(chain, file);
        } else {
            HypernetworkFiles.save(network, file);
        }
    }

    /** Seeded inputs in [−2, 2] and targets, as a CSV file with a header, the targets last. */
    private Path data(int rows, int inputs, int outputs, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> header = new ArrayList<>();
        for (int c = 1; c <= inputs; c++) {
            header.add("x" + c);
        }
        for (int c = 1; c <= outputs; c++) {
            header.add("y" + c);
        }
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < inputs + outputs; c++) {
                text.append(c == 0 ? "" : ",").append(random.nextDouble(-2, 2));
            }
            text.append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, text);
        return file;
    }

    /** @return the first {@code inputs} (or the last {@code outputs}) columns of a CSV file with a header */
    private static double[] columns(Path file, int from, int count) throws IOException {
        return Files.readAllLines(file).stream().skip(1).filter(l -> !l.isBlank())
                .flatMap(l -> Arrays.stream(l.split(",")).skip(from).limit(count)).mapToDouble(Double::parseDouble)
                .toArray();
    }

    @ParameterizedTest(name = "{0} as {2}")
    @MethodSource("savedNetworks")
    void evalOfASavedFileGivesTheInMemoryOutputsBitwise(String kind, Network network, String extension) throws IOException {
        Path model = dir.resolve("model" + extension);
        save(network, model);
        int in = network.inputWidth();
        int out = network.outputWidth();
        Path data = data(40, in, out, 17);
        Path predictions = dir.resolve("predictions.csv");

        JsonNode eval = ok("eval", model, "--data", data, "--loss", "mse", "--predict", predictions, "--json",
                "--backend", "ejml");

        Tensor x = EJML.fromRowMajor(40, in, columns(data, 0, in));
        Tensor y = EJML.fromRowMajor(40, out, columns(data, in, out));
        Tensor expected = network.forward(x);
        assertArrayEquals(expected.toRowMajor(), columns(predictions, 0, out), 0.0, kind + ": the predictions");
        assertEquals(new MeanSquaredError().value(expected, y), eval.get("value").asDouble(), 0.0, kind + ": the loss");
        assertEquals("double", eval.get("evaluator").asText());
        assertEquals(kind, ok("info", model, "--json").get("kind").asText());
    }

    @Test
    void infoDescribesAHypernetworkAndAnEmbeddingNetwork() throws IOException {
        Path hyper = dir.resolve("h.safetensors");
        HypernetworkFiles.save(hypernetwork(), hyper);
        JsonNode h = ok("info", hyper, "--json");
        assertEquals(3, h.get("xWidth").asInt());
        assertEquals(2, h.get("iWidth").asInt());
        assertEquals("[2,5,26]", h.get("generatorWidths").toString());
        assertEquals("relu", h.get("generatorActivations").asText());
        assertEquals("[3,4,2]", h.get("primaryWidths").toString());
        assertEquals("tanh", h.get("primaryActivation").asText());
        assertTrue(h.get("primaryBiases").asBoolean());
        assertEquals(3 * 4 + 4 * 2 + 4 + 2, h.get("primaryParameters").asInt(), "N_g");
        assertEquals(5 * 3 + 26 * 6, h.get("parameters").asInt(), "N_f: f's parameters are everything trained");
        CliRun text = radnet("info", hyper);
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("x = columns 1-3 (d_x = 3), I = columns 4-5 (d_I = 2)"), text.out());
        assertTrue(text.out().contains("N_g = 26 weights generated per sample"), text.out());
        assertTrue(text.out().contains("parameters      171 (f's, N_f;"), text.out());

        Path embedding = dir.resolve("e.json");
        HypernetworkFiles.save(embedding(), embedding);
        JsonNode e = ok("info", embedding, "--json");
        assertEquals("[2,5,3]", e.get("embeddingWidths").toString());
        assertEquals("[6,4,2]", e.get("primaryWidths").toString());
        assertEquals("elu:0.5", e.get("primaryActivations").asText());
        assertEquals(5 * 3 + 3 * 6, e.get("embeddingParameters").asInt());
        assertEquals(4 * 7 + 2 * 5, e.get("primaryParameters").asInt());
        assertEquals(33 + 38, e.get("parameters").asInt());
    }

    @Test
    void theExactModelOfTheIntrinsicConstructionIsDescribedAndEvaluatedExactly() throws IOException {
        Path model = dir.resolve("exact.json");
        CliRun built = radnet("approximate", "--function", "sin(3*x1)", "--domain", "-1:2", "--lipschitz", 3,
                "--construction", "intrinsic", "--bits", 5, "-o", model);
        assertEquals(0, built.exitCode(), built.err());
        ExactNetwork network = ExactModelJson.read(model);

        JsonNode info = ok("info", model, "--json");
        assertTrue(info.get("exact").asBoolean());
        assertEquals(network.parameterCount(), info.get("parameters").asLong());
        assertTrue(info.get("entriesNotDoubles").asLong() > 0, "a_ℓ has 2^6 binary digits: " + info);
        assertEquals(Arrays.toString(network.widths()).replace(" ", ""), info.get("widths").toString());
        CliRun text = radnet("info", model);
        assertTrue(text.out().contains("not doubles (a double would round them)"), text.out());

        Path data = data(30, 1, 1, 23);
        Path predictions = dir.resolve("exact-predictions.csv");
        JsonNode eval = ok("eval", model, "--data", data, "--loss", "mse", "--predict", predictions, "--json");
        assertEquals("exact", eval.get("evaluator").asText());
        double[] x = columns(data, 0, 1);
        double[] written = columns(predictions, 0, 1);
        for (int r = 0; r < x.length; r++) {
            assertEquals(network.apply(new double[] {x[r]})[0].toDouble(), written[r], 0.0, "x = " + x[r]);
        }
        CliRun said = radnet("eval", model, "--data", data, "--loss", "mse");
        assertTrue(said.out().contains("evaluator exact rationals"), said.out());
    }

    @Test
    void filesAndOptionsThatDoNotFitEndWithOneLine() throws IOException {
        Path hyper = dir.resolve("h.json");
        HypernetworkFiles.save(hypernetwork(), hyper);
        fails("declares its own kind", "info", hyper, "--kind", "mlp");
        fails("holds a network of kind hypernetwork; this command takes radial and mlp models", "compress", hyper,
                "-o", dir.resolve("small.json"));
        Path narrow = data(10, 4, 2, 3);
        fails("expected 7 (5 inputs, then 2 targets)", "eval", hyper, "--data", narrow, "--loss", "mse");
        Files.writeString(hyper, Files.readString(hyper).replace("\"primary_widths\" : \"[3,4,2]\"",
                "\"primary_widths\" : \"[3,5,2]\""));
        fails("N_g", "info", hyper);
        Path exact = dir.resolve("exact.json");
        Files.writeString(exact, "{\"metadata\": {\"exact\": \"true\", \"layer_activations\": \"sigmoid,relu\"}, "
                + "\"tensors\": {}}");
        fails("layer_activations", "info", exact);
        fails("layer_activations", "eval", exact, "--data", narrow);
    }
}
