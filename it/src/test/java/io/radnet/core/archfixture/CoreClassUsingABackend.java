package io.radnet.core.archfixture;

import io.radnet.backend.archfixture.FakeBackendUsingOnlyTheApi;

/** Breaks CORE_IS_BACKEND_AGNOSTIC: a core class that reaches into a backend. */
public final class CoreClassUsingABackend {
    /** @return a backend class, named directly instead of chosen at runtime */
    public FakeBackendUsingOnlyTheApi backend() {
        return new FakeBackendUsingOnlyTheApi();
    }
}
