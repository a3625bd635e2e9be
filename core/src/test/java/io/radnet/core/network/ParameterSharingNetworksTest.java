package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants of the parameter-sharing networks on every available backend: an RCNet with r = 1
 * is the plain network and with r = 2 the hand-unrolled one (gradients summed over the copies);
 * a hypernetwork whose f outputs constant weights is the plain primary with those weights, and
 * in general sample s sees the primary with weights f(I_s); the embedding method is q([x, e(I)]).
 * Also the parameter counts and the errors for bad input.
 */
class ParameterSharingNetworksTest {
    private static final double TOLERANCE = 1e-12;

    private static Tensor random(Backend b, SplittableRandom random, int rows, int cols) {
        return b.fromRowMajor(rows, cols, random.doubles((long) rows * cols, -1.5, 1.5).toArray());
    }

    private static double maxDifference(Backend b, Tensor x, Tensor y) {
        Tensor d = b.zeros(x.rows(), x.cols());
        b.subtract(x, y, d);
        return b.maxAbs(d);
    }

    private static ParameterVector gradient(Network net, Tensor x, Tensor y) {
        Backend b = net.backend();
        TrainingPass pass = net.trainingPass(x.rows());
        Tensor out = pass.forward(x);
        Tensor dOut = b.zeros(out.rows(), out.cols());
        new MeanSquaredError().valueAndGradient(out, y, dOut);
        ParameterVector g = net.parameters().zerosLike();
        pass.backward(dOut, g);
        return g;
    }

