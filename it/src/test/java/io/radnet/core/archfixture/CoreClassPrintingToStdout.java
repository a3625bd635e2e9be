package io.radnet.core.archfixture;

/** Breaks NO_PRINTING: library code writing to System.out. */
public final class CoreClassPrintingToStdout {
    /** Reports progress on the user's console. */
    public void report() {
        System.out.println("epoch done");
    }
}
