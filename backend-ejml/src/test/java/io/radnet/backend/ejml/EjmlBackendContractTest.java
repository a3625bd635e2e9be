package io.radnet.backend.ejml;

import io.radnet.api.BackendProvider;
import io.radnet.api.tck.BackendContractTest;

/** EJML passes the whole backend contract suite. */
class EjmlBackendContractTest extends BackendContractTest {
    @Override
    protected BackendProvider createProvider() {
        return new EjmlBackendProvider();
    }
}
