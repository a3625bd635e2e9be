package io.radnet.api.kernels;

import io.radnet.api.Backend;
import io.radnet.api.ConvolutionAlgorithm;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.PatchOrder;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.WinogradTransforms;
import java.nio.DoubleBuffer;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Backend} whose tensors are dense and column-major in one {@link DoubleBuffer} each
 * (entry (i, j) of an m × n tensor at index i + j·m, from index 0; ND4J's direct buffers, JBLAS's
 * heap buffers over its arrays): the capabilities whose column-major kernels are the same whatever
 * the storage — broadcasts and reductions ({@link ColumnMajorKernels}), the batched products of
 * hypernetworks, convolution, pooling and batch normalisation ({@link ConvolutionKernels},
 * {@link ColumnMajorBatchNorm}) and Winograd's transforms ({@link WinogradTransforms}) — run here
 * once, on the storage {@link #storage} exposes. A subclass implements the rest of the mandatory
 * core (creation, copies, products, QR, entrywise arithmetic) on its own library and overrides
 * any of these where it has something faster. Every kernel has the contract of the
 * {@link Backend} kernel it overrides; results are bitwise those of the same loops in the
 * subclass.
 */
public abstract class ColumnMajorBackend extends Backend {
    /** {@link #storage} as a function, for the kernels that take one. */
    private final Function<Tensor, DoubleBuffer> storageOfTensor = this::storage;

    /** For subclasses. */
    protected ColumnMajorBackend() {
    }

    /**
     * @param t a tensor of this backend
     * @return t's column-major entries, the whole buffer from index 0 (its position and limit are
     *     neither read nor changed by the kernels)
     */
    protected abstract DoubleBuffer storage(Tensor t);

    /** @return each tensor's {@link #storage}, in order */
    private DoubleBuffer[] storages(List<Tensor> tensors) {
        DoubleBuffer[] buffers = new DoubleBuffer[tensors.size()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = storage(tensors.get(i));
        }
        return buffers;
    }

    // ---- batched products, broadcasts and reductions (vectors are contiguous whether 1×n or n×1)

    @Override
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        ColumnMajorKernels.batchedMatVec(storage(matrices), trans == Transpose.TRANSPOSED, storage(x), storage(out),
                out.rows(), out.cols(), x.cols());
    }

    @Override
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.rowwiseOuter(storage(a), storage(b), storage(out), a.rows(), a.cols(), b.cols());
    }

    @Override
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        ColumnMajorKernels.addRowVector(storage(a), storage(v), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        ColumnMajorKernels.addColumnVector(storage(a), storage(v), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        ColumnMajorKernels.scaleRows(storage(a), storage(s), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        ColumnMajorKernels.scaleColumns(storage(a), storage(s), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void rowSumsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowSums(storage(a), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void columnSumsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.columnSums(storage(a), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void rowNormsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowNorms(storage(a), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void columnNormsKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.columnNorms(storage(a), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.rowDots(storage(a), storage(b), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        ColumnMajorKernels.columnDots(storage(a), storage(b), storage(out), a.rows(), a.cols());
    }

    @Override
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        ColumnMajorKernels.rowMaxima(storage(a), storage(out), a.rows(), a.cols());
    }

    @Override
    protected double sumKernel(Tensor a) {
        return ColumnMajorKernels.sum(storage(a), a.size());
    }

    @Override
    protected double dotKernel(Tensor a, Tensor b) {
        return ColumnMajorKernels.dot(storage(a), storage(b), a.size());
    }

    @Override
    protected double normKernel(Tensor a) {
        return ColumnMajorKernels.norm(storage(a), a.size());
    }

    @Override
    protected double maxAbsKernel(Tensor a) {
        return ColumnMajorKernels.maxAbs(storage(a), a.size());
    }

    @Override
    protected boolean allFiniteKernel(Tensor a) {
        return ColumnMajorKernels.allFinite(storage(a), a.size());
    }

    // ---- convolution, pooling and batch normalisation, on the shared strided loops

    /**
     * @return {@link PatchOrder#CHANNEL_MINOR}: on this column-major storage each window row of
     *     a column of the column matrix is one contiguous run of the plane layout
     */
    @Override
    public PatchOrder preferredPatchOrder() {
        return PatchOrder.CHANNEL_MINOR;
    }

    /**
     * @return 2¹⁷ (1 MiB of doubles, about a core's L2 cache): OpenBLAS's products (ND4J's and
     *     JBLAS's) on a column matrix of that size, and the im2col and col2im around them, ran
     *     25–35 % faster per sample than on the default's 2²¹ entries (one thread, the intrinsic
     *     CNN's convolutions, {@code docs/cnn.md})
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

    /** {@link WinogradTransforms#transformInput} on the storage. */
    @Override
    protected void winogradTransformInputKernel(Tensor planes, ConvolutionGeometry geometry, int firstSample,
                                                List<Tensor> tiles) {
        WinogradTransforms.transformInput(storage(planes), geometry, firstSample, storages(tiles), tiles.get(0).cols());
    }

    /** {@link WinogradTransforms#transformInputTransposed} on the storage. */
    @Override
    protected void winogradTransformInputTransposedKernel(List<Tensor> tiles, ConvolutionGeometry geometry,
                                                          int firstSample, Tensor planes) {
        WinogradTransforms.transformInputTransposed(storages(tiles), tiles.get(0).cols(), geometry, firstSample,
                storage(planes));
    }

    /** {@link WinogradTransforms#transformOutput} on the storage. */
    @Override
    protected void winogradTransformOutputKernel(List<Tensor> products, ConvolutionGeometry geometry, int firstSample,
                                                 Tensor output) {
        WinogradTransforms.transformOutput(storages(products), products.get(0).cols(), geometry, output.rows(),
                firstSample, storage(output));
    }

    /** {@link WinogradTransforms#transformOutputTransposed} on the storage. */
    @Override
    protected void winogradTransformOutputTransposedKernel(Tensor dOutput, ConvolutionGeometry geometry, int firstSample,
                                                           List<Tensor> products) {
        WinogradTransforms.transformOutputTransposed(storage(dOutput), geometry, dOutput.rows(), firstSample,
                storages(products), products.get(0).cols());
    }

    @Override
    protected void im2colKernel(Tensor planes, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor columns) {
        ConvolutionKernels.im2col(storage(planes), planes.cols(), geometry, order, firstSample, storage(columns),
                columns.cols(), true);
    }

    @Override
    protected void col2imKernel(Tensor columns, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor planes) {
        ConvolutionKernels.col2im(storage(columns), columns.cols(), geometry, order, firstSample, storage(planes),
                planes.cols(), true);
    }

    @Override
    protected void transposeBlocksKernel(Tensor src, int blockWidth, Tensor dst) {
        ConvolutionKernels.transposeBlocks(storage(src), src.rows(), src.cols() / blockWidth, blockWidth, storage(dst),
                true);
    }

    @Override
    protected void maxPoolKernel(Tensor planes, ConvolutionGeometry geometry, Tensor pooled, int[] argmax) {
        ConvolutionKernels.maxPool(storage(planes), planes.cols(), geometry, storage(pooled), argmax, true);
    }

    @Override
    protected void maxPoolBackwardKernel(Tensor dPooled, int[] argmax, Tensor dPlanes) {
        ConvolutionKernels.maxPoolBackward(storage(dPooled), dPooled.rows(), dPooled.cols(), argmax, storage(dPlanes),
                dPlanes.cols(), true);
    }

    @Override
    protected void batchNormStatisticsKernel(Tensor x, boolean perRow, Tensor mean, Tensor centeredSquares) {
        ColumnMajorBatchNorm.statistics(storageOfTensor, x, perRow, mean, centeredSquares);
    }

    @Override
    protected void batchNormForwardKernel(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                          Tensor bias, boolean relu, Tensor out) {
        ColumnMajorBatchNorm.forward(storageOfTensor, x, perRow, mean, inverseDeviation, weight, bias, relu, out);
    }

    @Override
    protected void batchNormBackwardKernel(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                           Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                           Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        ColumnMajorBatchNorm.backward(storageOfTensor, dOut, x, perRow, mean, inverseDeviation, weight, bias, relu,
                batchStatistics, biasGradient, weightGradient, dx);
    }
}
