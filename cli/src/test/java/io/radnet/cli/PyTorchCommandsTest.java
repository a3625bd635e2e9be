package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import io.radnet.core.io.PythonWithTorch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PyTorch {@code nn.Sequential} MLP through the commands: saved by PyTorch as a plain state
 * dict with its native names ({@code 0.weight}, {@code 2.weight}, …; the script is core's
 * {@code src/test/python/safetensors_interop.py}, run by the system's python3 with torch), it
 * is described by {@code info --kind mlp} and {@code eval --kind mlp --predict} gives PyTorch's
 * float64 outputs to 1e-12. Skipped without torch, failing instead under
 * {@code RADNET_REQUIRE_PYTORCH=1} ({@link PythonWithTorch}).
 */
class PyTorchCommandsTest {
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;
    private static final Path SCRIPT = Path.of("../core/src/test/python/safetensors_interop.py");

    @TempDir
    Path dir;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32"})
    void aSequentialMlpFromPyTorchGivesPyTorchsOutputsThroughEval(String dtype) throws Exception {
        String python = PythonWithTorch.require("PyTorchCommandsTest");
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder inputs = new StringBuilder();
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 30; r++) {
            String row = random.nextDouble(-2, 2) + "," + random.nextDouble(-2, 2) + "," + random.nextDouble(-2, 2);
            inputs.append(row).append('\n');
            data.append(row).append(",0,0\n");
        }
        Files.writeString(dir.resolve("in.csv"), inputs);
        Files.writeString(dir.resolve("data.csv"), data);
        Path model = dir.resolve("sequential.safetensors");
        PythonWithTorch.run(python, SCRIPT, "export-sequential", model.toString(), dtype, "5",
                dir.resolve("in.csv").toString(), dir.resolve("torch.csv").toString());

        CliRun info = radnet("info", model, "--kind", "mlp", "--activation", "tanh");
        assertEquals(0, info.exitCode(), info.err());
        assertEquals("kind            mlp", info.outLines().get(1));
        Path predictions = dir.resolve("radnet.csv");
        CliRun eval = radnet("eval", model, "--kind", "mlp", "--activation", "tanh", "--data", dir.resolve("data.csv"),
                "--predict", predictions);
        assertEquals(0, eval.exitCode(), eval.err());

        assertArrayEquals(PythonWithTorch.readCsv(dir.resolve("torch.csv")), PythonWithTorch.readCsv(predictions), 1e-12);
    }
}
