package io.radnet.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import java.util.Locale;
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
 */
public abstract class BackendContractTest implements CreationAndLayoutContract, ProductContract,
        ElementwiseContract, ReductionContract, QrContract, BadInputContract {

    private BackendProvider provider;
    private Backend backend;
    private Backend other;

    /** @return a new provider of the backend under test */
    protected abstract BackendProvider createProvider();

    @BeforeEach
    final void createBackends() {
        provider = createProvider();
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
