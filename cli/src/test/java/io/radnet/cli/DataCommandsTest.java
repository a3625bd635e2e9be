package io.radnet.cli;

import static io.radnet.core.io.DataFileFixtures.float64;
import static io.radnet.core.io.DataFileFixtures.gzip;
import static io.radnet.core.io.DataFileFixtures.idx;
import static io.radnet.core.io.DataFileFixtures.idxImages;
import static io.radnet.core.io.DataFileFixtures.idxLabels;
import static io.radnet.core.io.DataFileFixtures.npy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code train} and {@code eval} on named, IDX, npy and CSV data: the data read as the core
 * readers read them, the loss chosen from the targets, and every corrupt or mismatched input
 * refused with one line, exit code 1 and no output file.
 */
class DataCommandsTest {
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Six 2 × 2 images whose classes 0, 1, 2 a small MLP can tell apart. */
    private static final byte[] PIXELS = {
        (byte) 250, 0, 0, 0, 0, (byte) 250, 0, 0, 0, 0, (byte) 250, 0,
        (byte) 240, 10, 0, 0, 10, (byte) 240, 0, 0, 0, 10, (byte) 240, 0};
    private static final int[] LABELS = {0, 1, 2, 0, 1, 2};

    @TempDir
    Path dir;

    private Path model;
    private Path out;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    private static JsonNode ok(Object... args) throws IOException {
        CliRun run = radnet(args);
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    /** A failure: the exit code, exactly one line on stderr holding the fragments, nothing on stdout. */
    private static void fails(CliRun run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertTrue(run.errLines().size() == 1 || run.errLines().size() == 2 && run.errLines().get(1).startsWith("Try '"),
                "one line: " + run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "'" + fragment + "' missing from: " + run.err());
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @BeforeEach
    void createModel() {
        model = dir.resolve("m.safetensors");
        out = dir.resolve("trained.safetensors");
        assertEquals(0, radnet("init", "--kind", "mlp", "--activation", "relu", "--widths", "4,8,3", "--seed", 3,
                "-o", model).exitCode());
    }

    @Test
    void idxImagesAndLabelsTrainWithCrossEntropyByDefault() throws IOException {
        Path images = write("images.idx.gz", gzip(idxImages(PIXELS, 6, 2, 2)));
        Path labels = write("labels.idx", idxLabels(LABELS));
        JsonNode t = ok("train", model, "--data", images, "--labels", labels, "--optimizer", "adam", "--lr", 0.05,
                "--epochs", 60, "-o", out, "--json", "--backend", "ejml");
        assertTrue(t.get("finalLoss").asDouble() < t.get("losses").get(0).asDouble(), t.toString());
        JsonNode e = ok("eval", out, "--data", images, "--labels", labels, "--json", "--backend", "ejml");
        assertEquals("ce", e.get("loss").asText());
        assertEquals(6, e.get("samples").asInt());
        Dataset d = Datasets.idx(images, labels, Backends.get("ejml"), 3);
        FeedForwardNetwork trained = ModelFiles.load(out, Backends.get("ejml"), null);
        assertEquals(new SoftmaxCrossEntropy().value(trained.forward(d.inputs()), d.targets()), e.get("value").asDouble(),
                0.0, "eval reads the images scaled to [0, 1], as the core reader does");
    }

    @Test
    void npyIntegerLabelsAreClassesAndFloatTargetsRegression() throws IOException {
        double[] x = new double[24];
        for (int k = 0; k < 24; k++) {
            x[k] = (PIXELS[k] & 0xFF) / 255.0;
        }
        Path inputs = write("x.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6, 4), }", float64(x)));
        Path labels = write("y.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (6,), }",
                new byte[] {0, 1, 2, 0, 1, 2}));
        JsonNode e = ok("eval", model, "--data", inputs, "--labels", labels, "--json", "--backend", "ejml");
        assertEquals("ce", e.get("loss").asText());
        assertTrue(e.has("accuracy"));
        Path targets = write("t.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6, 3), }",
                float64(new double[18])));
        JsonNode r = ok("eval", model, "--data", inputs, "--labels", targets, "--json", "--backend", "ejml");
        assertEquals("mse", r.get("loss").asText());
        assertFalse(r.has("accuracy"));
        Path twoColumns = write("t2.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (6, 2), }",
                float64(new double[12])));
        fails(radnet("eval", model, "--data", inputs, "--labels", twoColumns, "--backend", "ejml"), 1,
                "t2.npy: 2 targets per sample (shape (6, 2)), but the model has 3 outputs");
    }

    @Test
    void aKaggleStyleCsvHasItsLabelFirst() throws IOException {
        StringBuilder csv = new StringBuilder("label,pixel1,pixel2,pixel3,pixel4\n");
        for (int s = 0; s < 6; s++) {
            csv.append(LABELS[s]);
            for (int p = 0; p < 4; p++) {
                csv.append(',').append(PIXELS[4 * s + p] & 0xFF);
            }
            csv.append('\n');
        }
        Path data = Files.writeString(dir.resolve("kaggle.csv"), csv);
        JsonNode e = ok("eval", model, "--data", data, "--loss", "ce", "--label-column", "first", "--json", "--backend",
                "ejml");
        assertEquals(6, e.get("samples").asInt());
        fails(radnet("eval", model, "--data", data, "--loss", "ce", "--label-column", "2", "--backend", "ejml"), 1,
                "kaggle.csv: line 2, column 2: the label 250.0 is not a class index 0..2");
        fails(radnet("eval", model, "--data", data, "--loss", "ce", "--label-column", "6", "--backend", "ejml"), 2,
                "--label-column: label column 6 is outside lines of 5 columns");
    }

    @Test
    void aNamedDataSetReadsFromDataDir() throws IOException {
        Path fashion = dir.resolve("fashion");
        Files.createDirectories(fashion);
        byte[] pixels = new byte[3 * 784];
        Arrays.fill(pixels, (byte) 51);
        Files.write(fashion.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(pixels, 3, 28, 28)));
        Files.write(fashion.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(9, 0, 5)));
        Path wide = dir.resolve("wide.json");
        assertEquals(0, radnet("init", "--kind", "mlp", "--activation", "relu", "--widths", "784,4,10", "-o", wide)
                .exitCode());
        JsonNode e = ok("eval", wide, "--data", "fashion-mnist:test", "--data-dir", fashion, "--json", "--backend", "ejml");
        assertEquals("ce", e.get("loss").asText());
        assertEquals(3, e.get("samples").asInt());
        fails(radnet("eval", wide, "--data", "fashion-mnist:validation", "--data-dir", fashion), 2,
                "Fashion-MNIST has the splits train and test, got 'fashion-mnist:validation'");
        fails(radnet("eval", wide, "--data", "fashion-mnist:train", "--data-dir", fashion), 1,
                "Fashion-MNIST not found", "install Debian's dataset-fashion-mnist", "RADNET_DATA");
        fails(radnet("eval", model, "--data", "fashion-mnist:test", "--data-dir", fashion), 1,
                "fashion-mnist:test: 784 values per sample, but the model takes 4 inputs");
        fails(radnet("eval", wide, "--data", "fashion-mnist:test", "--data-dir", fashion, "--loss", "mse"), 2,
                "fashion-mnist:test holds class labels; they need --loss ce");
    }

    /** A corrupt or mismatched pair: its name, the images and labels bytes, and what the message says. */
    record BadPair(String name, byte[] images, byte[] labels, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadPair> badPairs() {
        byte[] images = idxImages(PIXELS, 6, 2, 2);
        byte[] labels = idxLabels(LABELS);
        byte[] badMagic = images.clone();
        badMagic[1] = 7;
        return Stream.of(
                new BadPair("bad magic", badMagic, labels, "byte 0: bad magic number 00 07 08 03"),
                new BadPair("truncated gzip", gzip(Arrays.copyOf(images, images.length - 3)), labels,
                        "images.idx: truncated: the data end at byte 37"),
                new BadPair("dimension product", Arrays.copyOf(images, images.length + 4), labels,
                        "more bytes than its shape: the file has 44 bytes, but the shape 6×2×2 of uint8 needs 24 bytes of "
                        + "data from byte 16 (40 in all)"),
                new BadPair("wrong dtype", idx(0x0D, new int[] {6, 2, 2}, new byte[96]), labels,
                        "byte 2: element type float32; only uint8 images are scaled"),
                new BadPair("labels out of range", images, idxLabels(0, 1, 2, 3, 1, 2),
                        "labels.idx: element 3 (row 3, column 0; byte 11) is the label 3.0, not a class index 0..2"),
                new BadPair("label count", images, idxLabels(0, 1, 2, 0, 1),
                        "labels.idx: 5 samples, but " + "IMAGES has 6; expected one target per input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPairs")
    void corruptIdxIsRefusedWithOneLineExitOneAndNoOutput(BadPair pair) throws IOException {
        Path images = write("images.idx", pair.images());
        Path labels = write("labels.idx", pair.labels());
        fails(radnet("train", model, "--data", images, "--labels", labels, "--epochs", 1, "-o", out), 1,
                pair.expected().replace("IMAGES", images.toString()));
        assertFalse(Files.exists(out), "nothing written");
        Path predictions = dir.resolve("p.csv");
        fails(radnet("eval", model, "--data", images, "--labels", labels, "--predict", predictions), 1);
        assertFalse(Files.exists(predictions), "nothing written");
    }

    @Test
    void corruptNpyIsRefusedWithOneLineExitOneAndNoOutput() throws IOException {
        Path labels = write("y.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                new byte[16]));
        List<String[]> cases = List.of(
                new String[] {"{'descr': '>f8', 'fortran_order': False, 'shape': (2, 4), }", "is '>f8': big-endian"},
                new String[] {"{'descr': '|O', 'fortran_order': False, 'shape': (2, 4), }", "object arrays are refused"},
                new String[] {"{'descr': '<f8', 'fortran_order': True, 'shape': (2, 4), }", "'fortran_order' is True"},
                new String[] {"{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }", "truncated: the file has 184"});
        for (String[] c : cases) {
            Path inputs = write("x.npy", npy(c[0], new byte[c[1].startsWith("truncated") ? 56 : 64]));
            fails(radnet("train", model, "--data", inputs, "--labels", labels, "--epochs", 1, "-o", out), 1, c[1]);
            assertFalse(Files.exists(out), "nothing written");
        }
        Path inputs = write("x.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 4), }", new byte[64]));
        Path outOfRange = write("big.npy", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }",
                new byte[] {1, 0, 0, 0, 3, 0, 0, 0}));
        fails(radnet("train", model, "--data", inputs, "--labels", outOfRange, "--epochs", 1, "-o", out), 1,
                "big.npy: element 1 (row 1, column 0; byte 132) is the label 3.0, not a class index 0..2");
        assertFalse(Files.exists(out));
    }

    @Test
    void optionsThatDoNotFitTheDataAreUsageErrors() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "1,2,3,4,0\n");
        Path images = write("images.idx", idxImages(PIXELS, 6, 2, 2));
        Path npyLabels = write("y.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (6,), }", new byte[6]));
        fails(radnet("eval", model, "--data", csv, "--labels", csv), 2,
                "--labels is for IDX and npy --data; a CSV file holds its targets in a column (--label-column)");
        fails(radnet("eval", model, "--data", csv, "--labels", images), 1,
                "d.csv: byte 0: bad magic number 31 2c 32 2c; expected an IDX file");
        fails(radnet("eval", model, "--data", images), 2, "is an IDX file; give its targets with --labels");
        fails(radnet("eval", model, "--data", images, "--labels", npyLabels), 2,
                "is not an IDX file (gzip or plain) like --data");
        fails(radnet("eval", model, "--data", images, "--labels", images, "--label-column", "first"), 2,
                "--label-column is for CSV --data");
        fails(radnet("eval", model, "--data", csv, "--data-dir", dir), 2, "--data-dir is for named data sets");
        fails(radnet("eval", model, "--data", csv, "--label-column", "middle"), 2,
                "--label-column: a label column is first, last or a column number ≥ 1, got 'middle'");
    }

    /**
     * A heap too small for the data: refused before allocation with one line naming
     * RADNET_JAVA_OPTS (in a JVM of 64 MB; the file announces 60000 images of 28 × 28).
     */
    @Test
    void dataLargerThanTheHeapNameTheHeapOption() throws IOException, InterruptedException {
        Path wide = dir.resolve("wide.json");
        assertEquals(0, radnet("init", "--kind", "mlp", "--widths", "784,2,10", "-o", wide).exitCode());
        Path images = write("images.idx.gz", gzip(idx(0x08, new int[] {60000, 28, 28}, new byte[0])));
        Path labels = write("labels.idx.gz", gzip(idx(0x08, new int[] {60000}, new byte[0])));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-Dradnet.backend=ejml", "-cp",
                System.getProperty("java.class.path"), RadnetCommand.class.getName(), "train", wide.toString(), "--data",
                images.toString(), "--labels", labels.toString(), "-o", out.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String err = Files.readString(dir.resolve("stderr.txt"));
        List<String> errLines = err.lines().filter(l -> !l.startsWith("SLF4J:")).toList();
        assertEquals(1, process.exitValue(), err);
        assertEquals(1, errLines.size(), err);
        assertTrue(errLines.get(0).startsWith("radnet: " + labels + ": too large for the Java heap")
                || errLines.get(0).startsWith("radnet: " + images + ": too large for the Java heap"), err);
        assertTrue(errLines.get(0).contains("; give Java a larger heap, e.g. RADNET_JAVA_OPTS=-Xmx"), err);
        assertFalse(Files.exists(out));
    }
}
