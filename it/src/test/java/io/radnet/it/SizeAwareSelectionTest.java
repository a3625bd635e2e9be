package io.radnet.it;

import static io.radnet.it.BackendSelectionTest.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.RadnetConfig;
import io.radnet.api.SizeAwareChoice;
import io.radnet.api.Workload;
import io.radnet.backend.ejml.EjmlBackendProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The size-aware default ({@link BackendRegistry#defaultBackendFor(Workload)}): small work on
 * the pure-Java default, large work on the highest-priority available native backend; it never
 * picks a backend that cannot run, and an explicit choice (name, property, variable) is never
 * overridden.
 */
class SizeAwareSelectionTest {
    private static final String MISSING = "libgfortran.so.5 missing — install the libgfortran5 package";
    /** The MLP epoch of the fitness suite: largest product 64·784·256 = 12,845,056 multiply-adds. */
    private static final Workload MLP_EPOCH = Workload.networkPasses(new int[] {784, 256, 256, 10}, 64);
    /** The reduced experiment-3 network, full batch: largest product 14,641·5·6 = 439,230. */
    private static final Workload REDUCED_EXPERIMENT3 = Workload.radialNetworkPasses(new int[] {2, 3, 4, 5, 6, 2},
            14_641);
    /** The README session's training: (2,16,64,128,16,2) on 441 samples, largest product 3,612,672. */
    private static final Workload README_SESSION = Workload.radialNetworkPasses(new int[] {2, 16, 64, 128, 16, 2}, 441);
    /** The full experiment-3 network on the paper's grid: largest product 14,641·64·128. */
    private static final Workload FULL_EXPERIMENT3 = Workload.radialNetworkPasses(new int[] {2, 16, 64, 128, 16, 2},
            14_641);
    /** QR-compress of the experiment-3 network: largest product 128·64·4 = 32,768. */
    private static final Workload COMPRESS_EXPERIMENT3 = Workload.qrCompression(new int[] {2, 16, 64, 128, 16, 2});
    /** QR-compress of (784, 2048³, 10): largest product 2048·2048·785. */
    private static final Workload COMPRESS_2048 = Workload.qrCompression(new int[] {784, 2048, 2048, 2048, 10});

    @Test
    void theMeasureIsTheLargestProductOfTheWork() {
        assertEquals(64L * 784 * 256, MLP_EPOCH.largestProductMultiplyAdds());
        assertEquals(14_641L * 5 * 6, REDUCED_EXPERIMENT3.largestProductMultiplyAdds());
        assertEquals(441L * 64 * 128, README_SESSION.largestProductMultiplyAdds());
        assertEquals(128L * 64 * 4, COMPRESS_EXPERIMENT3.largestProductMultiplyAdds(),
                "W₃·Q₂ with Q₂ of 64 × n^red_2 = 64 × 4");
        assertEquals(2048L * 2048 * 786, COMPRESS_2048.largestProductMultiplyAdds(),
                "W₃·Q₂ with n^red_2 = min(2048, 785 + 1)");
        Workload huge = Workload.networkPasses(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, Integer.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, huge.largestProductMultiplyAdds(), "saturates instead of overflowing");
    }

    @Test
    void badWorkloadsAreRefusedNamingTheProblem() {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> Workload.networkPasses(new int[] {2, 0, 2}, 8));
        assertEquals("networkPasses: width n_1 must be ≥ 1, got [2, 0, 2]", width.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> Workload.networkPasses(new int[] {2, 2}, 0));
        assertEquals("networkPasses: batch must be ≥ 1, got 0", batch.getMessage());
        IllegalArgumentException radialBatch = assertThrows(IllegalArgumentException.class,
                () -> Workload.radialNetworkPasses(new int[] {2, 2}, -1));
        assertEquals("radialNetworkPasses: batch must be ≥ 1, got -1", radialBatch.getMessage());
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
                () -> Workload.qrCompression(new int[] {3}));
        assertEquals("qrCompression: a network needs at least two widths, got [3]", layers.getMessage());
    }

    @Test
    void theRadialPapersNetworksStayOnThePureJavaDefaultAndWideWorkGoesNative() {
        assertFalse(SizeAwareChoice.prefersNative(REDUCED_EXPERIMENT3), REDUCED_EXPERIMENT3.toString());
        assertFalse(SizeAwareChoice.prefersNative(COMPRESS_EXPERIMENT3), COMPRESS_EXPERIMENT3.toString());
        assertFalse(SizeAwareChoice.prefersNative(Workload.radialNetworkPasses(new int[] {1, 6, 7, 1}, 121)),
                "experiments 1 and 2 of the radial paper");
        assertFalse(SizeAwareChoice.prefersNative(README_SESSION), "the README session stays bitwise EJML's");
        assertTrue(SizeAwareChoice.prefersNative(FULL_EXPERIMENT3), FULL_EXPERIMENT3.toString());
        assertTrue(SizeAwareChoice.prefersNative(MLP_EPOCH), MLP_EPOCH.toString());
        assertTrue(SizeAwareChoice.prefersNative(COMPRESS_2048), COMPRESS_2048.toString());
    }

    @Test
    void smallWorkRunsOnThePureJavaDefaultWithoutLoadingANativeBackend() {
        StubProvider fast = StubProvider.available("fast", 5);
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(), fast);
        assertSame(r.get("ejml"), r.defaultBackendFor(REDUCED_EXPERIMENT3));
        assertSame(r.get("ejml"), r.defaultBackendFor(COMPRESS_EXPERIMENT3));
        assertEquals(0, fast.probes.get(), "small work never probes a native backend ranked below EJML");
    }

    @Test
    void largeWorkRunsOnTheHighestPriorityAvailableNativeBackend() {
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(), StubProvider.available("low", 5),
                StubProvider.available("high", 6));
        assertSame(r.get("high"), r.defaultBackendFor(MLP_EPOCH));
        assertSame(r.get("high"), r.defaultBackendFor(COMPRESS_2048));
        assertSame(r.get("ejml"), r.defaultBackend(), "work without a size keeps the priority rule");
    }

    @Test
    void theDefaultNeverPicksABackendThatCannotRun() {
        StubProvider missing = StubProvider.unavailable("jblas", 6, MISSING);
        BackendRegistry onlyBroken = registry(Map.of(), Map.of(), new EjmlBackendProvider(), missing,
                StubProvider.failingToStart("nd4j", 5));
        assertSame(onlyBroken.get("ejml"), onlyBroken.defaultBackendFor(MLP_EPOCH),
                "without loadable native libraries large work runs in pure Java");
        assertSame(onlyBroken.get("ejml"), onlyBroken.defaultBackendFor(COMPRESS_2048));
        assertEquals(1, missing.probes.get(), "probed once, then cached");

        BackendRegistry oneBroken = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.failingToStart("high", 7), StubProvider.available("low", 5));
        assertSame(oneBroken.get("low"), oneBroken.defaultBackendFor(MLP_EPOCH),
                "a native backend that fails to start is skipped for the next one");
    }

    @Test
    void anExplicitChoiceIsNeverOverriddenBySize() {
        StubProvider fast = StubProvider.available("fast", 6);
        BackendRegistry property = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "ejml"),
                Map.of(RadnetConfig.BACKEND_ENV, "fast"), new EjmlBackendProvider(), fast);
        assertSame(property.get("ejml"), property.defaultBackendFor(MLP_EPOCH), "the property wins over size");
        assertSame(property.get("ejml"), property.defaultBackendFor(COMPRESS_2048));

        BackendRegistry env = registry(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "fast"), new EjmlBackendProvider(),
                StubProvider.available("fast", 6));
        assertSame(env.get("fast"), env.defaultBackendFor(REDUCED_EXPERIMENT3),
                "the variable wins over size: small work follows it too");

        BackendRegistry unavailable = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "jblas"), Map.of(),
                new EjmlBackendProvider(), StubProvider.unavailable("jblas", 6, MISSING));
        assertThrows(BackendUnavailableException.class, () -> unavailable.defaultBackendFor(REDUCED_EXPERIMENT3),
                "a configured backend that cannot run fails, it never falls back by size");
    }

    @Test
    void theDiagnosticsSayHowTheDefaultChoosesBySize() {
        BackendDiagnostics withNative = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("fast", 6), StubProvider.unavailable("broken", 7, MISSING)).diagnostics();
        assertEquals(SizeAwareChoice.describe("ejml", "fast"), withNative.sizeRule());
        assertTrue(withNative.sizeRule().startsWith("size-aware: ejml for small work; fast from a largest product"),
                withNative.sizeRule());
        assertTrue(withNative.toString().contains(withNative.sizeRule()), withNative.toString());

        BackendDiagnostics pureJava = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.unavailable("broken", 7, MISSING)).diagnostics();
        assertEquals("size-aware: every workload on ejml (no native backend is available)", pureJava.sizeRule());

        BackendDiagnostics configured = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "ejml"), Map.of(),
                new EjmlBackendProvider(), StubProvider.available("fast", 6)).diagnostics();
        assertNull(configured.sizeRule(), "a configured backend runs every workload");
        assertEquals(List.of("ejml", "fast"), configured.backends().stream().map(d -> d.name()).sorted().toList());
    }
}