    @TestFactory
    Stream<DynamicTest> invariants() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            tests.add(dynamicTest(name + ": RCNet with r = 1 is the plain network", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(1);
                PointwiseActivation relu = PointwiseActivations.relu();
                RepeatedCompositionNetwork rc = RepeatedCompositionNetwork.initialized(b, 2, new int[] {6, 5, 6}, 3, 1,
                        relu, 7);
                Mlp plain = new Mlp(rc.parameters().copy(), List.of(PointwiseActivations.identity(), relu, relu));
                Tensor x = random(b, random, 9, 2);
                Tensor y = random(b, random, 9, 3);
                assertTrue(maxDifference(b, rc.forward(x), plain.forward(x)) <= TOLERANCE);
                assertTrue(gradient(rc, x, y).equalsWithin(gradient(plain, x, y), TOLERANCE));
            }));
            tests.add(dynamicTest(name + ": RCNet with r = 2 is the unrolled network, gradients summed", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(2);
                PointwiseActivation relu = PointwiseActivations.relu();
                RepeatedCompositionNetwork rc = RepeatedCompositionNetwork.initialized(b, 2, new int[] {5, 5}, 1, 2,
                        relu, 8);
                Param p = rc.parameters();
                Param unrolledParam = Param.zeros(b, new int[] {2, 5, 5, 5, 1}, false);
                int[] layer = {1, 2, 2, 3};
                for (int u = 1; u <= 4; u++) {
                    b.copy(p.weight(layer[u - 1]), unrolledParam.weight(u));
                    b.copy(p.bias(layer[u - 1]), unrolledParam.bias(u));
                }
                Mlp unrolled = new Mlp(unrolledParam, List.of(PointwiseActivations.identity(), relu, relu));
                Tensor x = random(b, random, 8, 2);
                Tensor y = random(b, random, 8, 1);
                assertTrue(maxDifference(b, rc.forward(x), unrolled.forward(x)) <= TOLERANCE);
                Param g = (Param) gradient(rc, x, y);
                Param gu = (Param) gradient(unrolled, x, y);
                Tensor summed = b.zeros(5, 5);
                b.add(gu.weight(2), gu.weight(3), summed);
                assertTrue(maxDifference(b, g.weight(2), summed) <= TOLERANCE);
                assertTrue(maxDifference(b, g.weight(1), gu.weight(1)) <= TOLERANCE);
                assertTrue(maxDifference(b, g.bias(3), gu.bias(4)) <= TOLERANCE);
            }));
            tests.add(dynamicTest(name + ": a hypernetwork with constant f is the plain primary", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(3);
                for (boolean biases : new boolean[] {false, true}) {
                    PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {3, 4, 2}, PointwiseActivations.relu(), biases);
                    Mlp f = Mlp.initialized(b, new int[] {2, 6, g.parameterCount()}, PointwiseActivations.tanh(), 4);
                    double[] theta = random.doubles(g.parameterCount(), -1, 1).toArray();
                    b.fill(f.parameters().weight(2), 0.0);
                    b.copy(b.fromRowMajor(1, theta.length, theta), f.parameters().bias(2));
                    HyperNetwork h = new HyperNetwork(f, g);
                    Tensor xi = random(b, random, 10, 5);
                    Tensor x = b.block(xi, 0, 0, 10, 3);
                    assertTrue(maxDifference(b, h.forward(xi), g.network(b, theta).forward(x)) <= TOLERANCE);
                }
            }));
            tests.add(dynamicTest(name + ": every sample of a hypernetwork gets its own primary g(·; f(I_s))", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(4);
                HyperNetwork h = ParameterSharingGradientTest.hyperNetwork(b, true, 9);
                Tensor xi = random(b, random, 6, 5);
                Tensor out = h.forward(xi);
                Tensor theta = h.generator().forward(b.block(xi, 0, 3, 6, 2));
                for (int s = 0; s < 6; s++) {
                    double[] weights = b.block(theta, s, 0, 1, theta.cols()).toRowMajor();
                    Tensor single = h.primary().network(b, weights).forward(b.block(xi, s, 0, 1, 3));
                    assertTrue(maxDifference(b, single, b.block(out, s, 0, 1, 2)) <= TOLERANCE, "sample " + s);
                }
            }));
            tests.add(dynamicTest(name + ": the embedding method is q([x, e(I)])", () -> {
                Backend b = Backends.get(name);
                SplittableRandom random = new SplittableRandom(5);
                EmbeddingNetwork net = ParameterSharingGradientTest.embeddingNetwork(b, 10);
                Tensor xi = random(b, random, 6, 5);
                Tensor concatenated = b.zeros(6, 6);
                b.copyBlock(xi, 0, 0, 6, 3, concatenated, 0, 0);
                b.copyBlock(net.embedding().forward(b.block(xi, 0, 3, 6, 2)), 0, 0, 6, 3, concatenated, 0, 3);
                assertTrue(maxDifference(b, net.forward(xi), net.primary().forward(concatenated)) <= TOLERANCE);
            }));
        });
        return tests.stream();
    }

    @Test
    void parameterCountsFollowThePapersDefinitions() {
        Backend b = Backends.get("ejml");
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {4, 10, 1}, PointwiseActivations.relu(), false);
        assertEquals(4 * 10 + 10 * 1, g.parameterCount());
        assertEquals(4 * 10 + 10 * 1 + 10 + 1, PrimaryArchitecture.of(new int[] {4, 10, 1},
                PointwiseActivations.relu(), true).parameterCount());
        HyperNetwork h = new HyperNetwork(Mlp.initialized(b, new int[] {3, 7, 50}, PointwiseActivations.relu(), 1), g);
        assertEquals((3 * 7 + 7) + (7 * 50 + 50), h.generatorParameterCount());
        assertEquals(50, h.primaryParameterCount());
        assertEquals(h.generatorParameterCount(), h.parameters().size());
        EmbeddingNetwork e = new EmbeddingNetwork(4, Mlp.initialized(b, new int[] {3, 7, 50}, PointwiseActivations.relu(), 1),
                Mlp.initialized(b, new int[] {54, 10, 1}, PointwiseActivations.relu(), 2));
        assertEquals((3 * 7 + 7) + (7 * 50 + 50), e.embeddingParameterCount());
        assertEquals(54 * 10 + 10 + 10 + 1, e.primaryParameterCount());
        assertEquals(e.embeddingParameterCount() + e.primaryParameterCount(), e.parameters().size());
        for (int r = 1; r <= 4; r++) {
            for (int n : new int[] {30, 100}) {
                RepeatedCompositionNetwork rc = RepeatedCompositionNetwork.initialized(b, 2, new int[] {n, n}, 2, r,
                        PointwiseActivations.relu(), 1);
                assertEquals(n * n + 6 * n + 2, rc.parameters().size(), "the RCNet paper's n² + 6n + 2");
            }
        }
    }

    @Test
    void badInputIsRejectedNamingTheSizes() {
        Backend b = Backends.get("ejml");
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {3, 4, 2}, PointwiseActivations.relu(), false);
        Mlp wrongF = Mlp.initialized(b, new int[] {2, 5, 19}, PointwiseActivations.relu(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HyperNetwork(wrongF, g));
        assertTrue(e.getMessage().contains("19") && e.getMessage().contains("20"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> RepeatedCompositionNetwork.initialized(b, 2,
                new int[] {4, 4}, 1, 0, PointwiseActivations.relu(), 1));
        assertTrue(e.getMessage().contains("r must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RepeatedCompositionNetwork.initialized(b, 2,
                new int[] {4, 6, 5}, 1, 2, PointwiseActivations.relu(), 1));
        assertTrue(e.getMessage().contains("ℝ^4 to ℝ^5"), e.getMessage());
        Param p = Param.zeros(b, new int[] {2, 4, 4, 1}, false);
        e = assertThrows(IllegalArgumentException.class, () -> new RepeatedCompositionNetwork(p, 2, 1,
                PointwiseActivations.relu()));
        assertTrue(e.getMessage().contains("block depth k is 2"), e.getMessage());

        Mlp embedding = Mlp.initialized(b, new int[] {2, 5, 3}, PointwiseActivations.relu(), 1);
        Mlp q = Mlp.initialized(b, new int[] {5, 4, 1}, PointwiseActivations.relu(), 2);
        e = assertThrows(IllegalArgumentException.class, () -> new EmbeddingNetwork(3, embedding, q));
        assertTrue(e.getMessage().contains("takes 5 inputs") && e.getMessage().contains("needs 6"), e.getMessage());

        HyperNetwork h = new HyperNetwork(Mlp.initialized(b, new int[] {2, 5, 20}, PointwiseActivations.relu(), 1), g);
        ShapeMismatchException s = assertThrows(ShapeMismatchException.class, () -> h.forward(b.zeros(4, 4)));
        assertTrue(s.getMessage().contains("takes 5 columns (x: 3 columns, then I: 2)"), s.getMessage());
        s = assertThrows(ShapeMismatchException.class, () -> h.trainingPass(3).forward(b.zeros(4, 5)));
        assertTrue(s.getMessage().contains("batches of 3 rows"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.network(b, new double[7]));
        assertTrue(e.getMessage().contains("needs 20 weights, got 7"), e.getMessage());
        IllegalStateException state = assertThrows(IllegalStateException.class, () -> h.trainingPass(2)
                .backward(b.zeros(2, 2), h.parameters().zerosLike()));
        assertTrue(state.getMessage().contains("forward pass first"));
    }

    @Test
    void theTrainerAndStatefulOptimizersTrainEveryNetworkIncludingAProductParam() {
        Backend b = Backends.get("ejml");
        SplittableRandom random = new SplittableRandom(6);
        Tensor x = random(b, random, 40, 5);
        Tensor y = random(b, random, 40, 2);
        List<Network> nets = List.of(ParameterSharingGradientTest.hyperNetwork(b, true, 11),
                ParameterSharingGradientTest.embeddingNetwork(b, 12),
                RepeatedCompositionNetwork.initialized(b, 5, new int[] {6, 6}, 2, 3, PointwiseActivations.relu(), 13));
        for (Network net : nets) {
            TrainingResult result = Trainer.builder(net, new MeanSquaredError(), Adam.builder().learningRate(0.01).build(),
                    Dataset.of(x, y)).batchSize(10).seed(1).maxEpochs(30).build().train();
            double[] losses = result.lossHistory();
            assertTrue(losses[losses.length - 1] < losses[0], net + ": loss " + losses[0] + " → "
                    + losses[losses.length - 1]);
        }
    }

    @Test
    void aProductActsAsOneVectorOfItsFactors() {
        Backend b = Backends.get("ejml");
        Param first = Param.zeros(b, new int[] {2, 3}, false);
        Param second = Param.zeros(b, new int[] {3, 1}, false);
        ParameterVector product = ParameterVector.product(List.of(first, second));
        assertFalse(product instanceof Param, "a product has no layers");
        assertEquals(List.of(first), first.factors());
        assertEquals(List.of(first, second), product.factors());
        assertEquals(first.size() + second.size(), product.size());
        product.tensors().get(0).set(0, 0, 2.0);
        assertEquals(2.0, first.weight(1).get(0, 0), "the product shares its factors' tensors");
        ParameterVector zeros = product.zerosLike();
        assertTrue(zeros.sameSpaceAs(product));
        assertFalse(zeros.sameSpaceAs(first));
        assertEquals(2.0, product.distance(zeros), 0.0);
        assertEquals("product of (widths [2, 3]) × (widths [3, 1])", product.describe());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> product.axpy(1.0, first));
        assertTrue(mismatch.getMessage().contains("different spaces"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterVector.product(Collections.singletonList(first)));
    }
}
