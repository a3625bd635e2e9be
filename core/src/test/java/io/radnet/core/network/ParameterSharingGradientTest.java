package io.radnet.core.network;

import static io.radnet.core.network.GradientCheck.assertGradientMatches;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The analytic gradients of the parameter-sharing networks agree with central finite
 * differences (relative error ≤ 1e-6, see {@link GradientCheck}) on every available backend:
 * hypernetworks (through g's generated weights into f, with and without generated biases),
 * embedding methods (through q into e) and RCNets for r = 1, 2, 5 (one- and two-layer blocks).
 * The input gradients of {@link TrainingPass#backwardAccumulating} are checked the same way.
 */
class ParameterSharingGradientTest {
    private static Tensor random(Backend b, SplittableRandom random, int rows, int cols) {
        return b.fromRowMajor(rows, cols, random.doubles((long) rows * cols, -1.5, 1.5).toArray());
    }

    static HyperNetwork hyperNetwork(Backend b, boolean biases, long seed) {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {3, 4, 2}, PointwiseActivations.tanh(), biases);
        Mlp f = Mlp.initialized(b, new int[] {2, 5, g.parameterCount()}, PointwiseActivations.elu(0.7), seed);
        return new HyperNetwork(f, g);
    }

    static EmbeddingNetwork embeddingNetwork(Backend b, long seed) {
        Mlp e = Mlp.initialized(b, new int[] {2, 5, 3}, PointwiseActivations.tanh(), seed);
        Mlp q = Mlp.initialized(b, new int[] {3 + 3, 4, 2}, PointwiseActivations.sigmoid(), seed + 1);
        return new EmbeddingNetwork(3, e, q);
    }

    @TestFactory
    Stream<DynamicTest> everyNetworkAgreesWithFiniteDifferences() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (boolean biases : new boolean[] {false, true}) {
                tests.add(dynamicTest(name + ": hypernetwork, primary " + (biases ? "with" : "without") + " biases", () -> {
                    Backend b = Backends.get(name);
                    SplittableRandom random = new SplittableRandom(biases ? 11 : 12);
                    HyperNetwork h = hyperNetwork(b, biases, random.nextLong());
                    assertGradientMatches(h, new MeanSquaredError(), random(b, random, 6, 5), random(b, random, 6, 2),
                            name + " hypernetwork");
                }));
            }
            tests.add(dynamicTest(name + ": embedding method", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(13);
                EmbeddingNetwork net = embeddingNetwork(b, random.nextLong());
                assertGradientMatches(net, new MeanSquaredError(), random(b, random, 6, 5), random(b, random, 6, 2),
                        name + " embedding");
            }));
            for (int r : new int[] {1, 2, 5}) {
                for (int[] block : new int[][] {{4, 4}, {4, 3, 4}}) {
                    tests.add(dynamicTest(name + ": RCNet r = " + r + ", block " + java.util.Arrays.toString(block), () -> {
                        Backend b = Backends.get(name);
                        SplittableRandom random = new SplittableRandom(100 * r + block.length);
                        // softplus keeps the loss smooth; tanh-like saturation is avoided so r = 5 still has signal
                        RepeatedCompositionNetwork net = RepeatedCompositionNetwork.initialized(b, 2, block, 3, r,
                                PointwiseActivations.softplus(), random.nextLong());
                        Tensor labels = b.fromRowMajor(7, 1, random.ints(7, 0, 3).asDoubleStream().toArray());
                        assertGradientMatches(net, new SoftmaxCrossEntropy(), random(b, random, 7, 2), labels,
                                name + " RCNet r=" + r);
                    }));
                    tests.add(dynamicTest(name + ": ReLU RCNet r = " + r + ", block " + java.util.Arrays.toString(block), () -> {
                        Backend b = Backends.get(name);
                        SplittableRandom random = new SplittableRandom(200 * r + block.length);
                        RepeatedCompositionNetwork net = RepeatedCompositionNetwork.initialized(b, 2, block, 2, r,
                                PointwiseActivations.relu(), random.nextLong());
                        assertGradientMatches(net, new MeanSquaredError(), random(b, random, 7, 2), random(b, random, 7, 2),
                                name + " ReLU RCNet r=" + r);
                    }));
                }
            }
            tests.add(dynamicTest(name + ": input gradients and accumulation", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(14);
                List<Network> nets = List.of(hyperNetwork(b, true, 3), embeddingNetwork(b, 4),
                        RepeatedCompositionNetwork.initialized(b, 5, new int[] {4, 4}, 2, 3, PointwiseActivations.tanh(), 5));
                for (Network net : nets) {
                    assertInputGradientAndAccumulation(net, random(b, random, 4, 5), random(b, random, 4, 2));
                }
            }));
        });
        return tests.stream();
    }

    /**
     * backwardAccumulating(d, g, dInput): dInput matches central differences of L in x, and g
     * receives exactly the gradient backward gives, added to what it held.
     */
    private static void assertInputGradientAndAccumulation(Network net, Tensor x, Tensor y) {
        Backend b = net.backend();
        MeanSquaredError mse = new MeanSquaredError();
        TrainingPass pass = net.trainingPass(x.rows());
        Tensor out = pass.forward(x);
        Tensor dOut = b.zeros(out.rows(), out.cols());
        mse.valueAndGradient(out, y, dOut);
        ParameterVector once = net.parameters().zerosLike();
        pass.backward(dOut, once);
        ParameterVector sum = once.copy();
        Tensor dInput = b.zeros(x.rows(), x.cols());
        pass.backwardAccumulating(dOut, sum, dInput);
        assertTrue(sum.equalsWithin(once.times(2.0), 1e-12), net + ": accumulation must add the gradient");
        double h = 1e-6;
        double worst = 0.0;
        double scale = b.maxAbs(dInput);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                double original = x.get(i, j);
                x.set(i, j, original + h);
                double plus = mse.value(net.forward(x), y);
                x.set(i, j, original - h);
                double minus = mse.value(net.forward(x), y);
                x.set(i, j, original);
                worst = Math.max(worst, Math.abs((plus - minus) / (2 * h) - dInput.get(i, j)));
            }
        }
        assertTrue(scale > 0, net + ": the input gradient is zero, the check would be vacuous");
        assertTrue(worst <= 1e-6 * Math.max(1.0, scale), net + ": input gradient error " + worst);
    }
}
