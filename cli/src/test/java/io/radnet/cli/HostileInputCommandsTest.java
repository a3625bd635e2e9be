package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Sizes checked before allocation, an {@link OutOfMemoryError} reported as one line with nothing
 * on stdout, and CSV data errors named by file and line, through the program's in-process entry
 * point.
 */
class HostileInputCommandsTest {
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path dir;

    private Path model;

    private static CliRun radnet(Object... args) {
        return CliRun.run(UNUSED, Stream.of(args).map(String::valueOf).toArray(String[]::new));
    }

    /** A failure: the exit code, exactly one line on stderr starting as given, nothing on stdout. */
    private static void fails(CliRun run, int exitCode, String... fragments) {
        assertEquals(exitCode, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertTrue(run.errLines().size() == 1 || run.errLines().size() == 2 && run.errLines().get(1).startsWith("Try '"),
                "one line: " + run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "'" + fragment + "' missing from: " + run.err());
        }
    }

    @BeforeEach
    void createModel() {
        model = dir.resolve("m.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,3,2", "-o", model).exitCode());
    }

    @Test
    void initRefusesWidthsBeyondTheHeapOrAJavaArrayBeforeAllocating() {
        Path out = dir.resolve("huge.safetensors");
        long start = System.nanoTime();
        fails(radnet("init", "--widths", "2,100000000,2", "-o", out), 1,
                "radnet: --widths 2,100000000,2 (500000002 parameters) needs about 22.4 GB of Java heap, more than the ",
                "RADNET_JAVA_OPTS=-Xmx");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused at once");
        fails(radnet("init", "--widths", "2,100000,100000,2", "-o", out), 2,
                "radnet: --widths 100000,100000: a 100000×100000 weight matrix has 10000000000 entries, more than a Java "
                        + "array holds (2147483639)");
        assertFalse(Files.exists(out));
    }

    @Test
    void compressAndReproduceRefuseCountsBeyondTheirDocumentedBounds() {
        fails(radnet("compress", model, "-o", dir.resolve("c.safetensors"), "--check", 100_000_000), 2,
                "radnet: --check must be between 1 and 1000000, got 100000000");
        fails(radnet("reproduce", "--seeds", Integer.MAX_VALUE), 2,
                "radnet: --seeds must be between 1 and 10000, got 2147483647");
    }

    /** Writes a line, then runs out of memory as a command deep in a computation would. */
    @Command(name = "exhaust")
    static final class ExhaustingCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("a report line that must not appear");
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineNamingTheHeapOptionWithNothingOnStdout() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RadnetCommand.commandLine(new RadnetCommand(UNUSED));
        commandLine.addSubcommand(new ExhaustingCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute("exhaust");
        fails(new CliRun(exitCode, out.toString(), err.toString()), 1,
                "radnet: out of memory (Java heap space); give Java a larger heap, e.g. RADNET_JAVA_OPTS=-Xmx");
    }

    /** Writes a line, then fails. */
    @Command(name = "fail-late")
    static final class LateFailingCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("a report line that must not appear");
            throw new IllegalStateException("the last step failed");
        }
    }

    @Test
    void aFailingCommandLeavesNothingOnStdoutEvenAfterPrinting() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RadnetCommand.commandLine(new RadnetCommand(UNUSED));
        commandLine.addSubcommand(new LateFailingCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute("fail-late");
        fails(new CliRun(exitCode, out.toString(), err.toString()), 1, "radnet: the last step failed");
    }

    @Test
    void csvDataErrorsNameTheFileAndTheOneBasedLine() throws IOException {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "1.0,abc,0.5,0.5\n1,2,3,4\n");
        fails(radnet("eval", model, "--data", data), 1, "radnet: " + data + ": line 1, column 2: 'abc' is not a number, "
                + "but other cells of the line are");
        Files.writeString(data, "x1,x2,label\n1,2,0\n3,4,1\n5,6,2\n");
        fails(radnet("eval", model, "--data", data, "--loss", "ce"), 1,
                "radnet: " + data + ": line 4, column 3: the label 2.0 is not a class index 0..1");
        Files.writeString(data, "1,2,0x1p1,2f\n");
        fails(radnet("train", model, "--data", data, "-o", dir.resolve("t.safetensors")), 1,
                "radnet: " + data + ": line 1, column 3: '0x1p1' is not a plain decimal number");
        assertFalse(Files.exists(dir.resolve("t.safetensors")));
    }

    @Test
    void aDeviceAsDataIsRefusedInsteadOfFillingTheHeap() {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            fails(radnet("eval", model, "--data", zero), 1, "radnet: /dev/zero: the data file is a device");
        }
    }

    /**
     * A real {@link OutOfMemoryError}, in a JVM of 64 MB running the program's {@code main}:
     * evaluating a (2, 4000, 2) network on 20,000 samples needs 20,000 × 4,000 doubles for the
     * hidden layer.
     */
    @Test
    void aRealOutOfMemoryErrorInTheProgramIsOneLineWithNothingOnStdout() throws IOException, InterruptedException {
        Path wide = dir.resolve("wide.safetensors");
        assertEquals(0, radnet("init", "--widths", "2,4000,2", "-o", wide).exitCode());
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < 20_000; r++) {
            csv.append(r % 7).append(',').append(r % 11).append(",0.5,0.25\n");
        }
        Path data = Files.writeString(dir.resolve("big.csv"), csv);
        Path predictions = dir.resolve("predictions.csv");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx64m", "-Dradnet.backend=ejml", "-cp",
                System.getProperty("java.class.path"), RadnetCommand.class.getName(), "eval", wide.toString(), "--data",
                data.toString(), "--predict", predictions.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String err = Files.readString(dir.resolve("stderr.txt"));
        List<String> errLines = err.lines().filter(l -> !l.startsWith("SLF4J:")).toList();
        assertEquals(1, process.exitValue(), err);
        assertEquals("", Files.readString(dir.resolve("stdout.txt")));
        assertEquals(1, errLines.size(), err);
        assertTrue(errLines.get(0).startsWith("radnet: out of memory (Java heap space); give Java a larger heap, e.g. "
                + "RADNET_JAVA_OPTS=-Xmx1g (the maximum is now "), err);
        assertFalse(Files.exists(predictions));
    }

    @Test
    void everyMessageIsOneLine() {
        List<String> lines = radnet("init", "--widths", "2,100000000,2", "-o", dir.resolve("x.json")).errLines();
        assertEquals(1, lines.size(), String.join("\n", lines));
    }
}
