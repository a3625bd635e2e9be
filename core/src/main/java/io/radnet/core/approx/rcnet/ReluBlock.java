package io.radnet.core.approx.rcnet;

import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.Rational;
import java.util.Arrays;
import java.util.Objects;

/**
 * A ReLU network with an affine end, held as plain arrays: φ = A_{L+1} ∘ σ ∘ A_L ∘ … ∘ σ ∘ A₁
 * with A_i(v) = W_i v + c_i, W_i of shape n_i × n_{i−1}, σ = ReLU after every layer but the
 * last. L is the depth (hidden layers) and max n_i over the hidden layers the width, as in the
 * RCNet paper's NN{N, L; ℝ^a → ℝ^b} (Appendix A.1). Immutable: the arrays are copied in and out.
 *
 * <p>A bias may carry an exact value that its double only approximates: a stored bit string of
 * more than 52 binary digits (Lemma D.1), or a merge's sum o + c of an integer offset and a
 * value (Lemma E.1, {@link Stage.Merged}), which a double rounds at the offset's scale.
 * {@link #exactBias} is then that value; the double is its nearest double, used by the double
 * network and by the bounds.
 */
public final class ReluBlock {
    private final double[][][] weights;
    private final double[][] biases;
    /** Per layer and row, the exact bias where the double rounds it, else null. */
    private final Rational[][] exactBiases;

    /**
     * @param weights W₁ … W_{L+1}, each n_i × n_{i−1}, L ≥ 0 (copied)
     * @param biases c₁ … c_{L+1}, each of length n_i (copied)
     * @throws IllegalArgumentException naming the layer if a shape does not chain or a value is not finite
     */
    public ReluBlock(double[][][] weights, double[][] biases) {
        this(weights, biases, null);
    }

