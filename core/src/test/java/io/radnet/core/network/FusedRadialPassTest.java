package io.radnet.core.network;

import static io.radnet.core.network.PassChecks.PROFILES;
import static io.radnet.core.network.PassChecks.assertClose;
import static io.radnet.core.network.PassChecks.assertRejectsBadUse;
import static io.radnet.core.network.PassChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.RadialNetwork.Backprop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The dense pass of a radial network through the backend's fused kernel, where the backend
 * offers one, is the layer-by-layer pass: the same outputs, and the same gradients (also
 * accumulated, with the input and shift gradients) to 1e-12 of their size, for every profile,
 * with and without shifts, at random narrow widths (width-1 layers included) and batch sizes
 * from one whole block to several with a partial last one, in 256- and 512-sample blocks; and it
 * agrees with finite differences.
 */
class FusedRadialPassTest {
    private static final int[] BATCHES = {256, 2500, 300, 511, 600, 1000};

    /** L from 1 to 4, hidden widths 1 … 16 with a width-1 layer at times, inputs and outputs 1 … 4. */
    private static int[] narrowWidths(SplittableRandom random) {
        int layers = 1 + random.nextInt(4);
        int[] n = new int[layers + 1];
        n[0] = 1 + random.nextInt(4);
        for (int i = 1; i < layers; i++) {
            n[i] = 1 + random.nextInt(16);
        }
        if (layers > 1 && random.nextBoolean()) {
            n[1 + random.nextInt(layers - 1)] = 1;
        }
        n[layers] = 1 + random.nextInt(4);
        return n;
    }

    /** The fused pass, failing the test if the backend offers none for these widths. */
    private static TrainingPass fused(RadialNetwork net, int batch) {
        TrainingPass pass = net.trainingPass(batch, Backprop.DENSE);
        return assertInstanceOf(FusedRadialPass.class, pass, net.backend().name() + " offers its fused kernel for "
                + Arrays.toString(net.widths()));
    }

    /** Backends that offer the fused kernel for narrow networks. */
    private static Stream<String> fusingBackends() {
        return TestBackends.names().filter(name -> Backends.get(name)
                .radialNetworkKernel(new int[] {2, 3, 2}, List.of(RadialProfiles.sigmoid()), 256).isPresent());
    }

    @Test
    void theDefaultBackendFusesWhereItMeasuredFaster() {
        Backend b = Backends.get("ejml");
        RadialNetwork reduced = RadialNetwork.initialized(b, new int[] {2, 3, 4, 5, 6, 2}, RadialProfiles.sigmoid(), 1);
        assertInstanceOf(FusedRadialPass.class, reduced.trainingPass(14_641), "AUTOMATIC: the reduced experiment-3 network");
        assertInstanceOf(FusedRadialPass.class, reduced.trainingPass(256, Backprop.DENSE), "one whole block");
        assertFalse(reduced.trainingPass(255, Backprop.DENSE) instanceof FusedRadialPass, "less than a block");
        RadialNetwork full = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
        assertInstanceOf(FusedRadialPass.class, full.trainingPass(14_641, Backprop.DENSE), "128 × 64 weights per layer");
        assertInstanceOf(SubspaceTrainingPass.class, full.trainingPass(14_641), "AUTOMATIC still prefers the subspace pass");
        RadialNetwork wide = RadialNetwork.initialized(b, new int[] {2, 128, 128, 2}, RadialProfiles.sigmoid(), 1);
        assertFalse(wide.trainingPass(14_641, Backprop.DENSE) instanceof FusedRadialPass, "128 × 128 weights in a layer");
    }

    @TestFactory
    Stream<DynamicTest> agreesWithTheLayerByLayerPass() {
        List<DynamicTest> tests = new ArrayList<>();
        fusingBackends().forEach(name -> {
            for (int trial = 0; trial < 12; trial++) {
                int seed = trial;
                int batch = BATCHES[trial % BATCHES.length];
                String shifts = List.of("none", "fixed", "trainable").get(trial % 3);
                RadialProfile profile = PROFILES.get(trial % PROFILES.size());
                tests.add(dynamicTest(name + ": radial " + profile + ", shifts " + shifts + ", batch " + batch, () -> {
                    Backend b = Backends.get(name);
                    SplittableRandom random = new SplittableRandom(2000 + seed);
                    int[] widths = narrowWidths(random);
                    RadialNetwork net = GradientCheck.radialNetwork(b, widths, profile, shifts, random.nextLong());
                    Tensor x = uniform(b, random, batch, widths[0]);
                    // sample 0 is the origin and b_1 = 0: its first pre-activation is exactly 0
                    for (int j = 0; j < widths[0]; j++) {
                        x.set(0, j, 0.0);
                    }
                    b.fill(net.parameters().bias(1), 0.0);
                    Tensor dOutput = uniform(b, random, batch, widths[widths.length - 1]);
                    assertSamePass(net, x, dOutput, "widths " + Arrays.toString(widths) + ", batch " + batch);
                }));
            }
        });
        return tests.stream();
    }

