package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.backend.ejml.EjmlBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * RADNET_REQUIRE_BACKENDS (or -Dradnet.requireBackends): a listed backend that cannot run fails
 * the contract suite and the cross-backend tests; an unlisted one is skipped with its reason.
 */
class RequiredBackendsTest {
    private static final String MISSING = "libgfortran.so.5 missing — install the libgfortran5 package";

    private static RadnetConfig env(String value) {
        return RadnetConfig.of(Map.of(), Map.of(RadnetConfig.REQUIRE_BACKENDS_ENV, value));
    }

    @Test
    void theListIsReadTrimmedAndLowerCasedWithThePropertyWinning() {
        assertEquals(List.of("ejml", "nd4j", "jblas"), List.copyOf(env(" EJML, nd4j,,jblas ,ejml ").requiredBackends()));
        assertEquals("environment variable RADNET_REQUIRE_BACKENDS", env("ejml").requiredBackendsSource());
        RadnetConfig both = RadnetConfig.of(Map.of(RadnetConfig.REQUIRE_BACKENDS_PROPERTY, "nd4j"),
                Map.of(RadnetConfig.REQUIRE_BACKENDS_ENV, "jblas"));
        assertEquals(Set.of("nd4j"), both.requiredBackends());
        assertEquals("system property radnet.requireBackends", both.requiredBackendsSource());
        assertEquals(Set.of(), RadnetConfig.of(Map.of(), Map.of()).requiredBackends());
        assertEquals(Set.of(), env("  ").requiredBackends(), "blank counts as unset");
        assertEquals("nothing", env(" ").requiredBackendsSource());
    }

    @Test
    void aRequiredBackendThatIsUnavailableOrUnknownFailsTheCrossBackendSource() {
        BackendRegistry registry = new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))
                .register(new EjmlBackendProvider())
                .register(StubProvider.unavailable("jblas", 6, MISSING));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AvailableBackends.requireRequiredBackends(registry, env("ejml,jblas,cuda")));
        assertEquals("required backends (environment variable RADNET_REQUIRE_BACKENDS = ejml,jblas,cuda) cannot run: "
                + "'jblas' is unavailable: " + MISSING + "; 'cuda' is not on the class path (known backends: [ejml, jblas])",
                e.getMessage());
        assertDoesNotThrow(() -> AvailableBackends.requireRequiredBackends(registry, env("EJML")));
        assertDoesNotThrow(() -> AvailableBackends.requireRequiredBackends(registry, RadnetConfig.of(Map.of(), Map.of())),
                "an unavailable backend nobody requires is fine");
    }

    @Test
    void everyBackendThisRunRequiresIsAvailable() {
        // On CI, .ci/run sets RADNET_REQUIRE_BACKENDS=ejml,nd4j,jblas: this is where a missing
        // libgfortran5 turns red even before the contract suites run.
        assertDoesNotThrow(() -> AvailableBackends.requireRequiredBackends(Backends.registry(), RadnetConfig.system()));
    }

    @Test
    void theContractSuiteSkipsAnUnavailableBackendThatIsNotRequiredWithItsReason() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ContractSuiteOnUnavailableBackend.class))
                .execute().testEvents();
        long started = tests.started().count();
        assertTrue(started > 200, "the whole suite ran: " + started + " tests");
        assertEquals(started, tests.aborted().count(), "every test is skipped (aborted by an assumption)");
        for (Event event : tests.aborted().list()) {
            Throwable why = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertEquals("backend 'stubnative' is unavailable: " + ContractSuiteOnUnavailableBackend.REASON,
                    why.getMessage());
        }
    }

    @Test
    void theContractSuiteFailsARequiredBackendThatIsUnavailable() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ContractSuiteOnUnavailableBackend.Required.class))
                .execute().testEvents();
        long started = tests.started().count();
        assertTrue(started > 200, "the whole suite ran: " + started + " tests");
        assertEquals(started, tests.failed().count(), "every test fails");
        for (Event event : tests.failed().list()) {
            Throwable why = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertEquals("backend 'stubnative' is unavailable: " + ContractSuiteOnUnavailableBackend.REASON
                    + " — and it is required by environment variable RADNET_REQUIRE_BACKENDS ([ejml, stubnative]),"
                    + " so its contract suite fails instead of skipping", why.getMessage());
            assertInstanceOf(UnsatisfiedLinkError.class, why.getCause(), "the probe's error is the cause");
        }
    }
}
