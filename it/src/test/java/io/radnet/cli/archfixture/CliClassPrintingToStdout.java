package io.radnet.cli.archfixture;

/** Keeps NO_PRINTING: the CLI is the one place that writes to the console. */
public final class CliClassPrintingToStdout {
    /** Prints a result for the user of the program. */
    public void printResult() {
        System.out.println("compressed 3 layers");
    }
}
