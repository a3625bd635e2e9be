package io.radnet.backend.ejml;

import io.radnet.api.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * A {@link Tensor} of the EJML backend, backed by a row-major {@link DMatrixRMaj} whose data
 * array holds exactly rows · cols entries (entry (i, j) at i · cols + j).
 */
public final class EjmlTensor extends Tensor {
    private final DMatrixRMaj matrix;

    EjmlTensor(EjmlBackend backend, DMatrixRMaj matrix) {
        super(backend, matrix.numRows, matrix.numCols);
        this.matrix = matrix;
    }

    /**
     * Zero-copy access for code that already speaks EJML. The matrix is shared: writes through
     * it are writes to this tensor. It must not be reshaped.
     *
     * @return the backing matrix
     */
    public DMatrixRMaj matrix() {
        return matrix;
    }

    double[] data() {
        return matrix.data;
    }

    @Override
    protected double getUnchecked(int row, int col) {
        return matrix.data[row * matrix.numCols + col];
    }

    @Override
    protected void setUnchecked(int row, int col, double value) {
        matrix.data[row * matrix.numCols + col] = value;
    }

    @Override
    protected void copyToRowMajor(double[] destination) {
        System.arraycopy(matrix.data, 0, destination, 0, destination.length);
    }

    @Override
    protected void copyFromRowMajor(double[] source) {
        System.arraycopy(source, 0, matrix.data, 0, source.length);
    }
}
