package io.radnet.backend.nd4j;

import io.radnet.api.BackendProvider;
import io.radnet.api.tck.BackendContractTest;

/**
 * ND4J passes the whole backend contract suite with entrywise arithmetic on ND4J's native ops
 * for every tensor size: the path that large tensors take by default, which the suite's small
 * inputs would otherwise not reach.
 */
class Nd4jNativeEntrywiseContractTest extends BackendContractTest {
    @Override
    protected BackendProvider createProvider() {
        return new Nd4jBackendProvider(1);
    }
}
