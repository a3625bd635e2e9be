package io.radnet.backend.ejml;

/**
 * One block of one row of a product C = V·Y formed as row updates,
 * block[j] = Σ_p v[vi + p]·rows[p][j], the terms added one at a time in order p = 0, 1, …
 * (left to right, no fused multiply-add), so the sums are bitwise those of a plain loop over p.
 * Up to four terms per pass over the block: every inner loop indexes its arrays by the same j,
 * the form the JIT vectorises.
 */
final class RowUpdates {
    private RowUpdates() {
    }

    /**
     * block[j] ← Σ_{p &lt; count} v[vi + p]·rows[p][j] for j &lt; w, 1 ≤ count ≤ 4, in one pass.
     */
    static void assign(double[] block, double[] v, int vi, double[][] rows, int count, int w) {
        double v0 = v[vi];
        double[] y0 = rows[0];
        switch (count) {
            case 1 -> {
                for (int j = 0; j < w; j++) {
                    block[j] = v0 * y0[j];
                }
            }
            case 2 -> {
                double v1 = v[vi + 1];
                double[] y1 = rows[1];
                for (int j = 0; j < w; j++) {
                    block[j] = v0 * y0[j] + v1 * y1[j];
                }
            }
            case 3 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                for (int j = 0; j < w; j++) {
                    block[j] = v0 * y0[j] + v1 * y1[j] + v2 * y2[j];
                }
            }
            case 4 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double v3 = v[vi + 3];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                double[] y3 = rows[3];
                for (int j = 0; j < w; j++) {
                    block[j] = v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j];
                }
            }
            default -> throw new IllegalArgumentException("1 to 4 terms per pass, got " + count);
        }
    }

    /**
     * block[j] ← block[j] + Σ_{from ≤ p &lt; k} v[vi + p]·rows[p][j] for j &lt; w, four terms
     * per pass and the remainder in one last pass.
     */
    static void add(double[] block, double[] v, int vi, double[][] rows, int from, int k, int w) {
        int p = from;
        for (; p + 3 < k; p += 4) {
            double v0 = v[vi + p];
            double v1 = v[vi + p + 1];
            double v2 = v[vi + p + 2];
            double v3 = v[vi + p + 3];
            double[] y0 = rows[p];
            double[] y1 = rows[p + 1];
            double[] y2 = rows[p + 2];
            double[] y3 = rows[p + 3];
            for (int j = 0; j < w; j++) {
                block[j] = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j];
            }
        }
        switch (k - p) {
            case 0 -> {
            }
            case 1 -> {
                double v0 = v[vi + p];
                double[] y0 = rows[p];
                for (int j = 0; j < w; j++) {
                    block[j] = block[j] + v0 * y0[j];
                }
            }
            case 2 -> {
                double v0 = v[vi + p];
                double v1 = v[vi + p + 1];
                double[] y0 = rows[p];
                double[] y1 = rows[p + 1];
                for (int j = 0; j < w; j++) {
                    block[j] = block[j] + v0 * y0[j] + v1 * y1[j];
                }
            }
            default -> {
                double v0 = v[vi + p];
                double v1 = v[vi + p + 1];
                double v2 = v[vi + p + 2];
                double[] y0 = rows[p];
                double[] y1 = rows[p + 1];
                double[] y2 = rows[p + 2];
                for (int j = 0; j < w; j++) {
                    block[j] = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j];
                }
            }
        }
    }

    /**
     * block[j] ← Σ_{p &lt; k} v[vi + p]·rows[p][j] for j &lt; w, k ≥ 1: the first up to four
     * terms assigned in one pass, the others added.
     */
    static void product(double[] block, double[] v, int vi, double[][] rows, int k, int w) {
        int first = Math.min(4, k);
        assign(block, v, vi, rows, first, w);
        add(block, v, vi, rows, first, k, w);
    }

    /**
     * block[j] ← (Σ_{p &lt; k} v[vi + p]·rows[p][j]) + bias and then
     * squares[j] ← squares[j] + block[j]·block[j] for j &lt; w, k ≥ 1: the bits of
     * {@link #product} followed by a pass adding the bias and a pass adding the squares, with
     * the last pass of terms, the bias and the square in one loop.
     */
    static void productPlusBiasAddingSquares(double[] block, double[] v, int vi, double[][] rows, int k, int w,
                                             double bias, double[] squares) {
        int last = leadingPasses(block, v, vi, rows, k, w);
        if (last == 0) {
            assignPlusBiasAddingSquares(block, v, vi, rows, k, w, bias, squares);
        } else {
            addPlusBiasAddingSquares(block, v, vi, rows, last, k, w, bias, squares);
        }
    }

    /**
     * The passes of {@link #product} before its last one: none when k ≤ 4; otherwise the first
     * four terms assigned and the following ones added four per pass, leaving 1 to 4 terms.
     *
     * @return the first term of the last pass: 0 (the last pass assigns all k terms), or the
     *     index from which 1 to 4 terms remain to be added
     */
    private static int leadingPasses(double[] block, double[] v, int vi, double[][] rows, int k, int w) {
        if (k <= 4) {
            return 0;
        }
        assign(block, v, vi, rows, 4, w);
        int last = k - 1 - (k - 1) % 4;
        add(block, v, vi, rows, 4, last, w);
        return last;
    }

    /** {@link #productPlusBiasAddingSquares} for 1 ≤ count ≤ 4 terms, in one pass. */
    private static void assignPlusBiasAddingSquares(double[] block, double[] v, int vi, double[][] rows, int count,
                                                    int w, double bias, double[] squares) {
        double v0 = v[vi];
        double[] y0 = rows[0];
        switch (count) {
            case 1 -> {
                for (int j = 0; j < w; j++) {
                    double z = v0 * y0[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 2 -> {
                double v1 = v[vi + 1];
                double[] y1 = rows[1];
                for (int j = 0; j < w; j++) {
                    double z = v0 * y0[j] + v1 * y1[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 3 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                for (int j = 0; j < w; j++) {
                    double z = v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 4 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double v3 = v[vi + 3];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                double[] y3 = rows[3];
                for (int j = 0; j < w; j++) {
                    double z = v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            default -> throw new IllegalArgumentException("1 to 4 terms per pass, got " + count);
        }
    }

    /**
     * block[j] ← block[j] + Σ_{from ≤ p &lt; k} v[vi + p]·rows[p][j] + bias and
     * squares[j] ← squares[j] + block[j]·block[j] for j &lt; w, 1 ≤ k − from ≤ 4, in one pass.
     */
    private static void addPlusBiasAddingSquares(double[] block, double[] v, int vi, double[][] rows, int from, int k,
                                                 int w, double bias, double[] squares) {
        double v0 = v[vi + from];
        double[] y0 = rows[from];
        switch (k - from) {
            case 1 -> {
                for (int j = 0; j < w; j++) {
                    double z = block[j] + v0 * y0[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 2 -> {
                double v1 = v[vi + from + 1];
                double[] y1 = rows[from + 1];
                for (int j = 0; j < w; j++) {
                    double z = block[j] + v0 * y0[j] + v1 * y1[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 3 -> {
                double v1 = v[vi + from + 1];
                double v2 = v[vi + from + 2];
                double[] y1 = rows[from + 1];
                double[] y2 = rows[from + 2];
                for (int j = 0; j < w; j++) {
                    double z = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            case 4 -> {
                double v1 = v[vi + from + 1];
                double v2 = v[vi + from + 2];
                double v3 = v[vi + from + 3];
                double[] y1 = rows[from + 1];
                double[] y2 = rows[from + 2];
                double[] y3 = rows[from + 3];
                for (int j = 0; j < w; j++) {
                    double z = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j] + bias;
                    block[j] = z;
                    squares[j] = squares[j] + z * z;
                }
            }
            default -> throw new IllegalArgumentException("1 to 4 terms per pass, got " + (k - from));
        }
    }

    /**
     * block[j] ← Σ_{p &lt; k} v[vi + p]·rows[p][j] and then
     * sums[j] ← sums[j] + factor[j]·block[j] for j &lt; w, k ≥ 1: the bits of {@link #product}
     * followed by a pass adding the products, with the last pass of terms and the product in
     * one loop.
     */
    static void productAddingProducts(double[] block, double[] v, int vi, double[][] rows, int k, int w,
                                      double[] factor, double[] sums) {
        int last = leadingPasses(block, v, vi, rows, k, w);
        if (last == 0) {
            assignAddingProducts(block, v, vi, rows, k, w, factor, sums);
        } else {
            addAddingProducts(block, v, vi, rows, last, k, w, factor, sums);
        }
    }

    /** {@link #productAddingProducts} for 1 ≤ count ≤ 4 terms, in one pass. */
    private static void assignAddingProducts(double[] block, double[] v, int vi, double[][] rows, int count, int w,
                                             double[] factor, double[] sums) {
        double v0 = v[vi];
        double[] y0 = rows[0];
        switch (count) {
            case 1 -> {
                for (int j = 0; j < w; j++) {
                    double g = v0 * y0[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 2 -> {
                double v1 = v[vi + 1];
                double[] y1 = rows[1];
                for (int j = 0; j < w; j++) {
                    double g = v0 * y0[j] + v1 * y1[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 3 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                for (int j = 0; j < w; j++) {
                    double g = v0 * y0[j] + v1 * y1[j] + v2 * y2[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 4 -> {
                double v1 = v[vi + 1];
                double v2 = v[vi + 2];
                double v3 = v[vi + 3];
                double[] y1 = rows[1];
                double[] y2 = rows[2];
                double[] y3 = rows[3];
                for (int j = 0; j < w; j++) {
                    double g = v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            default -> throw new IllegalArgumentException("1 to 4 terms per pass, got " + count);
        }
    }

    /**
     * block[j] ← block[j] + Σ_{from ≤ p &lt; k} v[vi + p]·rows[p][j] and
     * sums[j] ← sums[j] + factor[j]·block[j] for j &lt; w, 1 ≤ k − from ≤ 4, in one pass.
     */
    private static void addAddingProducts(double[] block, double[] v, int vi, double[][] rows, int from, int k, int w,
                                          double[] factor, double[] sums) {
        double v0 = v[vi + from];
        double[] y0 = rows[from];
        switch (k - from) {
            case 1 -> {
                for (int j = 0; j < w; j++) {
                    double g = block[j] + v0 * y0[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 2 -> {
                double v1 = v[vi + from + 1];
                double[] y1 = rows[from + 1];
                for (int j = 0; j < w; j++) {
                    double g = block[j] + v0 * y0[j] + v1 * y1[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 3 -> {
                double v1 = v[vi + from + 1];
                double v2 = v[vi + from + 2];
                double[] y1 = rows[from + 1];
                double[] y2 = rows[from + 2];
                for (int j = 0; j < w; j++) {
                    double g = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            case 4 -> {
                double v1 = v[vi + from + 1];
                double v2 = v[vi + from + 2];
                double v3 = v[vi + from + 3];
                double[] y1 = rows[from + 1];
                double[] y2 = rows[from + 2];
                double[] y3 = rows[from + 3];
                for (int j = 0; j < w; j++) {
                    double g = block[j] + v0 * y0[j] + v1 * y1[j] + v2 * y2[j] + v3 * y3[j];
                    block[j] = g;
                    sums[j] = sums[j] + factor[j] * g;
                }
            }
            default -> throw new IllegalArgumentException("1 to 4 terms per pass, got " + (k - from));
        }
    }
}
