package io.radnet.core.network;

import static io.radnet.core.network.GradientCheck.assertGradientMatches;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The analytic backward pass agrees with central finite differences (relative error ≤ 1e-6) for
 * every activation, both network kinds and both losses, at random widths including width-1
 * layers, on every available backend.
 */
class GradientCheckTest {
    private static final List<RadialProfile> PROFILES = List.of(RadialProfiles.stepRelu(),
            RadialProfiles.stepRelu(1e-6), RadialProfiles.squash(),
            RadialProfiles.shiftedRelu(0.3), RadialProfiles.relu(), RadialProfiles.sigmoid(), RadialProfiles.tanh());
    private static final List<PointwiseActivation> POINTWISE = List.of(PointwiseActivations.relu(),
            PointwiseActivations.leakyRelu(0.1), PointwiseActivations.sigmoid(), PointwiseActivations.tanh(),
            PointwiseActivations.elu(0.7), PointwiseActivations.softplus(), PointwiseActivations.identity());

    /** Random widths (n₀ … n_L) with 2 or 3 hidden layers, one of width 1, for the given seed. */
    private static int[] randomWidths(SplittableRandom random, int outputs) {
        int hidden = 2 + random.nextInt(2);
        int[] n = new int[hidden + 2];
        n[0] = 1 + random.nextInt(3);
        for (int i = 1; i <= hidden; i++) {
            n[i] = 1 + random.nextInt(5);
        }
        n[1 + random.nextInt(hidden)] = 1;
        n[hidden + 1] = outputs;
        return n;
    }

    private static Tensor inputs(Backend b, SplittableRandom random, int batch, int width) {
        double[] x = random.doubles((long) batch * width, -2.0, 2.0).toArray();
        return b.fromRowMajor(batch, width, x);
    }

    private static Tensor labels(Backend b, SplittableRandom random, int batch, int classes) {
        double[] y = new double[batch];
        for (int s = 0; s < batch; s++) {
            y[s] = random.nextInt(classes);
        }
        return b.fromRowMajor(batch, 1, y);
    }

    @TestFactory
    Stream<DynamicTest> radialNetworksWithEveryProfileWithAndWithoutShifts() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (RadialProfile profile : PROFILES) {
                for (String shifts : new String[] {"none", "fixed", "trainable"}) {
                    tests.add(dynamicTest(name + ": radial " + profile + ", shifts " + shifts + ", MSE", () -> {
                        Backend b = Backends.get(name);
                        SplittableRandom random = new SplittableRandom(profile.toString().hashCode() + shifts.hashCode());
                        int[] widths = randomWidths(random, 2);
                        RadialNetwork net = GradientCheck.radialNetwork(b, widths, profile, shifts, random.nextLong());
                        Tensor x = inputs(b, random, 7, widths[0]);
                        Tensor y = inputs(b, random, 7, 2);
                        assertGradientMatches(net, new MeanSquaredError(), x, y,
                                name + " radial " + profile + " widths " + java.util.Arrays.toString(widths));
                    }));
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> mlpsWithEveryPointwiseActivationAndBothLosses() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            for (PointwiseActivation sigma : POINTWISE) {
                for (Loss loss : List.of(new MeanSquaredError(), new SoftmaxCrossEntropy())) {
                    tests.add(dynamicTest(name + ": MLP " + sigma + ", " + loss.name(), () -> {
                        Backend b = Backends.get(name);
                        SplittableRandom random = new SplittableRandom(sigma.toString().hashCode() * 31L + loss.name().hashCode());
                        int outputs = 3;
                        int[] widths = randomWidths(random, outputs);
                        Mlp net = Mlp.initialized(b, widths, sigma, random.nextLong());
                        Tensor x = inputs(b, random, 6, widths[0]);
                        Tensor y = loss instanceof SoftmaxCrossEntropy ? labels(b, random, 6, outputs) : inputs(b, random, 6, outputs);
                        assertGradientMatches(net, loss, x, y,
                                name + " MLP " + sigma + " " + loss.name() + " widths " + java.util.Arrays.toString(widths));
                    }));
                }
            }
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> radialNetworksWithCrossEntropyAndPreActivationsNearZero() {
        List<DynamicTest> tests = new ArrayList<>();
        TestBackends.names().forEach(name -> {
            // Profiles with η(0) = 0 are differentiable at v = 0, so finite differences are valid
            // even when a pre-activation sits at |v| ≈ 1e-9.
            for (RadialProfile profile : List.of(RadialProfiles.squash(), RadialProfiles.tanh())) {
                tests.add(dynamicTest(name + ": radial " + profile + " with |z| ≈ 1e-9, cross-entropy", () -> {
                    Backend b = Backends.get(name);
                    int[] widths = {2, 3, 1, 4, 3};
                    RadialNetwork net = RadialNetwork.initialized(b, widths, profile, 77);
                    Tensor x = inputs(b, new SplittableRandom(78), 5, 2);
                    // b_1 = −W_1·x_0 + 1e-9·e: sample 0's first pre-activation has norm ≈ 1e-9
                    Param p = net.parameters();
                    Tensor w1x0 = b.zeros(1, 3);
                    b.gemm(1.0, b.block(x, 0, 0, 1, 2), io.radnet.api.Transpose.NONE, p.weight(1),
                            io.radnet.api.Transpose.TRANSPOSED, 0.0, w1x0);
                    b.scale(-1.0, w1x0, p.bias(1));
                    b.addScalar(p.bias(1), 1e-9, p.bias(1));
                    assertGradientMatches(net, new SoftmaxCrossEntropy(), x, labels(b, new SplittableRandom(79), 5, 3),
                            name + " radial " + profile + " near zero");
                }));
            }
        });
        return tests.stream();
    }
}
