package io.radnet.api.kernels;

import java.nio.DoubleBuffer;

/**
 * The batch-normalisation kernels of the backend SPI ({@code batchNormStatistics},
 * {@code batchNormForward}, {@code batchNormBackward}) on dense storage in one
 * {@link DoubleBuffer} per tensor: F features of M values each, held <em>feature-major</em>
 * (value j of feature c at c·M + j: the rows of a row-major F × M tensor, the columns of a
 * column-major M × F tensor) or <em>interleaved</em> (at j·F + c: the rows of a column-major
 * F × M tensor, the columns of a row-major M × F tensor). Vectors (mean, inverse deviation, γ,
 * β, the sums) are contiguous, length F.
 *
 * <p>The arithmetic is the default's ({@code io.radnet.api.DefaultKernels}), entry by entry in
 * the same order: y = (γ_c·((x − μ_c)·s_c)) + β_c, then max(y, 0) where ReLU is fused (y &gt; 0
 * ? y : 0); the gradient through the fused ReLU is g' = g where y &gt; 0, else 0 (y recomputed
 * from x by the same expression, so the mask is the forward's); x̂ = (x − μ_c)·s_c; sums and
 * dots accumulate from 0 in ascending j per feature; the input gradient is
 * ((k_c·g') − (b_c·x̂)) + a_c with batch statistics, k_c·g' without. So a backend on these
 * kernels agrees with the default to rounding of the sums, and bitwise wherever the default's
 * sums run in ascending order.
 *
 * <p>Kernels, not entry points: nothing is validated, the buffers' positions and limits are
 * neither read nor changed. Heap buffers are worked on in place; direct (native) buffers go
 * through blocks copied to per-thread scratch arrays ({@link ColumnBlocks}). Only arrays of
 * length F are allocated per call.
 */
public final class BatchNormKernels {
    /** The features whose per-feature sums run side by side in one loop over the values. */
    private static final int FEATURE_GROUP = 4;

    private BatchNormKernels() {
    }

    /**
     * mean[c] ← (Σ_j x[c, j])/M; centeredSquares[c] ← Σ_j (x[c, j] − mean[c])², two passes.
     *
     * @param x F × M values
     * @param features F ≥ 1
     * @param count M ≥ 1
     * @param featureMajor the layout of x (see the class comment)
     * @param mean F, overwritten
     * @param centeredSquares F, overwritten
     * @param rowSums null, or the backend's own row sums, used for Σ_j x[c, j] when x is
     *     feature-major on a heap array (so the backend's batch statistics keep the rounding of its
     *     {@code rowSums})
     */
    public static void statistics(DoubleBuffer x, int features, int count, boolean featureMajor, DoubleBuffer mean,
                                  DoubleBuffer centeredSquares, RowSums rowSums) {
        double[] mu = new double[features];
        double[] squares = new double[features];
        Blocks blocks = new Blocks(features, count, featureMajor, x);
        if (rowSums != null && featureMajor && blocks.heap) {
            rowSums.sum(x.array(), features, count, mu);
        } else {
            for (int b = 0; b < blocks.count; b++) {
                double[] xs = blocks.read(x, b, 1);
                blocks.forEach(b, (offset, c0, features1, count1) ->
                        accumulate(xs, offset, c0, features1, count1, featureMajor, features, null, mu));
            }
        }
        for (int c = 0; c < features; c++) {
            mu[c] /= count;
        }
        for (int b = 0; b < blocks.count; b++) {
            double[] xs = blocks.read(x, b, 1);
            blocks.forEach(b, (offset, c0, features1, count1) ->
                    accumulate(xs, offset, c0, features1, count1, featureMajor, features, mu, squares));
        }
        mean.put(0, mu);
        centeredSquares.put(0, squares);
    }

