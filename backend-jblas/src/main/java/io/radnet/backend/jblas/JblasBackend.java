package io.radnet.backend.jblas;

import io.radnet.api.Backend;
import io.radnet.api.ElementwiseArrays;
import io.radnet.api.NormArrays;
import io.radnet.api.QrMode;
import io.radnet.api.RadialColumnArrays;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jblas.DoubleMatrix;
import org.jblas.NativeBlas;

/**
 * The JBLAS implementation of the {@link Backend} op set, on column-major tensors backed by
 * jblas {@link DoubleMatrix} ({@link JblasTensor}). Arguments reach the kernels already checked
 * by {@link Backend}.
 *
 * <p>Products run on {@code dgemm} of jblas's bundled OpenBLAS ({@link NativeBlas}), QR on its
 * LAPACK ({@link JblasQr}). Everything else is a Java loop over the column-major arrays, as
 * jblas's own entrywise operations are: they are memory-bound, and a JNI call per operation
 * would cost more than it saves. No kernel but QR allocates.
 *
 * <p>Speed note: the OpenBLAS inside jblas 1.2.5 predates AMD Zen 4 and falls back to 2007-era
 * kernels there (half the GEMM speed). {@code OPENBLAS_CORETYPE=Haswell} (or {@code SkylakeX})
 * in the environment selects the fast kernels; radnet's launchers set it when it is unset and
 * the CPU supports it (see the README, "Native backends").
 *
 * <p>Norms are computed without overflow or underflow: a sum of squares outside
 * [2⁻⁶⁰⁰, ∞) is recomputed after scaling by the largest magnitude.
 */
public final class JblasBackend extends Backend {

    /** Created by {@link JblasBackendProvider#create()}. */
    JblasBackend() {
    }

    @Override
    public String name() {
        return JblasBackendProvider.NAME;
    }

    /**
     * @return 1: the OpenBLAS inside jblas 1.2.5 is built without threading (its native library
     *     imports no {@code pthread_create}), so products and QR run on the caller's thread
     *     whatever {@code OPENBLAS_NUM_THREADS} says
     */
    @Override
    public int threads() {
        return 1;
    }

    private static double[] d(Tensor t) {
        return ((JblasTensor) t).data();
    }

