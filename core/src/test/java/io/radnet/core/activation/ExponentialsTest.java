package io.radnet.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorisable exponential: accurate over the whole double range, scalar and array forms bitwise alike. */
class ExponentialsTest {
    private static final double LN2 = Math.log(2.0);

    /** Seeded points over [−750, 712], with every fourth near a multiple of ln 2 / 2 (where the reduction switches k). */
    private static double[] points(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            double v = random.nextDouble(-750.0, 712.0);
            if (i % 4 == 0) {
                v = Math.rint(2.0 * v / LN2) * LN2 / 2.0 + random.nextDouble(-1e-12, 1e-12);
            } else if (i % 4 == 1) {
                v = random.nextDouble(-1.0, 1.0);
            }
            x[i] = v;
        }
        return x;
    }

    private static double ulpsFrom(double expected, double actual) {
        if (expected == actual) {
            return 0.0;
        }
        return Math.abs(actual - expected) / Math.ulp(expected);
    }

    @Test
    void staysWithinTwoUlpOfMathExpOverTheWholeRange() {
        double worst = 0.0;
        for (double x : points(400_000, 17)) {
            double ulps = ulpsFrom(Math.exp(x), Exponentials.exp(x));
            assertTrue(ulps <= 2.0, "exp(" + x + ") = " + Exponentials.exp(x) + ", Math.exp " + Math.exp(x));
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst > 0.0, "the polynomial is not Math.exp in disguise");
    }

    @Test
    void specialValuesAndTheEdgesOfTheFastRangeAreExact() {
        double[] edges = {0.0, -0.0, 1e-300, -1e-300, Exponentials.FAST_RANGE, -Exponentials.FAST_RANGE,
            Math.nextUp(Exponentials.FAST_RANGE), Math.nextDown(-Exponentials.FAST_RANGE), 709.78, 709.79, 710.0,
            -745.0, -745.2, -746.0, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double x : edges) {
            assertTrue(ulpsFrom(Math.exp(x), Exponentials.exp(x)) <= 2.0, "exp(" + x + ")");
        }
        assertEquals(1.0, Exponentials.exp(0.0), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Exponentials.exp(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Exponentials.exp(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Exponentials.exp(Double.NaN)));
        assertEquals(Math.E, Exponentials.exp(1.0), Math.ulp(Math.E));
    }

    @Test
    void theArrayFormGivesTheScalarBitsWithinTheFastRange() {
        for (int n : new int[] {1, 7, 8, 9, 63, 512, 1031}) {
            double[] x = points(n, n);
            double[] out = new double[n];
            double[] scratch = new double[n];
            Exponentials.expOfNegatedWithinRange(x, out, scratch, n);
            for (int i = 0; i < n; i++) {
                if (Math.abs(x[i]) <= Exponentials.FAST_RANGE) {
                    assertEquals(Double.doubleToRawLongBits(Exponentials.exp(-x[i])), Double.doubleToRawLongBits(out[i]),
                            "e^-" + x[i] + " at " + i + " of " + n);
                }
            }
        }
    }
}