    /**
     * out[c, j] ← (γ_c·((x[c, j] − μ_c)·s_c)) + β_c, then max(·, 0) if relu.
     *
     * @param x F × M values
     * @param features F
     * @param count M
     * @param featureMajor the layout of x and out
     * @param mean μ, F
     * @param inverseDeviation s, F
     * @param weight γ, F
     * @param bias β, F
     * @param relu whether ReLU follows
     * @param out F × M, overwritten; distinct from x
     */
    public static void forward(DoubleBuffer x, int features, int count, boolean featureMajor, DoubleBuffer mean,
                               DoubleBuffer inverseDeviation, DoubleBuffer weight, DoubleBuffer bias, boolean relu,
                               DoubleBuffer out) {
        Affine affine = new Affine(features, mean, inverseDeviation, weight, bias);
        Blocks blocks = new Blocks(features, count, featureMajor, x, out);
        for (int b = 0; b < blocks.count; b++) {
            double[] xs = blocks.read(x, b, 1);
            double[] ys = blocks.target(out, b, 2);
            blocks.forEach(b, (offset, c0, features1, count1) -> {
                for (int c = c0; c < c0 + features1; c++) {
                    double mu = affine.mean[c];
                    double s = affine.inverseDeviation[c];
                    double gamma = affine.weight[c];
                    double beta = affine.bias[c];
                    int step = featureMajor ? 1 : features;
                    int p = featureMajor ? offset + (c - c0) * count1 : offset + c;
                    for (int j = 0; j < count1; j++, p += step) {
                        double y = gamma * ((xs[p] - mu) * s) + beta;
                        ys[p] = relu ? keptWherePositive(y, y) : y;
                    }
                }
            });
            blocks.write(out, b, ys);
        }
    }

    /**
     * The backward pass: with g' the upstream gradient through the fused ReLU (if any) and
     * x̂ = (x − μ)·s, biasGradient[c] ← Σ_j g', weightGradient[c] ← Σ_j g'·x̂, and if dx is given
     * dx ← ((k_c·g') − (b_c·x̂)) + a_c with k_c = γ_c·s_c, a_c = −k_c·biasGradient[c]/M,
     * b_c = k_c·weightGradient[c]/M when batchStatistics, else dx ← k_c·g'.
     *
     * @param g ∂L/∂out, F × M
     * @param x the forward's input, F × M
     * @param features F
     * @param count M
     * @param featureMajor the layout of g, x and dx
     * @param mean μ
     * @param inverseDeviation s
     * @param weight γ
     * @param bias β
     * @param relu whether ReLU followed in the forward
     * @param batchStatistics whether μ and s were the batch's own statistics
     * @param biasGradient F, overwritten
     * @param weightGradient F, overwritten
     * @param dx null, or F × M overwritten; distinct from g and x
     * @param rowSums null, or the backend's own row sums, used for Σ_j g' when the tensors are
     *     feature-major heap arrays (g' is then formed in a scratch array first)
     */
    public static void backward(DoubleBuffer g, DoubleBuffer x, int features, int count, boolean featureMajor,
                                DoubleBuffer mean, DoubleBuffer inverseDeviation, DoubleBuffer weight, DoubleBuffer bias,
                                boolean relu, boolean batchStatistics, DoubleBuffer biasGradient,
                                DoubleBuffer weightGradient, DoubleBuffer dx, RowSums rowSums) {
        Affine affine = new Affine(features, mean, inverseDeviation, weight, bias);
        double[] sums = new double[features];
        double[] dots = new double[features];
        Blocks blocks = new Blocks(features, count, featureMajor, g, x, dx);
        for (int b = 0; b < blocks.count; b++) {
            double[] gs = blocks.read(g, b, 1);
            double[] xs = blocks.read(x, b, 2);
            blocks.forEach(b, (offset, c0, features1, count1) ->
                    accumulateGradients(gs, xs, offset, c0, features1, count1, featureMajor, features, affine, relu,
                            sums, dots));
        }
        if (rowSums != null && featureMajor && blocks.heap) {
            double[] upstream = ColumnBlocks.scratch(0, features * count);
            double[] gs = g.array();
            double[] xs = x.array();
            for (int c = 0, p = 0; c < features; c++) {
                double mu = affine.mean[c];
                double s = affine.inverseDeviation[c];
                double gamma = affine.weight[c];
                double beta = affine.bias[c];
                for (int j = 0; j < count; j++, p++) {
                    upstream[p] = relu ? keptWherePositive(gamma * ((xs[p] - mu) * s) + beta, gs[p]) : gs[p];
                }
            }
            rowSums.sum(upstream, features, count, sums);
        }
        biasGradient.put(0, sums);
        weightGradient.put(0, dots);
        if (dx == null) {
            return;
        }
        double[] factors = new double[features];
        double[] shifts = new double[features];
        double[] slopes = new double[features];
        for (int c = 0; c < features; c++) {
            factors[c] = affine.weight[c] * affine.inverseDeviation[c];
            shifts[c] = -factors[c] * sums[c] / count;
            slopes[c] = factors[c] * dots[c] / count;
        }
        for (int b = 0; b < blocks.count; b++) {
            double[] gs = blocks.read(g, b, 1);
            double[] xs = blocks.read(x, b, 2);
            double[] ds = blocks.target(dx, b, 3);
            blocks.forEach(b, (offset, c0, features1, count1) -> {
                for (int c = c0; c < c0 + features1; c++) {
                    double mu = affine.mean[c];
                    double s = affine.inverseDeviation[c];
                    double gamma = affine.weight[c];
                    double beta = affine.bias[c];
                    double factor = factors[c];
                    double shift = shifts[c];
                    double slope = slopes[c];
                    int step = featureMajor ? 1 : features;
                    int p = featureMajor ? offset + (c - c0) * count1 : offset + c;
                    for (int j = 0; j < count1; j++, p += step) {
                        double normalized = (xs[p] - mu) * s;
                        double upstream = relu ? keptWherePositive(gamma * normalized + beta, gs[p]) : gs[p];
                        ds[p] = batchStatistics ? factor * upstream - slope * normalized + shift : factor * upstream;
                    }
                }
            });
            blocks.write(dx, b, ds);
        }
    }

