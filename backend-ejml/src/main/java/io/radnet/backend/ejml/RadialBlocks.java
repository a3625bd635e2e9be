package io.radnet.backend.ejml;

import io.radnet.api.RadialProfile;

/**
 * The per-sample coefficients of the radial rescaling ρ_s(v) = η(|v| + s)·v/|v| for a block of
 * samples, shared by EJML's {@code radialColumns} kernels and its fused network kernel so that
 * both give the same bits. A norm r below {@link Double#MIN_NORMAL}, or NaN, is taken as v = 0.
 */
final class RadialBlocks {
    private RadialBlocks() {
    }

    /**
     * c[j] ← η(r[j] + s)/r[j] and slope[j] ← η′(r[j] + s) for j &lt; w, from one
     * {@link RadialProfile#evaluate} call; where r[j] is taken as 0, c[j] ← 0 and
     * slope[j] ← η′(s).
     *
     * @param argument scratch of at least w entries, overwritten with r + s
     * @param value scratch of at least w entries, overwritten with η(r + s)
     */
    static void coefficients(RadialProfile profile, double shift, double[] r, double[] argument, double[] value,
                             double[] slope, double[] c, int w) {
        regularCoefficients(profile, shift, r, argument, value, slope, c, w);
        for (int j = 0; j < w; j++) {
            if (!(r[j] >= Double.MIN_NORMAL)) {
                c[j] = 0.0;
                slope[j] = profile.derivative(shift);
            }
        }
    }

    /**
     * {@link #coefficients} where every r[j], j &lt; w, is known to be at least
     * {@link Double#MIN_NORMAL} (so none is taken as 0): the same values without the check.
     */
    static void regularCoefficients(RadialProfile profile, double shift, double[] r, double[] argument, double[] value,
                                    double[] slope, double[] c, int w) {
        for (int j = 0; j < w; j++) {
            argument[j] = r[j] + shift;
        }
        regularCoefficientsOfArguments(profile, r, argument, value, slope, c, w);
    }

    /**
     * {@link #regularCoefficients} with argument[j] = r[j] + s already in place for j &lt; w.
     *
     * @param argument r + s, read only
     */
    static void regularCoefficientsOfArguments(RadialProfile profile, double[] r, double[] argument, double[] value,
                                               double[] slope, double[] c, int w) {
        profile.evaluate(argument, value, slope, w);
        for (int j = 0; j < w; j++) {
            c[j] = value[j] / r[j];
        }
    }

    /** inverse[j] ← 1/r[j] for j &lt; w, and 0 where r[j] is taken as 0 (so u = z·inverse is 0 there). */
    static void inverseNorms(double[] r, double[] inverse, int w) {
        regularInverseNorms(r, inverse, w);
        for (int j = 0; j < w; j++) {
            if (!(r[j] >= Double.MIN_NORMAL)) {
                inverse[j] = 0.0;
            }
        }
    }

    /** inverse[j] ← 1/r[j] for j &lt; w, every r[j] known to be at least {@link Double#MIN_NORMAL}. */
    static void regularInverseNorms(double[] r, double[] inverse, int w) {
        for (int j = 0; j < w; j++) {
            inverse[j] = 1.0 / r[j];
        }
    }
}
