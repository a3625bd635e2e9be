package io.radnet.backend.jblas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Availability;
import io.radnet.api.BackendRegistry;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.RadnetConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the provider says about itself, and how it reports a missing libgfortran.so.5 (tested
 * with an empty file tree as the linker's search path, so it holds on any machine).
 */
class JblasBackendProviderTest {
    @TempDir
    Path empty;

    private JblasBackendProvider withoutGfortran() {
        return new JblasBackendProvider(new JblasSharedLibraries(null, empty.resolve("ld.so.cache"), List.of(empty)),
                "Linux");
    }

    @Test
    void withoutLibgfortranTheProbeGivesTheReasonAndTheFix() {
        Availability a = withoutGfortran().probe();
        assertFalse(a.isAvailable());
        assertEquals("libgfortran.so.5 missing — install the libgfortran5 package", a.reason());
        assertEquals("unavailable: libgfortran.so.5 missing — install the libgfortran5 package", a.toString());
        assertTrue(a.cause().isEmpty(), "no error was provoked: jblas was not loaded");
    }

    @Test
    void withoutLibgfortranCreateAndTheRegistryThrowWithThatReason() {
        JblasBackendProvider provider = withoutGfortran();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, provider::create);
        assertEquals("backend 'jblas' is unavailable: libgfortran.so.5 missing — install the libgfortran5 package",
                e.getMessage());
        BackendRegistry registry = new BackendRegistry(RadnetConfig.of(Map.of(), Map.of())).register(provider);
        assertEquals(e.getMessage(), assertThrows(BackendUnavailableException.class, () -> registry.get("jblas"))
                .getMessage());
        assertEquals("jblas", e.backendName());
    }

    @Test
    void theProviderDescribesItselfWithoutLoadingNativeCode() {
        JblasBackendProvider provider = withoutGfortran();
        assertEquals("jblas", provider.name());
        assertEquals(6, provider.priority());
        assertTrue(provider.isNative());
        assertEquals("1.2.5", provider.libraryVersion());
    }
}
