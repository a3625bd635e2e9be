package io.radnet.core.io;

/**
 * A model or data file that cannot be read or written as asked: corrupt, truncated, of an
 * unsupported kind, or inconsistent with itself. The message names the file, the tensor (or
 * line) and the problem, e.g. {@code model.safetensors: tensor 'layers.1.weight': dtype F64
 * and shape [64, 16] need 8192 bytes but its data_offsets [0, 4096) hold 4096}.
 */
public class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the file and the problem
     */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * @param message the file and the problem
     * @param cause the underlying failure
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
