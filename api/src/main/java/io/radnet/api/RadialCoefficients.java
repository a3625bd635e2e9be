package io.radnet.api;

/**
 * The per-sample coefficients of the radial rescaling ρ_s(v) = η(|v| + s)·v/|v|, ρ_s(0) = 0
 * (radial paper, §3), in one place for {@link Backend#radialColumns}'s default and the
 * backends' kernels: from the sample's norm r, the coefficient c = η(r + s)/r (so
 * ρ_s(v) = c·v) and the slope η′(r + s) that back-propagation needs. A norm below
 * {@link Double#MIN_NORMAL} is treated as v = 0: c = 0 and the slope is η′(s).
 */
public final class RadialCoefficients {
    private RadialCoefficients() {
    }

    /**
     * state[at] ← r, state[at + stride] ← c, state[at + 2·stride] ← the slope.
     *
     * @param profile η
     * @param shift s
     * @param r the sample's norm, ≥ 0
     * @param state the state array
     * @param at where r goes
     * @param stride the distance between r, c and the slope
     */
    public static void evaluate(RadialProfile profile, double shift, double r, double[] state, int at, int stride) {
        state[at] = r;
        if (r >= Double.MIN_NORMAL) {
            double h = profile.value(r + shift);
            state[at + stride] = h / r;
            state[at + 2 * stride] = profile.derivative(r + shift, h);
        } else {
            state[at + stride] = 0.0;
            state[at + 2 * stride] = profile.derivative(shift);
        }
    }
}
