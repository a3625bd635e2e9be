package io.radnet.core.io;

/**
 * A data file whose values would not fit in the Java heap, refused before reading further; the
 * message names the file, the line reached and the memory needed against the memory free.
 */
public class DataTooLargeException extends ModelFileException {
    private static final long serialVersionUID = 1L;

    /** The heap the data would need, in bytes, at least. */
    private final long bytesNeeded;

    /**
     * @param message the file, the line and the sizes
     * @param bytesNeeded the heap the data would need, in bytes, at least
     */
    public DataTooLargeException(String message, long bytesNeeded) {
        super(message);
        this.bytesNeeded = bytesNeeded;
    }

    /** @return the heap the data would need, in bytes, at least */
    public long bytesNeeded() {
        return bytesNeeded;
    }
}
