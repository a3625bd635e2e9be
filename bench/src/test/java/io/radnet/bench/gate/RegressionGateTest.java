package io.radnet.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.bench.gate.RegressionGate.Row;
import io.radnet.bench.gate.GateStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionGateTest {
    private static final String CALIBRATION = RegressionGate.DEFAULT_CALIBRATION;
    private static final String GEMM = "io.radnet.bench.GemmBenchmark.product";

    private static BenchmarkResult calibration(double microseconds) {
        return new BenchmarkResult(CALIBRATION, Map.of(), "avgt", microseconds, "us/op");
    }

    private static BenchmarkResult gemm(String backend, double microseconds) {
        return new BenchmarkResult(GEMM, Map.of("backend", backend, "size", "256", "threads", "1"), "avgt", microseconds, "us/op");
    }

    private static List<BenchmarkResult> run(double calibration, double ejml, double nd4j) {
        return List.of(calibration(calibration), gemm("ejml", ejml), gemm("nd4j", nd4j));
    }

    private static GateStatus status(RegressionGate.Verdict verdict, String backend) {
        return verdict.rows().stream().filter(r -> r.key().contains("backend=" + backend)).findFirst().orElseThrow().status();
    }

    private final RegressionGate gate = new RegressionGate(CALIBRATION, 0.30);

    @Test
    void anUnchangedRunPasses() {
        RegressionGate.Verdict verdict = gate.compare(run(400, 2000, 300), run(400, 2000, 300));
        assertTrue(verdict.passed());
        verdict.rows().forEach(row -> assertEquals(0, row.change(), 1e-15));
    }

    @Test
    void aMachineThatIsUniformlySlowerPasses() {
        assertTrue(gate.compare(run(400, 2000, 300), run(800, 4000, 600)).passed());
    }

    @Test
    void oneBenchmarkSlowerRelativeToTheCalibrationFailsAndIsNamedWithItsChange() {
        RegressionGate.Verdict verdict = gate.compare(run(400, 2000, 300), run(400, 2000, 450));

        assertFalse(verdict.passed());
        assertEquals(GateStatus.SLOWER, status(verdict, "nd4j"));
        assertEquals(GateStatus.OK, status(verdict, "ejml"));
        String table = verdict.table();
        assertTrue(table.contains("GemmBenchmark.product{backend=nd4j, size=256, threads=1}"), table);
        assertTrue(table.contains("+50.0%"), table);
        assertTrue(table.contains("gate FAILED: 1 benchmark(s) slower by more than 30%"), table);
    }

    @Test
    void aChangeAtTheThresholdPassesAndJustAboveFails() {
        assertTrue(gate.compare(run(400, 2000, 300), run(400, 2000, 389.99)).passed());
        assertFalse(gate.compare(run(400, 2000, 300), run(400, 2000, 390.3)).passed());
    }

    @Test
    void aFasterBenchmarkIsReportedAndPasses() {
        RegressionGate.Verdict verdict = gate.compare(run(400, 2000, 300), run(400, 1000, 300));
        assertTrue(verdict.passed());
        assertEquals(GateStatus.FASTER, status(verdict, "ejml"));
    }

    @Test
    void aBenchmarkMissingFromTheRunFailsAndANewOnePasses() {
        List<BenchmarkResult> current = new ArrayList<>(List.of(calibration(400), gemm("ejml", 2000), gemm("jblas", 310)));
        RegressionGate.Verdict verdict = gate.compare(run(400, 2000, 300), current);

        assertFalse(verdict.passed());
        assertEquals(GateStatus.MISSING, status(verdict, "nd4j"));
        assertEquals(GateStatus.NEW, status(verdict, "jblas"));
        assertTrue(verdict.table().contains("1 missing from the run"), verdict.table());
    }

    @Test
    void throughputScoresAreComparedAsTimesPerOperation() {
        BenchmarkResult slowOps = new BenchmarkResult(GEMM, Map.of("backend", "ejml"), "thrpt", 500, "ops/s");
        BenchmarkResult sameAsTime = new BenchmarkResult(GEMM, Map.of("backend", "ejml"), "avgt", 2, "ms/op");
        assertEquals(2e-3, slowOps.secondsPerOperation(), 1e-15);
        assertEquals(2e-3, sameAsTime.secondsPerOperation(), 1e-15);
        Row row = gate.compare(List.of(calibration(400), slowOps), List.of(calibration(400), sameAsTime)).rows().get(0);
        assertEquals(GateStatus.OK, row.status());
        assertEquals(0, row.change(), 1e-12);
    }

    @Test
    void aRunWithoutTheCalibrationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gate.compare(run(400, 2000, 300), List.of(gemm("ejml", 2000))));
        assertTrue(e.getMessage().contains("the run lacks the calibration benchmark"), e.getMessage());
    }

    @Test
    void nonsensicalThresholdsAndScoresAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RegressionGate(CALIBRATION, 0));
        assertThrows(IllegalArgumentException.class, () -> new RegressionGate(CALIBRATION, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> gemm("ejml", -1));
        assertThrows(IllegalArgumentException.class, () -> gemm("ejml", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class,
                () -> new BenchmarkResult(GEMM, Map.of(), "avgt", 1, "furlongs/op").secondsPerOperation());
    }
}
