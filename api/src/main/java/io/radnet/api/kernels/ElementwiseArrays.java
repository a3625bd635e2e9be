package io.radnet.api.kernels;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The entrywise kernels of {@link io.radnet.api.Backend} for backends whose tensors are dense {@code double[]}
 * arrays in one storage order (row- or column-major: entrywise ops do not depend on which, as
 * long as every operand has the same). Each method reads and writes entries 0 … n − 1 in
 * order, one pass, no allocation; {@code out} may be one of the inputs.
 *
 * <p>These are kernels, not entry points: they do not validate. {@link io.radnet.api.Backend}'s public ops
 * check shapes and backends before calling a kernel, so the arrays hold at least n entries.
 * Every operation propagates NaN and ∞ as IEEE arithmetic does (e.g. axpy with α = 0 still
 * turns an ∞ of x into NaN, unlike BLAS daxpy, which skips the update).
 */
public final class ElementwiseArrays {
    private ElementwiseArrays() {
    }

    /** out[p] ← x[p] + y[p] for p &lt; n. */
    public static void add(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] + y[p];
        }
    }

    /** out[p] ← x[p] − y[p] for p &lt; n. */
    public static void subtract(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] - y[p];
        }
    }

    /** out[p] ← x[p] · y[p] for p &lt; n. */
    public static void hadamard(double[] x, double[] y, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] * y[p];
        }
    }

    /** out[p] ← α · x[p] for p &lt; n. */
    public static void scale(double alpha, double[] x, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = alpha * x[p];
        }
    }

    /** out[p] ← x[p] + s for p &lt; n. */
    public static void addScalar(double[] x, double s, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = x[p] + s;
        }
    }

    /** y[p] ← y[p] + α · x[p] for p &lt; n, also when α = 0. */
    public static void axpy(double alpha, double[] x, double[] y, int n) {
        for (int p = 0; p < n; p++) {
            y[p] += alpha * x[p];
        }
    }

    /** out[p] ← f(x[p]) for p &lt; n, in increasing p. */
    public static void map(double[] x, DoubleUnaryOperator f, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = f.applyAsDouble(x[p]);
        }
    }

    /** out[p] ← f(x[p], y[p]) for p &lt; n, in increasing p. */
    public static void zip(double[] x, double[] y, DoubleBinaryOperator f, double[] out, int n) {
        for (int p = 0; p < n; p++) {
            out[p] = f.applyAsDouble(x[p], y[p]);
        }
    }
}
