package io.radnet.backend.ejml;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.Backend;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.PatchOrder;
import io.radnet.api.QrMode;
import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.kernels.BatchNormKernels;
import io.radnet.api.kernels.ConvolutionKernels;
import io.radnet.api.kernels.ElementwiseArrays;
import io.radnet.api.kernels.NormArrays;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_DDRM;
import org.ejml.dense.row.decomposition.qr.QRDecompositionHouseholderColumn_MT_DDRM;

/**
 * The EJML implementation of the {@link Backend} op set. Arguments reach the kernels already
 * checked by {@link Backend}; kernels work on the row-major backing arrays directly.
 *
 * <p>Products with at least {@value #PARALLEL_GEMM_FLOPS} multiply-adds and QR decompositions
 * of at least {@value #PARALLEL_QR_ENTRIES} entries use EJML's multi-threaded variants on
 * EJML's thread pool ({@link #threads()} threads); everything else runs on the caller's thread.
 * Norms are computed without overflow or underflow ({@link NormArrays}).
 */
public final class EjmlBackend extends Backend {
    /** Smallest m·n·k for which a product runs multi-threaded. */
    static final long PARALLEL_GEMM_FLOPS = 1L << 21;
    /** Shared dimension from which C = A·Bᵀ is computed by {@link LaneDots} (vectorised dot products). */
    static final int LONG_INNER_DIMENSION = 64;
    /**
     * Smallest column count of C from which C = α·op(A)·B runs through
     * {@link #multByBlockedRowUpdates} (EJML's own switch to its row-update loop is at 15).
     */
    static final int ROW_UPDATE_MIN_COLUMNS = 15;
    /** Columns of C and B processed together by {@link #multByBlockedRowUpdates}: 4 KiB per row. */
    private static final int ROW_UPDATE_BLOCK = 512;
    /**
     * Transposes with a side this short or shorter run the long side in the inner loop: EJML's
     * standard transpose runs its inner loop over the output's columns, two iterations long for
     * the 14,641 × 2 outputs of the experiment-3 networks.
     */
    private static final int SHORT_SIDE = 16;
    /** Per-thread scratch rows of {@link #multByBlockedRowUpdates}, grown on demand. */
    private static final ThreadLocal<double[][]> SCRATCH_ROWS =
            ThreadLocal.withInitial(() -> new double[8][ROW_UPDATE_BLOCK]);
    /** Per-thread copy of α·op(A) for {@link #multByBlockedRowUpdates}, grown on demand. */
    private static final ThreadLocal<double[]> SCALED_A = ThreadLocal.withInitial(() -> new double[64]);
    /** Smallest m·n for which a QR decomposition runs multi-threaded. */
    static final long PARALLEL_QR_ENTRIES = 1L << 16;

    /** One of EJML's products: C ← α·op(A)·op(B) or C ← C + α·op(A)·op(B). */
    @FunctionalInterface
    private interface Product {
        void run(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c);
    }

    /** C ← α·op(A)·op(B), indexed by 4·parallel + 2·transA + transB. */
    private static final Product[] ASSIGN = {
        CommonOps_DDRM::mult, CommonOps_DDRM::multTransB, CommonOps_DDRM::multTransA, CommonOps_DDRM::multTransAB,
        CommonOps_MT_DDRM::mult, CommonOps_MT_DDRM::multTransB, CommonOps_MT_DDRM::multTransA,
        CommonOps_MT_DDRM::multTransAB,
    };

    /** C ← C + α·op(A)·op(B), indexed like {@link #ASSIGN}. */
    private static final Product[] ACCUMULATE = {
        CommonOps_DDRM::multAdd, CommonOps_DDRM::multAddTransB, CommonOps_DDRM::multAddTransA,
        CommonOps_DDRM::multAddTransAB, CommonOps_MT_DDRM::multAdd, CommonOps_MT_DDRM::multAddTransB,
        CommonOps_MT_DDRM::multAddTransA, CommonOps_MT_DDRM::multAddTransAB,
    };

    EjmlBackend() {
    }

    @Override
    public String name() {
        return EjmlBackendProvider.NAME;
    }

    /** @return the size of EJML's thread pool, used by large products and decompositions */
    @Override
    public int threads() {
        return EjmlConcurrency.getMaxThreads();
    }

