package io.radnet.backend.jblas;

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
 * would cost more than it saves. The column-major loops are the ones ND4J runs too
 * ({@link ColumnMajorBackend}, {@link ColumnMajorKernels}, {@link RadialColumnArrays}), on heap
 * buffers over the arrays;
 * entrywise arithmetic is {@link ElementwiseArrays}. No kernel allocates but QR.
 *
 * <p><b>One thread in jblas's native code at a time.</b> The OpenBLAS inside jblas 1.2.5 is built
 * without threading and predates OpenBLAS 0.3.7's {@code USE_LOCKING}, so it is not safe to call
 * from two threads at once: concurrent calls share its work buffers and can return wrong numbers
 * (OpenBLAS issues 1755, 2126 and 2164; here, 1 wrong product in 4,000 {@code dgemm} calls made
 * two at a time, and an intermittent failure of a product split over three threads). Every call
 * into it holds {@link #NATIVE_LOCK}, so threads that share the backend (Spark's local tasks, a
 * background check) get the bits of one thread, and its products and QR run on the calling thread.
 *
 * <p>The OpenBLAS inside jblas 1.2.5 predates AMD Zen 4 and selects generic kernels there
 * unless {@code OPENBLAS_CORETYPE=Haswell} (or {@code SkylakeX}) is set; radnet's launchers
 * set it when it is unset and the CPU supports it (see the README, "Native backends").
 *
 * <p>Norms are computed without overflow or underflow ({@code NormArrays}).
 */
public final class JblasBackend extends ColumnMajorBackend {
    /**
     * Held around every call into jblas's native library (see the class documentation): its
     * OpenBLAS is not safe for concurrent callers.
     */
    static final Object NATIVE_LOCK = new Object();

    /** Created by {@link JblasBackendProvider#create()}. */
    JblasBackend() {
    }

    @Override
    public String name() {
        return JblasBackendProvider.NAME;
    }

    /**
     * @return 1: jblas's OpenBLAS runs a {@code dgemm} and the QR routines on the caller's thread
     *     whatever {@code OPENBLAS_NUM_THREADS} says (its native library imports no
     *     {@code pthread_create}), and no two threads may be inside it at once
     */
    @Override
    public int threads() {
        return 1;
    }

    private static double[] d(Tensor t) {
        return ((JblasTensor) t).data();
    }

    private static DoubleBuffer b(Tensor t) {
        return ((JblasTensor) t).buffer();
    }

    @Override
    protected DoubleBuffer storage(Tensor t) {
        return b(t);
    }

    // ---- the mandatory core

    @Override
    protected Tensor newTensor(int rows, int cols) {
        return new JblasTensor(this, new DoubleMatrix(rows, cols));
    }

    @Override
    protected Tensor fromRowMajorKernel(int rows, int cols, double[] data) {
        return fromRowMajorCopyKernel(rows, cols, data);
    }

    /** Copies straight into the column-major storage: the caller's array is only read. */
    @Override
    protected Tensor fromRowMajorCopyKernel(int rows, int cols, double[] data) {
        JblasTensor t = new JblasTensor(this, new DoubleMatrix(rows, cols));
        ColumnMajorKernels.fromRowMajor(data, rows, cols, t.buffer());
        return t;
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
    protected void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                   Tensor dst, int dstRow, int dstCol) {
        ColumnMajorKernels.copyBlock(b(src), src.rows(), srcRow, srcCol, rows, cols, b(dst), dst.rows(), dstRow,
                dstCol);
    }

    @Override
    protected void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                              double beta, Tensor c) {
        // Column-major C (m × n) ← α op(A) op(B) + β C; with β = 0 OpenBLAS ignores C's entries.
        synchronized (NATIVE_LOCK) {
            NativeBlas.dgemm(transA == Transpose.TRANSPOSED ? 'T' : 'N', transB == Transpose.TRANSPOSED ? 'T' : 'N',
                    c.rows(), c.cols(), transA.colsOf(a), alpha, d(a), 0, a.rows(), d(b), 0, b.rows(), beta, d(c), 0,
                    c.rows());
        }
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        synchronized (NATIVE_LOCK) {
            JblasQr.decompose((JblasTensor) a, mode, (JblasTensor) q, (JblasTensor) r);
        }
    }

    @Override
    protected void qrCompressionStepKernel(Tensor a, Tensor c, Tensor r, Tensor next, int column) {
        synchronized (NATIVE_LOCK) {
            JblasQr.compressionStep((JblasTensor) a, (JblasTensor) c, (JblasTensor) r, (JblasTensor) next, column);
        }
    }

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

    // ---- capabilities, on the shared column-major loops

    @Override
    protected void transposeKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.transpose(b(a), a.rows(), a.cols(), b(out));
    }

    @Override
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        ColumnMajorKernels.gatherRows(b(src), src.rows(), src.cols(), indices, b(dst));
    }

    @Override
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        ColumnMajorKernels.copyReshaped(b(src), src.rows(), src.cols(), b(dst), dst.rows(), dst.cols());
    }

    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        RadialColumnArrays.forward(b(z), z.rows(), z.cols(), profile, shift, b(out), b(state));
    }

    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        return RadialColumnArrays.backward(b(z), z.rows(), z.cols(), b(state), b(g), b(dz));
    }
}
