package io.radnet.core.approx;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A target f: ℝⁿ → ℝᵐ given as a Java function. Every value is checked: a result of the wrong
 * length or with NaN or ∞ fails with the point where it happened.
 */
public final class VectorFunction {
    private final int inputDimension;
    private final int outputDimension;
    private final Function<double[], double[]> function;

    private VectorFunction(int inputDimension, int outputDimension, Function<double[], double[]> function) {
        if (inputDimension < 1 || outputDimension < 1) {
            throw new IllegalArgumentException("a target maps ℝⁿ → ℝᵐ with n, m ≥ 1, got n = " + inputDimension
                    + ", m = " + outputDimension);
        }
        this.inputDimension = inputDimension;
        this.outputDimension = outputDimension;
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * @param n input dimension, ≥ 1
     * @param m output dimension, ≥ 1
     * @param f the function; it receives a copy of the point and must return m finite values
     * @return the target
     */
    public static VectorFunction of(int n, int m, Function<double[], double[]> f) {
        return new VectorFunction(n, m, f);
    }

    /**
     * @param n input dimension, ≥ 1
     * @param f a real-valued function of n variables
     * @return the target with m = 1
     */
    public static VectorFunction scalar(int n, ToDoubleFunction<double[]> f) {
        Objects.requireNonNull(f, "f");
        return new VectorFunction(n, 1, x -> new double[] {f.applyAsDouble(x)});
    }

    /** @return n */
    public int inputDimension() {
        return inputDimension;
    }

    /** @return m */
    public int outputDimension() {
        return outputDimension;
    }

    /**
     * @param x a point of ℝⁿ, not modified
     * @return f(x) ∈ ℝᵐ, a new array
     * @throws IllegalArgumentException if x has the wrong length or f(x) is not m finite values
     */
    public double[] apply(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != inputDimension) {
            throw new IllegalArgumentException("the target takes " + inputDimension + " variables, got a point with "
                    + x.length);
        }
        double[] y = function.apply(x.clone());
        if (y == null || y.length != outputDimension) {
            throw new IllegalArgumentException("the target must return " + outputDimension + " values, returned "
                    + (y == null ? "null" : y.length + "") + " at x = " + Arrays.toString(x));
        }
        for (double v : y) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("the target is not finite at x = " + Arrays.toString(x) + ": f(x) = "
                        + Arrays.toString(y));
            }
        }
        return y.clone();
    }
}
