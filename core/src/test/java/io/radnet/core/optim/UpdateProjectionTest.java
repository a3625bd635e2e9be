package io.radnet.core.optim;

import static io.radnet.core.optim.OptimizerFixtures.GRADIENTS;
import static io.radnet.core.optim.OptimizerFixtures.THETA;
import static io.radnet.core.optim.OptimizerFixtures.assertParam;
import static io.radnet.core.optim.OptimizerFixtures.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.network.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The projection hook: projected gradient descent is θ ← θ − η·P(∇L) (radial paper, §6), and
 * any optimizer's update passes through P before it is added.
 */
class UpdateProjectionTest {
    /** P(Δ) = (u·Δ)·u for the unit vector u ∝ (1, 2, −2): the orthogonal projection onto a line. */
    private static UpdateProjection ontoLine(double[] u) {
        return update -> {
            double[] d = update.flatten();
            double dot = 0;
            for (int i = 0; i < d.length; i++) {
                dot += u[i] * d[i];
            }
            for (int k = 0, offset = 0; k < update.tensors().size(); k++) {
                Tensor t = update.tensors().get(k);
                for (int i = 0; i < t.rows(); i++) {
                    for (int j = 0; j < t.cols(); j++) {
                        t.set(i, j, dot * u[offset++]);
                    }
                }
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void projectedGradientDescentEqualsGradientDescentOnTheProjectedGradient(String backend) {
        Backend b = Backends.get(backend);
        double[] u = {1.0 / 3, 2.0 / 3, -2.0 / 3};
        UpdateProjection p = ontoLine(u);
        Param projected = param(b, THETA);
        Param reference = param(b, THETA);
        GradientDescent pgd = GradientDescent.projected(0.1, p);
        GradientDescent gd = new GradientDescent(0.1);
        for (int t = 0; t < 6; t++) {
            Param gradient = param(b, GRADIENTS[t % 3]);
            pgd.step(projected, gradient);
            Param projectedGradient = gradient.copy();
            p.project(projectedGradient);
            gd.step(reference, projectedGradient);
            assertParam(reference.flatten(), projected, "projected GD after step " + (t + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aMaskKeepsTheMaskedBlocksOfTheParametersFixed(String backend) {
        Backend b = Backends.get(backend);
        Param mask = param(b, 1.0, 0.0, 1.0);
        Param theta = param(b, THETA);
        GradientDescent pgd = GradientDescent.projected(0.1, UpdateProjection.masked(mask));
        pgd.step(theta, param(b, 0.2, -0.4, 1.0));
        assertParam(new double[] {0.48, -1.0, 0.15}, theta, "W₁₂ is masked out, the rest takes a GD step");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyOptimizerRunsProjected(String backend) {
        Backend b = Backends.get(backend);
        Param mask = param(b, 0.0, 1.0, 0.0);
        UpdateProjection p = UpdateProjection.masked(mask);
        Optimizer[] optimizers = {
            Sgd.builder(0.1).momentum(0.9).nesterov(true).weightDecay(0.1).projection(p).build(),
            Adam.builder().learningRate(0.1).weightDecay(0.1).projection(p).build(),
            AdamW.builder().learningRate(0.1).projection(p).build(),
            RAdam.builder().learningRate(0.1).projection(p).build(),
            Adadelta.builder().weightDecay(0.1).projection(p).build(),
        };
        for (Optimizer optimizer : optimizers) {
            Param theta = param(b, THETA);
            for (int t = 0; t < 8; t++) {
                optimizer.step(theta, param(b, GRADIENTS[t % 3]));
            }
            double[] after = theta.flatten();
            assertEquals(THETA[0], after[0], 0.0, optimizer + " moved the masked W₁₁");
            assertEquals(THETA[2], after[2], 0.0, optimizer + " moved the masked b₁");
            assertTrue(after[1] != THETA[1], optimizer + " did not move the free W₁₂");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aMaskOfAnotherSpaceOrWithNaNIsRejected(String backend) {
        Backend b = Backends.get(backend);
        Param other = Param.zeros(b, new int[] {1, 1}, false);
        GradientDescent pgd = GradientDescent.projected(0.1, UpdateProjection.masked(other));
        Param theta = param(b, THETA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pgd.step(theta, param(b, GRADIENTS[0])));
        assertTrue(e.getMessage().contains("[1, 1]") && e.getMessage().contains("[2, 1]"), e.getMessage());
        assertParam(THETA, theta, "θ is unchanged after the failed step");

        Param nan = param(b, 1.0, Double.NaN, 0.0);
        assertThrows(IllegalArgumentException.class, () -> UpdateProjection.masked(nan));
    }
}
