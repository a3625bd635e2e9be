package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.nio.file.Path;

/**
 * Fills a rows × cols backend tensor from a reader, a chunk of rows at a time, so a data file is
 * parsed straight into the tensor: the heap holds the tensor plus two chunks of at most
 * {@value #CHUNK_VALUES} values (a row-major array and a chunk tensor), never a second copy of
 * the data. Rows are written in order; {@link #finish()} hands over the tensor once every row is
 * written, {@link #abandon()} frees it when reading fails, so nothing half-read escapes.
 */
final class TensorRowWriter {
    /** The most values of one chunk (1 MiB of doubles), or one row when a row is longer. */
    static final int CHUNK_VALUES = 1 << 17;

    private final Backend backend;
    private final Tensor target;
    private final Tensor chunk;
    private final double[] buffer;
    private final int chunkRows;
    private int rowsWritten;

    private TensorRowWriter(Backend backend, Tensor target, Tensor chunk, int chunkRows) {
        this.backend = backend;
        this.target = target;
        this.chunk = chunk;
        this.chunkRows = chunkRows;
        this.buffer = new double[chunkRows * target.cols()];
    }

    /**
     * Checks the heap, then allocates the tensor and the chunk.
     *
     * @param file the file being read, for the messages
     * @param backend the backend to hold the tensor
     * @param rows the rows, ≥ 1
     * @param cols the columns, ≥ 1, with rows · cols ≤ {@link Integer#MAX_VALUE} − 8
     * @return a writer at row 0
     * @throws DataTooLargeException if the tensor and the chunks would not fit in the free heap
     */
    static TensorRowWriter allocate(Path file, Backend backend, int rows, int cols) {
        int chunkRows = Math.min(rows, Math.max(1, CHUNK_VALUES / cols));
        long bytes = 8L * rows * cols + 16L * chunkRows * cols;
        String what = rows + "×" + cols + " values";
        DataHeap.require(file, bytes, what);
        Tensor target = null;
        try {
            target = backend.zeros(rows, cols);
            return new TensorRowWriter(backend, target, backend.zeros(chunkRows, cols), chunkRows);
        } catch (OutOfMemoryError e) {
            if (target != null) {
                target.close();
            }
            throw DataHeap.tooLarge(file, bytes, what, DataHeap.freeBytes());
        }
    }

    /** @return how many rows the buffer holds at most, ≥ 1 */
    int chunkRows() {
        return chunkRows;
    }

    /** @return the row-major chunk buffer, chunkRows × cols, to be filled before {@link #flush} */
    double[] buffer() {
        return buffer;
    }

    /** @return the rows written so far */
    int rowsWritten() {
        return rowsWritten;
    }

    /**
     * Copies the buffer's first {@code rows} rows into the tensor after the rows written so far.
     *
     * @param rows 1 ≤ rows ≤ min(chunkRows, rows left)
     */
    void flush(int rows) {
        chunk.setRowMajor(buffer);
        backend.copyBlock(chunk, 0, 0, rows, target.cols(), target, rowsWritten, 0);
        rowsWritten += rows;
    }

    /**
     * @return the filled tensor, now the caller's
     * @throws IllegalStateException if not every row was written
     */
    Tensor finish() {
        if (rowsWritten != target.rows()) {
            throw new IllegalStateException(rowsWritten + " of " + target.rows() + " rows written");
        }
        chunk.close();
        return target;
    }

    /** Frees the tensor and the chunk after a failed read. */
    void abandon() {
        chunk.close();
        target.close();
    }
}