    /**
     * @return value where y &gt; 0, else +0.0 (also for y NaN or −0.0): y &gt; 0 exactly when
     *     y's bits, as a signed long, lie in [1, bits of +∞]; the mask is built without a branch
     *     (a ReLU's mask is unpredictable, and a mispredicted branch per entry costs more than
     *     the arithmetic)
     */
    private static double keptWherePositive(double y, double value) {
        long bits = Double.doubleToRawLongBits(y);
        long positive = ((-bits) & (bits - 0x7ff0000000000001L)) >>> 63;
        return Double.longBitsToDouble(Double.doubleToRawLongBits(value) & -positive);
    }

    /**
     * sums[c] += Σ_j xs[c, j] (means null) or Σ_j (xs[c, j] − means[c])² over one block, in
     * ascending j per feature. Features are taken {@value #FEATURE_GROUP} at a time, each with
     * its own accumulator: the sums are the one-feature loop's bit for bit, but the group's
     * independent additions overlap instead of each waiting for the previous one (the
     * one-feature loop is bound by the latency of one addition per entry).
     */
    private static void accumulate(double[] xs, int offset, int c0, int features1, int count1, boolean featureMajor,
                                   int features, double[] means, double[] sums) {
        boolean centered = means != null;
        int step = featureMajor ? 1 : features;
        int next = featureMajor ? count1 : 1;
        int end = c0 + features1;
        int c = c0;
        for (; c + FEATURE_GROUP <= end; c += FEATURE_GROUP) {
            double mean0 = centered ? means[c] : 0.0;
            double mean1 = centered ? means[c + 1] : 0.0;
            double mean2 = centered ? means[c + 2] : 0.0;
            double mean3 = centered ? means[c + 3] : 0.0;
            double sum0 = sums[c];
            double sum1 = sums[c + 1];
            double sum2 = sums[c + 2];
            double sum3 = sums[c + 3];
            int p = start(offset, c0, c, count1, featureMajor);
            for (int j = 0; j < count1; j++, p += step) {
                double value0 = xs[p];
                double value1 = xs[p + next];
                double value2 = xs[p + 2 * next];
                double value3 = xs[p + 3 * next];
                if (centered) {
                    value0 = square(value0 - mean0);
                    value1 = square(value1 - mean1);
                    value2 = square(value2 - mean2);
                    value3 = square(value3 - mean3);
                }
                sum0 += value0;
                sum1 += value1;
                sum2 += value2;
                sum3 += value3;
            }
            sums[c] = sum0;
            sums[c + 1] = sum1;
            sums[c + 2] = sum2;
            sums[c + 3] = sum3;
        }
        for (; c < end; c++) {
            double mean = centered ? means[c] : 0.0;
            double sum = sums[c];
            int p = start(offset, c0, c, count1, featureMajor);
            for (int j = 0; j < count1; j++, p += step) {
                sum += centered ? square(xs[p] - mean) : xs[p];
            }
            sums[c] = sum;
        }
    }

    private static double square(double value) {
        return value * value;
    }

