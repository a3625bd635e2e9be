package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Backend;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.api.Tensor;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.CsvData;
import io.radnet.core.io.DataTensors;
import io.radnet.core.io.ModelFileFixtures;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model commands end to end inside the test JVM: init, info, compress, train and eval on
 * real files, checked against the library run in-process on the same inputs; every corrupt file
 * refused by every command without writing its output; bad options; reproduce's plot.
 */
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    private static JsonNode ok(Object... args) throws IOException {
        CliRun run = radnet(args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "nothing on stderr: no progress bar without a terminal");
        return JSON.readTree(run.out());
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = array.get(k).asInt();
        }
        return v;
    }

    /** y = (sigmoid(x₁), sigmoid(x₂)) on seeded points of [−3, 3]², with a header line. */
    private Path sigmoidData(int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder("x1,x2,y1,y2\n");
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble(-3, 3);
            double b = random.nextDouble(-3, 3);
            s.append(a).append(',').append(b).append(',').append(1 / (1 + Math.exp(-a))).append(',')
                    .append(1 / (1 + Math.exp(-b))).append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, s);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "info", "compress", "train", "eval", "reproduce"})
    void everyCommandHasHelp(String command) {
        CliRun run = radnet(command, "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: radnet " + command), run.out());
    }

    @Test
    void initInfoAndCompressAgreeWithTheLibrary() throws IOException {
        Path model = dir.resolve("model.safetensors");
        CliRun init = radnet("init", "--widths", "2,16,64,16,2", "--activation", "SIGMOID", "--seed", 4, "-o", model);
        assertEquals(0, init.exitCode(), init.err());
        RadialNetwork network = (RadialNetwork) ModelFiles.load(model, EJML, null);

        JsonNode info = ok("info", model, "--json", "--backend", "ejml");
        assertArrayEquals(new int[] {2, 16, 64, 16, 2}, ints(info.get("widths")));
        assertEquals("radial", info.get("kind").asText());
        assertEquals("sigmoid", info.get("activation").asText());
        assertEquals(network.parameters().size(), info.get("parameters").asInt());
        assertArrayEquals(ReducedWidths.of(network.widths()), ints(info.get("reducedWidths")));
        assertEquals(ReducedWidths.parameterCount(ReducedWidths.of(network.widths())),
                info.get("reducedParameters").asLong());

        Path small = dir.resolve("small.json");
        JsonNode c = ok("compress", model, "-o", small, "--check", 500, "--json", "--backend", "ejml");
        assertEquals(List.of("widths", "reducedWidths", "parameters", "reducedParameters", "maxAbsDiff", "radnetVersion",
                "radnetCommit"), names(c));
        assertEquals(io.radnet.experiments.RadnetVersion.commit(), c.get("radnetCommit").asText());
        assertArrayEquals(new int[] {2, 3, 4, 5, 2}, ints(c.get("reducedWidths")));
        assertEquals(network.parameters().size(), c.get("parameters").asInt());
        FeedForwardNetwork reduced = ModelFiles.load(small, EJML, null);
        assertEquals(reduced.parameters().size(), c.get("reducedParameters").asInt());
        assertTrue(c.get("maxAbsDiff").asDouble() <= 1e-12, c.toString());
        assertArrayEquals(QrCompression.compress(network).network().parameters().flatten(),
                reduced.parameters().flatten(), 0.0, "the file holds exactly the library's compression");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void trainWritesTheModelTheTrainerProducesAndEvalReportsItsLoss() throws IOException {
        Path model = dir.resolve("model.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,6,5,2", "--shift", "0.1", "--seed", 2, "-o", model).exitCode());
        Path data = sigmoidData(300, 9);
        Path trained = dir.resolve("trained.safetensors");
        Path plot = dir.resolve("loss.png");
        JsonNode t = ok("train", model, "--data", data, "-o", trained, "--optimizer", "adam", "--lr", 0.01, "--epochs", 40,
                "--batch", 64, "--seed", 5, "--plot", plot, "--json", "--backend", "ejml");

        FeedForwardNetwork expected = ModelFiles.load(model, EJML, null);
        Dataset d = Dataset.of(CsvData.read(data, EJML, 2, 2));
        var result = Trainer.builder(expected, new MeanSquaredError(), Adam.builder().learningRate(0.01).build(), d)
                .batchSize(64).seed(5).maxEpochs(40).build().train();
        assertEquals(40, t.get("epochs").asInt());
        assertEquals("MAX_EPOCHS", t.get("stopReason").asText());
        double[] losses = new double[t.get("losses").size()];
        for (int k = 0; k < losses.length; k++) {
            losses[k] = t.get("losses").get(k).asDouble();
        }
        assertArrayEquals(result.lossHistory(), losses, 0.0);
        assertEquals(result.finalLoss(), t.get("finalLoss").asDouble(), 0.0);
        assertTrue(losses[39] < losses[0], "training lowered the loss: " + losses[0] + " → " + losses[39]);
        FeedForwardNetwork saved = ModelFiles.load(trained, EJML, null);
        assertArrayEquals(expected.parameters().flatten(), saved.parameters().flatten(), 0.0);
        BufferedImage image = ImageIO.read(plot.toFile());
        assertEquals(900, image.getWidth());

        Path predictions = dir.resolve("pred.csv");
        JsonNode e = ok("eval", trained, "--data", data, "--predict", predictions, "--json", "--backend", "ejml");
        Tensor output = saved.forward(d.inputs());
        assertEquals(new MeanSquaredError().value(output, d.targets()), e.get("value").asDouble(), 0.0);
        assertEquals(300, e.get("samples").asInt());
        DataTensors written = CsvData.read(predictions, EJML, 1, 1);
        double[] flat = new double[600];
        double[] x = written.inputs().toRowMajor();
        double[] y = written.targets().toRowMajor();
        for (int r = 0; r < 300; r++) {
            flat[2 * r] = x[r];
            flat[2 * r + 1] = y[r];
        }
        assertArrayEquals(output.toRowMajor(), flat, 0.0, "predictions written exactly");
    }

    @Test
    void theTextReportsNameWhatHappened() throws IOException {
        Path model = dir.resolve("m.json");
        CliRun init = radnet("init", "--widths", "2,4,2", "--kind", "mlp", "--activation", "tanh", "-o", model);
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(init.out().startsWith("wrote " + model + ": Mlp[2, 4, 2] tanh"), init.out());
        CliRun info = radnet("info", model);
        assertTrue(info.out().contains("kind            mlp") && info.out().contains("QR-compress needs a radial network"),
                info.out());
        CliRun compress = radnet("compress", model, "-o", dir.resolve("c.json"));
        assertEquals(1, compress.exitCode());
        assertTrue(compress.err().startsWith("radnet: QR-compress needs a radial network"), compress.err());
        assertFalse(Files.exists(dir.resolve("c.json")));
        CliRun train = radnet("train", model, "--data", sigmoidData(20, 1), "-o", dir.resolve("t.json"), "--epochs", 3);
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("epochs     3 (stopped: max epochs)"), train.out());
    }

    static Stream<Arguments> commandsOnCorruptFiles() throws IOException {
        Path dir = Files.createTempDirectory("radnet-cli-corrupt");
        List<Arguments> cases = new ArrayList<>();
        for (ModelFileFixtures.Corruption c : ModelFileFixtures.corruptions(dir)) {
            for (String command : List.of("info", "compress", "train", "eval")) {
                cases.add(Arguments.of(command, c));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("commandsOnCorruptFiles")
    void everyCommandRefusesACorruptFileFastWithOneLineAndWritesNothing(String command,
            ModelFileFixtures.Corruption c) throws IOException {
        Path data = sigmoidData(10, 2);
        Path out = dir.resolve(command.equals("eval") ? "out.csv" : "out.safetensors");
        List<Object> args = new ArrayList<>(List.of(command, c.file()));
        switch (command) {
            case "compress" -> args.addAll(List.of("-o", out));
            case "train" -> args.addAll(List.of("--data", data, "-o", out));
            case "eval" -> args.addAll(List.of("--data", data, "--predict", out));
            default -> { }
        }
        args.addAll(List.of("--backend", "ejml"));
        long start = System.nanoTime();
        CliRun run = radnet(args.toArray());
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("radnet: " + c.file() + ": "), run.err());
        for (String fragment : c.expected()) {
            assertTrue(run.err().contains(fragment), "'" + fragment + "' missing from: " + run.err());
        }
        assertFalse(Files.exists(out), "no output file");
        assertTrue(seconds < 1.0, "refused within a second, took " + seconds + " s");
    }

    @Test
    void badOptionsAndFailedTrainingExitNonZeroWithoutOutput() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,5,2", "-o", model).exitCode());
        Path data = sigmoidData(30, 3);
        Path out = dir.resolve("o.safetensors");

        CliRun widths = radnet("init", "--widths", "2,0,2", "-o", out);
        assertEquals(2, widths.exitCode());
        assertTrue(widths.err().startsWith("radnet: --widths must all be at least 1"), widths.err());
        CliRun activation = radnet("init", "--widths", "2,3,2", "--activation", "swish", "-o", out);
        assertEquals(1, activation.exitCode());
        assertTrue(activation.err().contains("unknown radial profile 'swish'; accepted:"), activation.err());
        CliRun optimizer = radnet("train", model, "--data", data, "-o", out, "--optimizer", "lbfgs");
        assertEquals(2, optimizer.exitCode());
        assertTrue(optimizer.err().startsWith("radnet: --optimizer must be gd, sgd"), optimizer.err());
        CliRun extension = radnet("train", model, "--data", data, "-o", dir.resolve("o.pt"));
        assertEquals(2, extension.exitCode());
        assertTrue(extension.err().contains("a model is written as .safetensors or .json"), extension.err());
        CliRun diverged = radnet("train", model, "--data", data, "-o", out, "--lr", 1e300, "--epochs", 20);
        assertEquals(1, diverged.exitCode());
        assertTrue(diverged.err().startsWith("radnet: training diverged in epoch"), diverged.err());
        Files.writeString(dir.resolve("short.csv"), "1,2,3\n");
        CliRun columns = radnet("eval", model, "--data", dir.resolve("short.csv"));
        assertEquals(1, columns.exitCode());
        assertTrue(columns.err().contains("line 1 has 3 columns, expected 4 (2 inputs, then 2 targets)"), columns.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("data.csv", "m.safetensors", "short.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing else written");
        }
    }

    @Test
    void crossEntropyTrainsAndEvaluatesAClassifierWithItsAccuracy() throws IOException {
        Path model = dir.resolve("clf.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,8,3", "--kind", "mlp", "--activation", "relu", "-o", model).exitCode());
        SplittableRandom random = new SplittableRandom(8);
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < 90; r++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            s.append(a).append(',').append(b).append(',').append(a > 0.3 ? 2 : b > 0 ? 1 : 0).append('\n');
        }
        Path data = dir.resolve("classes.csv");
        Files.writeString(data, s);
        Path trained = dir.resolve("clf2.safetensors");
        JsonNode t = ok("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--lr", 0.05, "--epochs", 60,
                "-o", trained, "--json", "--backend", "ejml");
        assertTrue(t.get("finalLoss").asDouble() < t.get("losses").get(0).asDouble(), t.toString());

        JsonNode e = ok("eval", trained, "--data", data, "--loss", "ce", "--json", "--backend", "ejml");
        FeedForwardNetwork net = ModelFiles.load(trained, EJML, null);
        DataTensors d = CsvData.read(data, EJML, 2, 1);
        double[] p = net.forward(d.inputs()).toRowMajor();
        double[] labels = d.targets().toRowMajor();
        int correct = 0;
        for (int r = 0; r < 90; r++) {
            int best = p[3 * r] >= p[3 * r + 1] && p[3 * r] >= p[3 * r + 2] ? 0 : p[3 * r + 1] >= p[3 * r + 2] ? 1 : 2;
            correct += best == (int) labels[r] ? 1 : 0;
        }
        assertEquals(correct / 90.0, e.get("accuracy").asDouble(), 0.0);
        assertEquals(new io.radnet.core.loss.SoftmaxCrossEntropy().value(net.forward(d.inputs()), d.targets()),
                e.get("value").asDouble(), 0.0);

        Files.writeString(data, "0.1,0.2,3\n");
        CliRun bad = radnet("eval", trained, "--data", data, "--loss", "ce");
        assertEquals(1, bad.exitCode());
        assertEquals("radnet: " + data + ": line 1, column 3: the label 3.0 is not a class index 0..2", bad.err().strip());
    }

    @Test
    void aPlainStateDictNeedsItsKindAndActivationAndIsNeverGuessed() throws IOException {
        Path file = ModelFileFixtures.raw(dir.resolve("plain.safetensors"),
                ModelFileFixtures.validHeader().replaceFirst("\"__metadata__\":\\{[^}]*},", ""),
                ModelFileFixtures.f64Sequence(17, -1));
        String refusal = "radnet: " + file + ": the file is a plain state dict (no format=radnet metadata) with widths "
                + "[2,3,2], which does not say what network it is: give its kind, --kind radial or --kind mlp, and its "
                + "activation with --activation NAME (never guessed)";
        Path data = sigmoidData(5, 1);
        Path out = dir.resolve("out.safetensors");
        List<List<Object>> commands = List.of(List.of("info", file), List.of("eval", file, "--data", data),
                List.of("compress", file, "-o", out), List.of("train", file, "--data", data, "-o", out));
        for (List<Object> command : commands) {
            for (List<Object> options : List.<List<Object>>of(List.of(), List.of("--activation", "Tanh"))) {
                List<Object> args = new ArrayList<>(command);
                args.addAll(options);
                CliRun without = radnet(args.toArray());
                assertEquals(1, without.exitCode(), args + ": " + without.err());
                assertEquals(List.of(refusal), without.errLines(), args.toString());
                assertEquals("", without.out());
                assertFalse(Files.exists(out));
            }
        }
        CliRun noActivation = radnet("info", file, "--kind", "mlp");
        assertEquals(1, noActivation.exitCode());
        assertTrue(noActivation.err().strip().endsWith("give its mlp activation, e.g. --activation relu"),
                noActivation.err());
        CliRun badKind = radnet("info", file, "--kind", "cnn", "--activation", "tanh");
        assertEquals(1, badKind.exitCode());
        assertEquals("radnet: --kind: unknown kind 'cnn'; accepted: radial, mlp", badKind.err().strip());

        JsonNode radial = ok("info", file, "--kind", "RADIAL", "--activation", "Tanh", "--json");
        assertEquals("radial", radial.get("kind").asText());
        assertEquals("tanh", radial.get("activation").asText());
        assertArrayEquals(new int[] {2, 3, 2}, ints(radial.get("widths")));
        JsonNode mlp = ok("info", file, "--kind", "mlp", "--activation", "tanh", "--json");
        assertEquals("mlp", mlp.get("kind").asText());
    }

    @Test
    void aKindContradictingARadnetFileIsRefused() throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,3,2", "-o", model).exitCode());
        CliRun run = radnet("info", model, "--kind", "mlp");
        assertEquals(1, run.exitCode());
        assertEquals("radnet: " + model + ": the file holds a radial network but kind mlp was asked for; leave the kind "
                + "out for radnet files", run.err().strip());
        assertEquals("radial", ok("info", model, "--kind", "radial", "--json").get("kind").asText());
    }

    @Test
    void theModelWritingCommandsWriteF32OnRequestRoundedToNearest() throws IOException {
        Path f64 = dir.resolve("m64.safetensors");
        Path f32 = dir.resolve("m32.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,5,2", "--shift", "0.3", "--seed", 3, "-o", f64).exitCode());
        assertEquals(0, radnet("init", "--widths", "2,5,2", "--shift", "0.3", "--seed", 3, "--dtype", "F32", "-o", f32)
                .exitCode());
        assertEquals("F32", ModelFiles.readTensors(f32).metadata().get("dtype"));
        assertEquals(null, ModelFiles.readTensors(f64).metadata().get("dtype"));
        double[] exact = ModelFiles.load(f64, EJML, null).parameters().flatten();
        double[] rounded = ModelFiles.load(f32, EJML, null).parameters().flatten();
        for (int k = 0; k < exact.length; k++) {
            assertEquals((double) (float) exact[k], rounded[k], 0.0);
        }
        assertArrayEquals(new int[] {2, 5, 2}, ints(ok("info", f32, "--json").get("widths")));

        Path data = sigmoidData(20, 2);
        Path trained = dir.resolve("t32.safetensors");
        assertEquals(0, radnet("train", f64, "--data", data, "--epochs", 2, "--dtype", "f32", "-o", trained, "-q")
                .exitCode());
        assertEquals("F32", ModelFiles.readTensors(trained).metadata().get("dtype"));
        Path small = dir.resolve("c32.safetensors");
        assertEquals(0, radnet("compress", f64, "--dtype", "f32", "-o", small).exitCode());
        assertEquals("F32", ModelFiles.readTensors(small).metadata().get("dtype"));

        CliRun json = radnet("init", "--widths", "2,5,2", "--dtype", "f32", "-o", dir.resolve("m.json"));
        assertEquals(2, json.exitCode());
        assertTrue(json.err().startsWith("radnet: --dtype f32: " + dir.resolve("m.json") + ": a .json model holds "
                + "doubles; f32 is written to .safetensors files only"), json.err());
        CliRun unknown = radnet("train", f64, "--data", data, "--dtype", "f16", "-o", dir.resolve("t.safetensors"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("radnet: --dtype: unknown dtype 'f16'; accepted: f64, f32"), unknown.err());
        assertFalse(Files.exists(dir.resolve("m.json")) || Files.exists(dir.resolve("t.safetensors")));
    }

    @Test
    void reproducePlotsExperiment3sLossCurves() throws IOException {
        Path png = dir.resolve("exp3.png");
        CliRun run = radnet("reproduce", "-e", "3", "-n", "1", "--target-loss", "0.5", "--max-epochs", "3",
                "--backend", "ejml", "--plot", png);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(600, ImageIO.read(png.toFile()).getHeight());
        CliRun without3 = radnet("reproduce", "-e", "1", "--plot", dir.resolve("x.png"));
        assertEquals(2, without3.exitCode());
        assertTrue(without3.err().startsWith("radnet: --plot draws the loss curves of experiments 3 and 5"), without3.err());
        assertFalse(Files.exists(dir.resolve("x.png")));
    }

    /** info and compress of a radial network without layer biases (no bias tensors in the file). */
    @Test
    void infoAndCompressOfANetworkWithoutLayerBiases() throws IOException {
        Path model = dir.resolve("biasless.safetensors");
        ModelFiles.save(RadialNetwork.initializedWithoutBiases(EJML, new int[] {3, 8, 9, 2},
                io.radnet.core.activation.RadialProfiles.sigmoid(), 5), model);
        JsonNode info = ok("info", model, "--json");
        assertEquals(8 * 3 + 9 * 8 + 2 * 9, info.get("parameters").asInt());
        assertArrayEquals(new int[] {3, 3, 3, 2}, ints(info.get("reducedWidths")));
        assertEquals(3 * 3 + 3 * 3 + 2 * 3, info.get("reducedParameters").asInt());
        Path small = dir.resolve("biasless-small.safetensors");
        JsonNode c = ok("compress", model, "-o", small, "--json", "--backend", "ejml");
        assertArrayEquals(new int[] {3, 3, 3, 2}, ints(c.get("reducedWidths")));
        assertTrue(c.get("maxAbsDiff").asDouble() <= 1e-12, c.toString());
        FeedForwardNetwork reduced = ModelFiles.load(small, EJML, null);
        assertFalse(reduced.layerBiases(), "the reduced file has no layer biases either");
        assertEquals(List.of("layers.0.weight", "layers.1.weight", "layers.2.weight"),
                ModelFiles.readTensors(small).tensors().stream().map(t -> t.name()).toList());
    }
}
