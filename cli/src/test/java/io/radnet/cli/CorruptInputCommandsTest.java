package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import io.radnet.core.io.SeededMutations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command harness: seeded corrupt model and data files ({@link SeededMutations}) given to
 * every command that reads them. A refused input exits with 1, one line {@code radnet: REASON}
 * on stderr and no stack trace, nothing on stdout and no output file; an accepted one exits 0.
 * The input file is never changed.
 */
class CorruptInputCommandsTest {
    /** Corrupt files per format: a sample, the reader harness of core tries many more. */
    private static final int MUTANTS = 30;
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path dir;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    private Path data() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder s = new StringBuilder("x1,x2,y1,y2\n");
        for (int r = 0; r < 20; r++) {
            s.append(random.nextDouble(-3, 3)).append(',').append(random.nextDouble(-3, 3)).append(',')
                    .append(random.nextDouble()).append(',').append(random.nextDouble()).append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), s);
    }

    /** Runs a command on a possibly corrupt input and checks the harness's promises. */
    private void check(Path input, Path output, Object... args) throws IOException {
        byte[] before = Files.readAllBytes(input);
        CliRun run = radnet(args);
        assertArrayEquals(before, Files.readAllBytes(input), "the input is never changed");
        if (run.exitCode() == 0) {
            assertTrue(output == null || Files.exists(output), "an accepted input gives the output");
        } else {
            String what = String.join(" ", Stream.of(args).map(String::valueOf).toList());
            assertEquals(1, run.exitCode(), what + ": " + run.err());
            assertEquals("", run.out(), what + ": nothing on stdout");
            List<String> lines = run.errLines();
            assertEquals(1, lines.size(), what + ": one line, no stack trace: " + run.err());
            assertTrue(lines.get(0).startsWith("radnet: ") && !lines.get(0).contains("Exception"),
                    what + ": " + lines.get(0));
            assertFalse(output != null && Files.exists(output), what + ": no output on failure");
        }
        if (output != null) {
            Files.deleteIfExists(output);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"safetensors", "json"})
    void corruptModelsAreRefusedByEveryCommandWithOneLineAndNoOutput(String extension) throws IOException {
        Path valid = dir.resolve("valid." + extension);
        assertEquals(0, radnet("init", "--widths", "2,3,2", "--shift", "0.25", "--seed", 3, "-o", valid).exitCode());
        SeededMutations mutations = new SeededMutations(Files.readAllBytes(valid), extension.equals("safetensors"),
                extension.length());
        Path data = data();
        Path model = dir.resolve("model." + extension);
        Path out = dir.resolve("out.safetensors");
        Path predictions = dir.resolve("predictions.csv");
        List<Integer> exitCodes = new ArrayList<>();
        for (int k = 0; k < MUTANTS; k++) {
            Files.write(model, mutations.next());
            check(model, null, "info", model);
            check(model, out, "compress", model, "-o", out, "--check", 10);
            check(model, out, "train", model, "--data", data, "--epochs", 2, "-o", out);
            check(model, predictions, "eval", model, "--data", data, "--predict", predictions);
            exitCodes.add(radnet("info", model).exitCode());
        }
        assertTrue(exitCodes.contains(1), "the sample holds refused files");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train", "eval"})
    void corruptDataAreRefusedWithOneLineAndNoOutput(String command) throws IOException {
        Path model = dir.resolve("m.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,3,2", "-o", model).exitCode());
        byte[] modelBytes = Files.readAllBytes(model);
        SeededMutations mutations = new SeededMutations(Files.readAllBytes(data()), false, command.length());
        Path data = dir.resolve("corrupt.csv");
        Path out = dir.resolve(command.equals("train") ? "trained.safetensors" : "predictions.csv");
        int refused = 0;
        for (int k = 0; k < MUTANTS; k++) {
            Files.write(data, mutations.next());
            if (command.equals("train")) {
                check(data, out, "train", model, "--data", data, "--epochs", 2, "-o", out);
            } else {
                check(data, out, "eval", model, "--data", data, "--predict", out);
            }
            refused += radnet("eval", model, "--data", data).exitCode() == 0 ? 0 : 1;
        }
        assertTrue(refused > 0, "the sample holds refused files");
        assertArrayEquals(modelBytes, Files.readAllBytes(model), "the model is never changed");
    }
}
