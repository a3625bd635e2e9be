package io.radnet.core.approx;

import java.util.Objects;

/**
 * An affine map L: ℝⁿ → ℝᵐ, L(x) = A·x + b with A an m × n matrix: the affine part of an
 * asymptotically affine target (radial paper, §4.1: |f − L| &lt; ε outside a compact set).
 */
public final class AffineMap {
    private final double[][] matrix;
    private final double[] offset;

    /**
     * @param matrix A, m rows of n finite entries, copied
     * @param offset b, m finite entries, copied
     * @throws IllegalArgumentException if the shapes do not fit or an entry is not finite
     */
    public AffineMap(double[][] matrix, double[] offset) {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(offset, "offset");
        if (matrix.length == 0 || matrix.length != offset.length) {
            throw new IllegalArgumentException("an affine map needs m ≥ 1 rows of A and m entries of b, got "
                    + matrix.length + " rows and " + offset.length + " entries");
        }
        int n = matrix[0].length;
        if (n == 0) {
            throw new IllegalArgumentException("an affine map needs n ≥ 1 columns");
        }
        this.matrix = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("row " + i + " of A has " + matrix[i].length + " entries, row 0 has " + n);
            }
            for (double v : matrix[i]) {
                requireFinite(v, "A");
            }
            requireFinite(offset[i], "b");
            this.matrix[i] = matrix[i].clone();
        }
        this.offset = offset.clone();
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("the affine map's " + what + " must be finite, got " + v);
        }
    }

    /**
     * @param n input dimension, ≥ 1
     * @param m output dimension, ≥ 1
     * @return the zero map ℝⁿ → ℝᵐ (the affine part of a compactly supported target)
     */
    public static AffineMap zero(int n, int m) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("the zero map needs n, m ≥ 1, got n = " + n + ", m = " + m);
        }
        return new AffineMap(new double[m][n], new double[m]);
    }

    /** @return n */
    public int inputDimension() {
        return matrix[0].length;
    }

    /** @return m */
    public int outputDimension() {
        return matrix.length;
    }

    /**
     * @param i row, 0 ≤ i &lt; m
     * @param j column, 0 ≤ j &lt; n
     * @return A_ij
     */
    public double matrixEntry(int i, int j) {
        return matrix[i][j];
    }

    /**
     * @param i row, 0 ≤ i &lt; m
     * @return b_i = L(0)_i
     */
    public double offset(int i) {
        return offset[i];
    }

    /**
     * @param x a point of ℝⁿ, not modified
     * @return L(x) = A·x + b
     */
    public double[] apply(double[] x) {
        if (x.length != inputDimension()) {
            throw new IllegalArgumentException("the affine map takes " + inputDimension() + " coordinates, got " + x.length);
        }
        double[] y = offset.clone();
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < x.length; j++) {
                y[i] += matrix[i][j] * x[j];
            }
        }
        return y;
    }
}
