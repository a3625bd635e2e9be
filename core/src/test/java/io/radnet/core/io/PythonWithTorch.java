package io.radnet.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's python3 with torch, for the PyTorch interchange tests (core and cli). Without it
 * a test is skipped, saying why on stderr; with {@value #REQUIRE_ENV}{@code =1} in the
 * environment (CI, a release build) it fails instead, so a missing torch cannot pass silently.
 */
public final class PythonWithTorch {
    /** The environment variable that turns a skip for lack of torch into a failure. */
    public static final String REQUIRE_ENV = "RADNET_REQUIRE_PYTORCH";

    private static final Object LOCK = new Object();
    private static boolean probed;
    private static String python;
    private static String unavailable;

    private PythonWithTorch() {
    }

    /**
     * Skips the calling test (or fails it under {@value #REQUIRE_ENV}=1) unless a python3 with
     * torch is installed.
     *
     * @param test the test's name, for the warning
     * @return the python executable
     */
    public static String require(String test) {
        synchronized (LOCK) {
            if (!probed) {
                probe();
                probed = true;
            }
        }
        if (python == null) {
            String reason = "no python3 with torch: " + unavailable;
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                throw new AssertionError(reason + "; " + REQUIRE_ENV + "=1 requires it (install python3-torch)");
            }
            System.err.println("WARNING: SKIPPING " + test + ": " + reason + " — install python3 and python3-torch to run it");
            Assumptions.assumeTrue(false, reason);
        }
        return python;
    }

    private static void probe() {
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
    }

    /**
     * Runs a Python script and requires it to succeed.
     *
     * @param python the executable from {@link #require}
     * @param script the script
     * @param args its arguments
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static void run(String python, Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python failed: " + output);
    }

    /**
     * Writes a matrix as header-less CSV, each value in shortest round-trip form.
     *
     * @param file the file
     * @param t the matrix
     * @throws IOException if it cannot be written
     */
    public static void writeCsv(Path file, Tensor t) throws IOException {
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

    /**
     * @param file a CSV file of numbers, optionally with a header line of names
     * @return its numbers, row-major
     * @throws IOException if it cannot be read
     */
    public static double[] readCsv(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !Character.isLetter(l.charAt(0)))
                .flatMap(l -> Arrays.stream(l.split(","))).mapToDouble(Double::parseDouble).toArray();
    }
}
