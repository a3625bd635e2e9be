package io.radnet.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.bench.gate.BenchmarkResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendComparisonTest {
    private static final String GEMM = "io.radnet.bench.GemmBenchmark.product";

    private static BenchmarkResult gemm(String backend, int size, double microseconds) {
        return new BenchmarkResult(GEMM, Map.of("backend", backend, "size", Integer.toString(size), "threads", "1"),
                "avgt", microseconds, "us/op");
    }

    /** EJML wins at the small sizes, nd4j from 256 on. */
    private static List<BenchmarkResult> run() {
        List<BenchmarkResult> rows = new ArrayList<>();
        rows.add(gemm("nd4j", 1024, 50_000));
        rows.add(gemm("ejml", 1024, 400_000));
        rows.add(gemm("ejml", 4, 0.1));
        rows.add(gemm("nd4j", 4, 1.0));
        rows.add(gemm("ejml", 256, 8_000));
        rows.add(gemm("nd4j", 256, 1_000));
        rows.add(new BenchmarkResult("io.radnet.bench.CalibrationBenchmark.javaMatrixProduct", Map.of(), "avgt", 300, "us/op"));
        return rows;
    }

    @Test
    void eachSettingHasItsFastestBackendAndTheOthersRatios() {
        List<BackendComparison.Group> groups = BackendComparison.groups(run());

        assertEquals(3, groups.size(), "the calibration has no backend and forms no group");
        BackendComparison.Group size4 = groups.stream().filter(g -> g.setting().get("size").equals("4")).findFirst().orElseThrow();
        assertEquals("ejml", size4.winner());
        assertEquals(Map.of("ejml", 1.0, "nd4j", 10.0), size4.ratios());
    }

    @Test
    void theTableOrdersSizesNumericallyAndNamesTheCrossover() {
        String table = BackendComparison.markdown(run());

        assertTrue(table.indexOf("size=4,") < table.indexOf("size=256,") && table.indexOf("size=256,") < table.indexOf("size=1024,"),
                table);
        assertTrue(table.contains("| GemmBenchmark.product | size=1024, threads=1 | nd4j | 8.00× | **1** |"), table);
        assertTrue(table.contains("- GemmBenchmark.product threads=1: ejml up to size=4, nd4j from size=256"), table);
    }

    @Test
    void aBackendThatWinsEverywhereHasNoCrossover() {
        String table = BackendComparison.markdown(List.of(gemm("ejml", 4, 1), gemm("nd4j", 4, 2), gemm("ejml", 8, 1), gemm("nd4j", 8, 2)));
        assertTrue(table.contains("none: within every benchmark the same backend wins"), table);
    }
}
