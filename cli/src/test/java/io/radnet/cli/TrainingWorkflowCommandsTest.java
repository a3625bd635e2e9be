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
import io.radnet.core.data.Dataset;
import io.radnet.core.data.ValidationSplit;
import io.radnet.core.io.CsvData;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train's validation, early stopping, checkpoint and resume options and eval's confusion matrix
 * and class predictions, end to end inside the test JVM, checked against the library on the
 * same inputs; every refused option or file exits non-zero with one line and writes nothing.
 */
class TrainingWorkflowCommandsTest {
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
        assertEquals("", run.err());
        return JSON.readTree(run.out());
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int k = 0; k < v.length; k++) {
            v[k] = array.get(k).asDouble();
        }
        return v;
    }

    /** Three classes of seeded points of [−1, 1]² by a threshold rule, label last. */
    private Path classes(String name, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder("x1,x2,label\n");
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            s.append(a).append(',').append(b).append(',').append(a > 0.3 ? 2 : b > 0 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, s);
        return file;
    }

    private Path classifier() {
        Path model = dir.resolve("clf.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,8,3", "--kind", "mlp", "--activation", "tanh", "--seed", 3, "-o", model)
                .exitCode());
        return model;
    }

    @Test
    void aValidationFractionIsHeldOutWithTheSeedAndReportedEveryEpochInJsonAndOnThePlot() throws IOException {
        Path model = classifier();
        Path data = classes("train.csv", 90, 1);
        Path trained = dir.resolve("t.safetensors");
        Path plot = dir.resolve("loss.svg");
        JsonNode t = ok("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--lr", 0.05, "--epochs", 12,
                "--batch", 16, "--seed", 4, "--validation", 0.2, "--plot", plot, "-o", trained, "--json", "--backend", "ejml");

        FeedForwardNetwork expected = ModelFiles.load(model, EJML, null);
        ValidationSplit split = ValidationSplit.of(Dataset.of(CsvData.readLabelled(data, EJML, 2, 3)), 0.2, 4);
        TrainingResult result = Trainer.builder(expected, new SoftmaxCrossEntropy(), Adam.builder().learningRate(0.05).build(),
                split.training()).batchSize(16).seed(4).maxEpochs(12).validation(split.validation()).build().train();
        assertEquals(18, t.get("validationSamples").asInt(), "⌈0.2 · 90⌉");
        assertArrayEquals(result.lossHistory(), doubles(t.get("losses")), 0.0);
        assertArrayEquals(result.validationLossHistory(), doubles(t.get("validationLosses")), 0.0);
        assertArrayEquals(result.validationAccuracyHistory(), doubles(t.get("validationAccuracies")), 0.0);
        assertEquals(12, t.get("modelEpoch").asInt());
        assertArrayEquals(expected.parameters().flatten(), ModelFiles.load(trained, EJML, null).parameters().flatten(), 0.0);
        assertTrue(Files.size(plot) > 0);
        assertEquals(List.of("training ce", "validation ce"),
                TrainCommand.lossChart("t", "ce", result, null).getSeriesCollection().stream().map(org.knowm.xchart.XYSeries::getName).toList(), "two series");

        CliRun text = radnet("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--lr", 0.05, "--epochs",
                12, "--batch", 16, "--seed", 4, "--validation", 0.2, "-o", dir.resolve("t2.safetensors"), "--backend", "ejml");
        assertTrue(text.out().contains(String.format(java.util.Locale.ROOT, "validation 18 samples: ce %.6g, accuracy %.4f"
                + " (epoch 12)", result.validationLossHistory()[11], result.validationAccuracyHistory()[11])), text.out());
    }

    @Test
    void earlyStoppingWritesTheModelOfTheEpochWithTheLowestValidationLoss() throws IOException {
        Path model = dir.resolve("mlp.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,6,2", "--kind", "mlp", "--activation", "tanh", "--seed", 4, "-o", model)
                .exitCode());
        // targets y for training, y/2 for validation: the outputs pass closest to y/2 on their way to y
        SplittableRandom random = new SplittableRandom(2);
        StringBuilder train = new StringBuilder();
        StringBuilder half = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            double y1 = 2 * a - b;
            double y2 = a * b + 1;
            train.append(a).append(',').append(b).append(',').append(y1).append(',').append(y2).append('\n');
            half.append(a).append(',').append(b).append(',').append(y1 / 2).append(',').append(y2 / 2).append('\n');
        }
        Path data = dir.resolve("y.csv");
        Path validation = dir.resolve("half.csv");
        Files.writeString(data, train);
        Files.writeString(validation, half);
        Path stopped = dir.resolve("stopped.safetensors");
        JsonNode t = ok("train", model, "--data", data, "--validation-data", validation, "--early-stop", 5, "--lr", 0.1,
                "--epochs", 2000, "-o", stopped, "--json", "--backend", "ejml");
        int best = t.get("modelEpoch").asInt();
        assertEquals("EARLY_STOP", t.get("stopReason").asText());
        assertEquals(best + 5, t.get("epochs").asInt());
        assertEquals(40, t.get("validationSamples").asInt());
        double[] v = doubles(t.get("validationLosses"));
        for (int e = 0; e < v.length; e++) {
            assertTrue(e + 1 == best ? true : e + 1 < best ? v[e] > v[best - 1] : v[e] >= v[best - 1], "epoch " + (e + 1));
        }
        assertTrue(best > 1, "the validation loss first fell");
        Path plain = dir.resolve("plain.safetensors");
        ok("train", model, "--data", data, "--lr", 0.1, "--epochs", best, "-o", plain, "--json", "--backend", "ejml");
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(stopped), "the best epoch's model, byte for byte");
    }

    @Test
    void aResumedRunWritesTheSameBytesAsTheUninterruptedOneAndContinuesItsHistories() throws IOException {
        Path model = classifier();
        Path data = classes("train.csv", 50, 2);
        Path straight = dir.resolve("straight.safetensors");
        Object[] common = {"--data", data, "--loss", "ce", "--optimizer", "momentum", "--batch", 16, "--seed", 9,
            "--validation", 0.2, "--early-stop", 20, "--backend", "ejml", "--json"};
        JsonNode whole = ok(concat(new Object[] {"train", model, "--epochs", 6, "-o", straight}, common));
        Path checkpoint = dir.resolve("ck.safetensors");
        ok(concat(new Object[] {"train", model, "--epochs", 3, "-o", dir.resolve("half.safetensors"), "--checkpoint",
            checkpoint, "--checkpoint-every", 2}, common));
        Path resumed = dir.resolve("resumed.safetensors");
        JsonNode rest = ok(concat(new Object[] {"train", model, "--epochs", 6, "-o", resumed, "--resume", checkpoint}, common));
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed));
        assertEquals(whole.get("losses"), rest.get("losses"));
        assertEquals(whole.get("validationLosses"), rest.get("validationLosses"));
        assertEquals(whole.get("validationAccuracies"), rest.get("validationAccuracies"));
        assertEquals(6, rest.get("epochs").asInt());
        JsonNode info = ok("info", checkpoint, "--json", "--backend", "ejml");
        assertEquals("[2, 8, 3]", info.get("widths").toString().replace(",", ", "), "a checkpoint reads as its model");
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aCheckpointThatDoesNotFitTheRunIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        Path model = classifier();
        Path data = classes("train.csv", 50, 2);
        Path checkpoint = dir.resolve("ck.safetensors");
        ok("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--epochs", 2, "-o",
                dir.resolve("a.safetensors"), "--checkpoint", checkpoint, "--json", "--backend", "ejml");
        Path out = dir.resolve("out.safetensors");
        Path other = dir.resolve("other.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,9,3", "--kind", "mlp", "--activation", "tanh", "-o", other).exitCode());
        Path truncated = dir.resolve("cut.safetensors");
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        List<List<Object>> refused = List.of(
                List.of(model, "--optimizer", "radam", "--resume", checkpoint),
                List.of(model, "--optimizer", "adam", "--lr", 0.01, "--resume", checkpoint),
                List.of(other, "--optimizer", "adam", "--resume", checkpoint),
                List.of(model, "--optimizer", "adam", "--validation", 0.1, "--resume", checkpoint),
                List.of(model, "--optimizer", "adam", "--resume", truncated),
                List.of(model, "--optimizer", "adam", "--resume", model));
        List<String> expected = List.of(
                "radnet: --resume " + checkpoint + ": cannot resume from the checkpoint after epoch 2: it was taken with the"
                        + " optimizer Adam(",
                "radnet: --resume " + checkpoint + ": cannot resume from the checkpoint after epoch 2: it was taken with the"
                        + " optimizer Adam(",
                "radnet: --resume " + checkpoint + ": the checkpoint holds a mlp network [2,8,3] tanh but " + other
                        + " is a mlp network [2,9,3] tanh",
                "radnet: --resume " + checkpoint + ": the checkpoint was written by a run with {loss=ce, validation=none}",
                "radnet: " + truncated + ": ",
                "radnet: " + model + ": not a radnet training checkpoint (its metadata has no 'checkpoint' key)");
        for (int k = 0; k < refused.size(); k++) {
            Object[] args = concat(new Object[] {"train"}, concat(refused.get(k).toArray(), new Object[] {"--data", data,
                "--loss", "ce", "--epochs", 4, "-o", out, "--backend", "ejml"}));
            CliRun run = radnet(args);
            assertEquals(1, run.exitCode(), run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith(expected.get(k)), run.err());
            assertFalse(Files.exists(out));
        }
        CliRun done = radnet("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--epochs", 2, "-o", out,
                "--resume", checkpoint, "--backend", "ejml");
        assertEquals(1, done.exitCode());
        assertTrue(done.err().contains("it is at epoch 2, so a run to epoch 2 has nothing left to do"), done.err());
    }

    @Test
    void badWorkflowOptionsAreUsageErrors() throws IOException {
        Path model = classifier();
        Path data = classes("train.csv", 20, 2);
        Path out = dir.resolve("out.safetensors");
        Path ck = dir.resolve("ck.safetensors");
        Files.copy(model, ck);
        Map<List<Object>, String> cases = Map.of(
                List.of("--validation", 1.5), "--validation must be a fraction in (0, 1), got 1.5",
                List.of("--validation", 0.2, "--validation-data", data), "give --validation FRACTION or --validation-data DATA, not both",
                List.of("--early-stop", 3), "--early-stop watches the validation loss: give --validation FRACTION or --validation-data DATA",
                List.of("--validation", 0.2, "--early-stop", 0), "--early-stop must be at least 1 epoch, got 0",
                List.of("--checkpoint-every", 2), "--checkpoint-every needs --checkpoint FILE",
                List.of("--checkpoint", dir.resolve("c.json")), "cannot write " + dir.resolve("c.json")
                        + " (--checkpoint): a checkpoint is written as .safetensors; the name must end in it",
                List.of("--checkpoint", ck, "--resume", ck), "cannot write " + ck + " (--checkpoint): it is the checkpoint to"
                        + " resume " + ck + " this command reads; an input is never overwritten");
        for (Map.Entry<List<Object>, String> c : cases.entrySet()) {
            Object[] args = concat(new Object[] {"train", model, "--data", data, "--loss", "ce", "-o", out, "--backend", "ejml"},
                    c.getKey().toArray());
            CliRun run = radnet(args);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.errLines().get(0).equals("radnet: " + c.getValue()), run.err());
            assertFalse(Files.exists(out));
        }
    }

    @Test
    void evalPrintsTheConfusionMatrixAndWritesClassProbabilitiesAndThePredictedClass() throws IOException {
        Path model = classifier();
        Path data = classes("train.csv", 60, 5);
        Path trained = dir.resolve("t.safetensors");
        ok("train", model, "--data", data, "--loss", "ce", "--optimizer", "adam", "--lr", 0.05, "--epochs", 30, "-o", trained,
                "--json", "--backend", "ejml");
        FeedForwardNetwork net = ModelFiles.load(trained, EJML, null);
        Dataset d = Dataset.of(CsvData.readLabelled(data, EJML, 2, 3));
        Tensor logits = net.forward(d.inputs());
        long[][] counts = Classification.confusion(logits, d.targets());

        Path predictions = dir.resolve("p.csv");
        JsonNode e = ok("eval", trained, "--data", data, "--loss", "ce", "--confusion", "--predict", predictions, "--json",
                "--backend", "ejml");
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(counts[t][p], e.get("confusion").get(t).get(p).asLong());
            }
        }
        assertEquals(Classification.accuracy(logits, d.targets()), e.get("accuracy").asDouble(), 0.0);
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("p0,p1,p2,predicted", lines.get(0));
        assertEquals(61, lines.size());
        double[] q = Classification.probabilities(logits).toRowMajor();
        int[] predicted = Classification.predictedClasses(logits);
        for (int r = 0; r < 60; r++) {
            String[] cells = lines.get(r + 1).split(",");
            for (int j = 0; j < 3; j++) {
                assertEquals(q[3 * r + j], Double.parseDouble(cells[j]), 0.0);
            }
            assertEquals(Integer.toString(predicted[r]), cells[3]);
        }

        CliRun text = radnet("eval", trained, "--data", data, "--loss", "ce", "--confusion", "--backend", "ejml");
        List<String> out = text.outLines();
        int header = out.indexOf("confusion (rows: true class, columns: predicted class)");
        assertTrue(header > 0, text.out());
        assertEquals(List.of("true", "0", "1", "2"), List.of(out.get(header + 1).trim().split(" +")));
        for (int t = 0; t < 3; t++) {
            String[] cells = out.get(header + 2 + t).trim().split(" +");
            assertEquals(Integer.toString(t), cells[0]);
            for (int p = 0; p < 3; p++) {
                assertEquals(counts[t][p], Long.parseLong(cells[p + 1]));
            }
        }
        CliRun mse = radnet("eval", trained, "--data", data, "--confusion", "--backend", "ejml");
        assertEquals(2, mse.exitCode());
        assertEquals("radnet: --confusion counts classes and needs --loss ce", mse.errLines().get(0));
    }
}
