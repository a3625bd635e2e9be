package io.radnet.api;

/**
 * Thrown when an operation that requires finite values receives NaN or an infinity: a scalar
 * coefficient of a linear operation, or the input of a decomposition. The message names the
 * operation, the argument, and the first offending position and value.
 */
public final class NonFiniteValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the operation, the argument, the position and the value
     */
    public NonFiniteValueException(String message) {
        super(message);
    }
}
