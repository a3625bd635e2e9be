package io.radnet.it;

import static io.radnet.it.BackendSelectionTest.registry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendRegistry;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.KernelCosts;
import io.radnet.api.RadnetConfig;
import io.radnet.api.SizeAwareChoice;
import io.radnet.api.Workload;
import io.radnet.backend.ejml.EjmlBackendProvider;
import io.radnet.backend.jblas.JblasBackendProvider;
import io.radnet.backend.nd4j.Nd4jBackendProvider;
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
    /** The README session's training: (2,16,64,128,16,2) on 441 samples, the subspace pass: largest product 441·272. */
    private static final Workload README_SESSION = Workload.radialNetworkPasses(new int[] {2, 16, 64, 128, 16, 2}, 441);
    /** The full experiment-3 network on the paper's grid, the subspace pass: largest product 14,641·272. */
    private static final Workload FULL_EXPERIMENT3 = Workload.radialNetworkPasses(new int[] {2, 16, 64, 128, 16, 2},
            14_641);
    /** QR-compress of the experiment-3 network: largest product 128·64·4 = 32,768. */
    private static final Workload COMPRESS_EXPERIMENT3 = Workload.qrCompression(new int[] {2, 16, 64, 128, 16, 2});
    /** QR-compress of (784, 2048³, 10): largest product 2048·2048·785. */
    private static final Workload COMPRESS_2048 = Workload.qrCompression(new int[] {784, 2048, 2048, 2048, 10});
    /** Experiment 4's radial network full-batch on 2,000 noisy images: nothing reduces, the dense pass runs. */
    private static final Workload EXPERIMENT4 = Workload.radialNetworkPasses(new int[] {784, 785, 786, 3}, 2000);
    /** The fitness suite's hypernetwork step: the generator (8, 32, 32, 32, 90) on one batch of 200. */
    private static final Workload HYPERNETWORK_STEP = Workload.networkPasses(new int[] {8, 32, 32, 32, 90}, 200);
    /** The fitness suite's RCNet epoch: (2, 100, 100, 100, 100, 100, 1) on 20 batches of 500. */
    private static final Workload RCNET_EPOCH = Workload.networkPasses(new int[] {2, 100, 100, 100, 100, 100, 1}, 500)
            .withSteps(20);
    /** Costs like ND4J's: dear tensors (off-heap), the fastest products, slower QR-compress, dearer entries. */
    private static final KernelCosts DEAR_TENSORS = new KernelCosts(12_000, 0.040, 0.50, 0.50, 2.0, 0, 2.0);
    /** Costs like JBLAS's: cheap tensors (heap arrays), slower products, faster QR-compress, cheaper entries. */
    private static final KernelCosts CHEAP_TENSORS = new KernelCosts(1_300, 0.045, 0.28, 0.28, 1.0, 0, 1.0);

    @Test
    void theMeasureIsTheLargestProductOfTheWork() {
        assertEquals(64L * 784 * 256, MLP_EPOCH.largestProductMultiplyAdds());
        assertEquals(14_641L * 5 * 6, REDUCED_EXPERIMENT3.largestProductMultiplyAdds());
        assertEquals(441L * 272, README_SESSION.largestProductMultiplyAdds(), "e₁·e₂ = 16·17, the subspace pass");
        assertEquals(14_641L * 272, FULL_EXPERIMENT3.largestProductMultiplyAdds());
        assertTrue(FULL_EXPERIMENT3.subspacePass(), FULL_EXPERIMENT3.toString());
        assertFalse(REDUCED_EXPERIMENT3.subspacePass(), "nothing to reduce: the dense (fused) pass");
        assertEquals(2000L * 785 * 786, EXPERIMENT4.largestProductMultiplyAdds(), "the dense pass");
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
        assertFalse(SizeAwareChoice.prefersNative(FULL_EXPERIMENT3), "its subspace pass has the reduced widths");
        assertTrue(SizeAwareChoice.prefersNative(EXPERIMENT4), EXPERIMENT4.toString());
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
    void largeWorkWithoutDeclaredCostsRunsOnTheHighestPriorityAvailableNativeBackend() {
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
    void theWorkCountsItsMultiplyAddsAndTensors() {
        assertEquals(3L * 64 * (784 * 256 + 256 * 256 + 256 * 10), MLP_EPOCH.multiplyAdds(),
                "the forward product and the two backward ones of every layer");
        assertEquals(157L * MLP_EPOCH.multiplyAdds(), MLP_EPOCH.withSteps(157).multiplyAdds());
        assertEquals(3L * Workload.TENSORS_PER_LAYER, MLP_EPOCH.withSteps(157).tensors(), "allocated once per run");
        assertEquals(14_641L * 1109, FULL_EXPERIMENT3.multiplyAdds(),
                "per sample Σ d_i d_{i−1} + e_i d_{i−1} (+ e_i e_{i+1} + e_i d_i): 358 + 352 + 241 + 134 + 24");
        long compress = 0;
        int[] n = {784, 2048, 2048, 2048, 10};
        long reduced = 784;
        for (int i = 1; i < 4; i++) {
            long augmented = reduced + 1;
            reduced = Math.min(n[i], augmented);
            compress += 2L * n[i] * augmented * augmented + (long) n[i + 1] * n[i] * reduced;
        }
        assertEquals(compress, COMPRESS_2048.multiplyAdds(), "economy QR with its Q, then W_{i+1}·Q_i");
        assertEquals(4L * Workload.TENSORS_PER_COMPRESSED_LAYER, COMPRESS_2048.tensors());
        assertEquals("network passes of [784, 256, 256, 10] on batches of 64, 157 steps",
                MLP_EPOCH.withSteps(157).toString());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> MLP_EPOCH.withSteps(0));
        assertEquals("withSteps: the steps must be ≥ 1, got 0", steps.getMessage());
        IllegalArgumentException cost = assertThrows(IllegalArgumentException.class,
                () -> new KernelCosts(1, Double.NaN, 1, 1, 1, 0, 1));
        assertEquals("KernelCosts: nanosPerMultiplyAdd must be finite and ≥ 0, got NaN", cost.getMessage());
        IllegalArgumentException entry = assertThrows(IllegalArgumentException.class,
                () -> new KernelCosts(1, 1, 1, 1, -0.5, 0, 1));
        assertEquals("KernelCosts: nanosPerEntry must be finite and ≥ 0, got -0.5", entry.getMessage());
        IllegalArgumentException call = assertThrows(IllegalArgumentException.class,
                () -> new KernelCosts(1, 1, 1, 1, 1, Double.POSITIVE_INFINITY, 1));
        assertEquals("KernelCosts: nanosPerProductCall must be finite and ≥ 0, got Infinity", call.getMessage());
        IllegalArgumentException dense = assertThrows(IllegalArgumentException.class,
                () -> new KernelCosts(1, 1, 1, 1, 1, 0, -1));
        assertEquals("KernelCosts: nanosPerDenseEntry must be finite and ≥ 0, got -1.0", dense.getMessage());
        assertEquals(0, MLP_EPOCH.entries(), "network passes count their products only");
    }

    @Test
    void theChoiceReadsEachBackendsCostsAtTheThreadCountOfTheWork() {
        StubProvider twoCores = StubProvider.available("two-cores", 7).withCosts(DEAR_TENSORS)
                .withCostsOnSeveralThreads(new KernelCosts(12_000, 0.020, 0.20, 0.20, 2.0, 0, 2.0));
        StubProvider oneCore = StubProvider.available("one-core", 6).withCosts(CHEAP_TENSORS);
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(), twoCores, oneCore);
        assertSame(r.get("one-core"), r.defaultBackendFor(COMPRESS_2048, 1), "on one thread the faster QR-compress");
        assertSame(r.get("two-cores"), r.defaultBackendFor(COMPRESS_2048, 2), "on two, the one that uses them");
        assertEquals(List.of("two-cores", "one-core"), SizeAwareChoice.nativeOrder(COMPRESS_2048, 4,
                List.of(oneCore, twoCores)).stream().map(BackendProvider::name).toList());
        assertSame(r.get("ejml"), r.defaultBackendFor(REDUCED_EXPERIMENT3, 2), "small work stays on the default");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> r.defaultBackendFor(COMPRESS_2048, 0));
        assertEquals("defaultBackendFor: threads must be at least 1, got 0", none.getMessage());
        BackendRegistry property = registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "one-core"), Map.of(),
                new EjmlBackendProvider(), twoCores, oneCore);
        assertSame(property.get("one-core"), property.defaultBackendFor(COMPRESS_2048, 2),
                "an explicit choice wins at any thread count");
    }

    @Test
    void largeWorkRunsOnTheNativeBackendWithTheLeastEstimatedTime() {
        StubProvider dear = StubProvider.available("dear", 7).withCosts(DEAR_TENSORS);
        StubProvider cheap = StubProvider.available("cheap", 6).withCosts(CHEAP_TENSORS);
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(), dear, cheap);
        assertSame(r.get("cheap"), r.defaultBackendFor(HYPERNETWORK_STEP),
                "one step of small products: the 40 tensors cost more than the products on dear");
        assertSame(r.get("dear"), r.defaultBackendFor(MLP_EPOCH.withSteps(157)), "products dominate a run");
        assertSame(r.get("dear"), r.defaultBackendFor(RCNET_EPOCH));
        assertSame(r.get("cheap"), r.defaultBackendFor(COMPRESS_2048), "the faster QR-compress");
        assertTrue(DEAR_TENSORS.estimatedNanos(HYPERNETWORK_STEP) > CHEAP_TENSORS.estimatedNanos(HYPERNETWORK_STEP));

        BackendRegistry undeclaredFirst = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("undeclared", 9), StubProvider.available("declared", 5).withCosts(DEAR_TENSORS));
        assertSame(undeclaredFirst.get("declared"), undeclaredFirst.defaultBackendFor(MLP_EPOCH),
                "backends with measured costs come before those without, whatever their priority");

        StubProvider cheapButMissing = StubProvider.unavailable("cheap", 6, MISSING).withCosts(CHEAP_TENSORS);
        BackendRegistry missing = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("dear", 7).withCosts(DEAR_TENSORS), cheapButMissing);
        assertSame(missing.get("dear"), missing.defaultBackendFor(HYPERNETWORK_STEP),
                "the cheapest is skipped when it cannot run");
        assertSame(missing.get("ejml"), missing.defaultBackendFor(REDUCED_EXPERIMENT3));
    }

    /**
     * A run of {@code steps} steps of a dense network whose one product of 262,144 multiply-adds
     * is followed by passes over {@code entriesPerCall} dense entries.
     */
    private static Workload denseRun(long entriesPerCall, long steps) {
        return Workload.denseLayerPasses(new int[] {64, 64, 64}, 64, new long[] {262_144L}, entriesPerCall, 0)
                .withSteps(steps);
    }

    @Test
    void productCallsAndDenseEntriesAreCountedAndPricedApartFromAConvolutionsEntries() {
        Workload dense = Workload.denseLayerPasses(new int[] {8, 32, 90}, 200, new long[] {51_200, 0, 576_000}, 9_000,
                20).withSteps(7);
        assertEquals(7 * 2, dense.productCalls(), "a product of 0 multiply-adds is no call");
        assertEquals(7 * 9_000, dense.entries());
        assertEquals(7 * 9_000, dense.denseEntries(), "every entry of dense layers' passes is a dense entry");
        Workload convolution = Workload.layerPasses(new int[] {8, 32, 90}, 200, new long[] {51_200, 576_000}, 9_000,
                20).withSteps(7);
        assertEquals(0, convolution.denseEntries());
        assertEquals(7 * 9_000, convolution.entries());
        Workload both = dense.followedBy(convolution);
        assertEquals(28, both.productCalls());
        assertEquals(2 * 7 * 9_000, both.entries());
        assertEquals(7 * 9_000, both.denseEntries());
        assertEquals(7L * Workload.PRODUCT_CALLS_PER_LAYER * 3, MLP_EPOCH.withSteps(7).productCalls(),
                "three products per layer and step");
        assertEquals(3, Workload.qrCompression(new int[] {784, 1024, 1024, 1024, 10}).productCalls(),
                "one product W_{i+1}·Q_i per hidden layer");

        KernelCosts costs = new KernelCosts(100, 0.04, 0.5, 0.5, 3.0, 20_000, 0.5);
        assertEquals(20 * 100 + 7 * 627_200 * 0.04 + 14 * 20_000 + 7 * 9_000 * 0.5, costs.estimatedNanos(dense), 1e-6);
        assertEquals(20 * 100 + 7 * 627_200 * 0.04 + 14 * 20_000 + 7 * 9_000 * 3.0, costs.estimatedNanos(convolution),
                1e-6);
        assertEquals(costs.estimatedNanos(dense) + costs.estimatedNanos(convolution), costs.estimatedNanos(both), 1e-6);
    }

    @Test
    void aPickFlipsWhereTheCostOfACallEqualsTheDenseEntriesItSaves() {
        // "calls": dear product calls, cheap dense entries (like ND4J on several threads);
        // "entries": cheap calls, dear dense entries (like JBLAS). Equal otherwise, so "calls" is the
        // cheaper from (40,000 − 4,000) / (0.6 − 0.2) = 90,000 dense entries per call on.
        KernelCosts dearCalls = new KernelCosts(1_000, 0.04, 0.5, 0.5, 1.0, 40_000, 0.2);
        KernelCosts dearEntries = new KernelCosts(1_000, 0.04, 0.5, 0.5, 1.0, 4_000, 0.6);
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("calls", 7).withCosts(dearCalls),
                StubProvider.available("entries", 6).withCosts(dearEntries));
        assertTrue(SizeAwareChoice.prefersNative(denseRun(1, 1)), "262,144 multiply-adds: native work");
        assertSame(r.get("entries"), r.defaultBackendFor(denseRun(89_000, 1_000)), "below the crossover");
        assertSame(r.get("calls"), r.defaultBackendFor(denseRun(91_000, 1_000)), "above it");
        assertEquals(dearCalls.estimatedNanos(denseRun(90_000, 1_000)), dearEntries.estimatedNanos(denseRun(90_000,
                1_000)), 1e-6, "at the crossover the estimates tie");

        // The thread effect: the same provider's calls cost ten times more on several threads.
        StubProvider threaded = StubProvider.available("threaded", 7)
                .withCosts(new KernelCosts(1_000, 0.04, 0.5, 0.5, 1.0, 4_000, 0.2)).withCostsOnSeveralThreads(dearCalls);
        BackendRegistry t = registry(Map.of(), Map.of(), new EjmlBackendProvider(), threaded,
                StubProvider.available("entries", 6).withCosts(dearEntries));
        Workload run = denseRun(50_000, 1_000);
        assertSame(t.get("threaded"), t.defaultBackendFor(run, 1), "one thread: cheap calls and cheap entries");
        assertSame(t.get("entries"), t.defaultBackendFor(run, 2), "two: 50,000 entries per call save less than a call costs");
        assertSame(t.get("threaded"), t.defaultBackendFor(denseRun(100_000, 1_000), 2),
                "on two threads too, once a call's entries save more than it costs");
    }

    @Test
    void aQrMultiplyAddCostsWhatItWasMeasuredAtOnTheLineBetweenTheTwoNetworksInLogSize() {
        KernelCosts growing = new KernelCosts(0, 0, 0.04, 0.05, 0, 0, 0);
        long small = KernelCosts.SMALL_QR_REFERENCE.multiplyAdds();
        long large = KernelCosts.LARGE_QR_REFERENCE.multiplyAdds();
        assertEquals(Workload.qrCompression(new int[] {784, 1024, 1024, 1024, 10}).multiplyAdds(), small);
        assertEquals(COMPRESS_2048.multiplyAdds(), large);
        assertEquals(0.04, growing.nanosPerQrMultiplyAdd(small), 1e-15);
        assertEquals(0.05, growing.nanosPerQrMultiplyAdd(large), 1e-15);
        long middle = Math.round(Math.sqrt((double) small * large));
        assertEquals(0.045, growing.nanosPerQrMultiplyAdd(middle), 1e-12, "halfway in log m");
        assertEquals(0.04, growing.nanosPerQrMultiplyAdd(COMPRESS_EXPERIMENT3.multiplyAdds()), 1e-15,
                "held at the nearer measurement below the small network");
        assertEquals(0.05, growing.nanosPerQrMultiplyAdd(4 * large), 1e-15, "and above the large one");
        assertEquals(0.05 * large, growing.estimatedNanos(COMPRESS_2048), 1e-6 * large);
        assertEquals(3 * 0.05 * large, growing.estimatedNanos(COMPRESS_2048.withSteps(3)), 1e-6 * large,
                "the cost per multiply-add is read at the size of one compression");
    }

    @Test
    void theShippedCostsPutEachFitnessWorkloadOnItsFastestMeasuredBackend() {
        BackendRegistry r = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                new Nd4jBackendProvider(), new JblasBackendProvider());
        List<BackendProvider> natives = List.of(new Nd4jBackendProvider(),
                new JblasBackendProvider());
        assertEquals("jblas", SizeAwareChoice.nativeOrder(HYPERNETWORK_STEP, natives).get(0).name());
        assertEquals("nd4j", SizeAwareChoice.nativeOrder(MLP_EPOCH.withSteps(157), natives).get(0).name());
        assertEquals("nd4j", SizeAwareChoice.nativeOrder(RCNET_EPOCH, natives).get(0).name());
        assertEquals("jblas", SizeAwareChoice.nativeOrder(Workload.qrCompression(new int[] {784, 1024, 1024, 1024, 10}),
                1, natives).get(0).name());
        assertEquals("jblas", SizeAwareChoice.nativeOrder(COMPRESS_2048, 1, natives).get(0).name());
        assertEquals("jblas", SizeAwareChoice.nativeOrder(Workload.qrCompression(
                new int[] {784, 1024, 1024, 1024, 10}), 2, natives).get(0).name(),
                "quiet fitness run, all cores: jblas 219 ms, nd4j 244 ms (least of 9: 197 and 232)");
        assertEquals("nd4j", SizeAwareChoice.nativeOrder(COMPRESS_2048, 2, natives).get(0).name());
        assertSame(r.get("ejml"), r.defaultBackendFor(FULL_EXPERIMENT3));
        assertSame(r.get("ejml"), r.defaultBackendFor(REDUCED_EXPERIMENT3));
    }

    @Test
    void theDiagnosticsSayHowTheDefaultChoosesBySize() {
        BackendDiagnostics withNative = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("fast", 6), StubProvider.unavailable("broken", 7, MISSING)).diagnostics();
        assertTrue(withNative.sizeRule().startsWith("size-aware: ejml for small work; from a largest product"),
                withNative.sizeRule());
        assertTrue(withNative.sizeRule().endsWith("least estimated time for the work's tensors, multiply-adds, product "
                + "calls and memory-bound entries: fast (no measured costs)"), withNative.sizeRule());
        BackendDiagnostics withCosts = registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("fast", 6).withCosts(CHEAP_TENSORS)).diagnostics();
        assertTrue(withCosts.sizeRule().endsWith(": fast (1,300 ns/tensor, 0.0450 ns/product multiply-add, "
                + "0 ns/product call, 0.2800–0.2800 ns/QR multiply-add, 1.000 ns/convolution entry, 1.000 ns/dense "
                + "entry)"), withCosts.sizeRule());
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
