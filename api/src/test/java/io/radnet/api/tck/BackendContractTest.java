package io.radnet.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.RadnetConfig;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole backend contract suite (TCK). A backend is done when its few-line subclass, which
 * only says which provider to test, passes:
 *
 * <pre>{@code
 * class EjmlBackendContractTest extends BackendContractTest {
 *     protected BackendProvider createProvider() { return new EjmlBackendProvider(); }
 * }
 * }</pre>
 *
 * <p>Each test gets two fresh backend instances from the provider: the one under test, and a
 * second one whose tensors must be rejected as foreign.
 *
 * <p><b>Unavailable backends.</b> When the provider's {@link BackendProvider#probe() probe}
 * says the backend cannot run here (e.g. JBLAS without {@code libgfortran5}), every test is
 * skipped through a JUnit assumption carrying the probe's reason, and the suite says so once
 * on standard error. If the backend is listed in {@link RadnetConfig#requiredBackends()}
 * ({@code RADNET_REQUIRE_BACKENDS=ejml,nd4j,jblas} on CI), every test fails with that reason
 * instead: a required backend is never skipped.
 */
public abstract class BackendContractTest implements CreationAndLayoutContract, ProductContract,
        ElementwiseContract, ReductionContract, QrContract, RadialContract, RadialNetworkKernelContract,
        CapabilityContract, BadInputContract {

    /** Suites that already announced that they skip, so each does so once per JVM. */
    private static final Set<Class<?>> ANNOUNCED_SKIPS = ConcurrentHashMap.newKeySet();

    private BackendProvider provider;
    private Backend backend;
    private Backend other;

    /** @return a new provider of the backend under test */
    protected abstract BackendProvider createProvider();

    /**
     * @return the configuration that says which backends are required; the JVM's by default
     *     (tests of the suite itself pass a fixed one)
     */
    protected RadnetConfig config() {
        return RadnetConfig.system();
    }

    @BeforeEach
    final void createBackends() {
        provider = createProvider();
        Availability availability = provider.probe();
        if (!availability.isAvailable()) {
            RadnetConfig config = config();
            String name = provider.name();
            String problem = "backend '" + name + "' is unavailable: " + availability.reason();
            if (config.requiredBackends().contains(name)) {
                fail(problem + " — and it is required by " + config.requiredBackendsSource() + " ("
                        + config.requiredBackends() + "), so its contract suite fails instead of skipping",
                        availability.cause().orElse(null));
            }
            if (ANNOUNCED_SKIPS.add(getClass())) {
                System.err.println("WARNING: SKIPPING " + getClass().getSimpleName() + ", the contract suite of "
                        + problem + ". List it in " + RadnetConfig.REQUIRE_BACKENDS_ENV
                        + " to make this a failure.");
            }
            Assumptions.abort(problem);
        }
        backend = provider.create();
        other = provider.create();
    }

    @Override
    public final BackendProvider provider() {
        return provider;
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    @Override
    public final Backend otherBackend() {
        return other;
    }

    @Test
    void theProviderDescribesTheBackendItCreates() {
        String name = provider.name();
        assertEquals(name.toLowerCase(Locale.ROOT), name, "provider names are lower case");
        assertTrue(provider.probe().isAvailable(), () -> "a backend under test must be available: " + provider.probe());
        assertEquals(name, backend.name(), "the backend carries its provider's name");
        assertTrue(backend.threads() >= 1, "a backend reports at least one thread");
        assertTrue(!provider.libraryVersion().isBlank(), "the library version is reported");
        assertNotSame(backend, other, "each create() gives a new backend");
    }
}
