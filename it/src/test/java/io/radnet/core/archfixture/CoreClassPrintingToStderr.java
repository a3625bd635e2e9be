package io.radnet.core.archfixture;

/** Breaks NO_PRINTING: library code writing to System.err. */
public final class CoreClassPrintingToStderr {
    /** Warns on the user's console. */
    public void warn() {
        System.err.println("loss is NaN");
    }
}
