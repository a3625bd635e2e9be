package io.radnet.backend.jblas;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.Backend;
import io.radnet.api.ConvolutionAlgorithm;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.PatchOrder;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.WinogradTransforms;
import io.radnet.api.kernels.ColumnMajorBatchNorm;
import io.radnet.api.kernels.ColumnMajorKernels;
import io.radnet.api.kernels.ConvolutionKernels;
import io.radnet.api.kernels.ElementwiseArrays;
import io.radnet.api.kernels.RadialColumnArrays;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.List;
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
 * ({@link ColumnMajorKernels}, {@link RadialColumnArrays}), on heap buffers over the arrays;
 * entrywise arithmetic is {@link ElementwiseArrays}. No kernel allocates but QR and the products
 * split over several threads (an array per column block but the first, {@link JblasSplitGemm}).
 *
 * <p>The OpenBLAS inside jblas 1.2.5 predates AMD Zen 4 and selects generic kernels there
 * unless {@code OPENBLAS_CORETYPE=Haswell} (or {@code SkylakeX}) is set; radnet's launchers
 * set it when it is unset and the CPU supports it (see the README, "Native backends").
 *
 * <p>Norms are computed without overflow or underflow ({@code NormArrays}).
 */
public final class JblasBackend extends Backend {
    /** The threads large products may use; see {@link #threads()}. */
    private volatile int threads = Runtime.getRuntime().availableProcessors();

    /** Created by {@link JblasBackendProvider#create()}. */
    JblasBackend() {
    }

    @Override
    public String name() {
        return JblasBackendProvider.NAME;
    }

    /**
     * @return the threads large products may use (see {@link #setThreads}); one per available
     *     processor unless set. The OpenBLAS inside jblas 1.2.5 is built without threading (its
     *     native library imports no {@code pthread_create}), so a single {@code dgemm} and the QR
     *     routines run on the caller's thread whatever {@code OPENBLAS_NUM_THREADS} says; products
     *     of at least 2²⁴ multiply-adds run as one {@code dgemm} per block of columns on up to
     *     this many threads, with the same bits as one call ({@link JblasSplitGemm})
     */
    @Override
    public int threads() {
        return threads;
    }

