package io.radnet.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The logistic function: accurate, symmetric, defined everywhere, and the same bits one at a time or a block at a time. */
class LogisticTest {
    private static double[] points(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = i % 3 == 0 ? random.nextDouble(-800.0, 800.0) : random.nextDouble(-40.0, 40.0);
        }
        return x;
    }

    @Test
    void agreesWithTheTextbookFormulaAndIsSymmetric() {
        for (double x : points(100_000, 3)) {
            double s = Logistic.value(x);
            double reference = x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x));
            assertEquals(reference, s, 4 * Math.ulp(reference), "σ(" + x + ")");
            assertTrue(s >= 0.0 && s <= 1.0, "σ(" + x + ") in [0, 1]");
            assertEquals(1.0, s + Logistic.value(-x), 4 * Math.ulp(1.0), "σ(x) + σ(−x) = 1 at " + x);
        }
    }

    @Test
    void isDefinedForEveryDouble() {
        assertEquals(0.5, Logistic.value(0.0), 0.0);
        assertEquals(1.0, Logistic.value(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(0.0, Logistic.value(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Logistic.value(Double.NaN)));
        assertEquals(Math.exp(-720.0), Logistic.value(-720.0), Math.ulp(Math.exp(-720.0)), "no overflow below the fast range");
        assertEquals(Math.exp(-700.0), Logistic.value(-700.0), 2 * Math.ulp(Math.exp(-700.0)), "tiny values keep their precision");
    }

    @Test
    void aBlockGivesTheBitsOfTheScalarValueAndSlope() {
        for (int n : new int[] {1, 5, 8, 17, 512, 777}) {
            double[] x = points(n, 100 + n);
            x[0] = Double.NaN;
            if (n > 2) {
                x[1] = Double.NEGATIVE_INFINITY;
                x[2] = -Exponentials.FAST_RANGE;
            }
            double[] value = new double[n];
            double[] slope = new double[n];
            Logistic.evaluate(x, value, slope, n);
            for (int i = 0; i < n; i++) {
                double s = Logistic.value(x[i]);
                assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(value[i]), "σ(" + x[i] + ")");
                assertEquals(Double.doubleToRawLongBits(s * (1.0 - s)), Double.doubleToRawLongBits(slope[i]),
                        "σ′(" + x[i] + ")");
            }
        }
    }
}
