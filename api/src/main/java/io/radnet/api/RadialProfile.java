package io.radnet.api;

/**
 * A radial profile h: [0, ∞) → ℝ with its derivative h′. It defines the radial rescaling
 * activation ρ(v) = h(|v|) · v / |v| with ρ(0) = 0 (radial paper, §3): ρ rescales each vector
 * along its own direction and so commutes with orthogonal maps, ρ(Qv) = Qρ(v), which is what
 * makes the lossless QR compression possible.
 *
 * <p>Implementations must be pure functions of r, defined for every finite r ≥ 0.
 */
public interface RadialProfile {
    /**
     * @param r a norm, r ≥ 0
     * @return h(r)
     */
    double value(double r);

    /**
     * @param r a norm, r ≥ 0
     * @return h′(r), the one-sided derivative at r = 0
     */
    double derivative(double r);

    /**
     * h′(r) when h(r) is already known, for profiles whose derivative follows from the value
     * (the sigmoid's h(1 − h), tanh's 1 − h²): the batched radial kernels evaluate both per
     * sample and so pay for one exponential, not two. Must equal {@link #derivative(double)}.
     * The default ignores the value.
     *
     * @param r a norm, r ≥ 0
     * @param value h(r)
     * @return h′(r)
     */
    default double derivative(double r, double value) {
        return derivative(r);
    }

    /**
     * h and h′ at n points at once: value[i] ← h(r[i]) and slope[i] ← h′(r[i]) for i &lt; n. The
     * batched radial kernels call this once per block of samples (with r the norms plus the
     * activation shift), so that a profile built on an exponential can evaluate a whole block
     * in loops the JIT vectorises. Must give exactly the bits of {@link #value(double)} and
     * {@link #derivative(double, double)}; the default loops over them.
     *
     * <p>A kernel callback, not an entry point: the backends call it with distinct scratch
     * arrays and 0 ≤ n ≤ each array's length, and nothing is validated. NaN or ±∞ points give
     * whatever {@link #value(double)} gives for them; entries at n and beyond are untouched.
     *
     * @param r the points (at least n entries), not modified
     * @param value receives h(r[i]); an array distinct from r and slope
     * @param slope receives h′(r[i]); an array distinct from r and value
     * @param n how many points, 0 ≤ n
     */
    default void evaluate(double[] r, double[] value, double[] slope, int n) {
        for (int i = 0; i < n; i++) {
            double h = value(r[i]);
            value[i] = h;
            slope[i] = derivative(r[i], h);
        }
    }
}
