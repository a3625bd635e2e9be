package io.radnet.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same-machine gate's decision on injected per-fork measurements. */
class AbComparisonTest {
    private static final String GEMM = "io.radnet.bench.GemmBenchmark.product";
    private static final String STEP = "io.radnet.bench.TrainingStepBenchmark.mlp";

    /** One fork: the GEMM row at {@code gemmMicros}, the MLP step row at {@code stepMicros}. */
    private static List<BenchmarkResult> fork(double gemmMicros, double stepMicros) {
        return List.of(new BenchmarkResult(GEMM, Map.of("backend", "jblas", "size", "256"), "avgt", gemmMicros, "us/op"),
                new BenchmarkResult(STEP, Map.of("backend", "ejml", "batch", "64"), "avgt", stepMicros, "us/op"));
    }

    private static AbComparison.Row row(AbComparison.Verdict verdict, String benchmark) {
        return verdict.rows().stream().filter(r -> r.key().startsWith(benchmark.substring("io.radnet.bench.".length())))
                .findFirst().orElseThrow();
    }

    @Test
    void anUnchangedBuildWithForkNoisePasses() {
        AbComparison.Verdict verdict = new AbComparison(0.3).compare(
                List.of(fork(760, 3000), fork(800, 3150), fork(745, 2950)),
                List.of(fork(790, 3100), fork(750, 2900), fork(770, 3050)));

        assertTrue(verdict.passed(), verdict.table());
        assertTrue(verdict.rows().stream().allMatch(r -> r.status() == GateStatus.OK), verdict.table());
        assertTrue(verdict.table().contains("gate passed"), verdict.table());
    }

    @Test
    void aSlowdownInEveryForkFailsNamingTheRow() {
        AbComparison.Verdict verdict = new AbComparison(0.3).compare(
                List.of(fork(760, 3000), fork(800, 3150), fork(745, 2950)),
                List.of(fork(790, 4500), fork(750, 4700), fork(770, 4400)));

        assertFalse(verdict.passed());
        AbComparison.Row step = row(verdict, STEP);
        assertEquals(GateStatus.SLOWER, step.status());
        assertEquals(4500.0 / 3000 - 1, step.change(), 1e-12);
        assertEquals(GateStatus.OK, row(verdict, GEMM).status());
        assertTrue(verdict.table().contains("gate FAILED: 1 benchmark(s)") && verdict.table().contains("+50.0%"),
                verdict.table());
    }

    @Test
    void aBimodalBenchmarkWhoseModesHitBothBuildsPasses() {
        // jblas's 256 × 256 GEMM as measured on one machine: 762 µs in some JVMs, 5206 µs in others.
        AbComparison.Verdict verdict = new AbComparison(0.3).compare(
                List.of(fork(762, 3000), fork(5206, 3000), fork(762, 3000)),
                List.of(fork(5206, 3000), fork(5337, 3000), fork(741, 3000)));

        assertTrue(verdict.passed(), verdict.table());
        assertTrue(row(verdict, GEMM).change() > 0.3, "the medians alone would have failed it");
    }

    @Test
    void aSpeedUpInEveryForkIsFlaggedAndPasses() {
        AbComparison.Verdict verdict = new AbComparison(0.3).compare(
                List.of(fork(760, 3000), fork(800, 3150)), List.of(fork(400, 3000), fork(420, 3100)));

        assertTrue(verdict.passed(), verdict.table());
        assertEquals(GateStatus.FASTER, row(verdict, GEMM).status());
    }

    @Test
    void aRowMissingFromTheCandidateFailsAndANewOneIsListed() {
        BenchmarkResult extra = new BenchmarkResult("io.radnet.bench.QrBenchmark.factorize", Map.of("backend", "ejml"),
                "avgt", 100, "us/op");
        List<BenchmarkResult> candidate = new ArrayList<>(fork(760, 3000).subList(0, 1));
        candidate.add(extra);

        AbComparison.Verdict verdict = new AbComparison(0.3).compare(List.of(fork(760, 3000)), List.of(candidate));

        assertFalse(verdict.passed());
        assertEquals(GateStatus.MISSING, row(verdict, STEP).status());
        assertEquals(GateStatus.NEW, row(verdict, extra.benchmark()).status());
        assertTrue(verdict.table().contains("1 missing from the candidate"), verdict.table());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AbComparison(0));
        assertThrows(IllegalArgumentException.class, () -> new AbComparison(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AbComparison(0.3).compare(List.of(), List.of(fork(1, 1))));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, AbComparison.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertEquals(3.0, AbComparison.median(List.of(5.0, 3.0, 1.0)));
        assertTrue(Double.isNaN(AbComparison.median(List.of())));
    }
}
