package io.radnet.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same-machine gate run for real on the calibration benchmark, the same class path as both
 * builds: unchanged, it passes; with the candidate's JVM doctored to interpret only
 * ({@code -Xint}, a slowdown of one to two orders of magnitude on this product), it fails. Short
 * iterations keep the eight JVMs to a few seconds each.
 */
class AbGateCommandTest {
    private static final String[] SHORT_RUN = {"CalibrationBenchmark", "-f", "0", "-wi", "1", "-w", "200ms", "-i", "2",
        "-r", "200ms"};

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gate(String name, String... candidateJvmArgs) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        List<String> args = new ArrayList<>(List.of("--launcher", java,
                "--base-classpath", classPath, "--candidate-classpath", classPath, "--rounds", "2",
                "--results", directory.resolve(name).toString()));
        for (String jvmArg : candidateJvmArgs) {
            args.add("--candidate-jvm-arg=" + jvmArg);
        }
        args.add("--");
        args.addAll(List.of(SHORT_RUN));
        return AbGateCommand.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }

    @Test
    void anUnchangedBuildPasses() {
        assertEquals(0, gate("unchanged"), out + "\n" + err);
        assertTrue(out.toString().contains("CalibrationBenchmark.javaMatrixProduct") && out.toString().contains("gate passed"),
                out.toString());
        assertTrue(err.toString().contains("round 2/2, base"), err.toString());
    }

    @Test
    void aDoctoredSlowdownFails() {
        assertEquals(1, gate("doctored", "-Xint"), out + "\n" + err);
        assertTrue(out.toString().contains("slower") && out.toString().contains("gate FAILED"), out.toString());
    }

    @Test
    void aFailingRunIsReportedInOneLineWithItsLog() {
        String java = ProcessHandle.current().info().command().orElse("java");
        int exit = AbGateCommand.run(new PrintWriter(out), new PrintWriter(err), "--launcher", java, "--base-classpath",
                directory.resolve("absent.jar").toString(), "--candidate-classpath", System.getProperty("java.class.path"),
                "--rounds", "1", "--results", directory.toString(), "--", "CalibrationBenchmark", "-f", "0", "-wi", "0",
                "-i", "1", "-r", "100ms");
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("gate: the base build's JMH run exited with 1"), err.toString());
    }
}
