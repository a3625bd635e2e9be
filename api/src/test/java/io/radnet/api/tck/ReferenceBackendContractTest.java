package io.radnet.api.tck;

import io.radnet.api.BackendProvider;

/**
 * The reference backend, which implements only the mandatory core, passes the whole contract
 * suite: every capability's default in {@link io.radnet.api.DefaultKernels} is correct.
 */
class ReferenceBackendContractTest extends BackendContractTest {
    @Override
    protected BackendProvider createProvider() {
        return new ReferenceBackendProvider();
    }
}
