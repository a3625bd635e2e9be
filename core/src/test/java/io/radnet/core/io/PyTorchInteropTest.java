package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interchange with PyTorch, through {@code src/test/python/safetensors_interop.py} run by the
 * system's python3 with torch (Debian's {@code python3-torch}; the {@code safetensors} package
 * is not needed, the script reads and writes the format with struct and json). A radial network
 * radnet writes loads into the reference implementation's module layout with a strict state-dict
 * load and gives the same outputs; a plain state dict PyTorch writes (F64 and F32) loads in
 * radnet and gives PyTorch's outputs. Both sides compute in float64, in different orders, so they
 * agree to rounding (1e-12 here; the outputs are O(1)).
 *
 * <p>Without python3 or torch the tests are skipped, saying so on stderr and in the report.
 */
class PyTorchInteropTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final Path SCRIPT = Path.of("src/test/python/safetensors_interop.py");
    private static final double TOLERANCE = 1e-12;
    private static String python;
    private static String unavailable;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPythonWithTorch() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import torch").redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    python = candidate;
                    return;
                }
                unavailable = candidate + " cannot import torch: " + output.strip().lines().reduce((a, b) -> b).orElse("");
            } catch (IOException e) {
                unavailable = candidate + " not found: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted";
            }
        }
        System.err.println("WARNING: SKIPPING PyTorchInteropTest: " + unavailable
                + " — install python3 and python3-torch to run it");
    }

    private static void assumePython() {
        Assumptions.assumeTrue(python != null, () -> "no python3 with torch: " + unavailable);
    }

    private static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python failed: " + output);
    }

    private static Tensor inputs(int rows, int cols, long seed) {
        return EJML.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles((long) rows * cols, -2.5, 2.5).toArray());
    }

    private static void writeCsv(Path file, Tensor t) throws IOException {
        StringBuilder s = new StringBuilder();
        double[] v = t.toRowMajor();
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                s.append(c == 0 ? "" : ",").append(v[r * t.cols() + c]);
            }
            s.append('\n');
        }
        Files.writeString(file, s);
    }

    private static double[] readCsv(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                .flatMap(l -> Arrays.stream(l.split(","))).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void aModelRadnetWritesLoadsInPyTorchAndGivesTheSameOutputs() throws Exception {
        assumePython();
        RadialNetwork network = RadialNetwork.initializedWithShifts(EJML, new int[] {3, 9, 7, 4, 2},
                RadialProfiles.tanh(), 0.0, true, 21);
        EJML.copy(EJML.fromRowMajor(1, 3, new double[] {0.4, -0.3, 0.2}), network.parameters().shifts());
        Path model = dir.resolve("radnet.safetensors");
        ModelFiles.save(network, model);
        Tensor x = inputs(50, 3, 5);
        writeCsv(dir.resolve("in.csv"), x);

        run("forward", model.toString(), dir.resolve("in.csv").toString(), dir.resolve("out.csv").toString());

        assertArrayEquals(network.forward(x).toRowMajor(), readCsv(dir.resolve("out.csv")), TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void aPlainStateDictPyTorchWritesLoadsInRadnetAndGivesPyTorchsOutputs(String dtype) throws Exception {
        assumePython();
        Path model = dir.resolve("torch.safetensors");
        Tensor x = inputs(40, 3, 6);
        writeCsv(dir.resolve("in.csv"), x);

        run("export", model.toString(), dtype, "3", dir.resolve("in.csv").toString(), dir.resolve("out.csv").toString());

        FeedForwardNetwork loaded = ModelFiles.load(model, EJML, "Sigmoid");
        assertArrayEquals(new int[] {3, 8, 6, 2}, loaded.widths());
        assertTrue(loaded.parameters().hasShifts() && loaded.trainableShifts());
        assertArrayEquals(readCsv(dir.resolve("out.csv")), loaded.forward(x).toRowMajor(), TOLERANCE);
    }
}
