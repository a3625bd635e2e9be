package io.radnet.backend.nd4j;

import io.radnet.api.Backend;
import io.radnet.api.QrMode;
import io.radnet.api.RadialColumnArrays;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.nio.DoubleBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J implementation of the {@link Backend} op set, on column-major {@code DOUBLE}
 * tensors ({@link Nd4jTensor}). Arguments reach the kernels already checked by {@link Backend}.
 * ND4J's global defaults (data type, ordering) are never read or changed: every array is
 * created as {@code DOUBLE}, f-order, explicitly.
 *
 * <p>Where the work goes, and why (measured on a 2-core Zen 4, see
 * {@code docs/native-backends.md}):
 * <ul>
 *   <li><b>GEMM</b>: OpenBLAS {@code cblas_dgemm} on the tensors' buffers, through the bindings
 *       ND4J's own {@code CpuLevel3} uses. A 6 × 6 product takes 0.1 µs in all, where
 *       {@code Nd4j.gemm} costs 20–25 µs (op objects, shape checks); the results are f-order,
 *       which OpenBLAS writes without a transposing copy.</li>
 *   <li><b>QR</b>: LAPACK {@code dgeqrf} + {@code dorgqr}, see {@link Nd4jQr}.</li>
 *   <li><b>Entrywise arithmetic</b> ({@code add}, {@code subtract}, {@code hadamard},
 *       {@code scale}, {@code addScalar}, {@code axpy}) on tensors of at least
 *       {@value #DEFAULT_NATIVE_ENTRYWISE_ENTRIES} entries: ND4J's native, multi-threaded ops,
 *       up to twice as fast as a Java loop from there (about 170 against 370 µs at 10⁶
 *       entries). Smaller tensors use Java loops over the native buffer (0.3 ns an entry): an
 *       ND4J op costs 5–20 µs to dispatch and hand to its threads, which eats the gain below
 *       a few 10⁵ entries.</li>
 *   <li><b>Everything else</b> (copies, blocks, broadcasts, reductions, {@code map} and
 *       {@code zip} with Java functions, the batched products of hypernetworks): Java loops
 *       over the native buffer, in column order. These ops are memory-bound and ND4J's
 *       equivalents cost a dispatch each (and for norms do not guard against overflow).</li>
 * </ul>
 * The Java-loop kernels allocate nothing; QR allocates native τ and workspace only.
 *
 * <p>Norms are computed without overflow or underflow: a sum of squares outside
 * [2⁻⁶⁰⁰, ∞) is recomputed after scaling by the largest magnitude.
 *
 * <p>Thread-safe as far as {@link Backend} is: the backend has no mutable state; tensors are
 * not thread-safe.
 */
public final class Nd4jBackend extends Backend {
    /** Tensors with at least this many entries get ND4J's native entrywise arithmetic. */
    public static final int DEFAULT_NATIVE_ENTRYWISE_ENTRIES = 1 << 18;
    /** Below this, a sum of squares may have lost precision to underflow. */
    private static final double SUM_OF_SQUARES_FLOOR = 0x1p-600;
    /** Entries per block of the column kernels that copy to heap arrays (32 KiB, the L1 cache). */
    private static final int COLUMN_BLOCK_ENTRIES = 4096;
    /** Per-thread scratch arrays of the column kernels, grown on demand. */
    private static final ThreadLocal<double[][]> COLUMN_SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);
    private static final int COLUMN_MAJOR = openblas_nolapack.CblasColMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    private final int nativeEntrywiseEntries;

    /**
     * @param nativeEntrywiseEntries the smallest tensor size (entries, ≥ 1) for which entrywise
     *     arithmetic runs as ND4J ops rather than Java loops
     */
    Nd4jBackend(int nativeEntrywiseEntries) {
        if (nativeEntrywiseEntries < 1) {
            throw new IllegalArgumentException("nativeEntrywiseEntries must be ≥ 1, not " + nativeEntrywiseEntries);
        }
        this.nativeEntrywiseEntries = nativeEntrywiseEntries;
    }

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
    }

    /**
     * @return the threads OpenBLAS uses for products and QR (ND4J's own native ops use its
     *     OpenMP pool, {@code Nd4j.getEnvironment().maxThreads()}, the same number by default:
     *     the available cores, or {@code OMP_NUM_THREADS} / {@code OPENBLAS_NUM_THREADS})
     */
    @Override
    public int threads() {
        return Math.max(1, openblas_nolapack.blas_get_num_threads());
    }

    private static Nd4jTensor t(Tensor t) {
        return (Nd4jTensor) t;
    }

    private static DoubleBuffer b(Tensor t) {
        return ((Nd4jTensor) t).buffer();
    }

    private static INDArray nd(Tensor t) {
        return ((Nd4jTensor) t).array();
    }

    private boolean nativeEntrywise(Tensor t) {
        return t.size() >= nativeEntrywiseEntries;
    }

    // ---- creation and layout

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new Nd4jTensor(this, rows, cols);
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        Nd4jTensor t = new Nd4jTensor(this, rows, cols);
        DoubleBuffer d = t.buffer();
        for (int j = 0; j < cols; j++) {
            int column = j * rows;
            for (int i = 0; i < rows; i++) {
                d.put(column + i, data[i * cols + j]);
            }
        }
        return t;
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        b(dst).put(0, b(src), 0, src.size());
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        DoubleBuffer d = b(dst);
        for (int p = 0, n = dst.size(); p < n; p++) {
            d.put(p, value);
        }
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        int m = a.rows();
        int n = a.cols();
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o.put(j + i * n, x.get(column + i));
            }
        }
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        DoubleBuffer s = b(src);
        DoubleBuffer d = b(dst);
        int sm = src.rows();
        int dm = dst.rows();
        for (int j = 0; j < cols; j++) {
            d.put((dstCol + j) * dm + dstRow, s, (srcCol + j) * sm + srcRow, rows);
        }
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        DoubleBuffer s = b(src);
        DoubleBuffer d = b(dst);
        int sm = src.rows();
        int dm = dst.rows();
        for (int j = 0, n = src.cols(); j < n; j++) {
            for (int k = 0; k < dm; k++) {
                d.put(j * dm + k, s.get(j * sm + indices[k]));
            }
        }
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        DoubleBuffer s = b(src);
        DoubleBuffer d = b(dst);
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
            d.put(di + dj * dm, s.get(si + sj * sm));
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
        openblas_nolapack.cblas_dgemm(COLUMN_MAJOR,
                transA == Transpose.TRANSPOSED ? TRANS : NO_TRANS,
                transB == Transpose.TRANSPOSED ? TRANS : NO_TRANS,
                c.rows(), c.cols(), transA.colsOf(a),
                alpha, t(a).pointer(), a.rows(), t(b).pointer(), b.rows(),
                beta, t(c).pointer(), c.rows());
    }

    @Override
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        // Row s of `matrices` holds M_s row-major; entry t of that row is at s + t · batch.
        DoubleBuffer w = b(matrices);
        DoubleBuffer xs = b(x);
        DoubleBuffer ys = b(out);
        int batch = out.rows();
        int p = out.cols();
        int q = x.cols();
        fillKernel(out, 0.0);
        for (int i = 0; i < p; i++) {
            int yColumn = i * batch;
            for (int j = 0; j < q; j++) {
                int wColumn = (trans == Transpose.NONE ? i * q + j : j * p + i) * batch;
                int xColumn = j * batch;
                for (int s = 0; s < batch; s++) {
                    ys.put(yColumn + s, ys.get(yColumn + s) + w.get(wColumn + s) * xs.get(xColumn + s));
                }
            }
        }
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer as = b(a);
        DoubleBuffer bs = b(b);
        DoubleBuffer os = b(out);
        int batch = a.rows();
        int p = a.cols();
        int q = b.cols();
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                int oColumn = (i * q + j) * batch;
                for (int s = 0; s < batch; s++) {
                    os.put(oColumn + s, as.get(i * batch + s) * bs.get(j * batch + s));
                }
            }
        }
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        Nd4jQr.decompose(t(a), mode, t(q), t(r));
    }

    @Override
    protected void qrRightProductKernel(Tensor a, Tensor c, Tensor r, Tensor cq) {
        Nd4jQr.rightProduct(t(a), t(c), t(r), t(cq));
    }

    // ---- entrywise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        if (nativeEntrywise(out)) {
            nd(a).add(nd(b), nd(out));
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) + y.get(p));
        }
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        if (nativeEntrywise(out)) {
            nd(a).sub(nd(b), nd(out));
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) - y.get(p));
        }
    }

    @Override
    protected void hadamardKernel(Tensor a, Tensor b, Tensor out) {
        if (nativeEntrywise(out)) {
            nd(a).mul(nd(b), nd(out));
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) * y.get(p));
        }
    }

    @Override
    protected void scaleKernel(double alpha, Tensor a, Tensor out) {
        if (nativeEntrywise(out)) {
            nd(a).mul(alpha, nd(out));
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, alpha * x.get(p));
        }
    }

    @Override
    protected void addScalarKernel(Tensor a, double s, Tensor out) {
        if (nativeEntrywise(out)) {
            nd(a).add(s, nd(out));
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) + s);
        }
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
        if (nativeEntrywise(y)) {
            // ND4J's pairwise Axpy: z ← α·x + y, entry by entry (unlike BLAS daxpy, α = 0 still
            // propagates NaN and ∞ from x).
            Nd4j.exec(new Axpy(nd(x), nd(y), nd(y), alpha));
            return;
        }
        DoubleBuffer xs = b(x);
        DoubleBuffer ys = b(y);
        for (int p = 0, n = y.size(); p < n; p++) {
            ys.put(p, ys.get(p) + alpha * xs.get(p));
        }
    }

    @Override
    protected void mapKernel(Tensor a, DoubleUnaryOperator f, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, f.applyAsDouble(x.get(p)));
        }
    }

    @Override
    protected void zipKernel(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, f.applyAsDouble(x.get(p), y.get(p)));
        }
    }

    // ---- broadcasts and reductions (vectors are contiguous whether 1×n or n×1)

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer vs = b(v);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double vj = vs.get(j);
            for (int p = j * m, end = p + m; p < end; p++) {
                o.put(p, x.get(p) + vj);
            }
        }
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        // blocks of whole columns through a heap array: bulk copies and a vectorised Java loop
        int m = a.rows();
        if (a.size() == 0) {
            return;
        }
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        double[] vs = scratch(0, m);
        b(v).get(0, vs, 0, m);
        int block = columnBlock(m, a.cols());
        double[] xb = scratch(1, block * m);
        for (int k0 = 0, n = a.cols(); k0 < n; k0 += block) {
            int w = Math.min(block, n - k0);
            x.get(k0 * m, xb, 0, w * m);
            for (int k = 0; k < w; k++) {
                int column = k * m;
                for (int i = 0; i < m; i++) {
                    xb[column + i] += vs[i];
                }
            }
            o.put(k0 * m, xb, 0, w * m);
        }
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer ss = b(s);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o.put(column + i, ss.get(i) * x.get(column + i));
            }
        }
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer ss = b(s);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double sj = ss.get(j);
            for (int p = j * m, end = p + m; p < end; p++) {
                o.put(p, sj * x.get(p));
            }
        }
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        // Accumulated column by column, so each row's sum runs over j in ascending order; blocks
        // of whole columns go through a heap array as in addColumnVectorKernel.
        DoubleBuffer x = b(a);
        int m = a.rows();
        double[] sums = scratch(0, m);
        java.util.Arrays.fill(sums, 0, m, 0.0);
        int block = columnBlock(m, a.cols());
        double[] xb = scratch(1, block * m);
        for (int k0 = 0, n = a.cols(); k0 < n; k0 += block) {
            int w = Math.min(block, n - k0);
            x.get(k0 * m, xb, 0, w * m);
            for (int k = 0; k < w; k++) {
                int column = k * m;
                for (int i = 0; i < m; i++) {
                    sums[i] += xb[column + i];
                }
            }
        }
        b(out).put(0, sums, 0, m);
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x.get(p);
            }
            o.put(j, acc);
        }
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        int m = a.rows();
        int n = a.cols();
        for (int i = 0; i < m; i++) {
            o.put(i, 0.0);
        }
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                double v = x.get(column + i);
                o.put(i, o.get(i) + v * v);
            }
        }
        for (int i = 0; i < m; i++) {
            double acc = o.get(i);
            o.put(i, needsRescaling(acc) ? scaledNorm(x, i, m, n) : Math.sqrt(acc));
        }
    }

    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                double v = x.get(p);
                acc += v * v;
            }
            o.put(j, needsRescaling(acc) ? scaledNorm(x, j * m, 1, m) : Math.sqrt(acc));
        }
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int i = 0; i < m; i++) {
            o.put(i, 0.0);
        }
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o.put(i, o.get(i) + x.get(column + i) * y.get(column + i));
            }
        }
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int j = 0, n = a.cols(); j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x.get(p) * y.get(p);
            }
            o.put(j, acc);
        }
    }

    /**
     * Radial rescaling through {@link RadialColumnArrays} on blocks of whole columns (contiguous
     * in f-order) copied to a heap array with one bulk get and back with one bulk put: Java
     * loops over {@code double[]} instead of per-entry buffer accesses.
     */
    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        DoubleBuffer x = b(z);
        DoubleBuffer o = b(out);
        DoubleBuffer st = b(state);
        int m = z.rows();
        int block = columnBlock(m, z.cols());
        double[] zb = scratch(0, block * m);
        double[] sb = scratch(2, 3 * block);
        for (int k0 = 0, n = z.cols(); k0 < n; k0 += block) {
            int w = Math.min(block, n - k0);
            x.get(k0 * m, zb, 0, w * m);
            RadialColumnArrays.forward(zb, 0, m, w, profile, shift, zb, 0, sb, 0);
            o.put(k0 * m, zb, 0, w * m);
            st.put(3 * k0, sb, 0, 3 * w);
        }
    }

    /** Back-propagation through the radial rescaling, in blocks like {@link #radialColumnsKernel}. */
    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        DoubleBuffer x = b(z);
        DoubleBuffer st = b(state);
        DoubleBuffer y = b(g);
        DoubleBuffer o = b(dz);
        int m = z.rows();
        int block = columnBlock(m, z.cols());
        double[] zb = scratch(0, block * m);
        double[] gb = scratch(1, block * m);
        double[] sb = scratch(2, 3 * block);
        double shiftGradient = 0.0;
        for (int k0 = 0, n = z.cols(); k0 < n; k0 += block) {
            int w = Math.min(block, n - k0);
            x.get(k0 * m, zb, 0, w * m);
            y.get(k0 * m, gb, 0, w * m);
            st.get(3 * k0, sb, 0, 3 * w);
            shiftGradient += RadialColumnArrays.backward(zb, 0, m, w, sb, 0, gb, 0, gb, 0);
            o.put(k0 * m, gb, 0, w * m);
        }
        return shiftGradient;
    }

    /**
     * @param slot which of the calling thread's three scratch arrays
     * @param length the entries needed
     * @return that array, grown to at least length entries (kernels allocate nothing per call)
     */
    private static double[] scratch(int slot, int length) {
        double[][] arrays = COLUMN_SCRATCH.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new double[length];
        }
        return arrays[slot];
    }

    /** @return the columns per block of the column kernels: about 32 KiB of entries, at least one column */
    private static int columnBlock(int rows, int cols) {
        return Math.max(1, Math.min(cols, COLUMN_BLOCK_ENTRIES / rows));
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        int m = a.rows();
        for (int i = 0; i < m; i++) {
            o.put(i, Double.NEGATIVE_INFINITY);
        }
        for (int j = 0, n = a.cols(); j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                o.put(i, Math.max(o.get(i), x.get(column + i)));
            }
        }
    }

    @Override
    protected double sumKernel(Tensor a) {
        DoubleBuffer x = b(a);
        double acc = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            acc += x.get(p);
        }
        return acc;
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        double acc = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            acc += x.get(p) * y.get(p);
        }
        return acc;
    }

    @Override
    protected double normKernel(Tensor a) {
        DoubleBuffer x = b(a);
        double acc = 0.0;
        int n = a.size();
        for (int p = 0; p < n; p++) {
            double v = x.get(p);
            acc += v * v;
        }
        return needsRescaling(acc) ? scaledNorm(x, 0, 1, n) : Math.sqrt(acc);
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        DoubleBuffer x = b(a);
        double max = 0.0;
        for (int p = 0, n = a.size(); p < n; p++) {
            max = Math.max(max, Math.abs(x.get(p)));
        }
        return max;
    }

    @Override
    protected boolean allFiniteKernel(Tensor a) {
        DoubleBuffer x = b(a);
        for (int p = 0, n = a.size(); p < n; p++) {
            if (!Double.isFinite(x.get(p))) {
                return false;
            }
        }
        return true;
    }

    /** True if a plain sum of squares may have overflowed or lost precision to underflow. */
    private static boolean needsRescaling(double sumOfSquares) {
        return sumOfSquares < SUM_OF_SQUARES_FLOOR || sumOfSquares == Double.POSITIVE_INFINITY;
    }

    /**
     * ‖(x[start], x[start + stride], …)‖₂ over count entries, as max · ‖x / max‖₂, which neither
     * overflows nor underflows for finite entries; infinite entries give +∞, NaN gives NaN.
     */
    private static double scaledNorm(DoubleBuffer x, int start, int stride, int count) {
        double max = 0.0;
        for (int k = 0, p = start; k < count; k++, p += stride) {
            max = Math.max(max, Math.abs(x.get(p)));
        }
        if (max == 0.0 || Double.isInfinite(max) || Double.isNaN(max)) {
            return max;
        }
        double acc = 0.0;
        for (int k = 0, p = start; k < count; k++, p += stride) {
            double v = x.get(p) / max;
            acc += v * v;
        }
        return max * Math.sqrt(acc);
    }
}
