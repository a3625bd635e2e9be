package io.radnet.experiments.archfixture;

import io.radnet.backend.archfixture.FakeBackendUsingOnlyTheApi;

/**
 * Breaks EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API: an experiment that names a backend class
 * instead of running on the backend it is given.
 */
public final class ExperimentUsingABackend {
    /** @return a backend class, named directly */
    public FakeBackendUsingOnlyTheApi backend() {
        return new FakeBackendUsingOnlyTheApi();
    }
}