    /**
     * sums[c] += Σ_j g', dots[c] += Σ_j g'·x̂ over one block (g' and x̂ as in {@link #backward}),
     * in ascending j per feature, features grouped as in {@link #accumulate}.
     */
    private static void accumulateGradients(double[] gs, double[] xs, int offset, int c0, int features1, int count1,
                                            boolean featureMajor, int features, Affine affine, boolean relu,
                                            double[] sums, double[] dots) {
        int step = featureMajor ? 1 : features;
        int next = featureMajor ? count1 : 1;
        int end = c0 + features1;
        int c = c0;
        for (; c + FEATURE_GROUP <= end; c += FEATURE_GROUP) {
            double mean0 = affine.mean[c];
            double mean1 = affine.mean[c + 1];
            double mean2 = affine.mean[c + 2];
            double mean3 = affine.mean[c + 3];
            double scale0 = affine.inverseDeviation[c];
            double scale1 = affine.inverseDeviation[c + 1];
            double scale2 = affine.inverseDeviation[c + 2];
            double scale3 = affine.inverseDeviation[c + 3];
            double gamma0 = affine.weight[c];
            double gamma1 = affine.weight[c + 1];
            double gamma2 = affine.weight[c + 2];
            double gamma3 = affine.weight[c + 3];
            double beta0 = affine.bias[c];
            double beta1 = affine.bias[c + 1];
            double beta2 = affine.bias[c + 2];
            double beta3 = affine.bias[c + 3];
            double sum0 = sums[c];
            double sum1 = sums[c + 1];
            double sum2 = sums[c + 2];
            double sum3 = sums[c + 3];
            double dot0 = dots[c];
            double dot1 = dots[c + 1];
            double dot2 = dots[c + 2];
            double dot3 = dots[c + 3];
            int p = start(offset, c0, c, count1, featureMajor);
            if (relu) {
                for (int j = 0; j < count1; j++, p += step) {
                    int p1 = p + next;
                    int p2 = p + 2 * next;
                    int p3 = p + 3 * next;
                    double normalized0 = (xs[p] - mean0) * scale0;
                    double normalized1 = (xs[p1] - mean1) * scale1;
                    double normalized2 = (xs[p2] - mean2) * scale2;
                    double normalized3 = (xs[p3] - mean3) * scale3;
                    double upstream0 = keptWherePositive(gamma0 * normalized0 + beta0, gs[p]);
                    double upstream1 = keptWherePositive(gamma1 * normalized1 + beta1, gs[p1]);
                    double upstream2 = keptWherePositive(gamma2 * normalized2 + beta2, gs[p2]);
                    double upstream3 = keptWherePositive(gamma3 * normalized3 + beta3, gs[p3]);
                    sum0 += upstream0;
                    sum1 += upstream1;
                    sum2 += upstream2;
                    sum3 += upstream3;
                    dot0 += upstream0 * normalized0;
                    dot1 += upstream1 * normalized1;
                    dot2 += upstream2 * normalized2;
                    dot3 += upstream3 * normalized3;
                }
            } else {
                for (int j = 0; j < count1; j++, p += step) {
                    int p1 = p + next;
                    int p2 = p + 2 * next;
                    int p3 = p + 3 * next;
                    double upstream0 = gs[p];
                    double upstream1 = gs[p1];
                    double upstream2 = gs[p2];
                    double upstream3 = gs[p3];
                    sum0 += upstream0;
                    sum1 += upstream1;
                    sum2 += upstream2;
                    sum3 += upstream3;
                    dot0 += upstream0 * ((xs[p] - mean0) * scale0);
                    dot1 += upstream1 * ((xs[p1] - mean1) * scale1);
                    dot2 += upstream2 * ((xs[p2] - mean2) * scale2);
                    dot3 += upstream3 * ((xs[p3] - mean3) * scale3);
                }
            }
            sums[c] = sum0;
            sums[c + 1] = sum1;
            sums[c + 2] = sum2;
            sums[c + 3] = sum3;
            dots[c] = dot0;
            dots[c + 1] = dot1;
            dots[c + 2] = dot2;
            dots[c + 3] = dot3;
        }
        for (; c < end; c++) {
            double mu = affine.mean[c];
            double s = affine.inverseDeviation[c];
            double gamma = affine.weight[c];
            double beta = affine.bias[c];
            double sum = sums[c];
            double dot = dots[c];
            int p = start(offset, c0, c, count1, featureMajor);
            for (int j = 0; j < count1; j++, p += step) {
                double normalized = (xs[p] - mu) * s;
                double upstream = relu ? keptWherePositive(gamma * normalized + beta, gs[p]) : gs[p];
                sum += upstream;
                dot += upstream * normalized;
            }
            sums[c] = sum;
            dots[c] = dot;
        }
    }

