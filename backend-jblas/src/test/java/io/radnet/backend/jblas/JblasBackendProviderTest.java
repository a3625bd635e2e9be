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
                System::getenv, "Linux");
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

    @Test
    void threadsFollowOpenBlasEnvironmentRules() {
        assertEquals(2, JblasBackendProvider.openBlasThreads(Map.<String, String>of()::get, 2));
        assertEquals(1, JblasBackendProvider.openBlasThreads(Map.of("OPENBLAS_NUM_THREADS", "1")::get, 2));
        assertEquals(2, JblasBackendProvider.openBlasThreads(Map.of("OPENBLAS_NUM_THREADS", "64")::get, 2),
                "capped at the cores");
        assertEquals(3, JblasBackendProvider.openBlasThreads(
                Map.of("OPENBLAS_NUM_THREADS", "3", "OMP_NUM_THREADS", "1")::get, 8), "OPENBLAS_ wins over OMP_");
        assertEquals(1, JblasBackendProvider.openBlasThreads(Map.of("GOTO_NUM_THREADS", "1", "OMP_NUM_THREADS", "4")::get,
                8), "GOTO_ wins over OMP_");
        assertEquals(4, JblasBackendProvider.openBlasThreads(
                Map.of("OPENBLAS_NUM_THREADS", "zero", "OMP_NUM_THREADS", "4")::get, 8), "unreadable counts as unset");
        assertEquals(5, JblasBackendProvider.openBlasThreads(Map.of("OMP_NUM_THREADS", " 5,2")::get, 8),
                "read like C's atoi");
    }
}
