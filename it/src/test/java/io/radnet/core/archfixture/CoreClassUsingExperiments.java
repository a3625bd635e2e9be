package io.radnet.core.archfixture;

import io.radnet.experiments.Summary;

/** Breaks CORE_DOES_NOT_DEPEND_ON_HIGHER_MODULES: a core class that uses the experiments module. */
public final class CoreClassUsingExperiments {
    /**
     * @param values per-seed values
     * @return their summary, computed by a class core must not know
     */
    public Summary summarise(double[] values) {
        return Summary.of(values);
    }
}