    private static DMatrixRMaj m(Tensor t) {
        return ((EjmlTensor) t).matrix();
    }

    private static double[] d(Tensor t) {
        return ((EjmlTensor) t).data();
    }

    // ---- creation and layout

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new EjmlTensor(this, new DMatrixRMaj(rows, cols));
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        return new EjmlTensor(this, DMatrixRMaj.wrap(rows, cols, data));
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        System.arraycopy(d(src), 0, d(dst), 0, src.size());
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        java.util.Arrays.fill(d(dst), 0, dst.size(), value);
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        int rows = a.rows();
        int cols = a.cols();
        if (Math.min(rows, cols) > SHORT_SIDE) {
            CommonOps_DDRM.transpose(m(a), m(out));
            return;
        }
        double[] x = d(a);
        double[] o = d(out);
        if (rows <= cols) {
            for (int i = 0; i < rows; i++) {
                int from = i * cols;
                for (int j = 0; j < cols; j++) {
                    o[j * rows + i] = x[from + j];
                }
            }
        } else {
            for (int j = 0; j < cols; j++) {
                int to = j * rows;
                for (int i = 0; i < rows; i++) {
                    o[to + i] = x[i * cols + j];
                }
            }
        }
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        double[] s = d(src);
        double[] t = d(dst);
        int sn = src.cols();
        int tn = dst.cols();
        for (int i = 0; i < rows; i++) {
            System.arraycopy(s, (srcRow + i) * sn + srcCol, t, (dstRow + i) * tn + dstCol, cols);
        }
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        double[] s = d(src);
        double[] t = d(dst);
        int n = src.cols();
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(s, indices[k] * n, t, k * n, n);
        }
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        System.arraycopy(d(src), 0, d(dst), 0, src.size());
    }

    // ---- products and decompositions

    @Override
    protected void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                              double beta, Tensor c) {
        DMatrixRMaj ma = m(a);
        DMatrixRMaj mb = m(b);
        DMatrixRMaj mc = m(c);
        boolean parallel = threads() > 1
                && (long) c.rows() * c.cols() * transA.colsOf(a) >= PARALLEL_GEMM_FLOPS;
        boolean ta = transA == Transpose.TRANSPOSED;
        boolean tb = transB == Transpose.TRANSPOSED;
        if (!ta && tb && transA.colsOf(a) >= LONG_INNER_DIMENSION) {
            LaneDots.multTransB(alpha, d(a), a.rows(), d(b), b.rows(), a.cols(), beta, d(c), parallel);
            return;
        }
        if (!parallel && !tb && c.cols() >= ROW_UPDATE_MIN_COLUMNS) {
            multByBlockedRowUpdates(alpha, a, ta, b, beta, c);
            return;
        }
        int variant = (parallel ? 4 : 0) + (ta ? 2 : 0) + (tb ? 1 : 0);
        if (beta == 0.0) {
            ASSIGN[variant].run(alpha, ma, mb, mc);
            return;
        }
        if (beta != 1.0) {
            CommonOps_DDRM.scale(beta, mc);
        }
        ACCUMULATE[variant].run(alpha, ma, mb, mc);
    }

    /**
     * C ← α·op(A)·B + β·C as row updates, C[i][j] = Σ_p (α·op(A)[i][p])·B[p][j] summed in order
     * p = 0, 1, …, k − 1, i.e. exactly the arithmetic of EJML's {@code mult_reorder} and
     * {@code multTransA_reorder} (and of their {@code multAdd} forms when β ≠ 0, after C ← β·C
     * for β ≠ 1), so the results are bitwise the same. Only the traversal differs: the columns
     * are taken in blocks of {@value #ROW_UPDATE_BLOCK}; a block of every row of B is copied
     * into its own scratch array, and each row block of C is formed in a scratch array with all
     * k updates in one pass and copied back. Every inner loop then indexes all its arrays by the
     * same j, which is the form the JIT vectorises (with row offsets into one shared array it
     * cannot rule out overlap and stays scalar), and the working set stays in the L1 cache.
     */
    private static void multByBlockedRowUpdates(double alpha, Tensor a, boolean ta, Tensor b, double beta, Tensor c) {
        double[] x = d(a);
        double[] y = d(b);
        double[] out = d(c);
        int m = c.rows();
        int n = c.cols();
        int k = b.rows();
        int aCols = a.cols();
        double[][] rowsOfB = scratchRows(k + 1);
        double[] block = rowsOfB[k];
        double[] v = scaledA(m * k);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                v[i * k + p] = alpha * (ta ? x[p * aCols + i] : x[i * aCols + p]);
            }
        }
        for (int j0 = 0; j0 < n; j0 += ROW_UPDATE_BLOCK) {
            int w = Math.min(ROW_UPDATE_BLOCK, n - j0);
            for (int p = 0; p < k; p++) {
                System.arraycopy(y, p * n + j0, rowsOfB[p], 0, w);
            }
            for (int i = 0; i < m; i++) {
                int vi = i * k;
                if (beta == 0.0) {
                    RowUpdates.product(block, v, vi, rowsOfB, k, w);
                } else {
                    System.arraycopy(out, i * n + j0, block, 0, w);
                    if (beta != 1.0) {
                        for (int j = 0; j < w; j++) {
                            block[j] = beta * block[j];
                        }
                    }
                    RowUpdates.add(block, v, vi, rowsOfB, 0, k, w);
                }
                System.arraycopy(block, 0, out, i * n + j0, w);
            }
        }
    }

    /** @return at least size entries of per-thread scratch for α·op(A) in {@link #multByBlockedRowUpdates} */
    private static double[] scaledA(int size) {
        double[] v = SCALED_A.get();
        if (v.length < size) {
            v = new double[Math.max(size, 2 * v.length)];
            SCALED_A.set(v);
        }
        return v;
    }

    /** @return at least count scratch rows of {@value #ROW_UPDATE_BLOCK} entries, owned by the calling thread */
    private static double[][] scratchRows(int count) {
        double[][] rows = SCRATCH_ROWS.get();
        if (rows.length < count) {
            rows = new double[Math.max(count, 2 * rows.length)][ROW_UPDATE_BLOCK];
            SCRATCH_ROWS.set(rows);
        }
        return rows;
    }

    /** out[o] ← α·dot, or α·dot + β·out[o] when β ≠ 0. */
    private static void store(double alpha, double dot, double beta, double[] out, int o) {
        out[o] = beta == 0.0 ? alpha * dot : alpha * dot + beta * out[o];
    }

    @Override
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        double[] w = d(matrices);
        double[] xs = d(x);
        double[] ys = d(out);
        int p = out.cols();
        int q = x.cols();
        int pq = p * q;
        for (int s = 0; s < out.rows(); s++) {
            int wBase = s * pq;
            int xBase = s * q;
            int yBase = s * p;
            if (trans == Transpose.NONE) {
                for (int i = 0; i < p; i++) {
                    double acc = 0.0;
                    int row = wBase + i * q;
                    for (int j = 0; j < q; j++) {
                        acc += w[row + j] * xs[xBase + j];
                    }
                    ys[yBase + i] = acc;
                }
            } else {
                java.util.Arrays.fill(ys, yBase, yBase + p, 0.0);
                for (int j = 0; j < q; j++) {
                    double xj = xs[xBase + j];
                    int row = wBase + j * p;
                    for (int i = 0; i < p; i++) {
                        ys[yBase + i] += w[row + i] * xj;
                    }
                }
            }
        }
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        double[] as = d(a);
        double[] bs = d(b);
        double[] os = d(out);
        int p = a.cols();
        int q = b.cols();
        for (int s = 0; s < a.rows(); s++) {
            int oBase = s * p * q;
            for (int i = 0; i < p; i++) {
                double ai = as[s * p + i];
                int row = oBase + i * q;
                for (int j = 0; j < q; j++) {
                    os[row + j] = ai * bs[s * q + j];
                }
            }
        }
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        // The column-Householder decomposition copies A into its own column-major storage, so
        // A is not modified (inputModified() == false).
        QRDecompositionHouseholderColumn_DDRM qr = threads() > 1 && (long) a.rows() * a.cols() >= PARALLEL_QR_ENTRIES
                ? new QRDecompositionHouseholderColumn_MT_DDRM()
                : new QRDecompositionHouseholderColumn_DDRM();
        // decompose(...) returns false when a column is exactly zero from the diagonal down.
        // EJML then uses γ = 0, i.e. the identity as that step's reflector, and the factors are
        // still exact (the contract suite checks them on zero and repeated columns), so the
        // flag carries no error for us.
        qr.decompose(m(a));
        boolean economy = mode == QrMode.ECONOMY;
        qr.getQ(m(q), economy);
        qr.getR(m(r), economy);
    }

    // ---- elementwise

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

    /** The Adam step fused into one pass over the four tensors (see {@link ElementwiseArrays#adamUpdate}). */
    @Override
    protected void adamUpdateKernel(Tensor parameters, Tensor gradient, Tensor firstMoment, Tensor secondMoment,
                                    AdamCoefficients coefficients) {
        ElementwiseArrays.adamUpdate(d(parameters), d(gradient), d(firstMoment), d(secondMoment), parameters.size(),
                coefficients);
    }

    // ---- broadcasts and reductions

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        double[] x = d(a);
        double[] vs = d(v);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                o[base + j] = x[base + j] + vs[j];
            }
        }
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        double[] x = d(a);
        double[] vs = d(v);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            double vi = vs[i];
            for (int j = 0; j < n; j++) {
                o[base + j] = x[base + j] + vi;
            }
        }
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        double[] x = d(a);
        double[] ss = d(s);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            double si = ss[i];
            for (int j = 0; j < n; j++) {
                o[base + j] = si * x[base + j];
            }
        }
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        double[] x = d(a);
        double[] ss = d(s);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                o[base + j] = ss[j] * x[base + j];
            }
        }
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        LaneDots.rowSums(d(a), a.rows(), a.cols(), d(out));
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        int n = a.cols();
        double[] acc = d(out);
        java.util.Arrays.fill(acc, 0, n, 0.0);
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                acc[j] += x[base + j];
            }
        }
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            double acc = 0.0;
            for (int j = 0; j < n; j++) {
                double v = x[base + j];
                acc += v * v;
            }
            o[i] = NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, base, 1, n) : Math.sqrt(acc);
        }
    }

    /**
     * Sums of squares down the columns, in blocks of {@value #ROW_UPDATE_BLOCK} columns with the
     * rows copied into per-thread scratch, so every inner loop indexes its arrays by the same j (the
     * form the JIT vectorises; here that matters for the square roots); each column still
     * sums its rows in order 0, 1, …, so the results are bitwise those of the plain loop.
     */
    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        int n = a.cols();
        double[] o = d(out);
        double[][] scratch = scratchRows(2);
        for (int j0 = 0; j0 < n; j0 += ROW_UPDATE_BLOCK) {
            int w = Math.min(ROW_UPDATE_BLOCK, n - j0);
            blockColumnNorms(x, a.rows(), n, j0, w, scratch[0], scratch[1]);
            System.arraycopy(scratch[1], 0, o, j0, w);
        }
    }

    /**
     * norms[j] ← ‖x[:, j0 + j]‖ for j &lt; w of a row-major rows × n array: the sums of squares
     * accumulate row by row (vectorised), the square roots run in a loop of their own (also
     * vectorised), and the rare sums that may have overflowed or underflowed are redone with
     * scaling afterwards, as in the plain loop.
     *
     * @param acc scratch of at least w entries
     * @param norms receives the norms
     */
    private static void blockColumnNorms(double[] x, int rows, int n, int j0, int w, double[] acc, double[] norms) {
        java.util.Arrays.fill(acc, 0, w, 0.0);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * n + j0, norms, 0, w);
            for (int j = 0; j < w; j++) {
                double v = norms[j];
                acc[j] += v * v;
            }
        }
        for (int j = 0; j < w; j++) {
            norms[j] = Math.sqrt(acc[j]);
        }
        for (int j = 0; j < w; j++) {
            if (NormArrays.needsRescaling(acc[j])) {
                norms[j] = NormArrays.scaledNorm(x, j0 + j, n, rows);
            }
        }
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        double[] x = d(a);
        double[] y = d(b);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            double acc = 0.0;
            for (int p = i * n, end = p + n; p < end; p++) {
                acc += x[p] * y[p];
            }
            o[i] = acc;
        }
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        double[] x = d(a);
        double[] y = d(b);
        int n = a.cols();
        double[] acc = d(out);
        java.util.Arrays.fill(acc, 0, n, 0.0);
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                acc[j] += x[base + j] * y[base + j];
            }
        }
    }

    /**
     * Radial rescaling in blocks of {@value #ROW_UPDATE_BLOCK} columns: the sums of squares of a
     * block accumulate row by row (vectorised, as in {@link #columnNormsKernel}), η and η′ come
     * from one {@link RadialProfile#evaluate} call per block, c = η/r in a loop of its own, and
     * each row segment is scaled in scratch arrays that every loop indexes by the same j, so the
     * JIT vectorises it and the block stays in cache. Columns with r below
     * {@link Double#MIN_NORMAL} (or NaN; taken as v = 0) are patched afterwards: c ← 0,
     * η′ ← η′(s). State rows r, c, η′.
     */
    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        double[] x = d(z);
        double[] o = d(out);
        double[] st = d(state);
        int n = z.cols();
        int rows = z.rows();
        double[][] scratch = scratchRows(5);
        double[] argument = scratch[0];
        double[] r = scratch[1];
        double[] value = scratch[2];
        double[] slope = scratch[3];
        double[] c = scratch[4];
        for (int j0 = 0; j0 < n; j0 += ROW_UPDATE_BLOCK) {
            int w = Math.min(ROW_UPDATE_BLOCK, n - j0);
            blockColumnNorms(x, rows, n, j0, w, argument, r);
            RadialBlocks.coefficients(profile, shift, r, argument, value, slope, c, w);
            System.arraycopy(r, 0, st, j0, w);
            System.arraycopy(c, 0, st, n + j0, w);
            System.arraycopy(slope, 0, st, 2 * n + j0, w);
            double[] xb = value;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * n + j0, xb, 0, w);
                for (int j = 0; j < w; j++) {
                    xb[j] = c[j] * xb[j];
                }
                System.arraycopy(xb, 0, o, i * n + j0, w);
            }
        }
    }

    /**
     * Back-propagation through the radial rescaling in blocks of {@value #ROW_UPDATE_BLOCK}
     * columns: one pass over the rows for u·g, one for dz = c·g + t·u (u recomputed as z·(1/r),
     * the same bits), and the per-column coefficients in between, all in scratch arrays indexed by
     * j alone so that every loop vectorises. Columns with r below {@link Double#MIN_NORMAL} (taken
     * as v = 0) are patched in a separate pass: 1/r ← 0, hence u·g = 0 and t = 0, and the
     * coefficient ← η′(s). The shift gradient Σ η′·(u·g) is summed in four accumulators.
     */
    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        double[] x = d(z);
        double[] st = d(state);
        double[] y = d(g);
        double[] o = d(dz);
        int n = z.cols();
        int rows = z.rows();
        double[][] scratch = scratchRows(8);
        double[] r = scratch[0];
        double[] inv = scratch[1];
        double[] ug = scratch[2];
        double[] coefficient = scratch[3];
        double[] slope = scratch[4];
        double[] xb = scratch[5];
        double[] yb = scratch[6];
        double[] t = scratch[7];
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        for (int j0 = 0; j0 < n; j0 += ROW_UPDATE_BLOCK) {
            int w = Math.min(ROW_UPDATE_BLOCK, n - j0);
            System.arraycopy(st, j0, r, 0, w);
            System.arraycopy(st, n + j0, coefficient, 0, w);
            System.arraycopy(st, 2 * n + j0, slope, 0, w);
            RadialBlocks.inverseNorms(r, inv, w);
            java.util.Arrays.fill(ug, 0, w, 0.0);
            for (int j = 0; j < w; j++) {
                if (!(r[j] >= Double.MIN_NORMAL)) {
                    coefficient[j] = slope[j];
                }
            }
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * n + j0, xb, 0, w);
                System.arraycopy(y, i * n + j0, yb, 0, w);
                for (int j = 0; j < w; j++) {
                    ug[j] += (inv[j] * xb[j]) * yb[j];
                }
            }
            for (int j = 0; j < w; j++) {
                t[j] = (slope[j] - coefficient[j]) * ug[j];
                ug[j] = slope[j] * ug[j];
            }
            int j = 0;
            for (; j + 3 < w; j += 4) {
                s0 += ug[j];
                s1 += ug[j + 1];
                s2 += ug[j + 2];
                s3 += ug[j + 3];
            }
            for (; j < w; j++) {
                s0 += ug[j];
            }
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * n + j0, xb, 0, w);
                System.arraycopy(y, i * n + j0, yb, 0, w);
                for (j = 0; j < w; j++) {
                    yb[j] = coefficient[j] * yb[j] + t[j] * (inv[j] * xb[j]);
                }
                System.arraycopy(yb, 0, o, i * n + j0, w);
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The fused pass of {@link EjmlRadialNetworkKernel} for batches of at least one of its blocks
     * and layers of at most {@value EjmlRadialNetworkKernel#MAX_LAYER_ENTRIES} weights, where it
     * is measured faster than the layer-by-layer ops ({@link EjmlRadialNetworkKernel#offeredFor}).
     */
    @Override
    protected Optional<RadialNetworkKernel> radialNetworkKernelFor(int[] widths, List<RadialProfile> profiles,
                                                                  int batch) {
        return EjmlRadialNetworkKernel.offeredFor(widths, batch)
                ? Optional.of(new EjmlRadialNetworkKernel(this, widths, profiles, batch))
                : Optional.empty();
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        double[] x = d(a);
        double[] o = d(out);
        int n = a.cols();
        for (int i = 0, rows = a.rows(); i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int p = i * n, end = p + n; p < end; p++) {
                max = Math.max(max, x[p]);
            }
            o[i] = max;
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

    // ---- convolution and pooling, on the shared strided loops

    @Override
    protected void im2colKernel(Tensor planes, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor columns) {
        ConvolutionKernels.im2col(DoubleBuffer.wrap(d(planes)), planes.cols(), geometry, order, firstSample,
                DoubleBuffer.wrap(d(columns)), columns.cols(), false);
    }

    @Override
    protected void col2imKernel(Tensor columns, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor planes) {
        ConvolutionKernels.col2im(DoubleBuffer.wrap(d(columns)), columns.cols(), geometry, order, firstSample,
                DoubleBuffer.wrap(d(planes)), planes.cols(), false);
    }

    @Override
    protected void transposeBlocksKernel(Tensor src, int blockWidth, Tensor dst) {
        ConvolutionKernels.transposeBlocks(DoubleBuffer.wrap(d(src)), src.rows(), src.cols() / blockWidth, blockWidth, DoubleBuffer.wrap(d(dst)), false);
    }

    @Override
    protected void maxPoolKernel(Tensor planes, ConvolutionGeometry geometry, Tensor pooled, int[] argmax) {
        ConvolutionKernels.maxPool(DoubleBuffer.wrap(d(planes)), planes.cols(), geometry, DoubleBuffer.wrap(d(pooled)), argmax, false);
    }

    @Override
    protected void maxPoolBackwardKernel(Tensor dPooled, int[] argmax, Tensor dPlanes) {
        ConvolutionKernels.maxPoolBackward(DoubleBuffer.wrap(d(dPooled)), dPooled.rows(), dPooled.cols(), argmax, DoubleBuffer.wrap(d(dPlanes)), dPlanes.cols(),
                false);
    }

    // ---- batch normalisation: rows of a row-major tensor are feature-major, columns interleaved;
    // per-row sums are LaneDots.rowSums, as rowSums, so a CNN computes what the unfused layers did

    @Override
    protected void batchNormStatisticsKernel(Tensor x, boolean perRow, Tensor mean, Tensor centeredSquares) {
        BatchNormKernels.statistics(w(x), perRow ? x.rows() : x.cols(), perRow ? x.cols() : x.rows(), perRow, w(mean),
                w(centeredSquares), LaneDots::rowSums);
    }

    @Override
    protected void batchNormForwardKernel(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                          Tensor bias, boolean relu, Tensor out) {
        BatchNormKernels.forward(w(x), perRow ? x.rows() : x.cols(), perRow ? x.cols() : x.rows(), perRow, w(mean),
                w(inverseDeviation), w(weight), w(bias), relu, w(out));
    }

    @Override
    protected void batchNormBackwardKernel(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                           Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                           Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        BatchNormKernels.backward(w(dOut), w(x), perRow ? x.rows() : x.cols(), perRow ? x.cols() : x.rows(), perRow,
                w(mean), w(inverseDeviation), w(weight), w(bias), relu, batchStatistics, w(biasGradient),
                w(weightGradient), dx == null ? null : w(dx), LaneDots::rowSums);
    }

    private static DoubleBuffer w(Tensor t) {
        return DoubleBuffer.wrap(d(t));
    }

}
