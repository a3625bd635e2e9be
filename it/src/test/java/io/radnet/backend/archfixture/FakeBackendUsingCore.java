package io.radnet.backend.archfixture;

import io.radnet.core.archfixture.CoreClassUsingOnlyTheApi;

/** Breaks BACKENDS_DO_NOT_DEPEND_ON_HIGHER_MODULES: a backend reaching up into core. */
public final class FakeBackendUsingCore {
    /** @return a core object, which a backend must not know */
    public CoreClassUsingOnlyTheApi core() {
        return new CoreClassUsingOnlyTheApi();
    }
}
