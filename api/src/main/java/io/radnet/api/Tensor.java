package io.radnet.api;

import java.util.Objects;

/**
 * A dense matrix of doubles, rows × cols, owned by the {@link Backend} that created it.
 *
 * <p>Shapes are fixed at creation; entries are mutable. A tensor may hold NaN or infinities
 * (operations that cannot accept them say so and throw {@link NonFiniteValueException}).
 * Zero-sized shapes (0×n, m×0) are allowed. Tensors are not thread-safe.
 *
 * <p>Element access through {@link #get} and {@link #set} is for inspection and small
 * set-ups; bulk work goes through the operations of {@link Backend}.
 *
 * <p>A tensor's storage is freed when it is garbage-collected, or at once by {@link #close}.
 * Closing matters on the native backends, whose entries live off the Java heap: a loop that
 * makes large temporaries (a compression of 2048-wide layers makes 13 MB ones) otherwise
 * piles them up until the next collection and pays for fresh memory on every allocation.
 */
public abstract class Tensor implements AutoCloseable {
    private final Backend backend;
    private final int rows;
    private final int cols;
    private boolean closed;

    /**
     * @param backend the owning backend
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @throws ShapeMismatchException if a dimension is negative or the size too large
     */
    protected Tensor(Backend backend, int rows, int cols) {
        this.backend = Objects.requireNonNull(backend, "backend");
        Shapes.requireDimensions("tensor", rows, cols);
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * @return the backend that owns this tensor; only its operations accept it
     */
    public final Backend backend() {
        return backend;
    }

    /**
     * @return the number of rows, ≥ 0
     */
    public final int rows() {
        return rows;
    }

    /**
     * @return the number of columns, ≥ 0
     */
    public final int cols() {
        return cols;
    }

    /**
     * @return rows · cols
     */
    public final int size() {
        return rows * cols;
    }

    /**
     * Frees the storage now. Afterwards every operation of the backend and every accessor
     * refuses the tensor with an {@link IllegalStateException}; closing again does nothing.
     * Tensors given to or returned by an object (a network's parameters, a QR factor held by a
     * result) belong to it: close only the temporaries you made.
     */
    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /**
     * @return whether {@link #close} was called
     */
    public final boolean isClosed() {
        return closed;
    }

    /**
     * Frees backend storage, called once by {@link #close}. The default does nothing: heap
     * arrays are the garbage collector's.
     */
    protected void release() {
    }

    /**
     * @param op the operation, for the message
     * @throws IllegalStateException if the tensor was closed
     */
    final void requireOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": the " + Shapes.of(this) + " tensor was closed");
        }
    }

    /**
     * @return the shape as {@code "rowsxcols"}
     */
    public final String shape() {
        return Shapes.of(this);
    }

    /**
     * @param row row index, 0 ≤ row &lt; rows
     * @param col column index, 0 ≤ col &lt; cols
     * @return the entry at (row, col)
     * @throws ShapeMismatchException if the index is outside the tensor
     */
    public final double get(int row, int col) {
        requireOpen("get");
        Shapes.requireIndex("get", this, row, col);
        return getUnchecked(row, col);
    }

    /**
     * Overwrites one entry.
     *
     * @param row row index, 0 ≤ row &lt; rows
     * @param col column index, 0 ≤ col &lt; cols
     * @param value the new value (any double, NaN included)
     * @throws ShapeMismatchException if the index is outside the tensor
     */
    public final void set(int row, int col, double value) {
        requireOpen("set");
        Shapes.requireIndex("set", this, row, col);
        setUnchecked(row, col, value);
    }

    /**
     * @return a new array with the entries in row-major order: entry (i, j) at i · cols + j
     */
    public final double[] toRowMajor() {
        requireOpen("toRowMajor");
        double[] destination = new double[size()];
        copyToRowMajor(destination);
        return destination;
    }

    /**
     * Copies the entries in row-major order into an existing array.
     *
     * @param destination an array of length exactly rows · cols; overwritten
     * @throws ShapeMismatchException if the length is not rows · cols
     */
    public final void toRowMajor(double[] destination) {
        requireOpen("toRowMajor");
        Objects.requireNonNull(destination, "destination");
        if (destination.length != size()) {
            throw new ShapeMismatchException("toRowMajor: destination has length " + destination.length
                    + " but a " + shape() + " tensor has " + size() + " entries");
        }
        copyToRowMajor(destination);
    }

    /**
     * Overwrites every entry from a row-major array: entry (i, j) ← source[i · cols + j]. The
     * allocation-free counterpart of {@link Backend#fromRowMajor}, for hot paths that compute
     * per-sample values in Java.
     *
     * @param source an array of length exactly rows · cols; not modified or retained
     * @throws ShapeMismatchException if the length is not rows · cols
     */
    public final void setRowMajor(double[] source) {
        requireOpen("setRowMajor");
        Objects.requireNonNull(source, "source");
        if (source.length != size()) {
            throw new ShapeMismatchException("setRowMajor: source has length " + source.length
                    + " but a " + shape() + " tensor has " + size() + " entries");
        }
        copyFromRowMajor(source);
    }

    /**
     * @return a new rows × cols array of arrays (for a 0×n tensor, an empty outer array)
     */
    public final double[][] toRows() {
        double[] flat = toRowMajor();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    /**
     * @param row row index, already checked
     * @param col column index, already checked
     * @return the entry
     */
    protected abstract double getUnchecked(int row, int col);

    /**
     * @param row row index, already checked
     * @param col column index, already checked
     * @param value the new value
     */
    protected abstract void setUnchecked(int row, int col, double value);

    /**
     * @param destination an array of length rows · cols, already checked
     */
    protected abstract void copyToRowMajor(double[] destination);

    /**
     * Writes every entry from a row-major array. The default sets entries one by one; backends
     * override it with a bulk copy.
     *
     * @param source an array of length rows · cols, already checked
     */
    protected void copyFromRowMajor(double[] source) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                setUnchecked(i, j, source[i * cols + j]);
            }
        }
    }

    /**
     * @return the class, shape and backend, and the entries when there are at most 36
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append(' ').append(shape())
                .append(" on ").append(backend.name());
        if (size() <= 36) {
            s.append(' ').append(java.util.Arrays.deepToString(toRows()));
        }
        return s.toString();
    }
}
