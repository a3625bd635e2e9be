package io.radnet.core.activation;

import io.radnet.api.PointwiseActivation;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Pointwise activations σ with their derivatives σ′, for MLPs, hypernetworks and
 * repeated-composition networks. At a kink the derivative is the right derivative's value
 * stated below. Names accepted by {@link #byName(String)} (case-insensitive): {@code relu},
 * {@code leaky-relu:A}, {@code sigmoid}, {@code tanh}, {@code elu:A}, {@code softplus},
 * {@code identity}.
 */
public final class PointwiseActivations {
    private PointwiseActivations() {
    }

    /** @return ReLU max(0, x), with σ′(0) = 0 */
    public static PointwiseActivation relu() {
        return new Named("relu", x -> x > 0 ? x : 0.0, x -> x > 0 ? 1.0 : 0.0);
    }

    /**
     * @param alpha the slope for x &lt; 0, finite
     * @return leaky ReLU: x for x &gt; 0, α·x otherwise (σ′(0) = α)
     */
    public static PointwiseActivation leakyRelu(double alpha) {
        requireFinite("leaky ReLU slope", alpha);
        return new Named("leaky-relu:" + alpha, x -> x > 0 ? x : alpha * x, x -> x > 0 ? 1.0 : alpha);
    }

    /** @return the logistic sigmoid, σ′ = σ(1 − σ) */
    public static PointwiseActivation sigmoid() {
        return new Named("sigmoid", Logistic::value, x -> {
            double s = Logistic.value(x);
            return s * (1.0 - s);
        });
    }

    /** @return tanh, σ′ = 1 − tanh² */
    public static PointwiseActivation tanh() {
        return new Named("tanh", Math::tanh, x -> {
            double t = Math.tanh(x);
            return 1.0 - t * t;
        });
    }

    /**
     * @param alpha the scale of the negative part, finite
     * @return ELU: x for x &gt; 0, α(eˣ − 1) otherwise (σ′(0) = α)
     */
    public static PointwiseActivation elu(double alpha) {
        requireFinite("ELU alpha", alpha);
        return new Named("elu:" + alpha, x -> x > 0 ? x : alpha * Math.expm1(x), x -> x > 0 ? 1.0 : alpha * Math.exp(x));
    }

    /** @return softplus log(1 + eˣ), evaluated without overflow; σ′ = logistic */
    public static PointwiseActivation softplus() {
        return new Named("softplus", x -> Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))),
                Logistic::value);
    }

    /** @return the identity, σ′ = 1 */
    public static PointwiseActivation identity() {
        return new Named("identity", x -> x, x -> 1.0);
    }

    /**
     * @param name an activation name (see the class documentation), case-insensitive
     * @return the activation
     * @throws IllegalArgumentException listing the accepted names if the name is unknown
     */
    public static PointwiseActivation byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        int colon = n.indexOf(':');
        String base = colon < 0 ? n : n.substring(0, colon);
        Double parameter = null;
        if (colon >= 0) {
            try {
                parameter = Double.parseDouble(n.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("activation '" + name + "' has a non-numeric parameter", e);
            }
        }
        switch (base) {
            case "relu":
                return relu();
            case "leaky-relu":
                return leakyRelu(parameter == null ? 0.01 : parameter);
            case "sigmoid":
                return sigmoid();
            case "tanh":
                return tanh();
            case "elu":
                return elu(parameter == null ? 1.0 : parameter);
            case "softplus":
                return softplus();
            case "identity":
                return identity();
            default:
                throw new IllegalArgumentException("unknown pointwise activation '" + name
                        + "'; accepted: relu, leaky-relu:A, sigmoid, tanh, elu:A, softplus, identity");
        }
    }

    private static void requireFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, got " + value);
        }
    }

    /** A named activation. */
    private record Named(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) implements PointwiseActivation {
        @Override
        public double apply(double x) {
            return f.applyAsDouble(x);
        }

        @Override
        public double derivative(double x) {
            return df.applyAsDouble(x);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
