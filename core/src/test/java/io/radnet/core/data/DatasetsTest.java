package io.radnet.core.data;

import static io.radnet.core.io.DataFileFixtures.float64;
import static io.radnet.core.io.DataFileFixtures.gzip;
import static io.radnet.core.io.DataFileFixtures.idxImages;
import static io.radnet.core.io.DataFileFixtures.idxLabels;
import static io.radnet.core.io.DataFileFixtures.npy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.PythonWithTorch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Named and file data sets: Fashion-MNIST as Debian installs it (skipped when the files are absent
 * unless {@value #REQUIRE_FASHION_MNIST}=1, which CI sets), a small Fashion-MNIST-shaped
 * directory of our own on every backend, and pairs of IDX and npy files.
 */
class DatasetsTest {
    /** The environment variable that turns a skip for lack of Fashion-MNIST into a failure. */
    static final String REQUIRE_FASHION_MNIST = "RADNET_REQUIRE_FASHION_MNIST";
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    /** Five 28 × 28 images, pixel p of image i equal to (7 i + p) mod 256, labels 4, 0, 9, 4, 1. */
    private static final int[] LABELS = {4, 0, 9, 4, 1};

    private static byte[] pixels(int images) {
        byte[] bytes = new byte[images * 784];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) ((7 * (k / 784) + k % 784) % 256);
        }
        return bytes;
    }

    private void writeFashionMnistShaped(Path directory, String prefix, boolean compressed) throws IOException {
        Files.createDirectories(directory);
        byte[] images = idxImages(pixels(LABELS.length), LABELS.length, 28, 28);
        byte[] labels = idxLabels(LABELS);
        Files.write(directory.resolve(prefix + "-images-idx3-ubyte" + (compressed ? ".gz" : "")),
                compressed ? gzip(images) : images);
        Files.write(directory.resolve(prefix + "-labels-idx1-ubyte" + (compressed ? ".gz" : "")),
                compressed ? gzip(labels) : labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aFashionMnistShapedDirectoryReadsScaledImagesAndClassIndices(String backendName) throws IOException {
        Backend backend = Backends.get(backendName);
        writeFashionMnistShaped(dir, "t10k", true);
        writeFashionMnistShaped(dir, "train", false);
        for (Datasets.Split split : Datasets.Split.values()) {
            Dataset d = Datasets.fashionMnist(backend, split, dir);
            assertEquals(backend, d.backend());
            assertEquals(5, d.size());
            assertEquals(784, d.inputWidth());
            assertEquals(1, d.targetWidth());
            double[] x = d.inputs().toRowMajor();
            byte[] raw = pixels(5);
            for (int k = 0; k < x.length; k++) {
                assertEquals((raw[k] & 0xFF) / 255.0, x[k], 0.0, "pixel " + k);
            }
            assertArrayEquals(new double[] {4, 0, 9, 4, 1}, d.targets().toRowMajor(), 0.0);
        }
    }

    @Test
    void missingFilesSayHowToInstallThemInOneLine() {
        Path empty = dir.resolve("none");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> Datasets.fashionMnist(EJML, Datasets.Split.TRAIN, empty));
        assertEquals("Fashion-MNIST not found: no " + empty.resolve("train-images-idx3-ubyte.gz")
                + " (nor train-images-idx3-ubyte); install Debian's dataset-fashion-mnist (apt-get install "
                + "dataset-fashion-mnist) or set RADNET_DATA to a directory holding train-images-idx3-ubyte.gz, "
                + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz", e.getMessage());
    }

    @Test
    void theDirectoryComesFromRadnetDataElseDebian() {
        assertEquals(Path.of("/data/fm"), Datasets.fashionMnistDirectory(RadnetConfig.of(Map.of(),
                Map.of(RadnetConfig.DATA_ENV, " /data/fm "))));
        assertEquals(Path.of(Datasets.DEBIAN_FASHION_MNIST), Datasets.fashionMnistDirectory(RadnetConfig.of(Map.of(),
                Map.of())));
    }

    @Test
    void labelCountsMustMatchImageCountsAndImagesMustBe28By28() throws IOException {
        Path images = dir.resolve("images.idx");
        Files.write(images, idxImages(pixels(5), 5, 28, 28));
        Path labels = dir.resolve("labels.idx.gz");
        Files.write(labels, gzip(idxLabels(1, 2, 3, 4)));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Datasets.idx(images, labels, EJML, 10));
        assertEquals(labels + ": 4 samples, but " + images + " has 5; expected one target per input", e.getMessage());
        Files.write(dir.resolve("train-images-idx3-ubyte"), idxImages(new byte[5 * 4 * 196], 5, 4, 196));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idxLabels(LABELS));
        e = assertThrows(ModelFileException.class, () -> Datasets.fashionMnist(EJML, Datasets.Split.TRAIN, dir));
        assertTrue(e.getMessage().endsWith("train-images-idx3-ubyte: shape 5×4×196; Fashion-MNIST's images are N×28×28"),
                e.getMessage());
    }

    @Test
    void npyPairsAreClassLabelsOrRegressionTargets() throws IOException {
        Path x = dir.resolve("x.npy");
        Files.write(x, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", float64(1, 2, 3, 4, 5, 6)));
        Path labels = dir.resolve("y.npy");
        Files.write(labels, npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new byte[] {2, 0, 1}));
        Dataset classified = Datasets.npy(x, labels, EJML, 3);
        assertArrayEquals(new double[] {2, 0, 1}, classified.targets().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, classified.inputs().toRowMajor(), 0.0);
        Path targets = dir.resolve("t.npy");
        Files.write(targets, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }",
                float64(0.5, 1, 1.5, 2, 2.5, 3)));
        assertEquals(2, Datasets.npy(x, targets, EJML, 0).targetWidth());
        Path short2 = dir.resolve("two.npy");
        Files.write(short2, npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[] {1, 0}));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Datasets.npy(x, short2, EJML, 3));
        assertEquals(short2 + ": 2 samples, but " + x + " has 3; expected one target per input", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Datasets.Split.class)
    void debiansFashionMnistHasItsCountsClassesAndPixelSum(Datasets.Split split) throws IOException, InterruptedException {
        Path directory = Path.of(Datasets.DEBIAN_FASHION_MNIST);
        String prefix = split == Datasets.Split.TRAIN ? "train" : "t10k";
        Path images = directory.resolve(prefix + "-images-idx3-ubyte.gz");
        if (!Files.exists(images)) {
            String reason = images + " is absent (Debian's dataset-fashion-mnist is not installed)";
            if ("1".equals(System.getenv(REQUIRE_FASHION_MNIST))) {
                throw new AssertionError(reason + "; " + REQUIRE_FASHION_MNIST + "=1 requires it");
            }
            Assumptions.assumeTrue(false, reason);
        }
        Dataset d = Datasets.fashionMnist(EJML, split, directory);
        int expected = split == Datasets.Split.TRAIN ? 60000 : 10000;
        assertEquals(expected, d.size());
        assertEquals(784, d.inputWidth());
        assertEquals(1, d.targetWidth());
        int[] histogram = new int[10];
        for (double label : d.targets().toRowMajor()) {
            histogram[(int) label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(expected / 10, histogram[c], "samples of class " + c);
        }
        long pixelSum = 0;
        boolean inUnitInterval = true;
        for (double v : d.inputs().toRowMajor()) {
            pixelSum += Math.round(v * 255);
            inUnitInterval &= v >= 0 && v <= 1;
        }
        assertTrue(inUnitInterval, "pixels scaled to [0, 1]");
        assertEquals(pythonPixelSum(images), pixelSum, "the byte sum numpy computes from the same file");
    }

    /** @return the sum of the pixel bytes of a gzip IDX image file, computed by python3 with gzip and numpy */
    private static long pythonPixelSum(Path images) throws IOException, InterruptedException {
        String python = PythonWithTorch.require("DatasetsTest");
        Process p = new ProcessBuilder(python, "-c", "import gzip, sys, numpy as np\n"
                + "data = gzip.open(sys.argv[1]).read()\n"
                + "print(int(np.frombuffer(data, dtype=np.uint8, offset=16).sum(dtype=np.int64)))", images.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), output);
        assertFalse(output.isEmpty());
        return Long.parseLong(output);
    }
}
