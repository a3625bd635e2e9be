package io.radnet.backend.nd4j;

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
import java.util.List;
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
 *       rescaling): Java loops over the native buffer, in column order, shared with JBLAS
 *       ({@link ColumnMajorKernels}, {@link RadialColumnArrays}). These ops are memory-bound and
 *       ND4J's equivalents cost a dispatch each (and for norms do not guard against
 *       overflow).</li>
 * </ul>
 * The Java-loop kernels allocate nothing; QR allocates native τ and workspace only.
 *
 * <p>Thread-safe as far as {@link Backend} is: the backend has no mutable state; tensors are
 * not thread-safe.
 */
public final class Nd4jBackend extends Backend {
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

    /** Winograd F(2×2, 3×3)'s transforms on this backend's column-major storage. */
    private static final WinogradTransforms.OnTensors WINOGRAD = new WinogradTransforms.OnTensors(Nd4jBackend::b);


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
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        ColumnMajorKernels.batchedMatVec(b(matrices), trans == Transpose.TRANSPOSED, b(x), b(out), out.rows(),
                out.cols(), x.cols());
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.rowwiseOuter(b(a), b(b), b(out), a.rows(), a.cols(), b.cols());
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

    // ---- broadcasts and reductions (vectors are contiguous whether 1×n or n×1)

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

    @Override
    protected double sumKernel(Tensor a) {
        return ColumnMajorKernels.sum(b(a), a.size());
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        return ColumnMajorKernels.dot(b(a), b(b), a.size());
    }

    @Override
    protected double normKernel(Tensor a) {
        return ColumnMajorKernels.norm(b(a), a.size());
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        return ColumnMajorKernels.maxAbs(b(a), a.size());
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
        ColumnMajorBatchNorm.statistics(Nd4jBackend::b, x, perRow, mean, centeredSquares);
    }

    @Override
    protected void batchNormForwardKernel(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                          Tensor bias, boolean relu, Tensor out) {
        ColumnMajorBatchNorm.forward(Nd4jBackend::b, x, perRow, mean, inverseDeviation, weight, bias, relu, out);
    }

    @Override
    protected void batchNormBackwardKernel(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                           Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                           Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        ColumnMajorBatchNorm.backward(Nd4jBackend::b, dOut, x, perRow, mean, inverseDeviation, weight, bias, relu, batchStatistics,
                biasGradient, weightGradient, dx);
    }

}
