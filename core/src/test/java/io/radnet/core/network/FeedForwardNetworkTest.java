package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.RadialProfile;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialActivation;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.TestBackends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Radial networks and MLPs: the forward pass is the paper's composition (checked against plain
 * loops), the partial maps F_i chain up to F, initialisation follows PyTorch's nn.Linear law,
 * and bad inputs are rejected clearly.
 */
class FeedForwardNetworkTest {
    /** F(x) by plain loops on arrays: z = W a + b, then ρ_s on hidden layers. */
    private static double[] reference(FeedForwardNetwork net, RadialProfile eta, double[] x) {
        Param p = net.parameters();
        double[] a = x;
        for (int i = 1; i <= net.depth(); i++) {
            double[][] w = p.weight(i).toRows();
            double[] bias = p.bias(i).toRowMajor();
            double[] z = new double[w.length];
            for (int r = 0; r < w.length; r++) {
                z[r] = bias[r];
                for (int c = 0; c < a.length; c++) {
                    z[r] += w[r][c] * a[c];
                }
            }
            a = i < net.depth() ? new RadialActivation(eta).apply(z, p.shift(i)) : z;
        }
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aRadialNetworkComputesThePapersComposition(String name) {
        Backend b = Backends.get(name);
        RadialNetwork net = RadialNetwork.initializedWithShifts(b, new int[] {2, 16, 64, 128, 16, 2},
                RadialProfiles.sigmoid(), 0.3, true, 42);
        SplittableRandom random = new SplittableRandom(43);
        double[][] xs = new double[9][];
        for (int s = 0; s < xs.length; s++) {
            xs[s] = random.doubles(2, -3, 3).toArray();
        }
        Tensor out = net.forward(b.fromRows(xs));
        for (int s = 0; s < xs.length; s++) {
            double[] expected = reference(net, RadialProfiles.sigmoid(), xs[s]);
            for (int j = 0; j < 2; j++) {
                assertEquals(expected[j], out.get(s, j), 1e-12 * Math.max(1, Math.abs(expected[j])), name + " sample " + s);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void partialMapsStartAtTheInputAndEndAtTheOutput(String name) {
        Backend b = Backends.get(name);
        Mlp net = Mlp.initialized(b, new int[] {3, 4, 1, 5, 2}, PointwiseActivations.tanh(), 7);
        Tensor x = b.fromRows(new double[][] {{0.1, -0.2, 0.3}, {1, 2, 3}});
        assertArrayEquals(x.toRowMajor(), net.partialForward(x, 0).toRowMajor(), 0.0, "F_0 = id");
        assertArrayEquals(net.forward(x).toRowMajor(), net.partialForward(x, 4).toRowMajor(), 0.0, "F_L = F");
        Tensor f2 = net.partialForward(x, 2);
        assertEquals("2x1", f2.shape(), "F_2 has n_2 columns");
        double[] f1 = net.partialForward(x, 1).toRowMajor();
        double[][] w2 = net.parameters().weight(2).toRows();
        double z = net.parameters().bias(2).get(0, 0);
        for (int c = 0; c < 4; c++) {
            z += w2[0][c] * f1[c];
        }
        assertEquals(Math.tanh(z), f2.get(0, 0), 1e-15, "F_2 = σ(W_2 F_1 + b_2)");
        assertThrows(IllegalArgumentException.class, () -> net.partialForward(x, 5));
    }

    @Test
    void initialisationFollowsPyTorchsLinearLawAndIsSeeded() {
        Backend b = Backends.get("ejml");
        int[] widths = {64, 400, 3};
        Param p = RadialNetwork.initialized(b, widths, RadialProfiles.tanh(), 11).parameters();
        for (int i = 1; i <= 2; i++) {
            double bound = 1 / Math.sqrt(widths[i - 1]);
            double[] w = p.weight(i).toRowMajor();
            double mean = 0;
            double meanSquare = 0;
            for (double v : w) {
                assertTrue(Math.abs(v) < bound, "W_" + i + " entries lie in (−1/√fan_in, 1/√fan_in)");
                mean += v / w.length;
                meanSquare += v * v / w.length;
            }
            // uniform on (−c, c): mean 0, second moment c²/3; 4-sigma bands for these sample sizes
            double sd = bound / Math.sqrt(3 * w.length);
            assertEquals(0.0, mean, 4 * sd, "W_" + i + " is centred");
            assertEquals(bound * bound / 3, meanSquare, 4 * bound * bound * Math.sqrt(4.0 / 45 / w.length),
                    "W_" + i + " has the second moment of U(−c, c)");
            for (double v : p.bias(i).toRowMajor()) {
                assertTrue(Math.abs(v) < bound, "b_" + i + " entries lie in (−1/√fan_in, 1/√fan_in)");
            }
        }
        Param same = RadialNetwork.initialized(b, widths, RadialProfiles.tanh(), 11).parameters();
        Param other = RadialNetwork.initialized(b, widths, RadialProfiles.tanh(), 12).parameters();
        assertTrue(p.equalsWithin(same, 0.0), "the same seed gives the same parameters");
        assertFalse(p.equalsWithin(other, 1e-3), "another seed gives other parameters");
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        Backend b = Backends.get("ejml");
        RadialNetwork net = RadialNetwork.initialized(b, new int[] {2, 3, 1}, RadialProfiles.squash(), 1);
        ShapeMismatchException shape = assertThrows(ShapeMismatchException.class,
                () -> net.forward(b.zeros(4, 3)));
        assertTrue(shape.getMessage().contains("4x3") && shape.getMessage().contains("input width n₀ is 2"),
                shape.getMessage());
        NonFiniteValueException nan = assertThrows(NonFiniteValueException.class,
                () -> net.forward(b.fromRows(new double[][] {{1, Double.NaN}})));
        assertTrue(nan.getMessage().contains("NaN") && nan.getMessage().contains("(0, 1)"), nan.getMessage());
        Backend other = new io.radnet.backend.ejml.EjmlBackendProvider().create();
        assertThrows(BackendMismatchException.class, () -> net.forward(other.zeros(1, 2)));
        TrainingPass pass = net.trainingPass(5);
        assertThrows(ShapeMismatchException.class, () -> pass.forward(b.zeros(4, 2)), "batch size is fixed per pass");
        assertThrows(IllegalStateException.class, () -> pass.backward(b.zeros(5, 1), net.parameters().zerosLike()),
                "backward needs a forward first");
        pass.forward(b.zeros(5, 2));
        assertThrows(ShapeMismatchException.class, () -> pass.backward(b.zeros(5, 2), net.parameters().zerosLike()));
        assertThrows(IllegalArgumentException.class,
                () -> pass.backward(b.zeros(5, 1), Param.zeros(b, new int[] {2, 4, 1}, false)));
        assertThrows(IllegalArgumentException.class, () -> net.trainingPass(0));
        assertThrows(IllegalArgumentException.class,
                () -> new RadialNetwork(Param.zeros(b, new int[] {2, 3, 1}, false), List.of(), false),
                "one profile per hidden layer");
        assertThrows(IllegalArgumentException.class,
                () -> new RadialNetwork(Param.zeros(b, new int[] {2, 3, 1}, false), RadialProfiles.tanh(), true),
                "trainable shifts need shifts");
        assertThrows(IllegalArgumentException.class,
                () -> new Mlp(Param.zeros(b, new int[] {2, 3, 1}, true), PointwiseActivations.relu()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void accumulatingBackwardAddsGradientsAndReturnsTheInputGradient(String name) {
        Backend b = Backends.get(name);
        Mlp net = Mlp.initialized(b, new int[] {3, 5, 2}, PointwiseActivations.softplus(), 3);
        Tensor x = b.fromRows(new double[][] {{0.1, 0.2, -0.3}, {-1, 0.5, 2}});
        Tensor dOut = b.fromRows(new double[][] {{1, -1}, {0.5, 2}});
        TrainingPass pass = net.trainingPass(2);
        pass.forward(x);
        Param once = net.parameters().zerosLike();
        pass.backward(dOut, once);
        Param twice = once.copy();
        Tensor dx = b.zeros(2, 3);
        pass.backwardAccumulating(dOut, twice, dx);
        assertTrue(twice.equalsWithin(once.times(2.0), 1e-15), "accumulating adds this pass's gradient");
        // ∂L/∂x by finite differences of ⟨dOut, F(x)⟩
        for (int s = 0; s < 2; s++) {
            for (int j = 0; j < 3; j++) {
                double h = 1e-6;
                Tensor xp = b.copy(x);
                Tensor xm = b.copy(x);
                xp.set(s, j, x.get(s, j) + h);
                xm.set(s, j, x.get(s, j) - h);
                double numeric = (b.dot(dOut, net.forward(xp)) - b.dot(dOut, net.forward(xm))) / (2 * h);
                assertEquals(numeric, dx.get(s, j), 1e-8, "∂L/∂x[" + s + "][" + j + "]");
            }
        }
    }

    @Test
    void networksDescribeThemselves() {
        Backend b = Backends.get("ejml");
        assertEquals("RadialNetwork[1, 6, 7, 1] sigmoid",
                RadialNetwork.initialized(b, new int[] {1, 6, 7, 1}, RadialProfiles.sigmoid(), 1).toString());
        assertEquals("Mlp[2, 3, 1] relu", Mlp.initialized(b, new int[] {2, 3, 1}, PointwiseActivations.relu(), 1).toString());
    }
}
