package io.radnet.api;

/**
 * Thrown when an operation receives a tensor that belongs to another backend than the one
 * running the operation. Tensors are never converted implicitly; use
 * {@link Backend#copyOf(Tensor)} to move data between backends.
 */
public final class BackendMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the operation, the argument and the two backend names
     */
    public BackendMismatchException(String message) {
        super(message);
    }
}
