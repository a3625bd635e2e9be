package io.radnet.api;

/**
 * Thrown when tensor shapes (or indices, or block ranges) do not fit an operation. The message
 * names the operation, the arguments and their shapes, e.g.
 * {@code "gemm: op(A) is 3x4 but op(B) is 5x2: inner dimensions 4 and 5 differ"}.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the operation, the offending arguments and their shapes
     */
    public ShapeMismatchException(String message) {
        super(message);
    }
}
