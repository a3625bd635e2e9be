package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Moduli of continuity: validation, covers for them, and a Hölder target that no Lipschitz constant fits. */
class ModulusApproxTest {
    @Test
    void aModulusMustVanishAtZeroNotDecreaseAndStayFinite() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of("t+1", t -> t + 1)).getMessage()
                .contains("must vanish at 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of("sin", Math::sin)).getMessage()
                .contains("nondecreasing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of("t/(1-t)", t -> t / (1 - t)))
                .getMessage().contains("finite and non-negative"), "negative beyond t = 1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.of("NaN beyond 1", t -> t > 1 ? Double.NaN : t))
                .getMessage().contains("finite and non-negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Modulus.lipschitz(-1)).getMessage()
                .contains("Lipschitz constant must be finite and non-negative"));
    }

    @Test
    void aGeneralModulusEqualToALipschitzOneGivesTheSameOrAnAdjacentCover() {
        BoxDomain box = new BoxDomain(new double[] {0, -1}, new double[] {2, 3});
        for (double epsilon : new double[] {0.05, 0.13, 0.4}) {
            BallCover closed = BallCover.forLipschitz(box, 1.7, epsilon);
            BallCover bisected = BallCover.of(box, Modulus.of("1.7·t", t -> 1.7 * t), epsilon);
            assertTrue(bisected.variationBound() <= epsilon);
            int[] a = closed.cellsPerAxis();
            int[] b = bisected.cellsPerAxis();
            for (int j = 0; j < a.length; j++) {
                assertTrue(Math.abs(a[j] - b[j]) <= 1, Arrays.toString(a) + " vs " + Arrays.toString(b));
            }
        }
        assertEquals(1, BallCover.of(box, Modulus.of("0", t -> 0.0), 0.1).size(), "a constant target needs one ball");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aHolderHalfTargetMeetsEveryBound(String name) {
        Backend b = Backends.get(name);
        VectorFunction root = VectorFunction.scalar(1, x -> Math.sqrt(Math.abs(x[0])));
        Modulus holder = Modulus.of("√t", Math::sqrt);
        BoxDomain box = new BoxDomain(new double[] {-1}, new double[] {1});
        double epsilon = 0.25;
        double[][] grid = box.grid(20_001);
        AffineMap zero = AffineMap.zero(1, 1);
        for (Approximation<?> a : new Approximation<?>[] {StepReluBallCover.build(b, root, box, holder, epsilon, zero),
                BoundedWidthApproximation.build(b, root, box, holder, epsilon, zero),
                BoundedWidthApproximation.buildOnCompact(b, root, box, holder, epsilon),
                IntrinsicParameterNetwork.build(b, root, box, holder, 4)}) {
            double[][] points = Arrays.stream(grid).filter(a.certificate()::isGuaranteedAt).toArray(double[][]::new);
            double error = a.maxError(root, points);
            assertTrue(error <= a.certificate().bound(), a.certificate().construction() + ": " + error + " > "
                    + a.certificate().bound());
        }
    }
}
