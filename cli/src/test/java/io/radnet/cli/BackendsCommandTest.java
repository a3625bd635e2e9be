package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import io.radnet.api.SizeAwareChoice;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radnet backends [--json]}, run on registries of fake providers: a pure-Java backend
 * that runs, and a native one with a higher priority that cannot load its Fortran runtime.
 */
class BackendsCommandTest {
    private static final String GFORTRAN_MISSING = "libgfortran.so.5 missing — install the libgfortran5 package";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registry as the program would see it on a machine without libgfortran5. */
    private static BackendRegistry ejmlAndBrokenJblas(RadnetConfig config) {
        return new BackendRegistry(config)
                .register(FakeBackendProvider.available("ejml", 0, "0.44.0", false))
                .register(FakeBackendProvider.unavailable("jblas", 20, "1.2.5", true, GFORTRAN_MISSING));
    }

    /** The thread count of the fake backends, left-aligned in a column of the given width. */
    private static String threadsColumn(int width) {
        return String.format("%-" + width + "s", FakeBackendProvider.THREADS);
    }

    private static RadnetConfig nothingConfigured() {
        return RadnetConfig.of(Map.of(), Map.of());
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return JSON.readTree(run.out());
    }

    /** The JSON report of a set-up without a usable default: still printed, but exit code 1. */
    private static JsonNode jsonOfFailedSetUp(CliRun run) throws IOException {
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("radnet: "), run.err());
        return JSON.readTree(run.out());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class AsText {
        @Test
        void listsEveryBackendInSelectionOrderAndMarksTheDefaultThatTheUnavailableOneFellBackTo() {
            CliRun run = CliRun.run(ejmlAndBrokenJblas(nothingConfigured())::diagnostics, "backends");

            assertEquals(0, run.exitCode());
            assertEquals("", run.err());
            assertEquals(List.of(
                    "default: ejml (highest-priority available backend)",
                    "size-aware: every workload on ejml (no native backend is available)",
                    "  BACKEND  VERSION  RUNS       THREADS  STATUS",
                    "  jblas    1.2.5    native     -        unavailable: " + GFORTRAN_MISSING,
                    "* ejml     0.44.0   pure Java  " + threadsColumn(9) + "available"), run.outLines());
        }

        @Test
        void withANativeBackendAvailableItSaysWhichWorkRunsWhere() {
            BackendRegistry registry = new BackendRegistry(nothingConfigured())
                    .register(FakeBackendProvider.available("ejml", 10, "0.44.0", false))
                    .register(FakeBackendProvider.available("nd4j", 5, "1.0.0-M2.1", true));
            CliRun run = CliRun.run(registry::diagnostics, "backends");

            assertEquals(0, run.exitCode(), run.err());
            assertEquals(List.of(
                    "default: ejml (highest-priority available backend)",
                    String.format("size-aware: ejml for small work; from a largest product of %,d multiply-adds "
                                    + "(network and layer passes), %,d (radial network passes), %,d (QR-compress) the "
                                    + "native backend with the least estimated time for the work's tensors, multiply-adds, "
                                    + "product calls and memory-bound entries: nd4j (no measured costs)",
                            SizeAwareChoice.NETWORK_PASSES_NATIVE_FROM,
                            SizeAwareChoice.RADIAL_NETWORK_PASSES_NATIVE_FROM,
                            SizeAwareChoice.QR_COMPRESSION_NATIVE_FROM),
                    "  BACKEND  VERSION     RUNS       THREADS  STATUS",
                    "* ejml     0.44.0      pure Java  " + threadsColumn(9) + "available",
                    "  nd4j     1.0.0-M2.1  native     " + threadsColumn(9) + "available"), run.outLines());
        }

        @Test
        void anUnknownConfiguredBackendIsReportedAsAProblemAndNoRowIsMarked() {
            RadnetConfig config = RadnetConfig.of(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "nd4j"));

            CliRun run = CliRun.run(ejmlAndBrokenJblas(config)::diagnostics, "backends");

            assertEquals(1, run.exitCode(), "a set-up without a usable default fails, for scripts");
            assertEquals("radnet: unknown backend 'nd4j'; known backends: [jblas, ejml]", run.err().strip());
            List<String> lines = run.outLines();
            assertEquals("default: none (environment variable RADNET_BACKEND)", lines.get(0));
            assertEquals("problem: unknown backend 'nd4j'; known backends: [jblas, ejml]", lines.get(1));
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("*")), run.out());
        }

        @Test
        void anUnavailableConfiguredBackendIsReportedWithItsReason() {
            RadnetConfig config = RadnetConfig.of(Map.of(RadnetConfig.BACKEND_PROPERTY, "jblas"), Map.of());

            CliRun run = CliRun.run(ejmlAndBrokenJblas(config)::diagnostics, "backends");

            assertEquals(1, run.exitCode());
            assertEquals("radnet: backend 'jblas' is unavailable: " + GFORTRAN_MISSING, run.err().strip());
            assertEquals(List.of(
                    "default: none (system property radnet.backend)",
                    "problem: backend 'jblas' is unavailable: " + GFORTRAN_MISSING),
                    run.outLines().subList(0, 2));
        }

        @Test
        void aConfiguredAvailableBackendIsTheDefaultAndNoProblemIsShown() {
            BackendRegistry registry = new BackendRegistry(RadnetConfig.of(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "nd4j")))
                    .register(FakeBackendProvider.available("ejml", 0, "0.44.0", false))
                    .register(FakeBackendProvider.available("nd4j", 10, "1.0.0-M2.1", true));

            CliRun run = CliRun.run(registry::diagnostics, "backends");

            assertEquals(List.of(
                    "default: nd4j (environment variable RADNET_BACKEND)",
                    "  BACKEND  VERSION     RUNS       THREADS  STATUS",
                    "* nd4j     1.0.0-M2.1  native     " + threadsColumn(9) + "available",
                    "  ejml     0.44.0      pure Java  " + threadsColumn(9) + "available"), run.outLines());
        }

        @Test
        void aProviderThatFailsToLoadIsShownAsADiscoveryProblemBesideTheOthers(@TempDir Path dir) throws IOException {
            Path services = dir.resolve("META-INF/services/" + BackendProvider.class.getName());
            Files.createDirectories(services.getParent());
            Files.writeString(services, "io.radnet.backend.gone.GoneBackendProvider\n");
            BackendRegistry registry = ejmlAndBrokenJblas(nothingConfigured());
            // sees only the broken service file, not the real backends on the test class path
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                registry.discover(loader);
            }

            CliRun run = CliRun.run(registry::diagnostics, "backends");

            assertEquals(0, run.exitCode());
            List<String> lines = run.outLines();
            assertEquals("* ejml     0.44.0   pure Java  " + threadsColumn(9) + "available", lines.get(lines.size() - 2));
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("discovery problem: java.util.ServiceConfigurationError: "), last);
            assertTrue(last.contains("io.radnet.backend.gone.GoneBackendProvider not found"), last);
        }

        @Test
        void withoutAnyProviderItSaysSoAndThatNoBackendIsAvailable() {
            CliRun run = CliRun.run(new BackendRegistry(nothingConfigured())::diagnostics, "backends");

            assertEquals(1, run.exitCode());
            assertEquals("radnet: no backend is available", run.err().strip());
            assertEquals(List.of(
                    "default: none (highest-priority available backend)",
                    "problem: no backend is available",
                    "no backend providers were found on the class path"), run.outLines());
        }
    }

    @Nested
    class AsJson {
        @Test
        void hasTheDefaultAndOneObjectPerBackendInSelectionOrder() throws IOException {
            JsonNode report = json(CliRun.run(ejmlAndBrokenJblas(nothingConfigured())::diagnostics,
                    "backends", "--json"));

            assertEquals(List.of("default", "sizeRule", "backends", "radnetVersion", "radnetCommit"),
                    fieldNames(report));
            assertEquals("ejml", report.get("default").asText());
            assertEquals("size-aware: every workload on ejml (no native backend is available)",
                    report.get("sizeRule").asText());
            JsonNode backends = report.get("backends");
            assertEquals(2, backends.size());
            for (JsonNode backend : backends) {
                assertEquals(List.of("name", "available", "reason", "version", "native", "threads"),
                        fieldNames(backend));
            }
        }

        @Test
        void anUnavailableBackendHasItsReasonAndNullThreads() throws IOException {
            JsonNode jblas = json(CliRun.run(ejmlAndBrokenJblas(nothingConfigured())::diagnostics,
                    "backends", "--json")).get("backends").get(0);

            assertEquals("jblas", jblas.get("name").asText());
            assertFalse(jblas.get("available").asBoolean());
            assertEquals(GFORTRAN_MISSING, jblas.get("reason").asText());
            assertEquals("1.2.5", jblas.get("version").asText());
            assertTrue(jblas.get("native").asBoolean());
            assertTrue(jblas.get("threads").isNull());
        }

        @Test
        void anAvailableBackendHasReasonAvailableAndItsThreadCount() throws IOException {
            JsonNode ejml = json(CliRun.run(ejmlAndBrokenJblas(nothingConfigured())::diagnostics,
                    "backends", "--json")).get("backends").get(1);

            assertEquals("ejml", ejml.get("name").asText());
            assertTrue(ejml.get("available").asBoolean());
            assertEquals("available", ejml.get("reason").asText());
            assertEquals("0.44.0", ejml.get("version").asText());
            assertFalse(ejml.get("native").asBoolean());
            assertTrue(ejml.get("threads").isInt());
            assertEquals(FakeBackendProvider.THREADS, ejml.get("threads").asInt());
        }

        @Test
        void isPrettyPrinted() {
            CliRun run = CliRun.run(ejmlAndBrokenJblas(nothingConfigured())::diagnostics, "backends", "--json");

            List<String> lines = run.outLines();
            assertEquals("{", lines.get(0));
            assertEquals("  \"default\" : \"ejml\",", lines.get(1));
            assertEquals("}", lines.get(lines.size() - 1));
        }

        @Test
        void aSelectionProblemAppearsAsProblemWithANullDefault() throws IOException {
            RadnetConfig config = RadnetConfig.of(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "nd4j"));

            JsonNode report = jsonOfFailedSetUp(CliRun.run(ejmlAndBrokenJblas(config)::diagnostics, "backends", "--json"));

            assertEquals(List.of("default", "problem", "backends", "radnetVersion", "radnetCommit"),
                    fieldNames(report));
            assertTrue(report.get("default").isNull());
            assertEquals("unknown backend 'nd4j'; known backends: [jblas, ejml]", report.get("problem").asText());
            assertEquals(2, report.get("backends").size());
        }

        @Test
        void withoutAnyProviderTheListIsEmptyAndTheDefaultNull() throws IOException {
            JsonNode report = jsonOfFailedSetUp(CliRun.run(new BackendRegistry(nothingConfigured())::diagnostics,
                    "backends", "--json"));

            assertTrue(report.get("default").isNull());
            assertEquals("no backend is available", report.get("problem").asText());
            assertTrue(report.get("backends").isArray());
            assertEquals(0, report.get("backends").size());
        }
    }

    @Nested
    class WhenDiscoveryItselfFails {
        private CliRun failing(String... args) {
            return CliRun.run(() -> {
                throw new IllegalStateException("cannot read the backend registry");
            }, args);
        }

        @Test
        void itExitsWithOneAndPrintsTheReasonOnOneLineOfErr() {
            CliRun run = failing("backends");

            assertEquals(1, run.exitCode());
            assertEquals("", run.out());
            assertEquals(List.of("radnet: cannot read the backend registry"), run.errLines());
        }

        @Test
        void withStacktraceItAlsoPrintsTheStackTrace() {
            CliRun run = failing("backends", "--stacktrace");

            assertEquals(1, run.exitCode());
            List<String> err = run.errLines();
            assertEquals("radnet: cannot read the backend registry", err.get(0));
            assertEquals("java.lang.IllegalStateException: cannot read the backend registry", err.get(1));
            assertTrue(err.get(2).startsWith("\tat "), run.err());
        }

        @Test
        void stacktraceIsAlsoAcceptedBeforeTheCommand() {
            CliRun run = failing("--stacktrace", "backends");

            assertEquals(1, run.exitCode());
            assertTrue(run.errLines().size() > 2, run.err());
        }
    }
}