    /**
     * Sets how many threads large products may use (e.g. 1 to keep the backend on the caller's
     * thread). Results do not depend on it.
     *
     * @param count the thread count, ≥ 1
     * @throws IllegalArgumentException if count is below 1
     */
    public void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("jblas: the thread count must be at least 1, got " + count);
        }
        threads = count;
    }

    private static double[] d(Tensor t) {
        return ((JblasTensor) t).data();
    }

    private static DoubleBuffer b(Tensor t) {
        return ((JblasTensor) t).buffer();
    }

    /** Winograd F(2×2, 3×3)'s transforms on this backend's column-major storage. */
    private static final WinogradTransforms.OnTensors WINOGRAD = new WinogradTransforms.OnTensors(JblasBackend::b);

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
        JblasSplitGemm.dgemm(threads, transA == Transpose.TRANSPOSED ? 'T' : 'N',
                transB == Transpose.TRANSPOSED ? 'T' : 'N', c.rows(), c.cols(), transA.colsOf(a),
                alpha, d(a), a.rows(), d(b), b.rows(), beta, d(c), 0, c.rows());
    }

    @Override
    protected void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r) {
        JblasQr.decompose((JblasTensor) a, mode, (JblasTensor) q, (JblasTensor) r);
    }

    @Override
    protected void qrCompressionStepKernel(Tensor a, Tensor c, Tensor r, Tensor next, int column) {
        JblasQr.compressionStep((JblasTensor) a, (JblasTensor) c, (JblasTensor) r, (JblasTensor) next, column,
                threads);
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

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        return ColumnMajorKernels.dot(b(a), b(b), a.size());
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        return ColumnMajorKernels.maxAbs(b(a), a.size());
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
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        ColumnMajorKernels.batchedMatVec(b(matrices), trans == Transpose.TRANSPOSED, b(x), b(out), out.rows(),
                out.cols(), x.cols());
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.rowwiseOuter(b(a), b(b), b(out), a.rows(), a.cols(), b.cols());
    }

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        ColumnMajorKernels.addRowVector(b(a), b(v), b(out), a.rows(), a.cols());
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        ColumnMajorKernels.addColumnVector(b(a), b(v), b(out), a.rows(), a.cols());
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        ColumnMajorKernels.scaleRows(b(a), b(s), b(out), a.rows(), a.cols());
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        ColumnMajorKernels.scaleColumns(b(a), b(s), b(out), a.rows(), a.cols());
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowSums(b(a), b(out), a.rows(), a.cols());
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.columnSums(b(a), b(out), a.rows(), a.cols());
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowNorms(b(a), b(out), a.rows(), a.cols());
    }

    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.columnNorms(b(a), b(out), a.rows(), a.cols());
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.rowDots(b(a), b(b), b(out), a.rows(), a.cols());
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.columnDots(b(a), b(b), b(out), a.rows(), a.cols());
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowMaxima(b(a), b(out), a.rows(), a.cols());
    }

    @Override
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        RadialColumnArrays.forward(b(z), z.rows(), z.cols(), profile, shift, b(out), b(state));
    }

    @Override
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        return RadialColumnArrays.backward(b(z), z.rows(), z.cols(), b(state), b(g), b(dz));
    }

    @Override
    protected double sumKernel(Tensor a) {
        return ColumnMajorKernels.sum(b(a), a.size());
    }

    @Override
    protected double normKernel(Tensor a) {
        return ColumnMajorKernels.norm(b(a), a.size());
    }

    @Override
    protected boolean allFiniteKernel(Tensor a) {
        return ColumnMajorKernels.allFinite(b(a), a.size());
    }

    // ---- convolution and pooling, on the shared strided loops

    /**
     * @return {@link PatchOrder#CHANNEL_MINOR}: on this column-major storage each window row of
     *     a column of the column matrix is one contiguous run of the plane layout
     */
    @Override
    public PatchOrder preferredPatchOrder() {
        return PatchOrder.CHANNEL_MINOR;
    }

    /**
     * @return 2¹⁷ (1 MiB of doubles, about a core's L2 cache): OpenBLAS's products on a column
     *     matrix of that size, and the im2col and col2im around them, ran 25–35 % faster per
     *     sample than on the default's 2²¹ entries (one thread, the intrinsic CNN's convolutions,
     *     {@code docs/cnn.md})
     */
    @Override
    public int convolutionGroupEntries() {
        return 1 << 17;
    }

    /**
     * @return {@link ConvolutionAlgorithm#WINOGRAD_F2X3} for 3 × 3 windows at stride 1 with more
     *     than one input channel (4 multiplications per output entry and input channel instead
     *     of 9, the 16 products on OpenBLAS's gemm; {@code docs/cnn.md}), otherwise
     *     {@link ConvolutionAlgorithm#IM2COL}
     */
    @Override
    public ConvolutionAlgorithm convolutionAlgorithm(ConvolutionGeometry geometry, int outputChannels) {
        return ConvolutionAlgorithm.WINOGRAD_F2X3.supports(geometry) && geometry.channels() > 1
                ? ConvolutionAlgorithm.WINOGRAD_F2X3 : ConvolutionAlgorithm.IM2COL;
    }

    @Override
    protected void winogradTransformInputKernel(Tensor planes, ConvolutionGeometry geometry, int firstSample,
                                                List<Tensor> tiles) {
        WINOGRAD.input(planes, geometry, firstSample, tiles);
    }

    @Override
    protected void winogradTransformInputTransposedKernel(List<Tensor> tiles, ConvolutionGeometry geometry,
                                                          int firstSample, Tensor planes) {
        WINOGRAD.inputTransposed(tiles, geometry, firstSample, planes);
    }

    @Override
    protected void winogradTransformOutputKernel(List<Tensor> products, ConvolutionGeometry geometry, int firstSample,
                                                 Tensor output) {
        WINOGRAD.output(products, geometry, firstSample, output);
    }

    @Override
    protected void winogradTransformOutputTransposedKernel(Tensor dOutput, ConvolutionGeometry geometry, int firstSample,
                                                           List<Tensor> products) {
        WINOGRAD.outputTransposed(dOutput, geometry, firstSample, products);
    }

    @Override
    protected void im2colKernel(Tensor planes, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor columns) {
        ConvolutionKernels.im2col(b(planes), planes.cols(), geometry, order, firstSample, b(columns), columns.cols(), true);
    }

    @Override
    protected void col2imKernel(Tensor columns, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor planes) {
        ConvolutionKernels.col2im(b(columns), columns.cols(), geometry, order, firstSample, b(planes), planes.cols(), true);
    }

    @Override
    protected void transposeBlocksKernel(Tensor src, int blockWidth, Tensor dst) {
        ConvolutionKernels.transposeBlocks(b(src), src.rows(), src.cols() / blockWidth, blockWidth, b(dst), true);
    }

    @Override
    protected void maxPoolKernel(Tensor planes, ConvolutionGeometry geometry, Tensor pooled, int[] argmax) {
        ConvolutionKernels.maxPool(b(planes), planes.cols(), geometry, b(pooled), argmax, true);
    }

    @Override
    protected void maxPoolBackwardKernel(Tensor dPooled, int[] argmax, Tensor dPlanes) {
        ConvolutionKernels.maxPoolBackward(b(dPooled), dPooled.rows(), dPooled.cols(), argmax, b(dPlanes), dPlanes.cols(),
                true);
    }

    // ---- batch normalisation: rows of a column-major tensor are interleaved, columns feature-major

    @Override
    protected void batchNormStatisticsKernel(Tensor x, boolean perRow, Tensor mean, Tensor centeredSquares) {
        ColumnMajorBatchNorm.statistics(JblasBackend::b, x, perRow, mean, centeredSquares);
    }

    @Override
    protected void batchNormForwardKernel(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                          Tensor bias, boolean relu, Tensor out) {
        ColumnMajorBatchNorm.forward(JblasBackend::b, x, perRow, mean, inverseDeviation, weight, bias, relu, out);
    }

    @Override
    protected void batchNormBackwardKernel(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                           Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                           Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        ColumnMajorBatchNorm.backward(JblasBackend::b, dOut, x, perRow, mean, inverseDeviation, weight, bias, relu, batchStatistics,
                biasGradient, weightGradient, dx);
    }

}
