package io.radnet.api.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Tensor;

/**
 * Assertions on tensors against reference arrays.
 */
public final class TensorAssertions {
    private TensorAssertions() {
    }

    /**
     * Asserts the shape and a relative Frobenius error ‖expected − actual‖ ≤ tol · ‖expected‖
     * (absolute tol when expected is zero).
     */
    public static void assertClose(double[][] expected, Tensor actual, double tol, String what) {
        int rows = expected.length;
        int cols = rows == 0 ? actual.cols() : expected[0].length;
        assertEquals(rows + "x" + cols, actual.shape(), what + ": shape");
        double[][] got = actual.toRows();
        double error = Reference.distance(expected, got);
        double scale = Math.max(Reference.frobenius(expected), 1.0e-300);
        double bound = Reference.frobenius(expected) == 0.0 ? tol : tol * scale;
        assertTrue(error <= bound, () -> what + ": relative Frobenius error " + error / scale + " exceeds " + tol
                + " (shape " + actual.shape() + ")");
    }

    /** Asserts the shape and bitwise equality of every entry (data movement must be exact). */
    public static void assertExactly(double[][] expected, Tensor actual, String what) {
        assertEquals(expected.length, actual.rows(), what + ": rows");
        double[][] got = actual.toRows();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual.cols(), what + ": cols");
            assertArrayEquals(expected[i], got[i], 0.0, what + ": row " + i);
        }
    }

    /** Asserts that two scalars agree to a relative tolerance. */
    public static void assertCloseScalar(double expected, double actual, double tol, String what) {
        double bound = tol * Math.max(Math.abs(expected), 1.0);
        assertTrue(Math.abs(expected - actual) <= bound,
                () -> what + ": expected " + expected + " but got " + actual + " (tolerance " + bound + ")");
    }
}