    /** @return the index of feature c's first value in a block whose first feature is c0 */
    private static int start(int offset, int c0, int c, int count1, boolean featureMajor) {
        return featureMajor ? offset + (c - c0) * count1 : offset + c;
    }

    /** The per-feature coefficients, copied to arrays. */
    private static final class Affine {
        final double[] mean;
        final double[] inverseDeviation;
        final double[] weight;
        final double[] bias;

        Affine(int features, DoubleBuffer mean, DoubleBuffer inverseDeviation, DoubleBuffer weight, DoubleBuffer bias) {
            this.mean = new double[features];
            this.inverseDeviation = new double[features];
            this.weight = new double[features];
            this.bias = new double[features];
            mean.get(0, this.mean);
            inverseDeviation.get(0, this.inverseDeviation);
            weight.get(0, this.weight);
            bias.get(0, this.bias);
        }
    }

    /** A backend's row sums of a row-major matrix on a heap array. */
    @FunctionalInterface
    public interface RowSums {
        /**
         * @param x rows × cols, row-major, not modified
         * @param rows the rows
         * @param cols the columns
         * @param out rows entries, overwritten with the row sums
         */
        void sum(double[] x, int rows, int cols, double[] out);
    }

    /** Work on one block: features c0 … c0 + features − 1 over count values each, from an array offset. */
    @FunctionalInterface
    private interface BlockWork {
        void run(int offset, int c0, int features, int count);
    }

    /**
     * How the tensors are walked: heap buffers (arrays at offset 0) as one block on their arrays;
     * otherwise in blocks of whole features (feature-major) or of whole positions j (interleaved)
     * copied to scratch. Interleaved heap arrays are still walked in chunks of whole positions j of
     * about {@value ColumnBlocks#BLOCK_ENTRIES} entries, so that each feature's strided run over a
     * chunk stays in the cache for the next feature (one strided run per feature over the whole
     * array would reread it from memory F times). Within a block or chunk every feature's values
     * keep ascending j, and blocks and chunks run in ascending order of j (interleaved) or of c
     * (feature-major), so per-feature sums keep ascending j.
     */
    private static final class Blocks {
        final int features;
        final int values;
        final boolean featureMajor;
        final boolean heap;
        final int perBlock;
        final int count;

        Blocks(int features, int values, boolean featureMajor, DoubleBuffer... buffers) {
            this.features = features;
            this.values = values;
            this.featureMajor = featureMajor;
            boolean arrays = true;
            for (DoubleBuffer buffer : buffers) {
                arrays &= buffer == null || buffer.hasArray() && buffer.arrayOffset() == 0;
            }
            this.heap = arrays;
            int units = featureMajor ? features : values;
            this.perBlock = heap ? units
                    : featureMajor ? ColumnBlocks.columns(values, features) : ColumnBlocks.columns(features, values);
            this.count = (units + perBlock - 1) / perBlock;
        }

        private int entriesPerUnit() {
            return featureMajor ? values : features;
        }

        private int units(int b) {
            int total = featureMajor ? features : values;
            return Math.min(perBlock, total - b * perBlock);
        }

        /** @return the entries of block b: the buffer's array, or a scratch copy in the given slot */
        double[] read(DoubleBuffer buffer, int b, int slot) {
            if (heap) {
                return buffer.array();
            }
            int length = units(b) * entriesPerUnit();
            double[] scratch = ColumnBlocks.scratch(slot, length);
            buffer.get(b * perBlock * entriesPerUnit(), scratch, 0, length);
            return scratch;
        }

        /** @return where block b's output goes: the buffer's array, or scratch in the given slot */
        double[] target(DoubleBuffer buffer, int b, int slot) {
            return heap ? buffer.array() : ColumnBlocks.scratch(slot, units(b) * entriesPerUnit());
        }

        /** Copies block b's output from scratch to the buffer (nothing for heap buffers). */
        void write(DoubleBuffer buffer, int b, double[] data) {
            if (!heap) {
                buffer.put(b * perBlock * entriesPerUnit(), data, 0, units(b) * entriesPerUnit());
            }
        }

        void forEach(int b, BlockWork work) {
            if (featureMajor) {
                work.run(0, b * perBlock, units(b), values);
            } else if (heap) {
                int chunk = ColumnBlocks.columns(features, values);
                for (int first = 0; first < values; first += chunk) {
                    work.run(first * features, 0, features, Math.min(chunk, values - first));
                }
            } else {
                work.run(0, 0, features, units(b));
            }
        }
    }
}
