package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendRegistry;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import io.radnet.backend.ejml.EjmlBackendProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented selection order: explicit name, then the system property radnet.backend, then
 * the environment variable RADNET_BACKEND, then the highest-priority available backend, with
 * the embedded default (ejml) winning ties.
 */
class BackendSelectionTest {
    private static final String MISSING = "libgfortran.so.5 missing — install the libgfortran5 package";

    /** A registry reading only the given settings, with the given providers. */
    static BackendRegistry registry(Map<String, String> properties, Map<String, String> env,
                                    BackendProvider... providers) {
        BackendRegistry registry = new BackendRegistry(RadnetConfig.of(properties, env));
        for (BackendProvider p : providers) {
            registry.register(p);
        }
        return registry;
    }

    @Test
    void withNothingConfiguredTheHighestPriorityAvailableBackendWins() {
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(), StubProvider.available("fast", 50),
                StubProvider.available("slow", 1));
        assertSame(r.get("fast"), r.defaultBackend());
        assertEquals(java.util.List.of("fast", "ejml", "slow"), r.names());
    }

    @Test
    void theEmbeddedDefaultWinsPriorityTies() {
        BackendRegistry r = registry(Map.of(), Map.of(), StubProvider.available("aaa", 10), new EjmlBackendProvider(),
                StubProvider.available("zzz", 10));
        assertEquals("ejml", r.defaultBackend().name());
    }

    @Test
    void anUnavailableTopPriorityBackendIsSkippedAndProbedOnlyOnce() {
        StubProvider broken = StubProvider.unavailable("jblas", 100, MISSING);
        BackendRegistry r = registry(Map.of(), Map.of(), broken, new EjmlBackendProvider());
        assertEquals("ejml", r.defaultBackend().name());
        assertEquals("ejml", r.defaultBackend().name());
        r.diagnostics();
        assertEquals(1, broken.probes.get(), "probe results are cached");
    }

    @Test
    void theEnvironmentVariableOverridesPriority() {
        BackendRegistry r = registry(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "slow"), new EjmlBackendProvider(),
                StubProvider.available("slow", 1));
        assertSame(r.get("slow"), r.defaultBackend());
        assertEquals("environment variable RADNET_BACKEND", r.diagnostics().selectedBy());
    }

    @Test
    void theSystemPropertyOverridesTheEnvironmentVariable() {
        BackendRegistry r = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, " EJML "),
                Map.of(RadnetConfig.BACKEND_ENV, "slow"), new EjmlBackendProvider(), StubProvider.available("slow", 1));
        assertEquals("ejml", r.defaultBackend().name(), "names are trimmed and case-insensitive");
        assertEquals("system property radnet.backend", r.diagnostics().selectedBy());
    }

    @Test
    void anExplicitNameOverridesEverything() {
        BackendRegistry r = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "ejml"), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("slow", 1));
        Backend slow = r.get("slow");
        assertSame(slow, r.get("SLOW"), "one backend instance per name");
        assertFalse(slow == r.defaultBackend());
    }

    @Test
    void anUnknownNameFailsFastListingTheKnownOnes() {
        BackendRegistry r = registry(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "cuda"), new EjmlBackendProvider());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("cuda"));
        assertTrue(e.getMessage().contains("unknown backend 'cuda'") && e.getMessage().contains("[ejml]"), e.getMessage());
        IllegalArgumentException viaEnv = assertThrows(IllegalArgumentException.class, r::defaultBackend);
        assertTrue(viaEnv.getMessage().contains("environment variable RADNET_BACKEND"), viaEnv.getMessage());
        BackendDiagnostics d = r.diagnostics();
        assertNull(d.defaultBackend());
        assertTrue(d.selectionProblem().contains("unknown backend 'cuda'"), d.selectionProblem());
    }

    @Test
    void anUnavailableRequestedBackendThrowsWithItsReasonFixAndCause() {
        BackendRegistry r = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "jblas"), Map.of(),
                new EjmlBackendProvider(), StubProvider.unavailable("jblas", 100, MISSING));
        BackendUnavailableException explicit = assertThrows(BackendUnavailableException.class, () -> r.get("jblas"));
        assertEquals("backend 'jblas' is unavailable: " + MISSING, explicit.getMessage());
        assertEquals("jblas", explicit.backendName());
        assertInstanceOf(UnsatisfiedLinkError.class, explicit.getCause(), "the probe's error is kept as the cause");
        assertThrows(BackendUnavailableException.class, r::defaultBackend,
                "a configured backend never falls back silently");
    }

    @Test
    void duplicateOrInvalidNamesAreRejectedAtRegistration() {
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> r.register(StubProvider.available("ejml", 1)));
        assertTrue(dup.getMessage().contains("already registered"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.register(StubProvider.available("Upper", 1)));
        assertThrows(IllegalArgumentException.class, () -> r.register(StubProvider.available(" ", 1)));
    }

    @Test
    void withNoBackendAvailableTheErrorSaysWhatToAdd() {
        BackendRegistry r = registry(Map.of(), Map.of(), StubProvider.unavailable("jblas", 100, MISSING));
        IllegalStateException e = assertThrows(IllegalStateException.class, r::defaultBackend);
        assertTrue(e.getMessage().contains("radnet-backend-ejml"), e.getMessage());
        assertTrue(r.available().isEmpty());
    }

    @Test
    void discoverySurvivesABrokenProviderAndFindsTheRealOnes(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services/" + BackendProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, "io.radnet.backend.gone.GoneBackendProvider\n");
        BackendRegistry r = new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            r.discover(loader);
        }
        assertTrue(r.names().contains("ejml"), "the real providers of the parent loader load: " + r.names());
        BackendDiagnostics d = r.diagnostics();
        assertEquals(1, d.discoveryProblems().size(), d.toString());
        assertTrue(d.discoveryProblems().get(0).contains("GoneBackendProvider"), d.toString());
        assertTrue(d.toString().contains("discovery problem"), d.toString());
    }

    @Test
    void theJvmWideFacadeDiscoversEjmlThroughTheServiceFile() {
        assertTrue(Backends.registry().names().contains("ejml"), Backends.registry().names().toString());
        assertTrue(Backends.available().stream().anyMatch(b -> b.name().equals("ejml")));
        BackendDiagnostics d = Backends.describe();
        var ejml = d.backends().stream().filter(b -> b.name().equals("ejml")).findFirst().orElseThrow();
        assertTrue(ejml.availability().isAvailable());
        assertEquals("0.44.0", ejml.libraryVersion());
        assertFalse(ejml.isNative());
        assertTrue(ejml.threads() >= 1);
        assertSame(Backends.get("ejml"), Backends.get("ejml"));
    }
}
