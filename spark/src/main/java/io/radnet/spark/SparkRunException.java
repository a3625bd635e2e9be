package io.radnet.spark;

/**
 * A Spark job of radnet failed; the message is one line: what ran and the failing task's own
 * message (e.g. an experiment's {@link IllegalArgumentException}), without Spark's stack traces.
 */
public final class SparkRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line
     * @param cause the failure
     */
    public SparkRunException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param what what ran, e.g. {@code experiment2, 10 runs on Spark}
     * @param failure what Spark reported
     * @return the exception, its message the first line of the deepest cause's message
     */
    static SparkRunException of(String what, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage().lines().findFirst().orElse("").trim();
        if (reason.startsWith("Job aborted due to stage failure")) {
            reason = reason.replaceFirst("(?s).*?(Exception|Error): ", "");
        }
        return new SparkRunException(what + " failed: " + reason, failure);
    }
}
