package io.radnet.backend.ejml;

import io.radnet.api.RadialProfile;

/**
 * The per-sample coefficients of the radial rescaling ρ_s(v) = η(|v| + s)·v/|v| for a block of
 * samples: c = η/r for EJML's {@code radialColumns} kernels ({@link #coefficients}), and
 * c = η·(1/r) for its fused network kernel ({@link #coefficientsOfInverses}), which needs 1/r for
 * u = v/|v| anyway. A norm r below {@link Double#MIN_NORMAL}, or NaN, is taken as v = 0.
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
        profile.evaluate(argument, value, slope, w);
        for (int j = 0; j < w; j++) {
            c[j] = value[j] / r[j];
        }
    }

    /**
     * The coefficients of the fused network kernel, from the inverse norms: c[j] ← η(r[j] + s)·(1/r[j])
     * (one rounding more than η/r, one division fewer per sample) and slope[j] ← η′(r[j] + s) for
     * j &lt; w, from one {@link RadialProfile#evaluate} call; where r[j] is taken as 0 (then
     * inverse[j] = 0, see {@link #inverseNorms}), c[j] ← 0 and slope[j] ← η′(s).
     *
     * @param r the norms, read only
     * @param inverse 1/r from {@link #inverseNorms} (or {@link #regularInverseNorms} when regular), read only
     * @param argument r + s, read only
     * @param value scratch of at least w entries, overwritten with η(r + s)
     * @param regular whether every r[j], j &lt; w, is known to be at least {@link Double#MIN_NORMAL}
     *     (then the check for a norm taken as 0 is skipped)
     */
    static void coefficientsOfInverses(RadialProfile profile, double shift, double[] r, double[] inverse,
                                       double[] argument, double[] value, double[] slope, double[] c, int w,
                                       boolean regular) {
        profile.evaluate(argument, value, slope, w);
        for (int j = 0; j < w; j++) {
            c[j] = value[j] * inverse[j];
        }
        if (!regular) {
            for (int j = 0; j < w; j++) {
                if (!(r[j] >= Double.MIN_NORMAL)) {
                    c[j] = 0.0;
                    slope[j] = profile.derivative(shift);
                }
            }
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
