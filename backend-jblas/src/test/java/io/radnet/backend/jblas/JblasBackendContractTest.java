package io.radnet.backend.jblas;

import io.radnet.api.BackendProvider;
import io.radnet.api.tck.BackendContractTest;

/**
 * JBLAS passes the whole backend contract suite. Where libgfortran5 is missing the suite is
 * skipped with that reason, or fails if RADNET_REQUIRE_BACKENDS lists jblas.
 */
class JblasBackendContractTest extends BackendContractTest {
    @Override
    protected BackendProvider createProvider() {
        return new JblasBackendProvider();
    }
}
