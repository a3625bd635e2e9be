package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RepeatedCompositionNetwork;
import io.radnet.core.network.TrainingPass;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parameter-sharing networks on every available backend: the analytic gradient agrees with
 * central finite differences (relative error ≤ 1e-6) for the hypernetwork (through g's generated
 * weights and biases into f), the embedding method and RCNets with r = 1, 2 and 5; and outputs
 * and gradients agree with EJML's to 1e-12 (relative).
 */
class ParameterSharingBackendsTest {
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;
    private static final double AGREEMENT_TOLERANCE = 1e-12;

    static List<String> names() {
        return AvailableBackends.names().toList();
    }

    private static List<Function<Backend, Network>> networks() {
        return List.of(
                b -> new HyperNetwork(Mlp.initialized(b, new int[] {3, 6, 4 * 5 + 5 * 2 + 5 + 2},
                        PointwiseActivations.tanh(), 1), PrimaryArchitecture.of(new int[] {4, 5, 2},
                        PointwiseActivations.elu(0.5), true)),
                b -> new HyperNetwork(Mlp.initialized(b, new int[] {3, 6, 4 * 5 + 5 * 2},
                        PointwiseActivations.relu(), 2), PrimaryArchitecture.of(new int[] {4, 5, 2},
                        PointwiseActivations.relu(), false)),
                b -> new EmbeddingNetwork(4, Mlp.initialized(b, new int[] {3, 6, 3}, PointwiseActivations.tanh(), 3),
                        Mlp.initialized(b, new int[] {7, 5, 2}, PointwiseActivations.sigmoid(), 4)),
                b -> RepeatedCompositionNetwork.initialized(b, 7, new int[] {5, 5}, 2, 1, PointwiseActivations.relu(), 5),
                b -> RepeatedCompositionNetwork.initialized(b, 7, new int[] {5, 5}, 2, 2, PointwiseActivations.relu(), 6),
                b -> RepeatedCompositionNetwork.initialized(b, 7, new int[] {5, 4, 5}, 2, 5, PointwiseActivations.softplus(), 7));
    }

    private static Tensor[] data(Backend b) {
        SplittableRandom random = new SplittableRandom(42);
        return new Tensor[] {b.fromRowMajor(6, 7, random.doubles(42, -1.5, 1.5).toArray()),
            b.fromRowMajor(6, 2, random.doubles(12, -1, 1).toArray())};
    }

    private static double[] gradient(Network net, Tensor x, Tensor y) {
        TrainingPass pass = net.trainingPass(x.rows());
        Tensor out = pass.forward(x);
        Tensor dOut = net.backend().zeros(out.rows(), out.cols());
        new MeanSquaredError().valueAndGradient(out, y, dOut);
        ParameterVector g = net.parameters().zerosLike();
        pass.backward(dOut, g);
        return g.flatten();
    }

    private static double relativeError(double[] a, double[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            d += (a[k] - b[k]) * (a[k] - b[k]);
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        double scale = Math.sqrt(Math.max(na, nb));
        assertTrue(scale > 0, "the gradient is identically zero; the comparison would be vacuous");
        return Math.sqrt(d) / scale;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void gradientsMatchFiniteDifferences(String name) {
        Backend b = Backends.get(name);
        MeanSquaredError mse = new MeanSquaredError();
        for (Function<Backend, Network> make : networks()) {
            Network net = make.apply(b);
            Tensor[] xy = data(b);
            double[] analytic = gradient(net, xy[0], xy[1]);
            double[] numeric = new double[analytic.length];
            int k = 0;
            for (Tensor t : net.parameters().tensors()) {
                for (int i = 0; i < t.rows(); i++) {
                    for (int j = 0; j < t.cols(); j++) {
                        double original = t.get(i, j);
                        double h = 1e-6 * Math.max(1.0, Math.abs(original));
                        t.set(i, j, original + h);
                        double plus = mse.value(net.forward(xy[0]), xy[1]);
                        t.set(i, j, original - h);
                        double minus = mse.value(net.forward(xy[0]), xy[1]);
                        t.set(i, j, original);
                        numeric[k++] = (plus - minus) / (2 * h);
                    }
                }
            }
            double error = relativeError(analytic, numeric);
            assertTrue(error <= FINITE_DIFFERENCE_TOLERANCE, name + ", " + net + ": relative gradient error " + error);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void outputsAndGradientsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        Backend ejml = Backends.get("ejml");
        for (Function<Backend, Network> make : networks()) {
            Network net = make.apply(b);
            Network reference = make.apply(ejml);
            Tensor[] xy = data(b);
            Tensor[] xyReference = data(ejml);
            double[] out = net.forward(xy[0]).toRowMajor();
            double[] expected = reference.forward(xyReference[0]).toRowMajor();
            assertTrue(relativeError(out, expected) <= AGREEMENT_TOLERANCE, name + ", " + net + ": outputs differ");
            double error = relativeError(gradient(net, xy[0], xy[1]), gradient(reference, xyReference[0], xyReference[1]));
            assertTrue(error <= AGREEMENT_TOLERANCE, name + ", " + net + ": gradients differ by " + error);
            assertArrayEquals(reference.parameters().flatten(), net.parameters().flatten(), 0.0, "same initialisation");
        }
    }
}
