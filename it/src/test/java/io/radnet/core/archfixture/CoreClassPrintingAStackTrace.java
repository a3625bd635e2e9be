package io.radnet.core.archfixture;

/** Breaks NO_PRINTING: library code dumping a stack trace to System.err. */
public final class CoreClassPrintingAStackTrace {
    /**
     * @param failure the failure to swallow
     */
    public void swallow(IllegalStateException failure) {
        failure.printStackTrace();
    }
}
