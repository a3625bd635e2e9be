package io.radnet.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.core.network.Param;

/**
 * The tiny parameter space the optimizer tests use, Param(2, 1): θ = (W₁₁, W₁₂, b₁) in
 * flattening order, and the one tolerance they compare with.
 */
final class OptimizerFixtures {
    /** Entrywise tolerance, relative to max(1, |expected|). */
    static final double TOLERANCE = 1e-12;
    /** Widths (n₀, n₁) = (2, 1): W₁ is 1×2, b₁ is 1×1. */
    static final int[] WIDTHS = {2, 1};
    /** The starting point θ₀ = (0.5, −1, 0.25). */
    static final double[] THETA = {0.5, -1.0, 0.25};
    /** Three gradients, used cyclically: g₁, g₂, g₃. */
    static final double[][] GRADIENTS = {{0.2, -0.4, 1.0}, {-0.3, 0.1, 0.5}, {0.05, 0.7, -0.2}};

    private OptimizerFixtures() {
    }

    /** @return a Param(2, 1) with the given flattened values */
    static Param param(Backend backend, double... values) {
        return Param.unflatten(backend, WIDTHS, false, values);
    }

    /** Asserts θ equals the expected flattened values within {@link #TOLERANCE}. */
    static void assertParam(double[] expected, Param actual, String what) {
        double[] got = actual.flatten();
        assertEquals(expected.length, got.length, what + ": number of parameters");
        for (int i = 0; i < expected.length; i++) {
            double bound = TOLERANCE * Math.max(1.0, Math.abs(expected[i]));
            assertTrue(Math.abs(got[i] - expected[i]) <= bound,
                    what + ": entry " + i + " is " + got[i] + ", expected " + expected[i]);
        }
    }
}
