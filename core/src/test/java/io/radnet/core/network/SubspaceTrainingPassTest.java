package io.radnet.core.network;

import static io.radnet.core.network.GradientCheck.assertGradientMatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.RadialProfile;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
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
 * The subspace training pass of a radial network gives the exact gradient: it agrees with
 * central finite differences and with the dense pass (to 1e-12 of the gradient's size, also
 * accumulated and with the input gradient) for every profile, with and without shifts, at random
 * widths that the forward or the backward subspaces reduce, on every available backend.
 */
class SubspaceTrainingPassTest {
    private static final List<RadialProfile> PROFILES = List.of(RadialProfiles.stepRelu(), RadialProfiles.squash(),
            RadialProfiles.shiftedRelu(0.3), RadialProfiles.relu(), RadialProfiles.sigmoid(), RadialProfiles.tanh());

    /**
     * Random widths with a narrow input that widen so that the forward or the backward
     * subspaces reduce, one hidden layer of width 1 at times.
     */
    private static int[] reducibleWidths(SplittableRandom random, int outputs) {
        int[] n;
        do {
            n = randomWidths(random, outputs);
        } while (!reduces(n));
        return n;
    }

    private static int[] randomWidths(SplittableRandom random, int outputs) {
        int hidden = 2 + random.nextInt(3);
        int[] n = new int[hidden + 2];
        n[0] = 1 + random.nextInt(2);
        for (int i = 1; i <= hidden; i++) {
            n[i] = 3 + random.nextInt(9);
        }
        if (random.nextBoolean()) {
            n[1 + random.nextInt(hidden)] = 1;
        }
        n[hidden + 1] = outputs;
        return n;
    }

    private static boolean reduces(int[] n) {
        int[] d = SubspaceTrainingPass.forwardWidths(n);
        int[] e = SubspaceTrainingPass.backwardWidths(n, d);
        return !Arrays.equals(d, n) || !Arrays.equals(e, n);
    }

    private static Tensor uniform(Backend b, SplittableRandom random, int rows, int cols) {
        return b.fromRowMajor(rows, cols, random.doubles((long) rows * cols, -2.0, 2.0).toArray());
    }

