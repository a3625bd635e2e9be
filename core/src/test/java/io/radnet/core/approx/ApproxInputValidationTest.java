package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every entry point refuses bad input with a message naming what was wrong. */
class ApproxInputValidationTest {
    private static final Backend B = Backends.get("ejml");
    private static final VectorFunction HAT = VectorFunction.scalar(1, x -> Math.max(0, 1 - Math.abs(x[0])));
    private static final AffineMap Z = AffineMap.zero(1, 1);
    private static final Modulus ONE = Modulus.lipschitz(1);
    private static final BoxDomain K = new BoxDomain(new double[] {-1}, new double[] {1});

    private static void fails(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
    }

    @Test
    void epsilonMustBePositiveAndFinite() {
        for (double bad : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            fails("ε must be a positive finite number", () -> StepReluBallCover.build(B, HAT, K, ONE, bad, Z));
            fails("ε must be a positive finite number", () -> BoundedWidthApproximation.build(B, HAT, K, ONE, bad, Z));
            fails("ε must be a positive finite number", () -> BoundedWidthApproximation.buildOnCompact(B, HAT, K, ONE, bad));
            fails("ε must be a positive finite number", () -> BallCover.forLipschitz(K, 1, bad));
        }
    }

    @Test
    void domainsMustBeNonEmptyAndOrdered() {
        fails("inverted", () -> new BoxDomain(new double[] {1}, new double[] {-1}));
        fails("degenerate", () -> new BoxDomain(new double[] {0, 1}, new double[] {1, 1}));
        fails("at least one interval", () -> new BoxDomain(new double[0], new double[0]));
        fails("finite bounds", () -> new BoxDomain(new double[] {0}, new double[] {Double.POSITIVE_INFINITY}));
        fails("dimension 2", () -> StepReluBallCover.build(B, HAT, BoxDomain.unitCube(2), ONE, 0.1, Z));
    }

    @Test
    void lipschitzConstantMustBeFiniteAndNonNegative() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1.0}) {
            fails("Lipschitz constant must be finite", () -> StepReluBallCover.build(B, HAT, K, Modulus.lipschitz(bad), 0.1, Z));
            fails("Lipschitz constant must be finite", () -> BoundedWidthApproximation.build(B, HAT, K, Modulus.lipschitz(bad), 0.1, Z));
            fails("Lipschitz constant must be finite", () -> IntrinsicParameterNetwork.build(B, HAT, K, Modulus.lipschitz(bad), 2));
        }
    }

    @Test
    void sizesBeyondTheArithmeticOrTheLimitsAreRefused() {
        fails("double arithmetic limits d·n to 4",
                () -> IntrinsicParameterNetwork.build(B, HAT, K, ONE, 5));
        fails("double arithmetic limits d·n to 4",
                () -> IntrinsicParameterNetwork.build(B, VectorFunction.scalar(2, x -> x[0]), BoxDomain.unitCube(2), ONE, 3));
        fails("n must be at least 1", () -> IntrinsicParameterNetwork.build(B, HAT, K, ONE, 0));
        fails("exceeds the limit", () -> StepReluBallCover.build(B, HAT, K, ONE, 1e-5, Z));
        fails("exceeds the limit", () -> BoundedWidthApproximation.build(B, HAT, K, ONE, 1e-7, Z));
        BoxDomain remote = new BoxDomain(new double[] {1e12}, new double[] {1e12 + 1});
        fails("cannot be told apart in double precision", () -> StepReluBallCover.build(B,
                VectorFunction.scalar(1, x -> 0), remote, ONE, 0.1, Z));
        fails("2^50", () -> BoundedWidthApproximation.buildOnCompact(B, VectorFunction.scalar(1, x -> 1e300), K, Modulus.lipschitz(0), 1e-3));
    }

    @Test
    void targetsAndAffinePartsMustMatch() {
        fails("the affine part maps", () -> StepReluBallCover.build(B, HAT, K, ONE, 0.1, AffineMap.zero(1, 2)));
        fails("must return 1 values", () -> StepReluBallCover.build(B, VectorFunction.of(1, 1, x -> new double[2]), K, ONE, 0.1, Z));
        fails("not finite", () -> StepReluBallCover.build(B, VectorFunction.scalar(1, x -> Double.NaN), K, ONE, 0.5, Z));
    }
}
