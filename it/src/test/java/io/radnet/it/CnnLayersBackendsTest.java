package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.BatchNorm;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CNN layers on every available backend, through small networks that cover every layer and
 * both layouts (maps in, maps out, flattened): the analytic gradients of a training pass (with
 * the parameters and with the input) agree with central finite differences of the same pass
 * (dropout masks fixed by {@link SequentialNetwork#trainingPass(int, long)}, batch normalisation
 * with batch statistics, and with frozen statistics) to a relative 1e-6 at up to 12 seeded
 * coordinates of every parameter tensor and of the input; outputs and gradients
 * agree with EJML's to 1e-12.
 */
class CnnLayersBackendsTest {
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;
    private static final double AGREEMENT_TOLERANCE = 1e-12;
    private static final int BATCH = 3;
    private static final long MASK_SEED = 99;
    private static final int COORDINATES_PER_TENSOR = 12;

    static List<String> names() {
        return AvailableBackends.names().toList();
    }

    private static List<Function<Backend, SequentialNetwork>> networks() {
        return List.of(
                b -> SequentialNetwork.builder(b, FeatureShape.maps(2, 5, 5), 1)
                        .block("conv").conv2d(3, 3, 1, 1, true).build(),
                b -> SequentialNetwork.builder(b, FeatureShape.maps(2, 6, 7), 2)
                        .block("strided").conv2d(2, 3, 2, 0, false).relu().build(),
                b -> SequentialNetwork.builder(b, FeatureShape.maps(3, 4, 4), 3)
                        .block("a").conv2d(2, 3, 1, 1, true).batchNorm2d()
                        .block("b").relu().maxPool2d(2).build(),
                b -> SequentialNetwork.builder(b, FeatureShape.maps(2, 3, 3), 4)
                        .block("features").conv2d(3, 2).flatten().dropout(0.3)
                        .block("head").linear(5).batchNorm1d().relu().dropout(0.5).linear(3).build(),
                b -> SequentialNetwork.builder(b, FeatureShape.maps(1, 8, 8), 5)
                        .block("block1").conv2d(3, 3).batchNorm2d().relu().conv2d(3, 3).batchNorm2d().relu()
                        .maxPool2d(2).dropout(0.25)
                        .block("block2").conv2d(4, 2).batchNorm2d().relu().flatten().dropout(0.25)
                        .block("block3").linear(6).batchNorm1d().relu().dropout(0.5)
                        .block("block4").linear(5).batchNorm1d().relu().linear(3).build(),
                b -> {
                    SequentialNetwork frozen = SequentialNetwork.builder(b, FeatureShape.maps(2, 4, 4), 6)
                            .block("frozen").conv2d(3, 3).batchNorm2d().relu().flatten().dropout(0.5)
                            .block("trained").linear(4).batchNorm1d().build();
                    randomizeStatistics(frozen);
                    frozen.setTraining("frozen", false);
                    return frozen;
                });
    }

    private static void randomizeStatistics(SequentialNetwork network) {
        SplittableRandom random = new SplittableRandom(7);
        network.layers().stream().filter(BatchNorm.class::isInstance).map(BatchNorm.class::cast).forEach(norm -> {
            norm.runningMean().setRowMajor(random.doubles(norm.features(), -0.5, 0.5).toArray());
            norm.runningVariance().setRowMajor(random.doubles(norm.features(), 0.5, 2.0).toArray());
        });
    }

    private static Tensor input(Backend b, SequentialNetwork net) {
        return b.fromRowMajor(BATCH, net.inputWidth(),
                new SplittableRandom(11).doubles((long) BATCH * net.inputWidth(), -1.5, 1.5).toArray());
    }

    private static Tensor weights(Backend b, SequentialNetwork net) {
        return b.fromRowMajor(BATCH, net.outputWidth(),
                new SplittableRandom(12).doubles((long) BATCH * net.outputWidth(), -1, 1).toArray());
    }

    /** L(θ, x) = Σ R∘F(x), F the training-mode pass with the fixed dropout masks. */
    private static double loss(SequentialNetwork net, Tensor x, Tensor r) {
        TrainingPass pass = net.trainingPass(BATCH, MASK_SEED);
        return net.backend().dot(pass.forward(x), r);
    }

    /** @return ∂L/∂θ then ∂L/∂x, flattened */
    private static double[][] gradients(SequentialNetwork net, Tensor x, Tensor r) {
        TrainingPass pass = net.trainingPass(BATCH, MASK_SEED);
        pass.forward(x);
        ParameterVector g = net.parameters().zerosLike();
        Tensor dx = net.backend().zeros(BATCH, net.inputWidth());
        pass.backwardAccumulating(r, g, dx);
        return new double[][] {g.flatten(), dx.toRowMajor()};
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

    /**
     * Central differences of the loss at up to {@value #COORDINATES_PER_TENSOR} seeded coordinates of
     * each tensor (all of a smaller one).
     *
     * @return the flattened indices checked, then the differences at them
     */
    private static double[][] numericGradient(List<Tensor> tensors, java.util.function.DoubleSupplier loss) {
        SplittableRandom choice = new SplittableRandom(5);
        List<double[]> checked = new java.util.ArrayList<>();
        int offset = 0;
        for (Tensor t : tensors) {
            int count = Math.min(COORDINATES_PER_TENSOR, t.size());
            int[] picks = t.size() <= COORDINATES_PER_TENSOR ? java.util.stream.IntStream.range(0, t.size()).toArray()
                    : choice.ints(0, t.size()).distinct().limit(count).toArray();
            for (int flat : picks) {
                int i = flat / t.cols();
                int j = flat % t.cols();
                double original = t.get(i, j);
                double h = 1e-6 * Math.max(1.0, Math.abs(original));
                t.set(i, j, original + h);
                double plus = loss.getAsDouble();
                t.set(i, j, original - h);
                double minus = loss.getAsDouble();
                t.set(i, j, original);
                checked.add(new double[] {offset + flat, (plus - minus) / (2 * h)});
            }
            offset += t.size();
        }
        return new double[][] {checked.stream().mapToDouble(c -> c[0]).toArray(),
            checked.stream().mapToDouble(c -> c[1]).toArray()};
    }

    private static double checkedError(double[] analytic, double[][] numeric) {
        double[] picked = new double[numeric[0].length];
        for (int k = 0; k < picked.length; k++) {
            picked[k] = analytic[(int) numeric[0][k]];
        }
        return relativeError(picked, numeric[1]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void gradientsMatchFiniteDifferences(String name) {
        Backend b = Backends.get(name);
        for (Function<Backend, SequentialNetwork> make : networks()) {
            SequentialNetwork net = make.apply(b);
            Tensor x = input(b, net);
            Tensor r = weights(b, net);
            double[][] analytic = gradients(net, x, r);
            double parameterError = checkedError(analytic[0],
                    numericGradient(net.parameters().tensors(), () -> loss(net, x, r)));
            assertTrue(parameterError <= FINITE_DIFFERENCE_TOLERANCE,
                    name + ", " + net.describe() + ": relative parameter-gradient error " + parameterError);
            double inputError = checkedError(analytic[1], numericGradient(List.of(x), () -> loss(net, x, r)));
            assertTrue(inputError <= FINITE_DIFFERENCE_TOLERANCE,
                    name + ", " + net.describe() + ": relative input-gradient error " + inputError);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void outputsAndGradientsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        Backend ejml = Backends.get("ejml");
        for (Function<Backend, SequentialNetwork> make : networks()) {
            SequentialNetwork net = make.apply(b);
            SequentialNetwork reference = make.apply(ejml);
            assertArrayEquals(reference.parameters().flatten(), net.parameters().flatten(), 0.0, "same initialisation");
            Tensor x = input(b, net);
            Tensor xReference = input(ejml, reference);
            double outputError = relativeError(net.forward(x).toRowMajor(), reference.forward(xReference).toRowMajor());
            assertTrue(outputError <= AGREEMENT_TOLERANCE, name + ": evaluation outputs differ by " + outputError);
            double[][] actual = gradients(net, x, weights(b, net));
            double[][] expected = gradients(reference, xReference, weights(ejml, reference));
            for (int k = 0; k < 2; k++) {
                double error = relativeError(actual[k], expected[k]);
                assertTrue(error <= AGREEMENT_TOLERANCE, name + ": gradients (" + k + ") differ by " + error);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theIntrinsicParametersNetworkHasThePaperShapes(String name) {
        SequentialNetwork net = CnnArchitectures.intrinsicParameters(Backends.get(name), 1);
        assertEquals(24, net.layers().size());
        assertEquals(784, net.inputWidth());
        assertEquals(10, net.outputWidth());
        assertEquals(4096, net.layers().get(15).inputShape().size());
        assertEquals(2_197_674, net.parameters().size());
        assertEquals(88_906 + 384, net.block("block2").parameterCount() + net.block("block4").parameterCount());
    }
}
