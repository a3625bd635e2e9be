package io.radnet.core.approx.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An affine map z ↦ W·z + b: ℝ^cols → ℝ^rows with exact rational entries, immutable. W is held
 * by rows as its non-zero entries only (the constructions' layers are sparse), so
 * {@link #apply} costs one exact product per non-zero weight.
 */
public final class ExactAffine {
    /** The most entries (rows·cols) a map may have; checked before allocation. */
    public static final long MAX_ENTRIES = 100_000_000L;

    private final int rows;
    private final int cols;
    /** For each row, the columns of its non-zero weights, increasing. */
    private final int[][] columns;
    /** For each row, its non-zero weights, aligned with {@link #columns}. */
    private final Rational[][] weights;
    private final Rational[] bias;

    private ExactAffine(int rows, int cols, int[][] columns, Rational[][] weights, Rational[] bias) {
        this.rows = rows;
        this.cols = cols;
        this.columns = columns;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * @param weight W, rows × cols, every row of the same length ≥ 1, no null entry; copied
     * @param bias b, rows entries, no null entry; copied
     * @return the map z ↦ W·z + b
     * @throws IllegalArgumentException if the shapes do not fit or an entry is null
     */
    public static ExactAffine of(Rational[][] weight, Rational[] bias) {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        if (weight.length == 0 || weight.length != bias.length || weight[0] == null || weight[0].length == 0) {
            throw new IllegalArgumentException("an exact affine map needs W with rows ≥ 1 and columns ≥ 1 and b with"
                    + " one entry per row, got " + weight.length + " rows and " + bias.length + " bias entries");
        }
        Builder builder = new Builder(weight.length, weight[0].length);
        for (int r = 0; r < weight.length; r++) {
            if (weight[r] == null || weight[r].length != builder.cols) {
                throw new IllegalArgumentException("row " + r + " of W has " + (weight[r] == null ? 0 : weight[r].length)
                        + " entries, row 0 has " + builder.cols);
            }
            for (int c = 0; c < builder.cols; c++) {
                builder.weight(r, c, weight[r][c]);
            }
            builder.bias(r, bias[r]);
        }
        return builder.build();
    }

    /**
     * @param weight W, rows × cols of finite doubles
     * @param bias b, rows finite doubles
     * @return the map with the doubles' exact values
     * @throws IllegalArgumentException if the shapes do not fit or an entry is not finite
     */
    public static ExactAffine ofDoubles(double[][] weight, double[] bias) {
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(bias, "bias");
        Rational[][] w = new Rational[weight.length][];
        for (int r = 0; r < weight.length; r++) {
            w[r] = new Rational[weight[r].length];
            for (int c = 0; c < weight[r].length; c++) {
                w[r][c] = Rational.ofDouble(weight[r][c]);
            }
        }
        Rational[] b = new Rational[bias.length];
        for (int r = 0; r < bias.length; r++) {
            b[r] = Rational.ofDouble(bias[r]);
        }
        return of(w, b);
    }

    /**
     * @param rows output dimension ≥ 1
     * @param cols input dimension ≥ 1
     * @return a builder of a rows × cols map, all of whose entries start at 0
     * @throws IllegalArgumentException if a dimension is below 1 or rows·cols exceeds {@value #MAX_ENTRIES}
     */
    public static Builder builder(int rows, int cols) {
        return new Builder(rows, cols);
    }

    /**
     * @param dimension n ≥ 1
     * @return the identity map of ℝⁿ
     */
    public static ExactAffine identity(int dimension) {
        Builder builder = builder(dimension, dimension);
        for (int i = 0; i < dimension; i++) {
            builder.weight(i, i, Rational.ONE);
        }
        return builder.build();
    }

    /** @return the output dimension */
    public int rows() {
        return rows;
    }

    /** @return the input dimension */
    public int cols() {
        return cols;
    }

    /**
     * @param row 0 ≤ row &lt; rows
     * @param col 0 ≤ col &lt; cols
     * @return W_{row, col}
     */
    public Rational weight(int row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        int at = Arrays.binarySearch(columns[row], col);
        return at >= 0 ? weights[row][at] : Rational.ZERO;
    }

    /**
     * @param row 0 ≤ row &lt; rows
     * @return b_row
     */
    public Rational bias(int row) {
        Objects.checkIndex(row, rows);
        return bias[row];
    }

    /** @return the number of non-zero entries of W */
    public long nonZeroWeights() {
        long count = 0;
        for (int[] row : columns) {
            count += row.length;
        }
        return count;
    }

    /**
     * @param z a point of ℝ^cols, not modified
     * @return W·z + b, exactly
     * @throws IllegalArgumentException if z has the wrong length
     */
    public Rational[] apply(Rational[] z) {
        Objects.requireNonNull(z, "z");
        if (z.length != cols) {
            throw new IllegalArgumentException("the exact affine map takes " + cols + " coordinates, got " + z.length);
        }
        Rational[] out = new Rational[rows];
        for (int r = 0; r < rows; r++) {
            Rational acc = bias[r];
            int[] cs = columns[r];
            Rational[] ws = weights[r];
            for (int k = 0; k < cs.length; k++) {
                acc = acc.add(ws[k].multiply(z[cs[k]]));
            }
            out[r] = acc;
        }
        return out;
    }

    /**
     * @param inner the map applied first, ℝ^m → ℝ^cols
     * @return this ∘ inner: z ↦ W·(V·z + c) + b = (W·V)·z + (W·c + b), exactly
     * @throws IllegalArgumentException if inner's output dimension is not this map's input dimension
     */
    public ExactAffine after(ExactAffine inner) {
        Objects.requireNonNull(inner, "inner");
        if (inner.rows != cols) {
            throw new IllegalArgumentException("cannot compose: the outer map takes " + cols
                    + " coordinates, the inner one gives " + inner.rows);
        }
        Builder builder = builder(rows, inner.cols);
        for (int r = 0; r < rows; r++) {
            Rational[] row = new Rational[inner.cols];
            Arrays.fill(row, Rational.ZERO);
            Rational offset = bias[r];
            for (int k = 0; k < columns[r].length; k++) {
                int middle = columns[r][k];
                Rational w = weights[r][k];
                for (int j = 0; j < inner.columns[middle].length; j++) {
                    int c = inner.columns[middle][j];
                    row[c] = row[c].add(w.multiply(inner.weights[middle][j]));
                }
                offset = offset.add(w.multiply(inner.bias[middle]));
            }
            for (int c = 0; c < inner.cols; c++) {
                builder.weight(r, c, row[c]);
            }
            builder.bias(r, offset);
        }
        return builder.build();
    }

    /** @return whether every weight and bias is a double exactly (so {@link #weightsAsDoubles()} rounds nothing) */
    public boolean isDoubleExact() {
        for (int r = 0; r < rows; r++) {
            if (!bias[r].isExactDouble()) {
                return false;
            }
            for (Rational w : weights[r]) {
                if (!w.isExactDouble()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return W rounded to the nearest doubles, rows × cols */
    public double[][] weightsAsDoubles() {
        double[][] w = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < columns[r].length; k++) {
                w[r][columns[r][k]] = weights[r][k].toDouble();
            }
        }
        return w;
    }

    /** @return b rounded to the nearest doubles */
    public double[] biasAsDoubles() {
        double[] b = new double[rows];
        for (int r = 0; r < rows; r++) {
            b[r] = bias[r].toDouble();
        }
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactAffine a && rows == a.rows && cols == a.cols && Arrays.deepEquals(columns, a.columns)
                && Arrays.deepEquals(weights, a.weights) && Arrays.equals(bias, a.bias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, cols, Arrays.deepHashCode(weights), Arrays.hashCode(bias));
    }

    @Override
    public String toString() {
        return "ExactAffine " + rows + "×" + cols + " (" + nonZeroWeights() + " non-zero weights)";
    }

    /** Fills the entries of a map one at a time; every entry starts at 0. Not thread-safe. */
    public static final class Builder {
        private final int rows;
        private final int cols;
        private final List<List<Integer>> columns;
        private final List<List<Rational>> weights;
        private final Rational[] bias;

        private Builder(int rows, int cols) {
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException("an exact affine map needs rows ≥ 1 and columns ≥ 1, got "
                        + rows + " × " + cols);
            }
            if ((long) rows * cols > MAX_ENTRIES) {
                throw new IllegalArgumentException("an exact affine map of " + rows + " × " + cols + " exceeds "
                        + MAX_ENTRIES + " entries");
            }
            this.rows = rows;
            this.cols = cols;
            this.columns = new ArrayList<>(rows);
            this.weights = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                columns.add(new ArrayList<>());
                weights.add(new ArrayList<>());
            }
            this.bias = new Rational[rows];
            Arrays.fill(bias, Rational.ZERO);
        }

        /**
         * @param row 0 ≤ row &lt; rows
         * @param col 0 ≤ col &lt; cols
         * @param value W_{row, col}, replacing what was set before
         * @return this builder
         */
        public Builder weight(int row, int col, Rational value) {
            Objects.checkIndex(row, rows);
            Objects.checkIndex(col, cols);
            Objects.requireNonNull(value, "weight value");
            List<Integer> cs = columns.get(row);
            List<Rational> ws = weights.get(row);
            int at = Collections.binarySearch(cs, col);
            if (at >= 0) {
                if (value.signum() == 0) {
                    cs.remove(at);
                    ws.remove(at);
                } else {
                    ws.set(at, value);
                }
            } else if (value.signum() != 0) {
                cs.add(-at - 1, col);
                ws.add(-at - 1, value);
            }
            return this;
        }

        /**
         * @param row 0 ≤ row &lt; rows
         * @param value b_row, replacing what was set before
         * @return this builder
         */
        public Builder bias(int row, Rational value) {
            Objects.checkIndex(row, rows);
            bias[row] = Objects.requireNonNull(value, "bias value");
            return this;
        }

        /** @return the map holding the entries set so far */
        public ExactAffine build() {
            int[][] cs = new int[rows][];
            Rational[][] ws = new Rational[rows][];
            for (int r = 0; r < rows; r++) {
                cs[r] = columns.get(r).stream().mapToInt(Integer::intValue).toArray();
                ws[r] = weights.get(r).toArray(new Rational[0]);
            }
            return new ExactAffine(rows, cols, cs, ws, bias.clone());
        }
    }
}
