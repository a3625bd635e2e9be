package io.radnet.core.activation;

import io.radnet.api.RadialProfile;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The radial profiles of the radial paper (§3) and of its reference implementation. Each is a
 * {@link RadialProfile} η with its derivative η′; a network applies η(r + s) with an optional
 * activation shift s (see {@link RadialActivation}).
 *
 * <p>Names accepted by {@link #byName(String)} (case-insensitive): {@code step-relu},
 * {@code step-relu:C} (C a number, the value below the step, e.g. {@code step-relu:1e-6}), {@code squash}, {@code relu} (h(r) = max(0, r)), {@code shifted-relu:B} (B a number, e.g.
 * {@code shifted-relu:0.5}), {@code sigmoid}, {@code tanh}.
 */
public final class RadialProfiles {
    private RadialProfiles() {
    }

    /**
     * Step-ReLU: h(r) = r for r ≥ 1, else 0; h′(r) = 1 for r ≥ 1 (the right derivative at the
     * jump), else 0. Used by the universal approximation constructions (Theorems 3 and 4).
     *
     * @return the profile
     */
    public static RadialProfile stepRelu() {
        return new Named("step-relu", r -> r >= 1.0 ? r : 0.0, r -> r >= 1.0 ? 1.0 : 0.0);
    }

    /**
     * Step-ReLU with a constant below the step: h(r) = r for r ≥ 1, else c; h′(r) = 1 for
     * r ≥ 1, else 0. With c = 10⁻⁶ it is the reference implementation's {@code stepReLU_eta} of
     * its noisy-image scripts 4 and 5: below the step ρ(v) = c·v/|v| keeps the direction with a
     * tiny length instead of sending v to 0. With c = 0 it is {@link #stepRelu()}, under its own
     * name {@code step-relu:0.0}.
     *
     * @param below c, the value of h on [0, 1), finite
     * @return the profile, named {@code step-relu:C}
     * @throws IllegalArgumentException if c is not finite
     */
    public static RadialProfile stepRelu(double below) {
        if (!Double.isFinite(below)) {
            throw new IllegalArgumentException("the value of Step-ReLU below the step must be finite, got " + below);
        }
        return new Named("step-relu:" + below, r -> r >= 1.0 ? r : below, r -> r >= 1.0 ? 1.0 : 0.0);
    }

    /**
     * Squashing: h(r) = r²/(r² + 1), h′(r) = 2r/(r² + 1)². Evaluated as r²/(r² + 1) wherever
     * r² is finite, and as its limit 1 = 1/(1 + 1/r²) where r² overflows (|r| above about
     * 1.3·10¹⁵⁴), so h is finite for every finite r; likewise h′ = 2(r/d)/d with d = r² + 1 where
     * d² overflows, which underflows to 0.
     *
     * @return the profile
     */
    public static RadialProfile squash() {
        return new Named("squash", r -> {
            double square = r * r;
            return square == Double.POSITIVE_INFINITY ? 1.0 : square / (square + 1.0);
        }, r -> {
            double d = r * r + 1.0;
            double dSquared = d * d;
            return dSquared == Double.POSITIVE_INFINITY ? 2.0 * (r / d) / d : 2.0 * r / dSquared;
        });
    }

    /**
     * Shifted ReLU: h(r) = max(0, r − b), h′(r) = 1 for r &gt; b, else 0.
     *
     * @param b the offset, finite
     * @return the profile
     * @throws IllegalArgumentException if b is not finite
     */
    public static RadialProfile shiftedRelu(double b) {
        if (!Double.isFinite(b)) {
            throw new IllegalArgumentException("shifted ReLU offset must be finite, got " + b);
        }
        return new Named("shifted-relu:" + b, r -> Math.max(0.0, r - b), r -> r > b ? 1.0 : 0.0);
    }

    /**
     * Radial ReLU: h(r) = max(0, r), h′(r) = 1 for r &gt; 0, else 0. Without a shift ρ is the
     * identity; with a shift s it is the shifted ReLU max(0, r + s), the reference
     * implementation's ReLU with its {@code act_fns.{i}.bias}.
     *
     * @return the profile
     */
    public static RadialProfile relu() {
        return new Named("relu", r -> Math.max(0.0, r), r -> r > 0 ? 1.0 : 0.0);
    }

    /**
     * Radial sigmoid: h(r) = 1/(1 + e^{−r}), h′(r) = h(r)(1 − h(r)); the profile of the paper's
     * experiments.
     *
     * @return the profile
     */
    public static RadialProfile sigmoid() {
        return new Sigmoid();
    }

    /**
     * Radial tanh: h(r) = tanh r, h′(r) = 1 − tanh² r.
     *
     * @return the profile
     */
    public static RadialProfile tanh() {
        return new Named("tanh", Math::tanh, (r, t) -> 1.0 - t * t);
    }

    /**
     * @param name a profile name (see the class documentation), case-insensitive
     * @return the profile
     * @throws IllegalArgumentException listing the accepted names if the name is unknown
     */
    public static RadialProfile byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("step-relu:")) {
            String value = n.substring("step-relu:".length());
            try {
                return stepRelu(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("step-relu:C needs a numeric value below the step, e.g. step-relu:1e-6;"
                        + " got '" + name + "'", e);
            }
        }
        if (n.startsWith("shifted-relu:")) {
            String value = n.substring("shifted-relu:".length());
            try {
                return shiftedRelu(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("shifted-relu needs a numeric offset, e.g. shifted-relu:0.5; got '"
                        + name + "'", e);
            }
        }
        switch (n) {
            case "step-relu":
            case "steprelu":
                return stepRelu();
            case "squash":
            case "squashing":
                return squash();
            case "relu":
                return relu();
            case "sigmoid":
                return sigmoid();
            case "tanh":
                return tanh();
            default:
                throw new IllegalArgumentException("unknown radial profile '" + name
                        + "'; accepted: step-relu, step-relu:C, squash, relu, shifted-relu:B, sigmoid, tanh");
        }
    }

    /**
     * The radial sigmoid, whose blocks {@link Logistic#evaluate} computes in vectorised loops
     * (the exponential dominates a radial layer's forward pass otherwise).
     */
    private record Sigmoid() implements RadialProfile {
        @Override
        public double value(double r) {
            return Logistic.value(r);
        }

        @Override
        public double derivative(double r) {
            return derivative(r, Logistic.value(r));
        }

        @Override
        public double derivative(double r, double value) {
            return value * (1.0 - value);
        }

        @Override
        public void evaluate(double[] r, double[] value, double[] slope, int n) {
            Logistic.evaluate(r, value, slope, n);
        }

        @Override
        public String toString() {
            return "sigmoid";
        }
    }

    /**
     * A profile with a name, for messages, {@link #toString()} and model files. Its derivative
     * is either a function of r alone or, for profiles whose derivative follows from the value,
     * of r and h(r).
     */
    private record Named(String name, DoubleUnaryOperator h, DoubleUnaryOperator dh,
                         DoubleBinaryOperator dhFromValue) implements RadialProfile {
        Named(String name, DoubleUnaryOperator h, DoubleUnaryOperator dh) {
            this(name, h, dh, null);
        }

        Named(String name, DoubleUnaryOperator h, DoubleBinaryOperator dhFromValue) {
            this(name, h, null, dhFromValue);
        }

        @Override
        public double value(double r) {
            return h.applyAsDouble(r);
        }

        @Override
        public double derivative(double r) {
            return dh != null ? dh.applyAsDouble(r) : dhFromValue.applyAsDouble(r, h.applyAsDouble(r));
        }

        @Override
        public double derivative(double r, double value) {
            return dh != null ? dh.applyAsDouble(r) : dhFromValue.applyAsDouble(r, value);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
