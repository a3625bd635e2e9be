package io.radnet.backend.nd4j;

import io.radnet.api.BackendProvider;
import io.radnet.api.tck.BackendContractTest;

/** ND4J passes the whole backend contract suite. */
class Nd4jBackendContractTest extends BackendContractTest {
    @Override
    protected BackendProvider createProvider() {
        return new Nd4jBackendProvider();
    }
}