    @TestFactory
    Stream<DynamicTest> gradientMatchesFiniteDifferencesForEveryProfileAndBothLosses() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (RadialProfile profile : PROFILES) {
                for (String shifts : new String[] {"none", "fixed", "trainable"}) {
                    for (Loss loss : List.of(new MeanSquaredError(), new SoftmaxCrossEntropy())) {
                        String what = name + ": radial " + profile + ", shifts " + shifts + ", " + loss.name();
                        tests.add(dynamicTest(what, () -> {
                            Backend b = Backends.get(name);
                            SplittableRandom random = new SplittableRandom(what.hashCode());
                            int[] widths = reducibleWidths(random, 3);
                            RadialNetwork net = GradientCheck.radialNetwork(b, widths, profile, shifts, random.nextLong());
                            Tensor x = uniform(b, random, 6, widths[0]);
                            Tensor y = loss instanceof SoftmaxCrossEntropy
                                    ? b.fromRowMajor(6, 1, random.ints(6, 0, 3).asDoubleStream().toArray())
                                    : uniform(b, random, 6, 3);
                            assertGradientMatches(net, net.trainingPass(6, Backprop.SUBSPACE), loss, x, y,
                                    what + " widths " + Arrays.toString(widths));
                        }));
                    }
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> agreesWithTheDensePassToRounding() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (int trial = 0; trial < 8; trial++) {
                int seed = trial;
                tests.add(dynamicTest(name + ": random reducible widths, trial " + trial, () -> {
                    Backend b = Backends.get(name);
                    SplittableRandom random = new SplittableRandom(1000 + seed);
                    int[] widths = reducibleWidths(random, 1 + random.nextInt(3));
                    RadialProfile profile = PROFILES.get(seed % PROFILES.size());
                    RadialNetwork net = GradientCheck.radialNetwork(b, widths, profile, seed % 2 == 0 ? "trainable" : "none",
                            random.nextLong());
                    int batch = 40 + random.nextInt(30);
                    Tensor x = uniform(b, random, batch, widths[0]);
                    // sample 0 is the origin and b_1 = 0: its first pre-activation is exactly 0
                    for (int j = 0; j < widths[0]; j++) {
                        x.set(0, j, 0.0);
                    }
                    b.fill(net.parameters().bias(1), 0.0);
                    Tensor dOutput = uniform(b, random, batch, widths[widths.length - 1]);
                    assertSameGradients(net, x, dOutput, widths);
                }));
            }
        });
        return tests.stream();
    }

    private static void assertSameGradients(RadialNetwork net, Tensor x, Tensor dOutput, int[] widths) {
        Backend b = net.backend();
        int batch = x.rows();
        TrainingPass dense = net.trainingPass(batch, Backprop.DENSE);
        TrainingPass subspace = net.trainingPass(batch, Backprop.SUBSPACE);
        String what = "widths " + Arrays.toString(widths);
        assertClose(dense.forward(x).toRowMajor(), subspace.forward(x).toRowMajor(), what + ": forward");
        Param expected = net.parameters().zerosLike();
        Param actual = net.parameters().zerosLike();
        dense.backward(dOutput, expected);
        subspace.backward(dOutput, actual);
        assertClose(expected.flatten(), actual.flatten(), what + ": gradient");
        // accumulating onto a non-zero sum, with the input gradient
        Tensor expectedInput = b.zeros(batch, widths[0]);
        Tensor actualInput = b.zeros(batch, widths[0]);
        dense.backwardAccumulating(dOutput, expected, expectedInput);
        subspace.backwardAccumulating(dOutput, actual, actualInput);
        assertClose(expected.flatten(), actual.flatten(), what + ": accumulated gradient");
        assertClose(expectedInput.toRowMajor(), actualInput.toRowMajor(), what + ": input gradient");
    }

    /** Entrywise within 1e-12 of the larger array's largest entry (which must not be zero). */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0.0;
        double difference = 0.0;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.max(Math.abs(expected[k]), Math.abs(actual[k])));
            difference = Math.max(difference, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(scale > 0.0, what + ": identically zero, the comparison would be vacuous");
        assertTrue(difference <= 1e-12 * scale, what + ": differs by " + difference + " (largest entry " + scale + ")");
    }

    @Test
    void subspaceWidthsOfTheRadialPaperExperiment3() {
        int[] n = {2, 16, 64, 128, 16, 2};
        int[] d = SubspaceTrainingPass.forwardWidths(n);
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 2}, d, "forward: QR-compress's reduced widths");
        assertArrayEquals(new int[] {2, 16, 17, 13, 8, 2}, SubspaceTrainingPass.backwardWidths(n, d));
    }

    @Test
    void automaticChoosesTheSubspacePassOnlyWhenItPays() {
        Backend b = Backends.get("ejml");
        RadialNetwork full = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
        assertInstanceOf(SubspaceTrainingPass.class, full.trainingPass(14_641));
        assertInstanceOf(SubspaceTrainingPass.class, full.trainingPass(64));
        assertFalse(full.trainingPass(1) instanceof SubspaceTrainingPass, "one sample cannot pay for the decompositions");
        RadialNetwork reduced = RadialNetwork.initialized(b, new int[] {2, 3, 4, 5, 6, 2}, RadialProfiles.sigmoid(), 1);
        assertFalse(reduced.trainingPass(14_641) instanceof SubspaceTrainingPass, "nothing to reduce");
        assertFalse(SubspaceTrainingPass.pays(new int[] {784, 256, 256, 10}, 1024), "a wide input reduces nothing");
    }

    @Test
    void withBackpropSharesTheParametersAndFixesThePass() {
        Backend b = Backends.get("ejml");
        RadialNetwork full = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
        RadialNetwork dense = full.withBackprop(Backprop.DENSE);
        assertSame(full.parameters(), dense.parameters(), "the parameters are shared, not copied");
        assertEquals(Backprop.AUTOMATIC, full.backprop());
        assertEquals(Backprop.DENSE, dense.backprop());
        assertFalse(dense.trainingPass(14_641) instanceof SubspaceTrainingPass);
        assertInstanceOf(SubspaceTrainingPass.class, full.withBackprop(Backprop.SUBSPACE).trainingPass(1));
        assertThrows(NullPointerException.class, () -> full.withBackprop(null));
    }

    @Test
    void rejectsBadUse() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 8, 8, 2}, RadialProfiles.sigmoid(), 3);
        TrainingPass pass = net.trainingPass(5, Backprop.SUBSPACE);
        Param gradient = net.parameters().zerosLike();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> pass.backward(b.zeros(5, 2), gradient));
        assertTrue(early.getMessage().contains("forward pass first"), early.getMessage());
        ShapeMismatchException rows = assertThrows(ShapeMismatchException.class, () -> pass.forward(b.zeros(4, 2)));
        assertTrue(rows.getMessage().contains("batches of 5"), rows.getMessage());
        ShapeMismatchException cols = assertThrows(ShapeMismatchException.class, () -> pass.forward(b.zeros(5, 3)));
        assertTrue(cols.getMessage().contains("input width n₀ is 2"), cols.getMessage());
        pass.forward(b.zeros(5, 2));
        ShapeMismatchException dOut = assertThrows(ShapeMismatchException.class, () -> pass.backward(b.zeros(5, 3), gradient));
        assertTrue(dOut.getMessage().contains("dOutput must be 5x2"), dOut.getMessage());
        ShapeMismatchException dIn = assertThrows(ShapeMismatchException.class,
                () -> pass.backwardAccumulating(b.zeros(5, 2), gradient, b.zeros(5, 1)));
        assertTrue(dIn.getMessage().contains("dInput must be 5x2"), dIn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.trainingPass(0, Backprop.SUBSPACE));
        assertThrows(NullPointerException.class, () -> net.trainingPass(5, null));
        Param other = Param.zeros(b, new int[] {2, 8, 2}, false);
        assertThrows(IllegalArgumentException.class, () -> pass.backward(b.zeros(5, 2), other));
        net.parameters().weight(2).set(3, 1, Double.NaN);
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class, () -> pass.forward(b.zeros(5, 2)));
        assertTrue(nan.getMessage().contains("needs finite parameters, but W_2 or b_2 holds NaN or ∞"), nan.getMessage());
    }
}
