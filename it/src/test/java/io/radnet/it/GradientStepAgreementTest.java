package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.network.TrainingPass;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One full-batch gradient-descent step θ ← θ − η∇L from identical parameters gives the same
 * parameters on every available backend as on EJML, to a relative error of 1e-12: the radial
 * paper's experiment-3 network on its 14,641-point grid (with the dense and with the subspace
 * training pass, both against EJML's dense pass), and an MLP.
 */
class GradientStepAgreementTest {
    private static final double LEARNING_RATE = 0.01;

    /** The experiment-3 grid: x = (−3 + i/20, −3 + j/20), i outer, j inner; y = sigmoid(x). */
    private static double[][] grid() {
        double[][] x = new double[121 * 121][];
        for (int i = 0; i < 121; i++) {
            for (int j = 0; j < 121; j++) {
                x[i * 121 + j] = new double[] {-3 + i / 20.0, -3 + j / 20.0};
            }
        }
        return x;
    }

    private static double[][] sigmoid(double[][] x) {
        double[][] y = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            y[s] = new double[] {1 / (1 + Math.exp(-x[s][0])), 1 / (1 + Math.exp(-x[s][1]))};
        }
        return y;
    }

    /** @return the parameters after one GD step of the network on (x, y) */
    private static double[] step(FeedForwardNetwork net, double[][] xs, double[][] ys, Loss loss) {
        return step(net, net.trainingPass(xs.length), xs, ys, loss);
    }

    private static double[] step(FeedForwardNetwork net, TrainingPass pass, double[][] xs, double[][] ys, Loss loss) {
        Backend b = net.backend();
        Tensor x = b.fromRows(xs);
        Tensor y = b.fromRows(ys);
        Tensor out = pass.forward(x);
        Tensor dOut = b.zeros(out.rows(), out.cols());
        loss.valueAndGradient(out, y, dOut);
        Param gradient = net.parameters().zerosLike();
        pass.backward(dOut, gradient);
        net.parameters().axpy(-LEARNING_RATE, gradient);
        return net.parameters().flatten();
    }

    private static void assertAgree(double[] expected, double[] actual, String what) {
        double difference = 0;
        double norm = 0;
        for (int k = 0; k < expected.length; k++) {
            difference += (expected[k] - actual[k]) * (expected[k] - actual[k]);
            norm += expected[k] * expected[k];
        }
        double relative = Math.sqrt(difference / norm);
        assertTrue(relative <= 1e-12, what + ": relative difference " + relative + " from EJML");
    }

    static Stream<Arguments> backendsAndPasses() {
        return AvailableBackends.names().flatMap(name -> Stream.of(Backprop.DENSE, Backprop.SUBSPACE)
                .map(backprop -> Arguments.of(name, backprop)));
    }

    @ParameterizedTest(name = "{0}, {1} pass")
    @MethodSource("backendsAndPasses")
    void oneGradientStepOfTheExperiment3NetworkAgreesWithEjml(String name, Backprop backprop) {
        double[][] x = grid();
        double[][] y = sigmoid(x);
        int[] widths = {2, 16, 64, 128, 16, 2};
        double[] start = RadialNetwork.initialized(Backends.get("ejml"), widths, RadialProfiles.sigmoid(), 2024)
                .parameters().flatten();
        RadialNetwork onEjml = new RadialNetwork(Param.unflatten(Backends.get("ejml"), widths, false, start),
                RadialProfiles.sigmoid(), false);
        double[] reference = step(onEjml, onEjml.trainingPass(x.length, Backprop.DENSE), x, y, new MeanSquaredError());
        RadialNetwork net = new RadialNetwork(Param.unflatten(Backends.get(name), widths, false, start),
                RadialProfiles.sigmoid(), false);
        double[] actual = step(net, net.trainingPass(x.length, backprop), x, y, new MeanSquaredError());
        assertAgree(reference, actual, name + " radial experiment-3 network, " + backprop + " pass");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void oneGradientStepOfAnMlpAgreesWithEjml(String name) {
        double[][] x = grid();
        double[][] y = sigmoid(x);
        int[] widths = {2, 32, 1, 8, 2};
        double[] start = Mlp.initialized(Backends.get("ejml"), widths, PointwiseActivations.elu(1.0), 7)
                .parameters().flatten();
        double[] reference = step(new Mlp(Param.unflatten(Backends.get("ejml"), widths, false, start),
                PointwiseActivations.elu(1.0)), x, y, new MeanSquaredError());
        double[] actual = step(new Mlp(Param.unflatten(Backends.get(name), widths, false, start),
                PointwiseActivations.elu(1.0)), x, y, new MeanSquaredError());
        assertAgree(reference, actual, name + " MLP");
    }
}
