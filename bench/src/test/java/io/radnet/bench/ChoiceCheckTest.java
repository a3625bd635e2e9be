package io.radnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backends;
import io.radnet.api.Workload;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench/run choice-check}'s JVM: one workload on one column, timed by the thread's CPU time. */
class ChoiceCheckTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tools.commandLine("choice-check", new ChoiceCheck()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theDefaultColumnRunsOnTheSizeAwareChoiceAndPrintsItsCpuTimes() {
        Run run = run("--workload", "hypernetwork", "--backend", "default", "--iterations", "3");
        assertEquals(0, run.exitCode(), run.err());
        String chosen = Backends.defaultBackendFor(new FitnessBenchmark.HypernetworkBatch().workload()).name();
        String[] fields = run.out().trim().split(" ");
        assertEquals(5, fields.length, run.out());
        assertEquals("hypernetwork", fields[0]);
        assertEquals("default", fields[1]);
        assertEquals(chosen, fields[2], "the backend the size-aware choice took");
        double least = Double.parseDouble(fields[3]);
        double median = Double.parseDouble(fields[4]);
        assertTrue(least > 0 && least <= median, run.out());
        Workload step = Workload.networkPasses(new int[] {8, 32, 32, 32, 90}, 200);
        assertEquals(Backends.defaultBackendFor(step).name(), chosen);
    }

    @Test
    void aNamedColumnRunsOnThatBackend() {
        Run run = run("--workload", "HYPERNETWORK", "--backend", "ejml", "--iterations", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("hypernetwork ejml ejml "), run.out());
    }

    @Test
    void badInputFailsWithOneLine() {
        Run iterations = run("--workload", "hypernetwork", "--backend", "ejml", "--iterations", "0");
        assertEquals(2, iterations.exitCode());
        assertEquals("choice-check: --iterations must be at least 1, got 0", iterations.err().trim());
        Run backend = run("--workload", "hypernetwork", "--backend", "cuda");
        assertEquals(2, backend.exitCode());
        assertTrue(backend.err().trim().startsWith("choice-check: unknown backend 'cuda'; known backends: "),
                backend.err());
        assertEquals(1, backend.err().trim().lines().count(), backend.err());
    }
}
