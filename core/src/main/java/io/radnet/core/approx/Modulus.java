package io.radnet.core.approx;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;

/**
 * A modulus of continuity ω of a target f: |f(x) − f(y)| ≤ ω(|x − y|) (Euclidean norms) for
 * all x, y of the region a construction needs (see each construction), with ω nondecreasing,
 * ω(0) = 0 and finite. A Lipschitz constant R is the modulus ω(t) = R·t; Hölder continuity
 * of order α is ω(t) = λ·t^α.
 */
public final class Modulus {
    private final String description;
    private final DoubleUnaryOperator omega;
    private final double lipschitz;

    private Modulus(String description, DoubleUnaryOperator omega, double lipschitz) {
        this.description = description;
        this.omega = omega;
        this.lipschitz = lipschitz;
    }

    /**
     * @param constant R ≥ 0, finite
     * @return ω(t) = R·t
     * @throws IllegalArgumentException if R is negative, NaN or infinite
     */
    public static Modulus lipschitz(double constant) {
        if (!Double.isFinite(constant) || constant < 0) {
            throw new IllegalArgumentException("the Lipschitz constant must be finite and non-negative, got " + constant);
        }
        return new Modulus("ω(t) = " + constant + "·t", t -> constant * t, constant);
    }

    /**
     * A general modulus, checked on 121 points t = 10⁻¹² … 10⁶ (geometric): ω(0) must be 0 and
     * every value finite, non-negative and at least the previous one.
     *
     * @param description how to print it, e.g. "ω(t) = sqrt(t)"
     * @param omega ω, a pure function
     * @return the modulus
     * @throws IllegalArgumentException naming the point where a check fails
     */
    public static Modulus of(String description, DoubleUnaryOperator omega) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(omega, "omega");
        Modulus m = new Modulus(description, omega, Double.NaN);
        double previous = m.at(0.0);
        if (previous != 0.0) {
            throw new IllegalArgumentException("a modulus of continuity must vanish at 0, but " + description + " gives ω(0) = "
                    + previous);
        }
        for (int k = 0; k <= 120; k++) {
            double t = Math.pow(10.0, -12.0 + 0.15 * k);
            double value = m.at(t);
            if (value < previous) {
                throw new IllegalArgumentException("a modulus of continuity must be nondecreasing, but " + description
                        + " falls to " + value + " at t = " + t + " from " + previous);
            }
            previous = value;
        }
        return m;
    }

    /**
     * @param t a distance, t ≥ 0
     * @return ω(t)
     * @throws IllegalArgumentException if ω(t) is negative, NaN or infinite
     */
    public double at(double t) {
        double value = omega.applyAsDouble(t);
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("the modulus of continuity " + description + " must be finite and non-negative,"
                    + " but ω(" + t + ") = " + value);
        }
        return value;
    }

    /** @return R when this is the Lipschitz modulus ω(t) = R·t, else empty */
    public OptionalDouble lipschitzConstant() {
        return Double.isNaN(lipschitz) ? OptionalDouble.empty() : OptionalDouble.of(lipschitz);
    }

    @Override
    public String toString() {
        return description;
    }
}
