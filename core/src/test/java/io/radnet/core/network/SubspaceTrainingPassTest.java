package io.radnet.core.network;

import static io.radnet.core.network.PassChecks.PROFILES;
import static io.radnet.core.network.PassChecks.assertClose;
import static io.radnet.core.network.PassChecks.assertRejectsBadUse;
import static io.radnet.core.network.PassChecks.uniform;
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
import io.radnet.api.SubspacePassCost;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
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
        int[] d = ReducedWidths.of(n);
        int[] e = SubspacePassCost.backwardWidths(n, d);
        return !Arrays.equals(d, n) || !Arrays.equals(e, n);
    }

    @TestFactory
    Stream<DynamicTest> gradientMatchesFiniteDifferencesForEveryProfileAndBothLosses() {
        return PassChecks.finiteDifferenceChecks(TestBackends.names(), 6, random -> reducibleWidths(random, 3),
                (net, batch) -> net.trainingPass(batch, Backprop.SUBSPACE));
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


    @Test
    void subspaceWidthsOfTheRadialPaperExperiment3() {
        int[] n = {2, 16, 64, 128, 16, 2};
        int[] d = ReducedWidths.of(n);
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 2}, d, "forward: QR-compress's reduced widths");
        assertArrayEquals(new int[] {2, 16, 17, 13, 8, 2}, SubspacePassCost.backwardWidths(n, d));
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
        assertFalse(SubspacePassCost.pays(new int[] {784, 256, 256, 10}, 1024), "a wide input reduces nothing");
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
    void everyPassNamesItsMethodAndTheTrainerReportsIt() {
        Backend b = Backends.get("ejml");
        RadialNetwork full = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
        assertEquals(TrainingPass.Method.SUBSPACE, full.trainingPass(14_641).method());
        assertEquals(TrainingPass.Method.FUSED, full.trainingPass(14_641, Backprop.DENSE).method(),
                "EJML offers its fused kernel for these widths and this batch");
        assertEquals(TrainingPass.Method.DENSE, full.trainingPass(1, Backprop.DENSE).method(), "layer by layer");
        assertEquals("subspace", TrainingPass.Method.SUBSPACE.toString());

        Dataset data = Dataset.fromRows(b, new double[][] {{0.5, -0.25}, {1.0, 0.75}},
                new double[][] {{0.1, 0.2}, {0.3, 0.4}});
        TrainingResult result = Trainer.builder(full, new MeanSquaredError(), new GradientDescent(0.01), data)
                .fullBatch().maxEpochs(2).build().train();
        assertEquals(full.trainingPass(2).method(), result.trainingPass());
        assertTrue(result.toString().contains(", " + result.trainingPass() + " pass; "), result.toString());
    }

    @Test
    void rejectsBadUse() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 8, 8, 2}, RadialProfiles.sigmoid(), 3);
        TrainingPass pass = net.trainingPass(5, Backprop.SUBSPACE);
        Param gradient = net.parameters().zerosLike();
        assertRejectsBadUse(b, pass, gradient);
        assertThrows(IllegalArgumentException.class, () -> net.trainingPass(0, Backprop.SUBSPACE));
        assertThrows(NullPointerException.class, () -> net.trainingPass(5, null));
        net.parameters().weight(2).set(3, 1, Double.NaN);
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class, () -> pass.forward(b.zeros(5, 2)));
        assertTrue(nan.getMessage().contains("needs finite parameters, but W_2 or b_2 holds NaN or ∞"), nan.getMessage());
    }
}
