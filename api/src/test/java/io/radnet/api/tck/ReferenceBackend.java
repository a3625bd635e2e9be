package io.radnet.api.tck;

import io.radnet.api.Backend;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference backend: the mandatory core of {@link Backend} and nothing else, in plain loops
 * over row-major Java arrays, written to be obviously correct rather than fast. Every other
 * operation runs on the defaults of {@link io.radnet.api.DefaultKernels}, so this backend
 * passing the whole contract suite proves those defaults.
 */
public final class ReferenceBackend extends Backend {

    /** Created by {@link ReferenceBackendProvider#create()}. */
    ReferenceBackend() {
    }

    @Override
    public String name() {
        return ReferenceBackendProvider.NAME;
    }

    /** @return 1: every kernel runs on the caller's thread */
    @Override
    public int threads() {
        return 1;
    }

    private static double[] e(Tensor t) {
        return ((ReferenceTensor) t).entries();
    }

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new ReferenceTensor(this, rows, cols, new double[rows * cols]);
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        return new ReferenceTensor(this, rows, cols, data);
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        double[] s = e(src);
        double[] d = e(dst);
        for (int p = 0; p < s.length; p++) {
            d[p] = s[p];
        }
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        Arrays.fill(e(dst), value);
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                e(dst)[(dstRow + i) * dst.cols() + dstCol + j] = e(src)[(srcRow + i) * src.cols() + srcCol + j];
            }
        }
    }

    /** C[i][j] ← α·Σ_k op(A)[i][k]·op(B)[k][j] + β·C[i][j], the sum over k in ascending order. */
    @Override
    protected void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                              double beta, Tensor c) {
        int inner = transA.colsOf(a);
        double[] out = e(c);
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < c.cols(); j++) {
                double acc = 0.0;
                for (int k = 0; k < inner; k++) {
                    acc += entry(a, transA, i, k) * entry(b, transB, k, j);
                }
                int p = i * c.cols() + j;
                out[p] = beta == 0.0 ? alpha * acc : alpha * acc + beta * out[p];
            }
        }
    }

    /** @return op(t)[i][j] */
    private static double entry(Tensor t, Transpose trans, int i, int j) {
        return trans == Transpose.NONE ? e(t)[i * t.cols() + j] : e(t)[j * t.cols() + i];
    }

    /**
     * Householder QR: for each column j &lt; min(m − 1, n), the reflector H_j = I − 2·v·vᵀ/(vᵀv)
     * that maps R[j:, j] to (α, 0, …, 0) with α = −sign(R[j][j])·‖R[j:, j]‖ is applied to R
     * from the left and accumulated into Q = H_0·H_1·⋯ from the right. Entries below the
     * diagonal of R are then set to exactly 0.
     */
    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        int m = a.rows();
        int n = a.cols();
        double[][] upper = new double[m][n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(e(a), i * n, upper[i], 0, n);
        }
        double[][] orthogonal = new double[m][m];
        for (int i = 0; i < m; i++) {
            orthogonal[i][i] = 1.0;
        }
        for (int j = 0; j < Math.min(m - 1, n); j++) {
            double norm = 0.0;
            for (int i = j; i < m; i++) {
                norm = Math.hypot(norm, upper[i][j]);
            }
            if (norm == 0.0) {
                continue;
            }
            double alpha = upper[j][j] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = j; i < m; i++) {
                v[i] = upper[i][j];
            }
            v[j] -= alpha;
            double vv = 0.0;
            for (int i = j; i < m; i++) {
                vv += v[i] * v[i];
            }
            for (int col = j; col < n; col++) {
                double dot = 0.0;
                for (int i = j; i < m; i++) {
                    dot += v[i] * upper[i][col];
                }
                double factor = 2.0 * dot / vv;
                for (int i = j; i < m; i++) {
                    upper[i][col] -= factor * v[i];
                }
            }
            for (int row = 0; row < m; row++) {
                double dot = 0.0;
                for (int i = j; i < m; i++) {
                    dot += orthogonal[row][i] * v[i];
                }
                double factor = 2.0 * dot / vv;
                for (int i = j; i < m; i++) {
                    orthogonal[row][i] -= factor * v[i];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                upper[i][j] = 0.0;
            }
        }
        for (int i = 0; i < q.rows(); i++) {
            for (int j = 0; j < q.cols(); j++) {
                e(q)[i * q.cols() + j] = orthogonal[i][j];
            }
        }
        for (int i = 0; i < r.rows(); i++) {
            System.arraycopy(upper[i], 0, e(r), i * n, n);
        }
    }

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        zipKernel(a, b, (x, y) -> x + y, out);
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        zipKernel(a, b, (x, y) -> x - y, out);
    }

    @Override
    protected void hadamardKernel(Tensor a, Tensor b, Tensor out) {
        zipKernel(a, b, (x, y) -> x * y, out);
    }

    @Override
    protected void scaleKernel(double alpha, Tensor a, Tensor out) {
        mapKernel(a, x -> alpha * x, out);
    }

    @Override
    protected void addScalarKernel(Tensor a, double s, Tensor out) {
        mapKernel(a, x -> x + s, out);
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        zipKernel(x, y, (xv, yv) -> yv + alpha * xv, y);
    }

    @Override
    protected void mapKernel(Tensor a, DoubleUnaryOperator f, Tensor out) {
        double[] x = e(a);
        double[] o = e(out);
        for (int p = 0; p < x.length; p++) {
            o[p] = f.applyAsDouble(x[p]);
        }
    }

    @Override
    protected void zipKernel(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out) {
        double[] x = e(a);
        double[] y = e(b);
        double[] o = e(out);
        for (int p = 0; p < x.length; p++) {
            o[p] = f.applyAsDouble(x[p], y[p]);
        }
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        double acc = 0.0;
        for (int p = 0; p < a.size(); p++) {
            acc += e(a)[p] * e(b)[p];
        }
        return acc;
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        double max = 0.0;
        for (double x : e(a)) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
