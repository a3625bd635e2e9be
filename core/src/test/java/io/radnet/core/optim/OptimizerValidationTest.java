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
import io.radnet.core.network.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad hyperparameters and mismatched spaces fail with an IllegalArgumentException naming the value. */
class OptimizerValidationTest {
    private static void rejects(String expectedInMessage, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "the message should name '" + expectedInMessage + "': " + e.getMessage());
    }

    @Test
    void learningRatesMustBePositiveAndFinite() {
        rejects("0.0", () -> new GradientDescent(0.0));
        rejects("-0.1", () -> new GradientDescent(-0.1));
        rejects("NaN", () -> new GradientDescent(Double.NaN));
        rejects("Infinity", () -> Sgd.builder(Double.POSITIVE_INFINITY));
        rejects("-1.0", () -> Adam.builder().learningRate(-1.0));
        rejects("0.0", () -> Adadelta.builder().learningRate(0.0));
        rejects("NaN", () -> LearningRateSchedule.constant(Double.NaN));
    }

    @Test
    void betasMustLieInTheHalfOpenUnitInterval() {
        rejects("beta1 must be in [0, 1), got 1.0", () -> Adam.builder().betas(1.0, 0.999));
        rejects("beta2 must be in [0, 1), got -0.5", () -> AdamW.builder().betas(0.9, -0.5));
        rejects("beta2 must be in [0, 1), got NaN", () -> RAdam.builder().betas(0.9, Double.NaN));
        rejects("momentum must be in [0, 1), got 1.5", () -> Sgd.builder(0.1).momentum(1.5));
        rejects("rho must be in [0, 1], got 1.1", () -> Adadelta.builder().rho(1.1));
        rejects("dampening must be in [0, 1], got -0.1", () -> Sgd.builder(0.1).dampening(-0.1));
    }

    @Test
    void epsMustBePositiveAndWeightDecayNonNegative() {
        rejects("eps must be positive and finite, got 0.0", () -> Adam.builder().eps(0.0));
        rejects("eps must be positive and finite, got -1.0E-8", () -> Adadelta.builder().eps(-1e-8));
        rejects("weight decay must be finite and non-negative, got -0.01", () -> AdamW.builder().weightDecay(-0.01));
        rejects("weight decay must be finite and non-negative, got Infinity",
                () -> Sgd.builder(0.1).weightDecay(Double.POSITIVE_INFINITY));
    }

    @Test
    void nesterovNeedsMomentumWithoutDampening() {
        rejects("momentum 0.0", () -> Sgd.builder(0.1).nesterov(true).build());
        rejects("dampening 0.5", () -> Sgd.builder(0.1).momentum(0.9).dampening(0.5).nesterov(true).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aGradientOfAnotherSpaceIsRejectedAndThetaIsUnchanged(String backend) {
        Backend b = Backends.get(backend);
        Param theta = param(b, THETA);
        Param narrow = Param.zeros(b, new int[] {1, 1}, false);
        for (Optimizer optimizer : new Optimizer[] {new GradientDescent(0.1), Adam.builder().build()}) {
            rejects("widths [1, 1]", () -> optimizer.step(theta, narrow));
            assertParam(THETA, theta, optimizer + " left θ unchanged");
        }
        Param withShifts = Param.zeros(b, new int[] {2, 3, 1}, true);
        Param withoutShifts = Param.zeros(b, new int[] {2, 3, 1}, false);
        rejects("with shifts", () -> new GradientDescent(0.1).step(withoutShifts, withShifts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aScheduleGivingANegativeRateIsRejectedNamingTheStep(String backend) {
        Backend b = Backends.get(backend);
        Param theta = param(b, THETA);
        GradientDescent gd = new GradientDescent(step -> step == 0 ? 0.1 : -0.1, null);
        gd.step(theta, param(b, GRADIENTS[0]));
        double[] afterOne = theta.flatten();
        rejects("gave -0.1 at step 1", () -> gd.step(theta, param(b, GRADIENTS[1])));
        assertParam(afterOne, theta, "θ is unchanged by the refused step");
        assertEquals(1, gd.steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void anOptimizerWithHistoryBelongsToOneParamUntilReset(String backend) {
        Backend b = Backends.get(backend);
        Adam adam = Adam.builder().build();
        Param first = param(b, THETA);
        Param second = param(b, THETA);
        adam.step(first, param(b, GRADIENTS[0]));
        rejects("call reset()", () -> adam.step(second, param(b, GRADIENTS[0])));
        adam.reset();
        adam.step(second, param(b, GRADIENTS[0]));
        assertParam(first.flatten(), second, "after reset the first step is step 1 again");
        // gradient descent has no history: it may step any Param of any space
        GradientDescent gd = new GradientDescent(0.1);
        gd.step(first, param(b, GRADIENTS[0]));
        gd.step(Param.zeros(b, new int[] {1, 1}, false), Param.zeros(b, new int[] {1, 1}, false));
    }
}