    private static void assertSamePass(RadialNetwork net, Tensor x, Tensor dOutput, String what) {
        Backend b = net.backend();
        int batch = x.rows();
        int inputs = net.inputWidth();
        TrainingPass layered = net.layerByLayerPass(batch);
        TrainingPass fused = fused(net, batch);
        double[] input = x.toRowMajor();
        assertArrayEquals(layered.forward(x).toRowMajor(), fused.forward(x).toRowMajor(),
                what + ": forward, the same bits (the same operations in the same order)");
        assertArrayEquals(input, x.toRowMajor(), what + ": the input is not modified");
        Param expected = net.parameters().zerosLike();
        Param actual = net.parameters().zerosLike();
        layered.backward(dOutput, expected);
        fused.backward(dOutput, actual);
        assertClose(expected.flatten(), actual.flatten(), what + ": gradient");
        Tensor expectedInput = b.zeros(batch, inputs);
        Tensor actualInput = b.zeros(batch, inputs);
        layered.backwardAccumulating(dOutput, expected, expectedInput);
        fused.backwardAccumulating(dOutput, actual, actualInput);
        assertClose(expected.flatten(), actual.flatten(), what + ": accumulated gradient");
        assertClose(expectedInput.toRowMajor(), actualInput.toRowMajor(), what + ": input gradient");
    }

    @TestFactory
    Stream<DynamicTest> gradientMatchesFiniteDifferences() {
        return PassChecks.finiteDifferenceChecks(fusingBackends(), 256, FusedRadialPassTest::narrowWidths,
                FusedRadialPassTest::fused);
    }

    /**
     * Whole blocks holding one sample whose first sum of squares overflows (|x| = 1e200) or
     * underflows below 2⁻⁶⁰⁰ without being 0 (|x| = 1e-170, b_1 = 0): those blocks leave the
     * vectorised regular path, and the norms are redone with scaling, as layer by layer; in
     * blocks of 256 samples (batch 768) and of 512 (batch 3,072).
     */
    @TestFactory
    Stream<DynamicTest> extremeSumsOfSquaresInWholeBlocksAgreeWithTheLayerByLayerPass() {
        return fusingBackends().flatMap(name -> Stream.of(768, 3072).map(batch -> dynamicTest(name + ", batch " + batch,
                () -> {
                    Backend b = Backends.get(name);
                    SplittableRandom random = new SplittableRandom(31);
                    RadialNetwork net = GradientCheck.radialNetwork(b, new int[] {2, 4, 3, 2}, RadialProfiles.sigmoid(),
                            "none", random.nextLong());
                    b.fill(net.parameters().bias(1), 0.0);
                    Tensor x = uniform(b, random, batch, 2);
                    x.set(5, 0, 1e200);
                    x.set(5, 1, -1e200);
                    x.set(600, 0, 1e-170);
                    x.set(600, 1, 1e-170);
                    Tensor dOutput = uniform(b, random, batch, 2);
                    assertSamePass(net, x, dOutput, "one overflowing and one underflowing sample");
                })));
    }

    @Test
    void nonFiniteParametersPropagateAsInTheLayerByLayerPass() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 4, 3, 2}, RadialProfiles.sigmoid(), 5);
        net.parameters().weight(2).set(1, 2, Double.NaN);
        Tensor x = uniform(b, new SplittableRandom(5), 300, 2);
        double[] layered = net.layerByLayerPass(300).forward(x).toRowMajor();
        double[] fused = fused(net, 300).forward(x).toRowMajor();
        assertTrue(Arrays.stream(fused).allMatch(Double::isNaN), "NaN reaches every output: " + Arrays.toString(fused));
        assertArrayEquals(layered, fused);
    }

    @Test
    void rejectsBadUse() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 8, 8, 2}, RadialProfiles.sigmoid(), 3);
        TrainingPass pass = fused(net, 300);
        Param gradient = net.parameters().zerosLike();
        assertRejectsBadUse(b, pass, gradient);
    }
}
