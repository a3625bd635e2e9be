package io.radnet.experiments.archfixture;

import io.radnet.cli.archfixture.CliClassPrintingToStdout;

/**
 * Breaks EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API and EXPERIMENTS_DO_NOT_DEPEND_ON_PROGRAMS: an
 * experiment that reaches into the command-line program.
 */
public final class ExperimentUsingTheCli {
    /** @return a class of the program, which the experiments must not know */
    public CliClassPrintingToStdout program() {
        return new CliClassPrintingToStdout();
    }
}
