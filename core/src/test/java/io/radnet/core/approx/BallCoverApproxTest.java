package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Ball covers: they cover K, respect footnote 2's count, and bound the target's variation. */
class BallCoverApproxTest {
    @Test
    void countRespectsFootnoteTwoOnTheUnitCubeForRandomConstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(3);
            double lipschitz = random.nextDouble(0.1, 5.0);
            double epsilon = random.nextDouble(0.05, 1.0);
            BallCover cover = BallCover.forLipschitz(BoxDomain.unitCube(n), lipschitz, epsilon);
            double exact = lipschitz * Math.sqrt(n) / (2 * epsilon);
            boolean nearInteger = Math.ceil(exact) - exact < 1e-5 * exact;
            if (!nearInteger) {
                assertTrue(cover.size() <= BallCover.footnoteBound(lipschitz, n, epsilon),
                        "n=" + n + " R=" + lipschitz + " ε=" + epsilon + ": " + cover.size() + " balls");
            }
            assertTrue(cover.variationBound() <= epsilon, "R·r·(1+τ) ≤ ε");
        }
    }

    @Test
    void everyPointOfTheBoxLiesInsideABallWithMargin() {
        SplittableRandom random = new SplittableRandom(11);
        BoxDomain box = new BoxDomain(new double[] {-1.0, 2.0}, new double[] {0.5, 5.0});
        BallCover cover = BallCover.forLipschitz(box, 2.3, 0.4);
        for (int trial = 0; trial < 5000; trial++) {
            double[] x = {random.nextDouble(-1.0, 0.5), random.nextDouble(2.0, 5.0)};
            if (trial < 4) {
                x = new double[] {trial % 2 == 0 ? -1.0 : 0.5, trial < 2 ? 2.0 : 5.0};
            }
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < cover.size(); i++) {
                double[] c = cover.centre(i);
                nearest = Math.min(nearest, Math.hypot(x[0] - c[0], x[1] - c[1]));
            }
            assertTrue(nearest < cover.radius() / (1 + BallCover.MARGIN) * (1 + 1e-12),
                    "x within half a cell diagonal of its centre");
        }
    }

    @Test
    void zeroLipschitzConstantNeedsOneBallAndRadiiNeedNotBeBelowOne() {
        BallCover cover = BallCover.forLipschitz(new BoxDomain(new double[] {0, 0}, new double[] {10, 10}), 0.0, 0.1);
        assertEquals(1, cover.size());
        assertTrue(cover.radius() > 1.0, "the networks rescale; the cover itself keeps the true radius");
        assertEquals(0.0, cover.variationBound());
    }
}