    /**
     * @param weights W₁ … W_{L+1}, each n_i × n_{i−1}, L ≥ 0 (copied)
     * @param biases c₁ … c_{L+1}, each of length n_i (copied)
     * @param exact per layer and row the exact bias where it differs from the double (null
     *     entries, or null altogether, where the double is exact); copied
     */
    ReluBlock(double[][][] weights, double[][] biases, Rational[][] exact) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
        if (weights.length == 0 || weights.length != biases.length) {
            throw new IllegalArgumentException("a block needs as many biases as weight matrices and at least one layer, got "
                    + weights.length + " and " + biases.length);
        }
        this.weights = new double[weights.length][][];
        this.biases = new double[biases.length][];
        int previous = -1;
        for (int i = 0; i < weights.length; i++) {
            double[][] w = weights[i];
            if (w.length == 0 || biases[i].length != w.length) {
                throw new IllegalArgumentException("layer " + (i + 1) + ": " + w.length + " rows but a bias of length "
                        + biases[i].length);
            }
            int cols = w[0].length;
            if (previous >= 0 && cols != previous) {
                throw new IllegalArgumentException("layer " + (i + 1) + " takes " + cols + " inputs but layer " + i
                        + " gives " + previous);
            }
            this.weights[i] = new double[w.length][];
            for (int r = 0; r < w.length; r++) {
                if (w[r].length != cols) {
                    throw new IllegalArgumentException("layer " + (i + 1) + ": row " + r + " has " + w[r].length
                            + " entries, row 0 has " + cols);
                }
                for (double value : w[r]) {
                    requireFinite(value, i);
                }
                this.weights[i][r] = w[r].clone();
            }
            for (double value : biases[i]) {
                requireFinite(value, i);
            }
            this.biases[i] = biases[i].clone();
            previous = w.length;
        }
        this.exactBiases = new Rational[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            exactBiases[i] = new Rational[biases[i].length];
            if (exact != null && exact[i] != null) {
                for (int r = 0; r < exact[i].length && r < exactBiases[i].length; r++) {
                    Rational value = exact[i][r];
                    exactBiases[i][r] = value == null || value.equals(Rational.ofDouble(biases[i][r])) ? null : value;
                }
            }
        }
    }

    /**
     * @param layer 0 … L
     * @param row a row of that layer
     * @return c_{layer+1, row} exactly (the double's value unless the bias is stored exactly)
     */
    public Rational exactBias(int layer, int row) {
        Rational value = exactBiases[layer][row];
        return value != null ? value : Rational.ofDouble(biases[layer][row]);
    }

    /** @return the exact bias where the double rounds it, else null */
    Rational exactOverride(int layer, int row) {
        return exactBiases[layer][row];
    }

    /**
     * @param layer 0 … L
     * @param rows the rows of the exact map, at least n_{layer+1} (the extra rows are zero neurons)
     * @param cols the columns, at least n_{layer} (the extra columns read nothing)
     * @return A_{layer+1} with exact entries (the doubles' values, the exact biases), padded with zeros
     */
    ExactAffine exactLayer(int layer, int rows, int cols) {
        ExactAffine.Builder builder = ExactAffine.builder(rows, cols);
        for (int r = 0; r < weights[layer].length; r++) {
            for (int c = 0; c < weights[layer][r].length; c++) {
                if (weights[layer][r][c] != 0) {
                    builder.weight(r, c, Rational.ofDouble(weights[layer][r][c]));
                }
            }
            builder.bias(r, exactBias(layer, r));
        }
        return builder.build();
    }

    private static void requireFinite(double value, int layer) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("layer " + (layer + 1) + " holds the non-finite value " + value);
        }
    }

    /** @return a, the input dimension */
    public int inputDimension() {
        return weights[0][0].length;
    }

    /** @return b, the output dimension */
    public int outputDimension() {
        return weights[weights.length - 1].length;
    }

    /** @return L, the number of hidden layers */
    public int depth() {
        return weights.length - 1;
    }

    /** @return the hidden widths n₁ … n_L */
    public int[] hiddenWidths() {
        int[] widths = new int[depth()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = weights[i].length;
        }
        return widths;
    }

    /** @return max n_i over the hidden layers, 0 for an affine map */
    public int width() {
        return Arrays.stream(hiddenWidths()).max().orElse(0);
    }

    /** @return the number of affine layers, L + 1 */
    public int layers() {
        return weights.length;
    }

    /**
     * @param layer 0 … L
     * @return a copy of W_{layer+1}
     */
    public double[][] weight(int layer) {
        double[][] copy = new double[weights[layer].length][];
        for (int r = 0; r < copy.length; r++) {
            copy[r] = weights[layer][r].clone();
        }
        return copy;
    }

    /**
     * @param layer 0 … L
     * @return a copy of c_{layer+1}
     */
    public double[] bias(int layer) {
        return biases[layer].clone();
    }

    /**
     * Evaluates φ in double precision, each pre-activation summed in column order.
     *
     * @param input a point of ℝ^a, not modified
     * @return φ(input)
     */
    public double[] apply(double[] input) {
        if (input.length != inputDimension()) {
            throw new IllegalArgumentException("the block takes " + inputDimension() + " coordinates, got " + input.length);
        }
        double[] v = input;
        for (int i = 0; i < weights.length; i++) {
            double[] next = new double[weights[i].length];
            for (int r = 0; r < next.length; r++) {
                double sum = biases[i][r];
                double[] row = weights[i][r];
                for (int c = 0; c < row.length; c++) {
                    sum += row[c] * v[c];
                }
                next[r] = i < weights.length - 1 ? Math.max(0.0, sum) : sum;
            }
            v = next;
        }
        return v;
    }

    /**
     * Interval arithmetic through the layers: bounds of φ over the box [lower, upper], widened by
     * 1e-9 × Σ|w_k|·max|v_k| at every layer for rounding, except where every input the row reads
     * is fixed (a point: the bound is the value, computed as {@link #apply} computes it) and
     * below 0 where every term of the lower sum is ≥ 0 (a sum of non-negative doubles is ≥ 0).
     *
     * @param box {lower, upper}, each of length a, not modified
     * @return {lower, upper} of φ over the box
     */
    public double[][] bound(double[][] box) {
        double[] lo = box[0];
        double[] hi = box[1];
        for (int i = 0; i < weights.length; i++) {
            double[] nextLo = new double[weights[i].length];
            double[] nextHi = new double[weights[i].length];
            for (int r = 0; r < nextLo.length; r++) {
                double a = biases[i][r];
                double b = biases[i][r];
                double[] row = weights[i][r];
                double scale = Math.abs(a);
                boolean fixed = true;
                boolean nonNegative = a >= 0;
                for (int c = 0; c < row.length; c++) {
                    double w = row[c];
                    if (w == 0) {
                        continue;
                    }
                    double low = w > 0 ? w * lo[c] : w * hi[c];
                    a += low;
                    b += w > 0 ? w * hi[c] : w * lo[c];
                    nonNegative &= low >= 0;
                    fixed &= lo[c] == hi[c];
                    scale += Math.abs(w) * Math.max(Math.abs(lo[c]), Math.abs(hi[c]));
                }
                if (!fixed) {
                    a -= scale * 1e-9;
                    b += scale * 1e-9;
                }
                if (nonNegative) {
                    a = Math.max(0.0, a);
                }
                if (i < weights.length - 1) {
                    a = Math.max(0.0, a);
                    b = Math.max(0.0, b);
                }
                nextLo[r] = a;
                nextHi[r] = b;
            }
            lo = nextLo;
            hi = nextHi;
        }
        for (int r = 0; r < lo.length; r++) {
            if (!Double.isFinite(lo[r]) || !Double.isFinite(hi[r])) {
                throw new IllegalArgumentException("the range of the block's output " + r + " overflows a double");
            }
        }
        return new double[][] {lo, hi};
    }

    /** @return the raw weight of layer i, row r, column c (no copy) */
    double w(int layer, int row, int col) {
        return weights[layer][row][col];
    }

    /** @return the raw bias of layer i, row r */
    double c(int layer, int row) {
        return biases[layer][row];
    }

    /** @return the raw row of layer i (no copy; callers do not modify it) */
    double[] row(int layer, int row) {
        return weights[layer][row];
    }

    @Override
    public String toString() {
        return "ReluBlock(ℝ^" + inputDimension() + " → ℝ^" + outputDimension() + ", hidden widths "
                + Arrays.toString(hiddenWidths()) + ")";
    }
}
