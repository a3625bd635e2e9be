package io.radnet.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate as CI and developers run it, on the committed baseline. */
class GateCommandTest {
    /** The baseline the gate script compares with (tests run in the bench module's directory). */
    private static final Path BASELINE = Path.of("baselines", "gate.json");

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int gate(String... args) {
        return GateCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void theCommittedBaselineIsAJmhRunOfTheGateSubsetWithItsCalibration() {
        List<BenchmarkResult> rows = JmhResults.read(BASELINE);
        assertTrue(rows.stream().anyMatch(r -> r.benchmark().equals(RegressionGate.DEFAULT_CALIBRATION)));
        assertTrue(rows.size() >= 5, "the gate subset has " + rows.size() + " rows");
    }

    @Test
    void anUnchangedCopyOfTheBaselinePasses() throws IOException {
        Path copy = Files.copy(BASELINE, directory.resolve("run.json"));

        assertEquals(0, gate("--baseline", BASELINE.toString(), "--current", copy.toString()), err.toString());
        assertTrue(out.toString().contains("gate passed"), out.toString());
    }

    @Test
    void aRunWithOneBenchmarkDoctoredSlowerFailsNamingIt() throws IOException {
        List<BenchmarkResult> rows = new ArrayList<>(JmhResults.read(BASELINE));
        int victim = rows.indexOf(rows.stream().filter(r -> !r.params().isEmpty()).findFirst().orElseThrow());
        BenchmarkResult slow = rows.get(victim);
        rows.set(victim, new BenchmarkResult(slow.benchmark(), slow.params(), slow.mode(), slow.score() * 1.5, slow.unit()));
        Path doctored = JmhJson.write(directory.resolve("doctored.json"), rows);

        assertEquals(1, gate("--baseline", BASELINE.toString(), "--current", doctored.toString()));
        String table = out.toString();
        assertTrue(table.contains(slow.key()) && table.contains("+50.0%") && table.contains("slower"), table);
        assertTrue(table.contains("gate FAILED"), table);
    }

    @Test
    void unusableInputExitsWithTwoAndOneLine() throws IOException {
        Path notJmh = Files.writeString(directory.resolve("broken.json"), "{\"benchmark\": 1}");

        assertEquals(2, gate("--baseline", BASELINE.toString(), "--current", notJmh.toString()));
        assertTrue(err.toString().startsWith("gate: ") && err.toString().contains("broken.json"), err.toString());
        assertEquals(2, gate("--baseline", BASELINE.toString(), "--current", directory.resolve("missing.json").toString()));
    }
}
