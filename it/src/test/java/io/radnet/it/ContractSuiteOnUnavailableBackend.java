package io.radnet.it;

import io.radnet.api.BackendProvider;
import io.radnet.api.RadnetConfig;
import io.radnet.api.tck.BackendContractTest;
import java.util.Map;

/**
 * A fixture, run by {@link RequiredBackendsTest} through the JUnit test kit (its name keeps
 * Surefire from running it directly): the backend contract suite on a backend that cannot run
 * and is not required. Every test must be skipped with the probe's reason.
 */
class ContractSuiteOnUnavailableBackend extends BackendContractTest {
    static final String NAME = "stubnative";
    static final String REASON = "libstub.so.1 missing — install the libstub1 package";

    @Override
    protected BackendProvider createProvider() {
        return StubProvider.unavailable(NAME, 1, REASON);
    }

    @Override
    protected RadnetConfig config() {
        return RadnetConfig.of(Map.of(), Map.of());
    }

    /** The same suite and backend, but listed (in mixed case) in RADNET_REQUIRE_BACKENDS: every test must fail. */
    static class Required extends ContractSuiteOnUnavailableBackend {
        @Override
        protected RadnetConfig config() {
            return RadnetConfig.of(Map.of(), Map.of(RadnetConfig.REQUIRE_BACKENDS_ENV, "ejml, StubNative"));
        }
    }
}
