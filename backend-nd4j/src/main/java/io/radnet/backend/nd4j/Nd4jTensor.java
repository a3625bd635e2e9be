package io.radnet.backend.nd4j;

import io.radnet.api.Tensor;
import io.radnet.api.kernels.ColumnMajorKernels;
import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Tensor} of the ND4J backend, backed by a rows × cols ND4J array of
 * {@link DataType#DOUBLE} in column-major ('f') order with its own off-heap buffer (never a
 * view): entry (i, j) is at buffer index i + j · rows. Column-major storage is what BLAS and
 * LAPACK work on without copies, and ND4J's GEMM into an f-order result is several times
 * faster than into a c-order one.
 *
 * <p>The tensor keeps a {@link DoubleBuffer} view and a {@link DoublePointer} of that buffer,
 * so kernels reach the memory without creating objects per operation.
 */
public final class Nd4jTensor extends Tensor {
    private final INDArray array;
    private final DoubleBuffer buffer;
    private final DoublePointer pointer;

    /**
     * @param backend the owning backend
     * @param rows rows, ≥ 0
     * @param cols columns, ≥ 0
     */
    Nd4jTensor(Nd4jBackend backend, int rows, int cols) {
        super(backend, rows, cols);
        this.array = Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'f');
        if (rows > 0 && cols > 0) {
            this.buffer = array.data().asNioDouble();
            this.pointer = (DoublePointer) array.data().addressPointer();
        } else {
            // An empty ND4J array has no memory; kernels never see empty tensors.
            this.buffer = DoubleBuffer.allocate(0);
            this.pointer = null;
        }
    }

    /**
     * Zero-copy access for code that already speaks ND4J. The array is shared: writes through
     * it are writes to this tensor. It is a rows × cols, f-order, {@code DOUBLE} array; it must
     * not be reshaped, permuted in place, or have its buffer replaced, and it dies with the
     * tensor: {@link #close()} frees its buffer.
     *
     * @return the backing ND4J array
     * @throws IllegalStateException if the tensor was closed
     */
    public INDArray array() {
        if (isClosed()) {
            throw new IllegalStateException("array: the " + shape() + " tensor was closed");
        }
        return array;
    }

    /** Frees the native buffer at once (ND4J would otherwise wait for the garbage collector). */
    @Override
    protected void release() {
        if (size() > 0) {
            array.close();
        }
    }

    /** @return the column-major entries (index i + j · rows); empty for an empty tensor */
    DoubleBuffer buffer() {
        return buffer;
    }

    /** @return the native address of the column-major entries; null for an empty tensor */
    DoublePointer pointer() {
        return pointer;
    }

    @Override
    protected double getUnchecked(int row, int col) {
        return buffer.get(row + col * rows());
    }

    @Override
    protected void setUnchecked(int row, int col, double value) {
        buffer.put(row + col * rows(), value);
    }

    @Override
    protected void copyToRowMajor(double[] destination) {
        ColumnMajorKernels.toRowMajor(buffer, rows(), cols(), destination);
    }

    @Override
    protected void copyFromRowMajor(double[] source) {
        ColumnMajorKernels.fromRowMajor(source, rows(), cols(), buffer);
    }
}
