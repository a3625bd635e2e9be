package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.RadialProfile;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** What the tests of the training passes of radial networks share: profiles, inputs and checks. */
final class PassChecks {
    /** Every radial profile of the radial paper, and ReLU's. */
    static final List<RadialProfile> PROFILES = List.of(RadialProfiles.stepRelu(), RadialProfiles.squash(),
            RadialProfiles.shiftedRelu(0.3), RadialProfiles.relu(), RadialProfiles.sigmoid(), RadialProfiles.tanh());

    private PassChecks() {
    }

    /** A seeded rows × cols tensor, entries uniform in [−2, 2). */
    static Tensor uniform(Backend b, SplittableRandom random, int rows, int cols) {
        return b.fromRowMajor(rows, cols, random.doubles((long) rows * cols, -2.0, 2.0).toArray());
    }

    /** Entrywise within 1e-12 of the larger array's largest entry (which must not be zero). */
    static void assertClose(double[] expected, double[] actual, String what) {
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

    /**
     * One finite-difference gradient check per backend, profile, kind of shift (none, fixed,
     * trainable) and loss (MSE, softmax cross-entropy), on seeded samples of a seeded network
     * with 3 outputs.
     *
     * @param backends the backends to check on
     * @param batch the number of samples
     * @param widths seeded widths (the output width is set to 3)
     * @param pass the pass under test for a network and a batch size
     */
    static Stream<DynamicTest> finiteDifferenceChecks(Stream<String> backends, int batch,
                                                      Function<SplittableRandom, int[]> widths,
                                                      BiFunction<RadialNetwork, Integer, TrainingPass> pass) {
        List<DynamicTest> tests = new ArrayList<>();
        backends.forEach(name -> {
            for (RadialProfile profile : PROFILES) {
                for (String shifts : new String[] {"none", "fixed", "trainable"}) {
                    for (Loss loss : List.of(new MeanSquaredError(), new SoftmaxCrossEntropy())) {
                        String what = name + ": radial " + profile + ", shifts " + shifts + ", " + loss.name();
                        tests.add(dynamicTest(what, () -> {
                            Backend b = Backends.get(name);
                            SplittableRandom random = new SplittableRandom(what.hashCode());
                            int[] n = widths.apply(random);
                            n[n.length - 1] = 3;
                            RadialNetwork net = GradientCheck.radialNetwork(b, n, profile, shifts, random.nextLong());
                            Tensor x = uniform(b, random, batch, n[0]);
                            Tensor y = loss instanceof SoftmaxCrossEntropy
                                    ? b.fromRowMajor(batch, 1, random.ints(batch, 0, 3).asDoubleStream().toArray())
                                    : uniform(b, random, batch, 3);
                            GradientCheck.assertGradientMatches(net, pass.apply(net, batch), loss, x, y,
                                    what + " widths " + Arrays.toString(n));
                        }));
                    }
                }
            }
        });
        return tests.stream();
    }

    /**
     * A pass of a (2, 8, 8, 2) network refuses backward before forward, inputs of the wrong rows
     * or columns, a dOutput or dInput of the wrong shape, and a gradient of another parameter
     * space, each with a message naming what was wrong.
     */
    static void assertRejectsBadUse(Backend b, TrainingPass pass, Param gradient) {
        int m = pass.batch();
        IllegalStateException early = assertThrows(IllegalStateException.class, () -> pass.backward(b.zeros(m, 2), gradient));
        assertTrue(early.getMessage().contains("forward pass first"), early.getMessage());
        ShapeMismatchException rows = assertThrows(ShapeMismatchException.class, () -> pass.forward(b.zeros(m - 1, 2)));
        assertTrue(rows.getMessage().contains("batches of " + m), rows.getMessage());
        ShapeMismatchException cols = assertThrows(ShapeMismatchException.class, () -> pass.forward(b.zeros(m, 3)));
        assertTrue(cols.getMessage().contains("input width n₀ is 2"), cols.getMessage());
        pass.forward(b.zeros(m, 2));
        ShapeMismatchException dOut = assertThrows(ShapeMismatchException.class, () -> pass.backward(b.zeros(m, 3), gradient));
        assertTrue(dOut.getMessage().contains("dOutput must be " + m + "x2"), dOut.getMessage());
        ShapeMismatchException dIn = assertThrows(ShapeMismatchException.class,
                () -> pass.backwardAccumulating(b.zeros(m, 2), gradient, b.zeros(m, 1)));
        assertTrue(dIn.getMessage().contains("dInput must be " + m + "x2"), dIn.getMessage());
        Param other = Param.zeros(b, new int[] {2, 8, 2}, false);
        assertThrows(IllegalArgumentException.class, () -> pass.backward(b.zeros(m, 2), other));
    }
}
