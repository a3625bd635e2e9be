package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numerics are never reported as success: a diverging training run, a model whose outputs or
 * loss overflow, and a model whose QR-compress intermediates overflow all exit 1 with one line
 * on stderr, print nothing on stdout and write nothing.
 */
class NumericsCommandsTest {
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    Path dir;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    /** Exit 1, one line on stderr containing the text, nothing on stdout, and the output absent. */
    private static void failsWithOneLine(CliRun run, String expected, Path output) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("radnet: "), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals("", run.out());
        if (output != null) {
            assertFalse(Files.exists(output), output + " was written");
        }
    }

    /** y = (sigmoid(x₁), sigmoid(x₂)) on 40 seeded points of [−3, 3]², with a header line. */
    private Path data() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder s = new StringBuilder("x1,x2,y1,y2\n");
        for (int r = 0; r < 40; r++) {
            double a = random.nextDouble(-3, 3);
            double b = random.nextDouble(-3, 3);
            s.append(a).append(',').append(b).append(',').append(1 / (1 + Math.exp(-a))).append(',')
                    .append(1 / (1 + Math.exp(-b))).append('\n');
        }
        Path file = dir.resolve("data.csv");
        Files.writeString(file, s);
        return file;
    }

    private Path radialModel() {
        Path model = dir.resolve("m.safetensors");
        ModelFiles.save(RadialNetwork.initialized(EJML, new int[] {2, 6, 2}, RadialProfiles.sigmoid(), 5), model);
        return model;
    }

    private static void fill(Tensor t, double value) {
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                t.set(r, c, value);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "radam", "adadelta"})
    void trainWithAnAdaptiveOptimizerThatDivergesSavesNothing(String optimizer) throws IOException {
        Path data = data();
        Path model = radialModel();
        Path out = dir.resolve("trained.safetensors");
        CliRun run = radnet("train", model, "--data", data, "-o", out, "--optimizer", optimizer, "--lr", 1e10,
                "--epochs", 300, "--backend", "ejml");
        failsWithOneLine(run, "training diverged in epoch ", out);
    }

    @Test
    void theDivergenceThresholdsAreTrainOptions() throws IOException {
        Path data = data();
        Path model = radialModel();
        Path out = dir.resolve("trained.safetensors");
        CliRun off = radnet("train", model, "--data", data, "-o", out, "--optimizer", "adam", "--lr", 1e10,
                "--epochs", 20, "--max-loss-growth", "Infinity", "--max-parameter", "Infinity", "--backend", "ejml");
        assertEquals(0, off.exitCode(), off.err());
        Path strict = dir.resolve("strict.safetensors");
        CliRun limited = radnet("train", model, "--data", data, "-o", strict, "--epochs", 5, "--max-parameter", 1e-3,
                "--backend", "ejml");
        failsWithOneLine(limited, "training diverged in epoch 1: the update made a parameter of magnitude", strict);
        CliRun bad = radnet("train", model, "--data", data, "-o", strict, "--max-loss-growth", 0.5);
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("growth factor must be at least 1"), bad.err());
    }

    @Test
    void evalRefusesOverflowingOutputsAndWritesNoPredictions() throws IOException {
        Path data = data();
        Param p = Param.zeros(EJML, new int[] {2, 3, 2}, false);
        fill(p.weight(1), Double.MAX_VALUE);
        p.weight(1).set(0, 1, -Double.MAX_VALUE);
        fill(p.weight(2), Double.MAX_VALUE);
        Path model = dir.resolve("huge.safetensors");
        ModelFiles.save(new RadialNetwork(p, RadialProfiles.squash(), false), model);
        Path predictions = dir.resolve("p.csv");
        failsWithOneLine(radnet("eval", model, "--data", data, "--predict", predictions, "--backend", "ejml"),
                "the outputs of " + model + " on " + data + " are not finite: output ", predictions);
        failsWithOneLine(radnet("eval", model, "--data", data, "--json", "--backend", "ejml"), "are not finite", null);
    }

    @Test
    void evalRefusesALossThatOverflowsFromFiniteOutputs() throws IOException {
        Path data = data();
        Param p = Param.zeros(EJML, new int[] {2, 3, 2}, false);
        fill(p.bias(2), 1e200);
        Path model = dir.resolve("relu.safetensors");
        ModelFiles.save(new Mlp(p, PointwiseActivations.relu()), model);
        failsWithOneLine(radnet("eval", model, "--data", data, "--json", "--backend", "ejml"),
                "the mse of " + model + " on " + data + " is Infinity", null);
    }

    @Test
    void squashNetworksWithHugeFiniteWeightsGiveFiniteOutputs() throws IOException {
        Path data = data();
        Param p = Param.zeros(EJML, new int[] {2, 3, 2}, false);
        fill(p.weight(1), 1e200);
        fill(p.weight(2), 1.0);
        Path model = dir.resolve("squash.safetensors");
        ModelFiles.save(new RadialNetwork(p, RadialProfiles.squash(), false), model);
        CliRun run = radnet("eval", model, "--data", data, "--json", "--backend", "ejml");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("NaN"), run.out());
    }

    /**
     * A_2 = [b_2  W_2·Q_1 Inc_1] overflows: b_1 = (1, 1, 1) makes the first column of Q_1
     * (1, 1, 1)/√3 and W_2 = (MAX, MAX, MAX) makes W_2 Q_1 e₁ = √3·MAX = ∞.
     */
    @Test
    void compressNamesTheModelAndTheLayerWhoseIntermediatesOverflow() {
        Param p = Param.zeros(EJML, new int[] {2, 3, 1}, false);
        fill(p.bias(1), 1.0);
        fill(p.weight(2), Double.MAX_VALUE);
        Path model = dir.resolve("overflow.safetensors");
        ModelFiles.save(new RadialNetwork(p, RadialProfiles.sigmoid(), false), model);
        Path out = dir.resolve("small.safetensors");
        CliRun run = radnet("compress", model, "-o", out, "--backend", "ejml");
        failsWithOneLine(run, model + ": cannot compress: layer 2 overflows double precision", out);
        assertFalse(run.err().contains("qrRightProduct"), run.err());
    }

    /** b_2 = MAX and W_2 a ≈ 10³⁰⁰: A_2 is finite, compress succeeds, F(x) = ∞ on every probe. */
    @Test
    void compressCheckRefusesADifferenceOfOverflowingOutputs() {
        Param p = Param.zeros(EJML, new int[] {2, 3, 1}, false);
        fill(p.bias(1), 1.0);
        fill(p.weight(2), 1e300);
        fill(p.bias(2), Double.MAX_VALUE);
        Path model = dir.resolve("outputs.safetensors");
        ModelFiles.save(new RadialNetwork(p, RadialProfiles.sigmoid(), false), model);
        Path out = dir.resolve("small.json");
        for (List<Object> json : List.<List<Object>>of(List.of(), List.of("--json"))) {
            Object[] args = Stream.concat(Stream.of("compress", model, "-o", out, "--check", 10, "--backend", "ejml"),
                    json.stream()).toArray();
            failsWithOneLine(radnet(args), "the outputs of " + model + " on the --check inputs are not finite: output 1"
                    + " of sample 1 is Infinity", out);
        }
    }
}
