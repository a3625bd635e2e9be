package io.radnet.backend.nd4j;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.Backend;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.kernels.ColumnMajorBackend;
import io.radnet.api.kernels.ColumnMajorKernels;
import io.radnet.api.kernels.ElementwiseArrays;
import io.radnet.api.kernels.RadialColumnArrays;
import java.nio.DoubleBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The ND4J implementation of the {@link Backend} op set, on column-major {@code DOUBLE}
 * tensors ({@link Nd4jTensor}). Arguments reach the kernels already checked by {@link Backend}.
 * ND4J's global defaults (data type, ordering) are never read or changed: every array is
 * created as {@code DOUBLE}, f-order, explicitly.
 *
 * <p>Where the work goes, and why (the measurements are in {@code docs/native-backends.md}):
 * <ul>
 *   <li><b>GEMM</b>: OpenBLAS {@code cblas_dgemm} on the tensors' buffers, through the bindings
 *       ND4J's own {@code CpuLevel3} uses, without {@code Nd4j.gemm}'s per-call op objects and
 *       shape checks; the results are f-order, which OpenBLAS writes without a transposing
 *       copy.</li>
 *   <li><b>QR</b>: LAPACK {@code dgeqrf} + {@code dorgqr}, see {@link Nd4jQr}.</li>
 *   <li><b>Entrywise arithmetic</b> ({@code add}, {@code subtract}, {@code hadamard},
 *       {@code scale}, {@code addScalar}, {@code axpy}, the fused Adam step): Java loops over the
 *       native buffer on the caller's thread. ND4J's native ops would hand them to its OpenMP
 *       threads, which in a training loop compete with the OpenBLAS threads still spinning
 *       after the last product: an {@code axpy} of 785 × 784 entries after the products of an
 *       epoch took 5.9–16 ms as an ND4J op against 0.2–0.3 ms as a Java loop (a quiet machine
 *       saves at most 0.1–0.2 ms per op the other way).</li>
 *   <li><b>Everything else</b> (copies, blocks, broadcasts, reductions, {@code map} and
 *       {@code zip} with Java functions, the batched products of hypernetworks, the radial
 *       rescaling, convolution, pooling, batch normalisation): Java loops over the native buffer,
 *       in column order, shared with JBLAS ({@link ColumnMajorBackend}, {@link ColumnMajorKernels},
 *       {@link RadialColumnArrays}). These ops are memory-bound and
 *       ND4J's equivalents cost a dispatch each (and for norms do not guard against
 *       overflow).</li>
 * </ul>
 * The Java-loop kernels allocate nothing; QR allocates native τ and workspace only.
 *
 * <p>Thread-safe as far as {@link Backend} is: the backend has no mutable state; tensors are
 * not thread-safe.
 */
public final class Nd4jBackend extends ColumnMajorBackend {
    private static final int COLUMN_MAJOR = openblas_nolapack.CblasColMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    /** Created by {@link Nd4jBackendProvider#create()}. */
    Nd4jBackend() {
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

    @Override
    protected DoubleBuffer storage(Tensor t) {
        return b(t);
    }

    // ---- creation and layout

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new Nd4jTensor(this, rows, cols);
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        return fromRowMajorCopyKernel(rows, cols, data);
    }

    /** Copies straight into the column-major storage: the caller's array is only read. */
    @Override
    protected Tensor fromRowMajorCopyKernel(int rows, int cols, double[] data) {
        Nd4jTensor t = new Nd4jTensor(this, rows, cols);
        ColumnMajorKernels.fromRowMajor(data, rows, cols, t.buffer());
        return t;
    }

    @Override
    protected void copyKernel(Tensor src, Tensor dst) {
        b(dst).put(0, b(src), 0, src.size());
    }

    @Override
    protected void fillKernel(Tensor dst, double value) {
        ColumnMajorKernels.fill(b(dst), dst.size(), value);
    }

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.transpose(b(a), a.rows(), a.cols(), b(out));
    }

    @Override
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        ColumnMajorKernels.copyBlock(b(src), src.rows(), srcRow, srcCol, rows, cols, b(dst), dst.rows(), dstRow,
                dstCol);
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        ColumnMajorKernels.gatherRows(b(src), src.rows(), src.cols(), indices, b(dst));
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        ColumnMajorKernels.copyReshaped(b(src), src.rows(), src.cols(), b(dst), dst.rows(), dst.cols());
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
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        Nd4jQr.decompose(t(a), mode, t(q), t(r));
    }

    @Override
    protected void qrRightProductKernel(Tensor a, Tensor c, Tensor r, Tensor cq) {
        Nd4jQr.rightProduct(t(a), t(c), t(r), t(cq));
    }

    @Override
    protected void qrCompressionStepKernel(Tensor a, Tensor c, Tensor r, Tensor next, int column) {
        Nd4jQr.compressionStep(t(a), t(c), t(r), t(next), column);
    }

    // ---- entrywise

    @Override
    protected void addKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) + y.get(p));
        }
    }

    @Override
    protected void subtractKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) - y.get(p));
        }
    }

    @Override
    protected void hadamardKernel(Tensor a, Tensor b, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer y = b(b);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) * y.get(p));
        }
    }

    @Override
    protected void scaleKernel(double alpha, Tensor a, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, alpha * x.get(p));
        }
    }

    @Override
    protected void addScalarKernel(Tensor a, double s, Tensor out) {
        DoubleBuffer x = b(a);
        DoubleBuffer o = b(out);
        for (int p = 0, n = out.size(); p < n; p++) {
            o.put(p, x.get(p) + s);
        }
    }

    @Override
    protected void axpyKernel(double alpha, Tensor x, Tensor y) {
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

    /** The Adam step fused into one pass over the four tensors (see {@link ElementwiseArrays#adamUpdate}). */
    @Override
    protected void adamUpdateKernel(Tensor parameters, Tensor gradient, Tensor firstMoment, Tensor secondMoment,
                                    AdamCoefficients coefficients) {
        ElementwiseArrays.adamUpdate(b(parameters), b(gradient), b(firstMoment), b(secondMoment), parameters.size(),
                coefficients);
    }

    // ---- the radial rescaling, on the shared column-major loops

    /** Radial rescaling on blocks of whole columns copied to heap arrays (see {@link RadialColumnArrays}). */
    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        RadialColumnArrays.forward(b(z), z.rows(), z.cols(), profile, shift, b(out), b(state));
    }

    /** Back-propagation through the radial rescaling, in blocks like {@link #radialColumnsKernel}. */
    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        return RadialColumnArrays.backward(b(z), z.rows(), z.cols(), b(state), b(g), b(dz));
    }
}
