package io.radnet.core.approx.exact;

import java.math.BigInteger;
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
    /** When every weight and bias is dyadic: the least k making all of them integers times 2^{−k}; else −1. */
    private final int dyadicExponent;
    /** W·2^k by rows, aligned with {@link #columns}, when dyadic. */
    private final BigInteger[][] scaledWeights;
    /** For each scaled weight ±2^t: t, else −1 (a shift replaces the product). */
    private final int[][] weightShifts;
    /** b·2^k, when dyadic. */
    private final BigInteger[] scaledBias;

    private ExactAffine(int rows, int cols, int[][] columns, Rational[][] weights, Rational[] bias) {
        this.rows = rows;
        this.cols = cols;
        this.columns = columns;
        this.weights = weights;
        this.bias = bias;
        int exponent = 0;
        scan:
        for (int r = 0; r < rows; r++) {
            int biasExponent = denominatorExponent(bias[r]);
            if (biasExponent < 0) {
                exponent = -1;
                break;
            }
            exponent = Math.max(exponent, biasExponent);
            for (Rational w : weights[r]) {
                int weightExponent = denominatorExponent(w);
                if (weightExponent < 0) {
                    exponent = -1;
                    break scan;
                }
                exponent = Math.max(exponent, weightExponent);
            }
        }
        this.dyadicExponent = exponent;
        if (exponent < 0) {
            this.scaledWeights = null;
            this.weightShifts = null;
            this.scaledBias = null;
            return;
        }
        this.scaledWeights = new BigInteger[rows][];
        this.weightShifts = new int[rows][];
        this.scaledBias = new BigInteger[rows];
        for (int r = 0; r < rows; r++) {
            scaledBias[r] = scaled(bias[r], exponent);
            scaledWeights[r] = new BigInteger[weights[r].length];
            weightShifts[r] = new int[weights[r].length];
            for (int k = 0; k < weights[r].length; k++) {
                BigInteger w = scaled(weights[r][k], exponent);
                scaledWeights[r][k] = w;
                BigInteger magnitude = w.abs();
                weightShifts[r][k] = magnitude.bitCount() == 1 ? magnitude.bitLength() - 1 : -1;
            }
        }
    }

    /** @return k if the value is m·2^{−k} in lowest terms, −1 if it is not dyadic */
    private static int denominatorExponent(Rational value) {
        return value.isDyadic() ? value.denominator().bitLength() - 1 : -1;
    }

    /** @return value·2^k, an integer since k is at least the value's denominator exponent */
    private static BigInteger scaled(Rational value, int exponent) {
        return value.numerator().shiftLeft(exponent - denominatorExponent(value));
    }

    /** @return whether every weight and bias is dyadic, so {@link #applyScaled} applies */
    boolean isDyadic() {
        return dyadicExponent >= 0;
    }

    /** @return k: the map turns values of exponent e into values of exponent e + k */
    int dyadicExponent() {
        return dyadicExponent;
    }

    /**
     * The dyadic fast path: z = N·2^{−e} held as the integers N.
     *
     * @param numerators N, cols entries
     * @param exponent e ≥ 0
     * @return the integers M with W·z + b = M·2^{−(e + k)}
     */
    BigInteger[] applyScaled(BigInteger[] numerators, int exponent) {
        BigInteger[] out = new BigInteger[rows];
        for (int r = 0; r < rows; r++) {
            BigInteger acc = scaledBias[r].signum() == 0 ? BigInteger.ZERO : scaledBias[r].shiftLeft(exponent);
            int[] cs = columns[r];
            BigInteger[] ws = scaledWeights[r];
            int[] shifts = weightShifts[r];
            for (int k = 0; k < cs.length; k++) {
                BigInteger z = numerators[cs[k]];
                if (z.signum() == 0) {
                    continue;
                }
                if (shifts[k] >= 0) {
                    BigInteger term = shifts[k] == 0 ? z : z.shiftLeft(shifts[k]);
                    acc = ws[k].signum() > 0 ? acc.add(term) : acc.subtract(term);
                } else {
                    acc = acc.add(ws[k].multiply(z));
                }
            }
            out[r] = acc;
        }
        return out;
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

    /**
     * @param row 0 ≤ row &lt; rows
     * @param col 0 ≤ col &lt; cols
     * @param value the new W_{row, col}
     * @return a copy of this map with that one weight replaced
     */
    public ExactAffine withWeight(int row, int col, Rational value) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        Objects.requireNonNull(value, "value");
        Builder builder = toBuilder();
        builder.weight(row, col, value);
        return builder.build();
    }

    /**
     * @param row 0 ≤ row &lt; rows
     * @param value the new b_row
     * @return a copy of this map with that one bias replaced
     */
    public ExactAffine withBias(int row, Rational value) {
        Objects.checkIndex(row, rows);
        Objects.requireNonNull(value, "value");
        Builder builder = toBuilder();
        builder.bias(row, value);
        return builder.build();
    }

    private Builder toBuilder() {
        Builder builder = new Builder(rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < columns[r].length; k++) {
                builder.weight(r, columns[r][k], weights[r][k]);
            }
            builder.bias(r, bias[r]);
        }
        return builder;
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
