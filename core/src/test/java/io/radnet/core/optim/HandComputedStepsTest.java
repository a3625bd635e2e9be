package io.radnet.core.optim;

import static io.radnet.core.optim.OptimizerFixtures.THETA;
import static io.radnet.core.optim.OptimizerFixtures.assertParam;
import static io.radnet.core.optim.OptimizerFixtures.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.network.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer's first steps on Param(2, 1) from θ₀ = (0.5, −1, 0.25) with the gradient
 * g = (0.2, −0.4, 1) and learning rate 0.1, against values worked out by hand from the formula
 * in its Javadoc.
 */
class HandComputedStepsTest {
    private static final double[] G = {0.2, -0.4, 1.0};
    private static final double LR = 0.1;

    private static double[] steps(Backend b, Optimizer optimizer, double[]... gradients) {
        Param theta = param(b, THETA);
        for (double[] g : gradients) {
            optimizer.step(theta, param(b, g));
        }
        return theta.flatten();
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void gradientDescentSubtractsTheLearningRateTimesTheGradient(String backend) {
        Backend b = Backends.get(backend);
        Param theta = param(b, THETA);
        Param gradient = param(b, G);
        new GradientDescent(LR).step(theta, gradient);
        assertParam(new double[] {0.48, -0.96, 0.15}, theta, "θ₁ = θ₀ − 0.1·g");
        assertArrayEquals(G, gradient.flatten(), 0.0, "the gradient is not modified");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void gradientDescentFollowsItsSchedule(String backend) {
        Backend b = Backends.get(backend);
        GradientDescent gd = new GradientDescent(LearningRateSchedule.stepDecay(LR, 1, 0.5), null);
        // η₀ = 0.1, η₁ = 0.05: θ₂ = θ₀ − 0.15·g
        assertParam(new double[] {0.47, -0.94, 0.1}, param(b, steps(b, gd, G, G)), "two decaying steps");
        assertEquals(2, gd.steps());
        assertEquals(0.025, gd.nextLearningRate(), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void sgdMomentumStartsTheBufferAtTheFirstGradient(String backend) {
        Backend b = Backends.get(backend);
        Sgd sgd = Sgd.builder(LR).momentum(0.9).build();
        // b₁ = g, θ₁ = θ₀ − 0.1·g; b₂ = 0.9·g + g = 1.9·g, θ₂ = θ₁ − 0.19·g
        assertParam(new double[] {0.48, -0.96, 0.15}, param(b, steps(b, Sgd.builder(LR).momentum(0.9).build(), G)),
                "first step");
        assertParam(new double[] {0.442, -0.884, -0.04}, param(b, steps(b, sgd, G, G)), "second step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void sgdDampeningScalesTheNewGradientAfterTheFirstStep(String backend) {
        Backend b = Backends.get(backend);
        Sgd sgd = Sgd.builder(LR).momentum(0.9).dampening(0.5).build();
        // b₁ = g (undamped, as PyTorch); b₂ = 0.9·g + 0.5·g = 1.4·g: θ₂ = θ₀ − 0.1·g − 0.14·g
        assertParam(new double[] {0.452, -0.904, 0.01}, param(b, steps(b, sgd, G, G)), "two damped steps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void nesterovLooksAheadAlongTheMomentum(String backend) {
        Backend b = Backends.get(backend);
        // step 1: b₁ = g, d = g + 0.9·b₁ = 1.9·g; step 2: b₂ = 1.9·g, d = g + 0.9·1.9·g = 2.71·g
        assertParam(new double[] {0.462, -0.924, 0.06},
                param(b, steps(b, Sgd.builder(LR).momentum(0.9).nesterov(true).build(), G)), "first step");
        assertParam(new double[] {0.4078, -0.8156, -0.211},
                param(b, steps(b, Sgd.builder(LR).momentum(0.9).nesterov(true).build(), G, G)), "second step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void sgdWeightDecayAddsLambdaThetaToTheGradient(String backend) {
        Backend b = Backends.get(backend);
        // g + 0.1·θ₀ = (0.25, −0.5, 1.025)
        assertParam(new double[] {0.475, -0.95, 0.1475},
                param(b, steps(b, Sgd.builder(LR).weightDecay(0.1).build(), G)), "one decayed step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adamsBiasCorrectedStepsAreLearningRateTimesTheGradientsSignAtFirst(String backend) {
        Backend b = Backends.get(backend);
        double eps = 1e-8;
        // step 1: m̂ = g, v̂ = g², Δ = −η·g/(|g| + ε)
        double[] first = new double[3];
        for (int i = 0; i < 3; i++) {
            first[i] = THETA[i] - LR * G[i] / (Math.abs(G[i]) + eps);
        }
        assertParam(first, param(b, steps(b, Adam.builder().learningRate(LR).build(), G)), "first Adam step");
        // step 2 with −g: m̂ = −(1 − β₁)/(1 + β₁)·g = −g/19, v̂ = g²: Δ = +η·g/(19·(|g| + ε))
        double[] second = new double[3];
        for (int i = 0; i < 3; i++) {
            second[i] = first[i] + LR / 19 * G[i] / (Math.abs(G[i]) + eps);
        }
        assertParam(second, param(b, steps(b, Adam.builder().learningRate(LR).build(), G, negate(G))), "second Adam step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adamCouplesWeightDecayToTheGradientAndAdamWDecouplesIt(String backend) {
        Backend b = Backends.get(backend);
        double eps = 1e-8;
        double lambda = 0.1;
        double[] coupled = new double[3];
        double[] decoupled = new double[3];
        for (int i = 0; i < 3; i++) {
            double g = G[i] + lambda * THETA[i];
            coupled[i] = THETA[i] - LR * g / (Math.abs(g) + eps);
            decoupled[i] = (1 - LR * lambda) * THETA[i] - LR * G[i] / (Math.abs(G[i]) + eps);
        }
        assertParam(coupled, param(b, steps(b, Adam.builder().learningRate(LR).weightDecay(lambda).build(), G)),
                "Adam: g + λθ goes through the moments");
        assertParam(decoupled, param(b, steps(b, AdamW.builder().learningRate(LR).weightDecay(lambda).build(), G)),
                "AdamW: θ shrinks by (1 − ηλ) beside Adam's step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void radamTakesUnadaptedMomentumStepsWhileTheVarianceIsIntractable(String backend) {
        Backend b = Backends.get(backend);
        RAdam radam = RAdam.builder().learningRate(LR).build();
        assertEquals(1.0, radam.rho(1), 1e-9, "ρ₁ = 1 for every β₂");
        assertEquals(2.0, radam.rho(2), 1e-3, "ρ_t ≈ t while t ≪ 1/(1 − β₂)");
        // a constant gradient has m̂ = g; ρ_t ≤ 5 for t ≤ 4, so each step is −η·g
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = THETA[i] - 4 * LR * G[i];
        }
        assertParam(expected, param(b, steps(b, radam, G, G, G, G)), "four RAdam steps");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adadeltaScalesByTheRatioOfRunningRootMeanSquares(String backend) {
        Backend b = Backends.get(backend);
        double rho = 0.9;
        double eps = 1e-6;
        double[] theta = THETA.clone();
        double[] u = new double[3];
        double[][] expected = new double[2][];
        for (int t = 1; t <= 2; t++) {
            for (int i = 0; i < 3; i++) {
                double v = (1 - Math.pow(rho, t)) * G[i] * G[i]; // v₁ = 0.1·g², v₂ = 0.19·g²
                double d = Math.sqrt(u[i] + eps) / Math.sqrt(v + eps) * G[i];
                u[i] = rho * u[i] + (1 - rho) * d * d;
                theta[i] -= d;
            }
            expected[t - 1] = theta.clone();
        }
        assertParam(expected[0], param(b, steps(b, Adadelta.builder().build(), G)), "first Adadelta step");
        assertParam(expected[1], param(b, steps(b, Adadelta.builder().build(), G, G)), "second Adadelta step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adamsFusedStepGivesTheBitsOfItsUnfusedUpdate(String backend) {
        Backend b = Backends.get(backend);
        double[][] gradients = {G, {-0.7, 0.05, 3.0}, {1e-9, -2.5, 0.0}, G};
        for (double weightDecay : new double[] {0.0, 0.01}) {
            // a projection that changes nothing sends the step through computeUpdate, θ ← θ + Δ
            Optimizer unfused = Adam.builder().learningRate(LR).weightDecay(weightDecay).projection(update -> { }).build();
            Optimizer fused = Adam.builder().learningRate(LR).weightDecay(weightDecay).build();
            assertArrayEquals(steps(b, unfused, gradients), steps(b, fused, gradients), 0.0,
                    "four Adam steps, weight decay " + weightDecay);
            assertArrayEquals(unfused.exportState().buffers().get("v"), fused.exportState().buffers().get("v"), 0.0,
                    "the second moments, weight decay " + weightDecay);
            assertArrayEquals(unfused.exportState().buffers().get("m"), fused.exportState().buffers().get("m"), 0.0,
                    "the first moments, weight decay " + weightDecay);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void radamsFusedStepGivesTheBitsOfItsUnfusedUpdate(String backend) {
        Backend b = Backends.get(backend);
        double[][] cycle = {G, {-0.7, 0.05, 3.0}, {1e-9, -2.5, 0.0}};
        double[][] gradients = new double[10][];
        for (int t = 0; t < gradients.length; t++) {
            gradients[t] = cycle[t % cycle.length];
        }
        for (double weightDecay : new double[] {0.0, 0.01}) {
            // ρ_t > 5 from t = 6 on: steps 6 to 10 take the fused path without a projection
            Optimizer unfused = RAdam.builder().learningRate(LR).weightDecay(weightDecay).projection(update -> { }).build();
            Optimizer fused = RAdam.builder().learningRate(LR).weightDecay(weightDecay).build();
            assertArrayEquals(steps(b, unfused, gradients), steps(b, fused, gradients), 0.0,
                    "ten RAdam steps, weight decay " + weightDecay);
            assertArrayEquals(unfused.exportState().buffers().get("v"), fused.exportState().buffers().get("v"), 0.0,
                    "the second moments, weight decay " + weightDecay);
            assertArrayEquals(unfused.exportState().buffers().get("m"), fused.exportState().buffers().get("m"), 0.0,
                    "the first moments, weight decay " + weightDecay);
        }
    }
}