    // ---- creation and layout

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new JblasTensor(this, new DoubleMatrix(rows, cols));
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        DoubleMatrix matrix = new DoubleMatrix(rows, cols);
        double[] d = matrix.data;
        for (int j = 0; j < cols; j++) {
            int column = j * rows;
            for (int i = 0; i < rows; i++) {
                d[column + i] = data[i * cols + j];
            }
        }
        return new JblasTensor(this, matrix);
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        System.arraycopy(d(src), 0, d(dst), 0, src.size());
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        Arrays.fill(d(dst), 0, dst.size(), value);
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        int n = a.cols();
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[j + i * n] = x[column + i];
            }
        }
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        double[] s = d(src);
        double[] t = d(dst);
        int sm = src.rows();
        int dm = dst.rows();
        for (int j = 0; j < cols; j++) {
            System.arraycopy(s, (srcCol + j) * sm + srcRow, t, (dstCol + j) * dm + dstRow, rows);
        }
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        double[] s = d(src);
        double[] t = d(dst);
        int sm = src.rows();
        int dm = dst.rows();
        for (int j = 0, n = src.cols(); j < n; j++) {
            for (int k = 0; k < dm; k++) {
                t[j * dm + k] = s[j * sm + indices[k]];
            }
        }
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        double[] s = d(src);
        double[] t = d(dst);
        int sm = src.rows();
        int sn = src.cols();
        int dm = dst.rows();
        int dn = dst.cols();
        // Walk both tensors in row-major order, tracking each one's (row, column).
        int si = 0;
        int sj = 0;
        int di = 0;
        int dj = 0;
        for (int p = 0, size = src.size(); p < size; p++) {
            t[di + dj * dm] = s[si + sj * sm];
            if (++sj == sn) {
                sj = 0;
                si++;
            }
            if (++dj == dn) {
                dj = 0;
                di++;
            }
        }
    }

    // ---- products and decompositions

    @Override
    protected void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                              double beta, Tensor c) {
        // Column-major C (m × n) ← α op(A) op(B) + β C; with β = 0 OpenBLAS ignores C's entries.
        NativeBlas.dgemm(transA == Transpose.TRANSPOSED ? 'T' : 'N', transB == Transpose.TRANSPOSED ? 'T' : 'N',
                c.rows(), c.cols(), transA.colsOf(a),
                alpha, d(a), 0, a.rows(), d(b), 0, b.rows(),
                beta, d(c), 0, c.rows());
    }

    @Override
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        // Row s of `matrices` holds M_s row-major; entry t of that row is at s + t · batch.
        double[] w = d(matrices);
        double[] xs = d(x);
        double[] ys = d(out);
        int batch = out.rows();
        int p = out.cols();
        int q = x.cols();
        Arrays.fill(ys, 0, out.size(), 0.0);
        for (int i = 0; i < p; i++) {
            int yColumn = i * batch;
            for (int j = 0; j < q; j++) {
                int wColumn = (trans == Transpose.NONE ? i * q + j : j * p + i) * batch;
                int xColumn = j * batch;
                for (int s = 0; s < batch; s++) {
                    ys[yColumn + s] += w[wColumn + s] * xs[xColumn + s];
                }
            }
        }
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        double[] as = d(a);
        double[] bs = d(b);
        double[] os = d(out);
        int batch = a.rows();
        int p = a.cols();
        int q = b.cols();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                int oColumn = (i * q + j) * batch;
                for (int s = 0; s < batch; s++) {
                    os[oColumn + s] = as[i * batch + s] * bs[j * batch + s];
                }
            }
        }
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        JblasQr.decompose((JblasTensor) a, mode, (JblasTensor) q, (JblasTensor) r);
    }

    // ---- entrywise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        ElementwiseArrays.add(d(a), d(b), d(out), out.size());
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        ElementwiseArrays.subtract(d(a), d(b), d(out), out.size());
    }

    @Override
    protected void hadamardKernel(Tensor a, Tensor b, Tensor out) {
        ElementwiseArrays.hadamard(d(a), d(b), d(out), out.size());
    }

    @Override
    protected void scaleKernel(double alpha, Tensor a, Tensor out) {
        ElementwiseArrays.scale(alpha, d(a), d(out), out.size());
    }

    @Override
    protected void addScalarKernel(Tensor a, double s, Tensor out) {
        ElementwiseArrays.addScalar(d(a), s, d(out), out.size());
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        ElementwiseArrays.axpy(alpha, d(x), d(y), y.size());
    }

    @Override
    protected void mapKernel(Tensor a, DoubleUnaryOperator f, Tensor out) {
        ElementwiseArrays.map(d(a), f, d(out), out.size());
    }

    @Override
    protected void zipKernel(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out) {
        ElementwiseArrays.zip(d(a), d(b), f, d(out), out.size());
    }

    // ---- broadcasts and reductions (vectors are contiguous whether 1×n or n×1)

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        double[] x = d(a);
        double[] vs = d(v);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double vj = vs[j];
            for (int p = j * m, end = p + m; p < end; p++) {
                o[p] = x[p] + vj;
            }
        }
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        double[] x = d(a);
        double[] vs = d(v);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[column + i] = x[column + i] + vs[i];
            }
        }
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        double[] x = d(a);
        double[] ss = d(s);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[column + i] = ss[i] * x[column + i];
            }
        }
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        double[] x = d(a);
        double[] ss = d(s);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double sj = ss[j];
            for (int p = j * m, end = p + m; p < end; p++) {
                o[p] = sj * x[p];
            }
        }
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        // Accumulated in out, column by column: each row's sum runs over j in ascending order.
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        Arrays.fill(o, 0, m, 0.0);
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[i] += x[column + i];
            }
        }
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x[p];
            }
            o[j] = acc;
        }
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        int n = a.cols();
        Arrays.fill(o, 0, m, 0.0);
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                double v = x[column + i];
                o[i] += v * v;
            }
        }
        for (int i = 0; i < m; i++) {
            o[i] = NormArrays.needsRescaling(o[i]) ? NormArrays.scaledNorm(x, i, m, n) : Math.sqrt(o[i]);
        }
    }

    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x[p] * x[p];
            }
            o[j] = NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, j * m, 1, m) : Math.sqrt(acc);
        }
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        double[] x = d(a);
        double[] y = d(b);
        double[] o = d(out);
        int m = a.rows();
        Arrays.fill(o, 0, m, 0.0);
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[i] += x[column + i] * y[column + i];
            }
        }
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        double[] x = d(a);
        double[] y = d(b);
        double[] o = d(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x[p] * y[p];
            }
            o[j] = acc;
        }
    }

    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        RadialColumnArrays.forward(d(z), 0, z.rows(), z.cols(), profile, shift, d(out), 0, d(state), 0);
    }

    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        return RadialColumnArrays.backward(d(z), 0, z.rows(), z.cols(), d(state), 0, d(g), 0, d(dz), 0);
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int m = a.rows();
        Arrays.fill(o, 0, m, Double.NEGATIVE_INFINITY);
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o[i] = Math.max(o[i], x[column + i]);
            }
        }
    }

    @Override
    protected double sumKernel(Tensor a) {
        double[] x = d(a);
        double acc = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            acc += x[p];
        }
        return acc;
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        double[] x = d(a);
        double[] y = d(b);
        double acc = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            acc += x[p] * y[p];
        }
        return acc;
    }

    @Override
    protected double normKernel(Tensor a) {
        double[] x = d(a);
        double acc = 0.0;
        int n = a.size();
        for (int p = 0; p < n; p++) {
            acc += x[p] * x[p];
        }
        return NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, 0, 1, n) : Math.sqrt(acc);
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        double[] x = d(a);
        double max = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            max = Math.max(max, Math.abs(x[p]));
        }
        return max;
    }

    @Override
    protected boolean allFiniteKernel(Tensor a) {
        double[] x = d(a);
        for (int p = 0, n = a.size(); p < n; p++) {
            if (!Double.isFinite(x[p])) {
                return false;
            }
        }
        return true;
    }


}
