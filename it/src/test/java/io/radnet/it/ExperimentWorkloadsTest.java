package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.experiments.EmbeddingDimensionExperiment;
import io.radnet.experiments.HypernetExperiment;
import io.radnet.experiments.RcnetExperiment;
import io.radnet.experiments.RotationExperiment;
import io.radnet.experiments.WidthSweepExperiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The work the parameter-sharing experiments describe to the size-aware default
 * ({@code Settings.workload()} of the hypernet, rcnet, rotation, width-sweep and embedding-dim
 * experiments, summed with {@link Workload#followedBy}), and the default's rules applied to it.
 */
class ExperimentWorkloadsTest {
    /** Costs like ND4J's: dear tensors (off-heap), the fastest products. */
    private static final KernelCosts DEAR_TENSORS = new KernelCosts(12_000, 0.040, 0.50, 0.50, 2.0, 0, 2.0);
    /** Costs like JBLAS's: cheap tensors (heap arrays), slower products. */
    private static final KernelCosts CHEAP_TENSORS = new KernelCosts(1_300, 0.045, 0.28, 0.28, 1.0, 0, 1.0);

    /**
     * @return the multiply-adds of one training step of an MLP: B·n_{i−1}·n_i forward and for the
     *     weight gradient of every layer, and for the input gradient of every layer but the first
     */
    private static long products(int batch, int... widths) {
        long sum = 2L * widths[0] * widths[1];
        for (int i = 2; i < widths.length; i++) {
            sum += 3L * widths[i - 1] * widths[i];
        }
        return batch * sum;
    }

    /**
     * @return the entries of one training step of an MLP: the batch and the loss gradient
     *     B·(n₀ + n_L), per layer the bias and its gradient 2·B·n_i, the activation of a hidden
     *     layer 2·B·n_i, the optimizer's pass over the parameters n_i·(n_{i−1} + 1)
     */
    private static long entries(int batch, int... widths) {
        long sum = (long) batch * (widths[0] + widths[widths.length - 1]);
        for (int i = 1; i < widths.length; i++) {
            sum += 2L * batch * widths[i] + (long) widths[i] * (widths[i - 1] + 1);
            if (i < widths.length - 1) {
                sum += 2L * batch * widths[i];
            }
        }
        return sum;
    }

    /**
     * @return the entries of one step of a primary network with generated weights: per layer
     *     4·B·n_{i−1}·n_i (copy out of θ, the per-sample product, the outer product, copy into θ's
     *     gradient), one more for the transposed product of every layer but the first, and 2·B·n_i
     *     for a hidden layer's activation
     */
    private static long primaryEntries(int batch, int... widths) {
        long sum = 0;
        for (int i = 1; i < widths.length; i++) {
            sum += (i > 1 ? 5L : 4L) * batch * widths[i - 1] * widths[i];
            if (i < widths.length - 1) {
                sum += 2L * batch * widths[i];
            }
        }
        return sum;
    }

    @Test
    void aTrainingStepCountsItsProductsAndMemoryBoundEntries() {
        // The hypernet experiment's default f (8, 32, 32, 32, 90) and g (8, 10, 1) at B = 200, by hand.
        assertEquals(200L * (2 * 8 * 32 + 3 * (32 * 32 + 32 * 32 + 32 * 90)), products(200, 8, 32, 32, 32, 90));
        assertEquals(3_059_200, products(200, 8, 32, 32, 32, 90));
        assertEquals(200 * (8 + 90) + 2 * 200 * (32 + 32 + 32 + 90) + 2 * 200 * (3 * 32)
                + (32 * 9 + 32 * 33 + 32 * 33 + 90 * 33), entries(200, 8, 32, 32, 32, 90));
        assertEquals(137_770, entries(200, 8, 32, 32, 32, 90));
        assertEquals(4 * 200 * 80 + 5 * 200 * 10 + 2 * 200 * 10, primaryEntries(200, 8, 10, 1));
        HypernetExperiment.Settings one = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                new int[] {4}, 1, 8, 8, 32, 10, 200, 10, 1, 200, 0.01);
        Workload step = one.workload();
        assertEquals(Workload.Kind.LAYER_PASSES, step.kind());
        assertEquals(products(200, 8, 32, 32, 32, 90) * 2 + products(200, 98, 10, 1), step.multiplyAdds(),
                "f, e and q; g calls no product");
        assertEquals(entries(200, 8, 32, 32, 32, 90) * 2 + primaryEntries(200, 8, 10, 1) + entries(200, 98, 10, 1),
                step.entries());
        assertEquals((4 + 2 + 4 + 2) * (long) Workload.TENSORS_PER_LAYER, step.tensors());
        assertEquals(4, step.pieces());
    }

    @Test
    void followedBySumsTheWorkAndKeepsTheLargestProduct() {
        Workload first = Workload.networkPasses(new int[] {8, 32, 90}, 200).withSteps(50);
        Workload second = Workload.networkPasses(new int[] {784, 10, 12}, 100).withSteps(7);
        Workload both = first.followedBy(second);
        assertEquals(first.multiplyAdds() + second.multiplyAdds(), both.multiplyAdds());
        assertEquals(first.tensors() + second.tensors(), both.tensors(), "each piece allocates its own");
        assertEquals(0, both.entries());
        assertEquals(100L * 784 * 10, both.largestProductMultiplyAdds());
        assertEquals(Math.max(first.largestProductMultiplyAdds(), second.largestProductMultiplyAdds()),
                both.largestProductMultiplyAdds());
        assertEquals(1, both.steps());
        assertEquals(2, both.pieces());
        assertEquals(3, both.followedBy(first).pieces());
        assertEquals(2 * both.multiplyAdds(), both.withSteps(2).multiplyAdds());
        assertEquals("2 pieces of work, the largest network passes of [784, 10, 12] on batches of 100",
                both.toString());
        assertEquals("2 pieces of work, the largest network passes of [784, 10, 12] on batches of 100, all repeated 3 times",
                both.withSteps(3).toString());
        assertEquals(1, first.pieces());

        IllegalArgumentException kinds = assertThrows(IllegalArgumentException.class,
                () -> first.followedBy(Workload.radialNetworkPasses(new int[] {2, 3, 2}, 10)));
        assertEquals("followedBy: only passes of one kind are summed, got NETWORK_PASSES and RADIAL_NETWORK_PASSES",
                kinds.getMessage());
        Workload compress = Workload.qrCompression(new int[] {2, 3, 2});
        IllegalArgumentException qr = assertThrows(IllegalArgumentException.class, () -> compress.followedBy(compress));
        assertEquals("followedBy: only passes of one kind are summed, got QR_COMPRESSION and QR_COMPRESSION",
                qr.getMessage());
        assertThrows(NullPointerException.class, () -> first.followedBy(null));
    }

    @Test
    void theHypernetSweepIsEveryRunsGeneratorPrimaryEmbeddingAndHead() {
        // Type I, depths 1 and 2, 2 seeds; d_x = d_I = 3, width 5, primary hidden 4 (N_g = 3·4 + 4·1 = 16);
        // 50 samples in batches of 20: 3 steps per epoch, 2 epochs.
        HypernetExperiment.Settings s = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                new int[] {1, 2}, 2, 3, 3, 5, 4, 50, 10, 2, 20, 0.01);
        long steps = 3 * 2;
        long depth1 = products(20, 3, 16) * 2 + products(20, 3 + 16, 4, 1);
        long depth2 = products(20, 3, 5, 16) * 2 + products(20, 3 + 16, 4, 1);
        long entries1 = entries(20, 3, 16) * 2 + primaryEntries(20, 3, 4, 1) + entries(20, 3 + 16, 4, 1);
        long entries2 = entries(20, 3, 5, 16) * 2 + primaryEntries(20, 3, 4, 1) + entries(20, 3 + 16, 4, 1);
        Workload work = s.workload();
        assertEquals(Workload.Kind.LAYER_PASSES, work.kind());
        assertEquals(2 * steps * (depth1 + depth2), work.multiplyAdds(), "2 seeds of each depth");
        assertEquals(2 * steps * (entries1 + entries2), work.entries());
        assertEquals(20L * 5 * 16, work.largestProductMultiplyAdds(), "f's and e's last layer at depth 2");
        assertEquals(2L * (1 + 2 + 1 + 2 + 2 + 2 + 2 + 2) * Workload.TENSORS_PER_LAYER, work.tensors(),
                "per seed, the layers of depth 1's f, g, e, q and depth 2's, 10 tensors each");
        assertEquals(16, work.pieces(), "2 depths × 2 seeds × 2 models × 2 parts");
    }

    @Test
    void theRcnetSweepIsEveryRunsUnrolledNetworkOnBothTasks() {
        // r = 1, 3; 1 seed; approximation n = 6, 40 samples in batches of 16 (3 steps), 2 epochs;
        // spirals n = 5, 30 samples in batches of 30 (1 step), 4 epochs.
        RcnetExperiment.Settings s = new RcnetExperiment.Settings(new int[] {1, 3}, 1, 6, 40, 10, 2, 16, 0.01,
                5, 2, 30, 10, 4, 30, 0.01);
        long approximation = 3 * 2 * (products(16, 2, 6, 6, 1) + products(16, 2, 6, 6, 6, 6, 1));
        long spiral = 4 * (products(30, 2, 5, 5, 2) + products(30, 2, 5, 5, 5, 5, 2));
        assertEquals(approximation + spiral, s.workload().multiplyAdds(), "L₁, r applications of g, L₂");
        assertEquals(3 * 2 * (entries(16, 2, 6, 6, 1) + entries(16, 2, 6, 6, 6, 6, 1))
                + 4 * (entries(30, 2, 5, 5, 2) + entries(30, 2, 5, 5, 5, 5, 2)), s.workload().entries());
        assertEquals(30L * 5 * 5, s.workload().largestProductMultiplyAdds());
        Workload defaults = RcnetExperiment.Settings.defaults().workload();
        assertEquals(100L * 50 * 50, defaults.largestProductMultiplyAdds(), "g's layer at n = 50, batch 100");
    }

    @Test
    void theRotationSweepIsEveryRunsGeneratorPrimaryEmbeddingAndHead() {
        RotationExperiment.Settings s = new RotationExperiment.Settings(new int[] {2}, 1, 7, 3, 100, 10, 1, 64, 0.01,
                RotationExperiment.Settings.defaults().initialization());
        int generated = 784 * 3 + 3 * 12;
        long steps = 2;
        long expected = steps * (2 * products(64, 784, 7, generated) + products(64, 784 + generated, 3, 12));
        assertEquals(expected, s.workload().multiplyAdds());
        assertEquals(steps * (2 * entries(64, 784, 7, generated) + primaryEntries(64, 784, 3, 12)
                + entries(64, 784 + generated, 3, 12)), s.workload().entries());
        assertEquals(64L * 7 * generated, s.workload().largestProductMultiplyAdds(), "f's and e's last layer");
        assertEquals(64L * 50 * 7960, RotationExperiment.Settings.defaults().workload().largestProductMultiplyAdds());
    }

    @Test
    void theWidthSweepIsEveryWidthsRun() {
        WidthSweepExperiment.Settings s = new WidthSweepExperiment.Settings(new int[] {1, 4}, List.of("elu", "relu"), 1,
                130, 10, 2, 64, 1.0);
        long steps = 3 * 2;
        assertEquals(2 * steps * (products(64, 784, 1, 10) + products(64, 784, 4, 10)), s.workload().multiplyAdds());
        assertEquals(2 * steps * (entries(64, 784, 1, 10) + entries(64, 784, 4, 10)), s.workload().entries());
        assertEquals(64L * 784 * 4, s.workload().largestProductMultiplyAdds());
        assertEquals(64L * 784 * 29, WidthSweepExperiment.Settings.defaults().workload().largestProductMultiplyAdds());
    }

    @Test
    void theEmbeddingDimensionSweepIsEveryRunsGeneratorPrimaryEmbeddingAndHead() {
        EmbeddingDimensionExperiment.Settings s = new EmbeddingDimensionExperiment.Settings(
                List.of(HypernetworkTargets.Type.I), new int[] {6}, 1, 4, 5, 3, 20, 10, 1, 20, 0.01,
                EmbeddingDimensionExperiment.Settings.defaults().initialization());
        int generated = 4 * 3 + 3;
        long expected = products(20, 4, 5, 6, generated) + products(20, 4, 5, 5, 6) + products(20, 4 + 6, 3, 1);
        assertEquals(expected, s.workload().multiplyAdds());
        assertEquals(entries(20, 4, 5, 6, generated) + primaryEntries(20, 4, 3, 1) + entries(20, 4, 5, 5, 6)
                + entries(20, 4 + 6, 3, 1), s.workload().entries());
        assertEquals(200L * 800 * 1010,
                EmbeddingDimensionExperiment.Settings.defaults().workload().largestProductMultiplyAdds());
    }

    @Test
    void theShippedCostsPutEachExperimentOnAllCoresOnItsFastestMeasuredBackend() {
        // Quiet machine, 2026-12-05 (docs/default-backend.md): JBLAS was the fastest on every one of
        // these, ND4J's OpenBLAS threads on their many small products 1.3–1.6× slower by wall time.
        List<BackendProvider> natives = List.of(new Nd4jBackendProvider(), new JblasBackendProvider());
        int cores = 2;
        for (Workload run : List.of(HypernetExperiment.Settings.defaults().workload(),
                RotationExperiment.Settings.defaults().workload(), WidthSweepExperiment.Settings.defaults().workload(),
                EmbeddingDimensionExperiment.Settings.defaults().workload())) {
            assertEquals("jblas", SizeAwareChoice.nativeOrder(run, cores, natives).get(0).name(), run.toString());
            assertTrue(run.productCalls() > 0 && run.denseEntries() == run.entries(), run.toString());
        }
    }

    @Test
    void theExperimentsFollowTheRulesOfTheDefault() {
        Workload rotation = RotationExperiment.Settings.defaults().workload();
        assertTrue(SizeAwareChoice.prefersNative(rotation), rotation.toString());
        BackendRegistry configured = BackendSelectionTest.registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "ejml"),
                Map.of(), new EjmlBackendProvider(), StubProvider.available("fast", 6).withCosts(CHEAP_TENSORS));
        assertSame(configured.get("ejml"), configured.defaultBackendFor(rotation), "the property is never overridden");
        BackendRegistry variable = BackendSelectionTest.registry(Map.of(), Map.of(RadnetConfig.BACKEND_ENV, "ejml"),
                new EjmlBackendProvider(), StubProvider.available("fast", 6).withCosts(CHEAP_TENSORS));
        assertSame(variable.get("ejml"), variable.defaultBackendFor(rotation), "nor the environment variable");
        BackendRegistry unavailable = BackendSelectionTest.registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "cheap"),
                Map.of(), new EjmlBackendProvider(),
                StubProvider.unavailable("cheap", 6, "libgfortran.so.5 missing").withCosts(CHEAP_TENSORS));
        assertThrows(BackendUnavailableException.class, () -> unavailable.defaultBackendFor(rotation),
                "a configured backend that cannot run fails, it never falls back by size");
        BackendRegistry broken = BackendSelectionTest.registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.unavailable("cheap", 6, "libgfortran.so.5 missing").withCosts(CHEAP_TENSORS),
                StubProvider.failingToStart("dear", 7).withCosts(DEAR_TENSORS));
        assertSame(broken.get("ejml"), broken.defaultBackendFor(rotation), "never a backend that cannot run");
        BackendRegistry both = BackendSelectionTest.registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("cheap", 6).withCosts(CHEAP_TENSORS),
                StubProvider.available("dear", 7).withCosts(DEAR_TENSORS));
        assertTrue(CHEAP_TENSORS.estimatedNanos(rotation) < DEAR_TENSORS.estimatedNanos(rotation),
                "its 2.2·10¹⁰ entries at half the cost outweigh 5.6·10¹¹ multiply-adds at 12 % more");
        assertSame(both.get("cheap"), both.defaultBackendFor(rotation), "the least estimate");
        assertSame(both.defaultBackendFor(rotation), both.defaultBackendFor(RotationExperiment.Settings.defaults()
                .workload()), "the same choice every time");
        Workload rcnet = RcnetExperiment.Settings.defaults().workload();
        assertFalse(SizeAwareChoice.prefersNative(rcnet), rcnet.toString());
        assertSame(both.get("ejml"), both.defaultBackendFor(rcnet), "below the crossover: the pure-Java default");
    }
}
