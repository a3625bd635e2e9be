package io.radnet.api.tck;

/**
 * Plain-loop reference implementations on arrays, written for obviousness rather than speed.
 * The contract suite compares every backend op with these.
 */
public final class Reference {
    private Reference() {
    }

    /**
     * @param a a matrix
     * @param transposed whether to transpose
     * @return a copy of a or of aᵀ
     */
    public static double[][] op(double[][] a, boolean transposed, int rows, int cols) {
        if (!transposed) {
            return copy(a, rows, cols);
        }
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * @return a deep copy with explicit dimensions (so 0×n arrays keep their column count)
     */
    public static double[][] copy(double[][] a, int rows, int cols) {
        double[][] c = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a[i], 0, c[i], 0, cols);
        }
        return c;
    }

    /**
     * @return α·a·b + β·c, a m×k, b k×n, c m×n
     */
    public static double[][] gemm(double alpha, double[][] a, double[][] b, double beta, double[][] c,
                                  int m, int k, int n) {
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0.0;
                for (int p = 0; p < k; p++) {
                    acc += a[i][p] * b[p][j];
                }
                out[i][j] = alpha * acc + (beta == 0.0 ? 0.0 : beta * c[i][j]);
            }
        }
        return out;
    }

    /**
     * @return the Frobenius norm, by the textbook formula in long double-free arithmetic
     */
    public static double frobenius(double[][] a) {
        double max = 0.0;
        for (double[] row : a) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double acc = 0.0;
        for (double[] row : a) {
            for (double v : row) {
                acc += (v / max) * (v / max);
            }
        }
        return max * Math.sqrt(acc);
    }

    /**
     * @return ‖x‖₂ of a sequence, overflow- and underflow-safe
     */
    public static double norm(double[] x) {
        return frobenius(new double[][] {x});
    }

    /**
     * @return the column j of a as an array
     */
    public static double[] column(double[][] a, int j) {
        double[] c = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i][j];
        }
        return c;
    }

    /**
     * @return ‖x − y‖_F for matrices of the same shape
     */
    public static double distance(double[][] x, double[][] y) {
        double[][] d = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            d[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                d[i][j] = x[i][j] - y[i][j];
            }
        }
        return frobenius(d);
    }
}
