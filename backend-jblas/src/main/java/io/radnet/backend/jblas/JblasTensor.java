package io.radnet.backend.jblas;

import io.radnet.api.Tensor;
import io.radnet.api.kernels.ColumnMajorKernels;
import java.nio.DoubleBuffer;
import org.jblas.DoubleMatrix;

/**
 * A {@link Tensor} of the JBLAS backend, backed by a jblas {@link DoubleMatrix}: a column-major
 * {@code double[]} on the Java heap of exactly rows · cols entries, entry (i, j) at
 * i + j · rows, which BLAS and LAPACK use without reordering.
 */
public final class JblasTensor extends Tensor {
    private final DoubleMatrix matrix;
    /** A heap buffer over matrix.data (see {@link #buffer()}). */
    private DoubleBuffer buffer;

    /**
     * @param backend the owning backend
     * @param matrix the backing matrix, rows × cols with {@code data.length == rows · cols}
     */
    JblasTensor(JblasBackend backend, DoubleMatrix matrix) {
        super(backend, matrix.rows, matrix.columns);
        this.matrix = matrix;
        this.buffer = DoubleBuffer.wrap(matrix.data);
    }

    /**
     * Zero-copy access for code that already speaks jblas. The matrix is shared: writes through
     * it are writes to this tensor. It must not be resized or reshaped, and its {@code data}
     * array must not be replaced (jblas's in-place ops such as {@code addi} keep it).
     *
     * @return the backing matrix
     */
    public DoubleMatrix matrix() {
        return matrix;
    }

    /** @return the column-major entries, entry (i, j) at i + j · rows */
    double[] data() {
        return matrix.data;
    }

    /**
     * @return the column-major entries as a heap buffer over {@link #data()}, for the shared
     *     column-major kernels; wrapped again only if the matrix's array was replaced
     */
    DoubleBuffer buffer() {
        if (buffer.array() != matrix.data) {
            buffer = DoubleBuffer.wrap(matrix.data);
        }
        return buffer;
    }

    @Override
    protected double getUnchecked(int row, int col) {
        return matrix.data[row + col * matrix.rows];
    }

    @Override
    protected void setUnchecked(int row, int col, double value) {
        matrix.data[row + col * matrix.rows] = value;
    }

    @Override
    protected void copyToRowMajor(double[] destination) {
        ColumnMajorKernels.toRowMajor(buffer(), rows(), cols(), destination);
    }

    @Override
    protected void copyFromRowMajor(double[] source) {
        ColumnMajorKernels.fromRowMajor(source, rows(), cols(), buffer());
    }
}
