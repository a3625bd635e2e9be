package io.radnet.core.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.ReducedWidths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QR-compress is lossless (Theorem 5), its two paths agree, the symmetry action is an exact
 * invertible invariance, and projected gradient descent tracks the reduced network
 * (Theorem 7), on every available backend.
 */
class QrCompressionTest {
    private static final List<RadialProfile> PROFILES = List.of(RadialProfiles.stepRelu(), RadialProfiles.squash(),
            RadialProfiles.shiftedRelu(0.2), RadialProfiles.sigmoid(), RadialProfiles.tanh());

    private static Tensor inputs(Backend b, long seed, int rows, int cols) {
        return b.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles((long) rows * cols, -3, 3).toArray());
    }

    /** max |F − F_red| relative to the largest output. */
    private static double relativeOutputError(RadialNetwork f, RadialNetwork g, Tensor x) {
        CompressionCheck.OutputDifference d = CompressionCheck.outputDifference(f, g, x);
        return d.max() / Math.max(1.0, f.backend().maxAbs(f.forward(x)));
    }

    @TestFactory
    Stream<DynamicTest> theDifferenceOfOutputsComputedApartIsTheDifferenceOfTheNetworks() {
        return TestBackends.names().map(name -> dynamicTest(name, () -> {
            Backend b = Backends.get(name);
            Tensor fx = b.fromRowMajor(2, 2, new double[] {1.0, 2.0, -0.5, 0.25});
            Tensor gx = b.fromRowMajor(2, 2, new double[] {1.5, -1.0, -0.5, 0.0});
            CompressionCheck.OutputDifference d = CompressionCheck.outputDifference(fx, gx);
            assertEquals(3.0, d.max());
            assertEquals((0.5 + 3.0 + 0.0 + 0.25) / 4, d.mean());
            assertArrayEquals(new double[] {1.0, 2.0, -0.5, 0.25}, fx.toRowMajor(), "F(x) is not modified");
            assertArrayEquals(new double[] {1.5, -1.0, -0.5, 0.0}, gx.toRowMajor(), "G(x) is not modified");

            RadialNetwork f = RadialNetwork.initialized(b, new int[] {4, 9, 7, 3}, RadialProfiles.sigmoid(), 5);
            RadialNetwork g = QrCompression.compress(f).network();
            Tensor x = inputs(b, 6, 20, 4);
            CompressionCheck.OutputDifference networks = CompressionCheck.outputDifference(f, g, x);
            CompressionCheck.OutputDifference outputs = CompressionCheck.outputDifference(f.forward(x), g.forward(x));
            assertEquals(Double.doubleToRawLongBits(networks.max()), Double.doubleToRawLongBits(outputs.max()));
            assertEquals(Double.doubleToRawLongBits(networks.mean()), Double.doubleToRawLongBits(outputs.mean()));
        }));
    }

    @Test
    void reducedWidthsFollowThePapersRecursion() {
        assertArrayEquals(new int[] {1, 2, 3, 1}, ReducedWidths.of(new int[] {1, 6, 7, 1}));
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 2}, ReducedWidths.of(new int[] {2, 16, 64, 128, 16, 2}));
        assertArrayEquals(new int[] {1, 2, 3, 4, 1}, ReducedWidths.of(new int[] {1, 8, 16, 8, 1}));
        assertEquals(305, ReducedWidths.parameterCount(new int[] {1, 8, 16, 8, 1}), "Example 6: 305 parameters");
        assertEquals(34, ReducedWidths.parameterCount(new int[] {1, 2, 3, 4, 1}), "Example 6: 34 after compression");
        assertArrayEquals(new int[] {784, 785, 786, 10}, ReducedWidths.of(new int[] {784, 1024, 1024, 10}));
        assertFalse(ReducedWidths.isReducible(new int[] {5, 3, 4, 2}));
        assertTrue(ReducedWidths.isReducible(new int[] {1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> ReducedWidths.of(new int[] {3}));
    }

    @TestFactory
    Stream<DynamicTest> compressionIsLosslessForEveryProfileWithAndWithoutShifts() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (RadialProfile profile : PROFILES) {
                for (boolean shifts : new boolean[] {false, true}) {
                    tests.add(dynamicTest(name + ": " + profile + (shifts ? " with shifts" : ""), () -> {
                        Backend b = Backends.get(name);
                        int[] widths = {3, 9, 12, 7, 11, 2};
                        long seed = profile.toString().hashCode() + (shifts ? 1 : 0);
                        RadialNetwork net = shifts
                                ? RadialNetwork.initializedWithShifts(b, widths, profile, -0.3, true, seed)
                                : RadialNetwork.initialized(b, widths, profile, seed);
                        double[] before = net.parameters().flatten();
                        CompressedNetwork c = QrCompression.compress(net);
                        assertTrue(c.reduced());
                        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 2}, c.network().widths());
                        Tensor x = inputs(b, 5, 200, 3);
                        double error = relativeOutputError(net, c.network(), x);
                        assertTrue(error <= 1e-12, name + " " + profile + ": max |F − F_red| = " + error);
                        assertArrayEquals(before, net.parameters().flatten(), 0.0, "the input network is untouched");
                        assertEquals(shifts, c.network().parameters().hasShifts());
                        if (shifts) {
                            assertTrue(c.network().trainableShifts());
                            assertArrayEquals(net.parameters().shifts().toRowMajor(),
                                    c.network().parameters().shifts().toRowMajor(), 0.0, "shifts carry over");
                        }
                    }));
                }
            }
        });
        return tests.stream();
    }

    @Test
    void withoutLayerBiasesALayerIsAtMostAsWideAsTheOneBefore() {
        assertArrayEquals(new int[] {784, 784, 784, 3}, ReducedWidths.of(new int[] {784, 785, 786, 3}, false));
        assertArrayEquals(new int[] {784, 785, 786, 3}, ReducedWidths.of(new int[] {784, 785, 786, 3}, true));
        assertArrayEquals(new int[] {3, 3, 3, 3, 2}, ReducedWidths.of(new int[] {3, 9, 12, 7, 2}, false));
        assertArrayEquals(new int[] {5, 3, 3, 2}, ReducedWidths.of(new int[] {5, 3, 4, 2}, false));
        assertEquals(784L * 785 + 785L * 786 + 786L * 3, ReducedWidths.parameterCount(new int[] {784, 785, 786, 3}, false));
        assertEquals(305, ReducedWidths.parameterCount(new int[] {1, 8, 16, 8, 1}, true));
    }

    /**
     * Theorem 5 without layer biases: Algorithm 1 on W alone gives n^red_i = min(n_i, n^red_{i−1})
     * and the same function, for every profile, with and without shifts; the symmetry path
     * agrees, and the reduced network has no biases either.
     */
    @TestFactory
    Stream<DynamicTest> compressionWithoutLayerBiasesIsLossless() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (RadialProfile profile : PROFILES) {
                tests.add(dynamicTest(name + ": " + profile, () -> {
                    Backend b = Backends.get(name);
                    int[] widths = {3, 9, 12, 7, 11, 2};
                    RadialNetwork net = RadialNetwork.initializedWithoutBiases(b, widths, profile, profile.hashCode());
                    assertFalse(net.layerBiases());
                    double[] before = net.parameters().flatten();
                    CompressedNetwork c = QrCompression.compress(net);
                    assertTrue(c.reduced());
                    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 2}, c.network().widths());
                    assertFalse(c.network().layerBiases(), "the reduced network has no biases either");
                    Tensor x = inputs(b, 5, 200, 3);
                    double error = relativeOutputError(net, c.network(), x);
                    assertTrue(error <= 1e-12, name + " " + profile + ": max |F − F_red| = " + error);
                    assertArrayEquals(before, net.parameters().flatten(), 0.0, "the input network is untouched");
                    for (int i = 1; i <= c.network().depth(); i++) {
                        assertEquals(0.0, b.maxAbs(c.network().parameters().bias(i)), 0.0, "b^red_" + i + " = 0");
                    }
                    assertEquals(9 * 3 + 12 * 9 + 7 * 12 + 11 * 7 + 2 * 11, c.originalParameters());
                    assertEquals(4 * 9 + 2 * 3, c.reducedParameters());
                    Param complete = QrCompression.compressWithSymmetry(net).compressed().network().parameters();
                    assertTrue(c.network().parameters().maxAbsDifference(complete) <= 1e-12,
                            "economy and complete paths agree: " + c.network().parameters().maxAbsDifference(complete));
                }));
            }
        });
        return tests.stream();
    }

    /** The experiment-4 network without biases reduces (784, 785, 786, 3) → (784, 784, 784, 3). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theExperiment4NetworkWithoutBiasesReducesTo784(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initializedWithoutBiases(b, new int[] {784, 785, 786, 3},
                RadialProfiles.stepRelu(1e-6), 4);
        CompressedNetwork c = QrCompression.compress(net);
        assertArrayEquals(new int[] {784, 784, 784, 3}, c.network().widths());
        Tensor x = b.fromRowMajor(20, 784, new SplittableRandom(6).doubles(20 * 784, 0, 1).toArray());
        double error = relativeOutputError(net, c.network(), x);
        assertTrue(error <= 1e-12, "max |F − F_red| = " + error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void projectedGradientDescentTracksTheReducedNetworkWithoutLayerBiases(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initializedWithoutBiases(b, new int[] {2, 6, 7, 1}, RadialProfiles.sigmoid(), 19);
        Tensor x = inputs(b, 20, 121, 2);
        Tensor y = b.zeros(121, 1);
        b.map(b.block(x, 0, 0, 121, 1), t -> Math.exp(-t * t), y);
        assertTheorem7(CompressionCheck.theorem7(net, x, y, new MeanSquaredError(), 0.01, 50));
    }

    /** The three identities of Theorem 7 to 1e-12. */
    private static void assertTheorem7(CompressionCheck.Theorem7Check check) {
        assertTrue(check.maxSymmetryError() <= 1e-12, "γ^k(θ) = Q·γ^k(Q⁻¹θ): " + check.maxSymmetryError());
        assertTrue(check.maxProjectionError() <= 1e-12, "γ_proj^k(Q⁻¹θ) = γ_red^k + U: " + check.maxProjectionError());
        assertTrue(check.finalLossDifference() <= 1e-12, "|L − L_red| = " + check.finalLossDifference());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void trainingANetworkWithoutLayerBiasesKeepsThemZero(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initializedWithoutBiases(b, new int[] {2, 6, 7, 3}, RadialProfiles.squash(), 21);
        Tensor x = inputs(b, 22, 40, 2);
        Param gradient = Param.zeros(b, net.widths(), false);
        for (RadialNetwork.Backprop backprop : RadialNetwork.Backprop.values()) {
            b.fill(gradient.bias(1), 1.0);
            var pass = net.trainingPass(40, backprop);
            pass.forward(x);
            pass.backward(b.filled(40, 3, 0.5), gradient);
            assertTrue(b.maxAbs(gradient.weight(1)) > 0, backprop + ": the weights get a gradient");
            for (int i = 1; i <= 3; i++) {
                assertEquals(0.0, b.maxAbs(gradient.bias(i)), 0.0, backprop + ": ∂L/∂b_" + i + " = 0");
            }
        }
        Param withBias = net.parameters().copy();
        b.fill(withBias.bias(2), 0.25);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RadialNetwork(withBias, List.of(RadialProfiles.squash(), RadialProfiles.squash()), false, false));
        assertTrue(e.getMessage().contains("b_2"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void bothPathsGiveTheSameReducedNetwork(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 3);
        Param economy = QrCompression.compress(net).network().parameters();
        Param complete = QrCompression.compressWithSymmetry(net).compressed().network().parameters();
        assertTrue(economy.maxAbsDifference(complete) <= 1e-12, "economy and complete paths agree: "
                + economy.maxAbsDifference(complete));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void rankDeficientLayersAndZeroBiasesStayLossless(String name) {
        Backend b = Backends.get(name);
        int[] widths = {3, 8, 9, 4, 2};
        RadialNetwork net = RadialNetwork.initialized(b, widths, RadialProfiles.tanh(), 9);
        Param p = net.parameters();
        // W_1 of rank 1, W_2 with two identical columns, all biases zero
        Tensor u = b.fromRowMajor(8, 1, new SplittableRandom(10).doubles(8, -1, 1).toArray());
        Tensor v = b.fromRowMajor(1, 3, new double[] {0.5, -1, 2});
        b.gemm(1.0, u, io.radnet.api.Transpose.NONE, v, io.radnet.api.Transpose.NONE, 0.0, p.weight(1));
        Tensor firstColumn = b.block(p.weight(2), 0, 0, 9, 1);
        b.copyBlock(firstColumn, 0, 0, 9, 1, p.weight(2), 0, 1);
        for (int i = 1; i <= p.depth(); i++) {
            b.fill(p.bias(i), 0.0);
        }
        CompressedNetwork c = QrCompression.compress(net);
        double error = relativeOutputError(net, c.network(), inputs(b, 11, 100, 3));
        assertTrue(error <= 1e-12, "rank-deficient: max |F − F_red| = " + error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void widthsThatDoNotReduceGiveAnExactCopyAndSaySo(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {4, 3, 4, 2}, RadialProfiles.sigmoid(), 12);
        CompressedNetwork c = QrCompression.compress(net);
        assertFalse(c.reduced(), "nothing to remove");
        assertNotSame(net.parameters(), c.network().parameters(), "a copy, not the input's parameters");
        assertArrayEquals(net.parameters().flatten(), c.network().parameters().flatten(), 0.0);
        assertEquals(c.originalParameters(), c.reducedParameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theSymmetryActionIsAnExactInvertibleInvariance(String name) {
        Backend b = Backends.get(name);
        int[] widths = {2, 5, 4, 3};
        RadialNetwork net = RadialNetwork.initializedWithShifts(b, widths, RadialProfiles.squash(), 0.1, false, 13);
        List<Tensor> qs = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 1; i < widths.length - 1; i++) {
            qs.add(b.qr(b.fromRowMajor(widths[i], widths[i], random.doubles((long) widths[i] * widths[i], -1, 1).toArray()),
                    QrMode.COMPLETE).q());
        }
        OrthogonalTuple q = OrthogonalTuple.of(qs);
        Param moved = SymmetryAction.apply(q, net.parameters());
        assertTrue(SymmetryAction.applyInverse(q, moved).maxAbsDifference(net.parameters()) <= 1e-14, "Q⁻¹·(Q·θ) = θ");
        RadialNetwork movedNet = new RadialNetwork(moved, RadialProfiles.squash(), false);
        double error = relativeOutputError(net, movedNet, inputs(b, 15, 50, 2));
        assertTrue(error <= 1e-13, "F_{Q·θ} = F_θ, error " + error);
        assertArrayEquals(net.parameters().shifts().toRowMajor(), moved.shifts().toRowMajor(), 0.0, "shifts untouched");
        Param identity = SymmetryAction.apply(OrthogonalTuple.identity(b, widths), net.parameters());
        assertTrue(identity.equalsWithin(net.parameters(), 0.0), "the identity acts trivially");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theTransformedParametersVanishWhereProjectionMasksAndUDoesNotChangeShifts(String name) {
        Backend b = Backends.get(name);
        int[] widths = {2, 6, 7, 3};
        RadialNetwork net = RadialNetwork.initializedWithShifts(b, widths, RadialProfiles.sigmoid(), 0.2, true, 16);
        SymmetricCompression sc = QrCompression.compressWithSymmetry(net);
        Param mask = ProjectedGradientDescent.mask(b, widths, true);
        Param masked = sc.transformed().copy();
        for (int k = 0; k < masked.tensors().size(); k++) {
            b.hadamard(masked.tensors().get(k), mask.tensors().get(k), masked.tensors().get(k));
        }
        assertTrue(masked.maxAbsDifference(sc.transformed()) <= 1e-14,
                "Q⁻¹·θ is already zero where Proj zeroes: " + masked.maxAbsDifference(sc.transformed()));
        assertEquals(0.0, b.maxAbs(sc.remainder().shifts()), 0.0, "U has zero shifts");
        assertEquals(0.0, mask.weight(1).get(5, 0), 0.0, "bottom-left block of W_1 masked");
        assertEquals(1.0, mask.weight(1).get(2, 1), 0.0, "top rows kept");
        assertEquals(0.0, mask.bias(2).get(0, 6), 0.0, "bottom bias entries masked");
        assertEquals(1.0, mask.weight(2).get(6, 4), 0.0, "bottom-right block kept");
        assertEquals(1.0, b.norm(mask.weight(3)) * b.norm(mask.weight(3)) / 21.0, 1e-15, "last layer never masked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void projectedGradientDescentTracksTheReducedNetworkStepByStep(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {1, 6, 7, 1}, RadialProfiles.sigmoid(), 17);
        Tensor x = inputs(b, 18, 121, 1);
        Tensor y = b.zeros(121, 1);
        b.map(x, t -> Math.exp(-t * t), y);
        CompressionCheck.Theorem7Check check = CompressionCheck.theorem7(net, x, y, new MeanSquaredError(), 0.01, 200);
        assertTheorem7(check);
        assertEquals(200, check.projectionError().length);
    }

    @Test
    void badInputsAreRejectedAndNothingIsModified() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {1, 3, 4, 1}, RadialProfiles.tanh(), 1);
        net.parameters().weight(2).set(1, 2, Double.POSITIVE_INFINITY);
        double[] before = net.parameters().flatten();
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> QrCompression.compress(net));
        assertTrue(nan.getMessage().contains("W_2") && nan.getMessage().contains("Infinity")
                && nan.getMessage().contains("(1, 2)"), nan.getMessage());
        assertArrayEquals(before, net.parameters().flatten(), 0.0);
        IllegalArgumentException notOrthogonal = assertThrows(IllegalArgumentException.class,
                () -> OrthogonalTuple.of(List.of(b.filled(2, 2, 1.0))));
        assertTrue(notOrthogonal.getMessage().contains("not orthogonal"), notOrthogonal.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OrthogonalTuple.of(List.of(b.zeros(2, 3))));
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> SymmetryAction.apply(OrthogonalTuple.identity(b, new int[] {1, 2, 2, 1}), net.parameters()));
        assertTrue(sizes.getMessage().contains("hidden widths"), sizes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QrCompression.embed(net.parameters(), new int[] {1, 2, 4, 1}));
    }
}
