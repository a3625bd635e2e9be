package io.radnet.api.tck;

import io.radnet.api.Tensor;

/**
 * A tensor of the {@link ReferenceBackend}: its entries in a row-major {@code double[]},
 * entry (i, j) at i·cols + j.
 */
final class ReferenceTensor extends Tensor {
    private final double[] entries;

    /**
     * @param backend the owner
     * @param rows rows
     * @param cols columns
     * @param entries rows·cols row-major entries, kept
     */
    ReferenceTensor(ReferenceBackend backend, int rows, int cols, double[] entries) {
        super(backend, rows, cols);
        this.entries = entries;
    }

    /** @return the row-major entries themselves (not a copy) */
    double[] entries() {
        return entries;
    }

    @Override
    protected double getUnchecked(int row, int col) {
        return entries[row * cols() + col];
    }

    @Override
    protected void setUnchecked(int row, int col, double value) {
        entries[row * cols() + col] = value;
    }

    @Override
    protected void copyToRowMajor(double[] destination) {
        System.arraycopy(entries, 0, destination, 0, entries.length);
    }

    @Override
    protected void copyFromRowMajor(double[] source) {
        System.arraycopy(source, 0, entries, 0, entries.length);
    }
}
