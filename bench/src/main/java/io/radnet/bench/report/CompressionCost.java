package io.radnet.bench.report;

import io.radnet.core.network.ReducedWidths;

/**
 * The flop count of the compression-only path of QR-compress (radial paper, Algorithm 1; the
 * cost formula of the compression issue): for each hidden layer i the economy QR of the
 * n_i × (n^red_{i−1} + 1) matrix A_i costs about 4 n_i (n^red_{i−1})² (R and the economy Q),
 * and forming W_{i+1}·Q_i costs 2 n_{i+1} n_i n^red_i.
 */
public final class CompressionCost {
    private CompressionCost() {
    }

    /**
     * @param widths n₀ … n_L (validated as {@link ReducedWidths#of} does)
     * @return Σ_{i=1}^{L−1} 4 n_i (n^red_{i−1} + 1)² + 2 n_{i+1} n_i n^red_i
     */
    public static double flops(int[] widths) {
        int[] reduced = ReducedWidths.of(widths);
        double flops = 0;
        for (int i = 1; i < widths.length - 1; i++) {
            double columns = reduced[i - 1] + 1.0;
            flops += 4.0 * widths[i] * columns * columns + 2.0 * widths[i + 1] * widths[i] * reduced[i];
        }
        return flops;
    }
}
