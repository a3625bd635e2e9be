package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendProvider;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.KernelCosts;
import io.radnet.api.RadnetConfig;
import io.radnet.api.SizeAwareChoice;
import io.radnet.api.Workload;
import io.radnet.backend.ejml.EjmlBackendProvider;
import io.radnet.backend.jblas.JblasBackendProvider;
import io.radnet.backend.nd4j.Nd4jBackendProvider;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.cnn.CnnWorkload;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.experiments.IntrinsicExperiment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the size-aware default reads of a convolutional network's training step
 * ({@link CnnWorkload}, {@link Workload#layerPasses}): every product of its convolutions and
 * dense layers, the entries of its memory-bound passes, and the estimate built from them.
 */
class CnnWorkloadTest {
    private static final SequentialNetwork INTRINSIC = CnnArchitectures.intrinsicParameters(Backends.get("ejml"), 1);

    @Test
    void theIntrinsicCnnsStepCountsEveryConvolutionAndDenseProduct() {
        long batch = 2;
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 2);
        long conv1 = 32L * 9 * 676 * batch;
        long conv2 = 32L * 288 * 576 * batch;
        long conv3 = 64L * 288 * 100 * batch;
        long conv4 = 64L * 576 * 64 * batch;
        long dense = batch * (4096L * 512 + 512 * 64 + 64 * 10);
        assertEquals(Workload.Kind.LAYER_PASSES, step.kind());
        assertEquals(2 * conv1 + 3 * (conv2 + conv3 + conv4 + dense), step.multiplyAdds(),
                "forward, weight gradient and input gradient of every layer but the first (no input gradient)");
        assertEquals(conv2, step.largestProductMultiplyAdds(), "the second convolution: 32 × 288 by 288 × 576 per sample");
        assertEquals(2, step.batch());
        assertEquals("layer passes of [784, 21632, 21632, 21632, 18432, 18432, 18432, 4608, 4608, 6400, 6400, 6400, 4096, "
                + "4096, 4096, 4096, 4096, 512, 512, 512, 512, 64, 64, 64, 10] on batches of 2", step.toString());
    }

    @Test
    void theIntrinsicCnnsStepCountsItsMemoryBoundEntriesAndTensors() {
        // Per sample, layer by layer (CnnWorkload's rules): conv1 676·(9 + 3·32) (first: no col2im),
        // BN 6·21632, ReLU 2·21632, conv2 576·(2·288 + 3·32), BN 6·18432, ReLU 2·18432,
        // pool 2·(18432 + 4608), dropout 2·4608, conv3 100·(2·288 + 3·64), BN 6·6400, ReLU 2·6400,
        // conv4 64·(2·576 + 3·64), BN 6·4096, ReLU 2·4096, flatten 2·4096, dropout 2·4096,
        // FC 2·512, BN 6·512, ReLU 2·512, dropout 2·512, FC 2·64, BN 6·64, ReLU 2·64, FC 2·10,
        // and the input's and output's layout 784 + 10.
        long perSample = 676 * (9 + 96) + 8 * 21632 + 576 * (576 + 96) + 8 * 18432 + 2 * (18432 + 4608) + 2 * 4608
                + 100 * (576 + 192) + 8 * 6400 + 64 * (1152 + 192) + 8 * 4096 + 4 * 4096
                + 2 * 512 + 10 * 512 + 2 * 64 + 8 * 64 + 2 * 10 + 784 + 10;
        assertEquals(1_104_626, perSample);
        long parameters = 2_197_674;
        assertEquals(parameters, INTRINSIC.parameters().tensors().stream().mapToLong(t -> t.size()).sum());
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 128);
        assertEquals(128 * perSample + parameters, step.entries(), "and the optimizer's pass over the parameters");
        assertEquals(3 * (128 * perSample + parameters), step.withSteps(3).entries());
        assertEquals(4 * 6 + 20 * 2 + 3 * 26, step.tensors(),
                "convolution buffers, the other layers' output and input gradient, and per parameter tensor its gradient and two moments");
        assertEquals(step.tensors(), step.withSteps(3).tensors(), "allocated once per run");
        assertTrue(SizeAwareChoice.prefersNative(step), step.toString());
    }

    @Test
    void theEstimateAddsTheEntriesAtTheBackendsCostPerEntry() {
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 128);
        KernelCosts productsOnly = new KernelCosts(0, 0.04, 0, 0, 0, 0, 0);
        KernelCosts entriesOnly = new KernelCosts(0, 0, 0, 0, 1.5, 0, 1.5);
        KernelCosts tensorsOnly = new KernelCosts(1000, 0, 0, 0, 0, 0, 0);
        assertEquals(0.04 * step.multiplyAdds(), productsOnly.estimatedNanos(step), 1e-6 * step.multiplyAdds());
        assertEquals(1.5 * step.entries(), entriesOnly.estimatedNanos(step), 1e-6 * step.entries());
        assertEquals(1000.0 * step.tensors(), tensorsOnly.estimatedNanos(step), 1e-9);
        KernelCosts cheapEntries = new KernelCosts(1_300, 0.045, 0.28, 0.28, 1.0, 0, 1.0);
        KernelCosts cheapProducts = new KernelCosts(12_000, 0.040, 0.50, 0.50, 2.0, 0, 2.0);
        assertTrue(cheapEntries.estimatedNanos(step) < cheapProducts.estimatedNanos(step),
                "a CNN step is dominated by its memory-bound passes: " + step.entries() + " entries, "
                        + step.multiplyAdds() + " multiply-adds");
    }

    @Test
    void theShippedCostsPutTheFitnessCnnStepOnItsFastestMeasuredBackend() {
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 128);
        List<BackendProvider> natives = List.of(new JblasBackendProvider(), new Nd4jBackendProvider());
        assertEquals("nd4j", SizeAwareChoice.nativeOrder(step, natives).get(0).name(),
                "bench/run fitness, quiet machine: nd4j 688 ms, jblas 732 ms");
    }

    @Test
    void aCnnStepFollowsTheRulesOfTheDefault() {
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 128);
        KernelCosts cheap = new KernelCosts(1_300, 0.045, 0.28, 0.28, 1.0, 0, 1.0);
        BackendRegistry configured = BackendSelectionTest.registry(Map.of(RadnetConfig.BACKEND_PROPERTY, "ejml"),
                Map.of(), new EjmlBackendProvider(), StubProvider.available("fast", 6).withCosts(cheap));
        assertSame(configured.get("ejml"), configured.defaultBackendFor(step), "an explicit choice is never overridden");
        BackendRegistry broken = BackendSelectionTest.registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.unavailable("cheap", 6, "libgfortran.so.5 missing").withCosts(cheap),
                StubProvider.failingToStart("dear", 7).withCosts(new KernelCosts(12_000, 0.040, 0.50, 0.50, 2.0, 0, 2.0)));
        assertSame(broken.get("ejml"), broken.defaultBackendFor(step), "never a backend that cannot run");
        BackendRegistry both = BackendSelectionTest.registry(Map.of(), Map.of(), new EjmlBackendProvider(),
                StubProvider.available("cheap", 6).withCosts(cheap),
                StubProvider.available("dear", 7).withCosts(new KernelCosts(12_000, 0.040, 0.50, 0.50, 2.0, 0, 2.0)));
        assertSame(both.get("cheap"), both.defaultBackendFor(step), "the least estimate");
        assertSame(both.defaultBackendFor(step), both.defaultBackendFor(step), "the same choice every time");
    }

    @Test
    void theIntrinsicExperimentsDefaultRunIsTheWholeRunsStepsAndGoesToTheCnnStepsBackend() {
        IntrinsicExperiment.Settings defaults = IntrinsicExperiment.Settings.defaults();
        Workload run = defaults.workload(INTRINSIC);
        Workload step = CnnWorkload.trainingStep(INTRINSIC, 128);
        // 24,000 images in batches of 128: 188 steps per epoch of S1 and of S2's fine-tuning, 94 of
        // S2's pre-training on classes 0-4 (counted as half the images), 4 epochs each.
        assertEquals(step.withSteps(188L * (4 + 4) + 94L * 4).multiplyAdds(), run.multiplyAdds());
        assertEquals(step.largestProductMultiplyAdds(), run.largestProductMultiplyAdds());
        List<BackendProvider> natives = List.of(new JblasBackendProvider(), new Nd4jBackendProvider());
        assertTrue(SizeAwareChoice.prefersNative(run), run.toString());
        assertEquals(SizeAwareChoice.nativeOrder(step, natives).get(0).name(),
                SizeAwareChoice.nativeOrder(run, natives).get(0).name(), "the run goes where its step goes");
    }

    @Test
    void badArgumentsAreRefusedNamingTheProblem() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> CnnWorkload.trainingStep(INTRINSIC, 0));
        assertEquals("CnnWorkload.trainingStep: batch must be ≥ 1, got 0", batch.getMessage());
        NullPointerException network = assertThrows(NullPointerException.class, () -> CnnWorkload.trainingStep(null, 1));
        assertEquals("CnnWorkload.trainingStep: network is null", network.getMessage());
        IllegalArgumentException noProduct = assertThrows(IllegalArgumentException.class,
                () -> Workload.layerPasses(new int[] {4, 4}, 1, new long[0], 0, 0));
        assertEquals("layerPasses: a step needs at least one product", noProduct.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Workload.layerPasses(new int[] {4, 4}, 1, new long[] {16, -1}, 0, 0));
        assertEquals("layerPasses: product 1 must have ≥ 0 multiply-adds, got -1", negative.getMessage());
        IllegalArgumentException entries = assertThrows(IllegalArgumentException.class,
                () -> Workload.layerPasses(new int[] {4, 4}, 1, new long[] {16}, -2, 0));
        assertEquals("layerPasses: the entries and tensors must be ≥ 0, got -2 and 0", entries.getMessage());
        IllegalArgumentException widthBatch = assertThrows(IllegalArgumentException.class,
                () -> Workload.layerPasses(new int[] {4, 4}, 0, new long[] {16}, 0, 0));
        assertEquals("layerPasses: batch must be ≥ 1, got 0", widthBatch.getMessage());
    }
}
