package io.radnet.core.activation;

/**
 * The logistic function σ(x) = 1/(1 + e^{−x}) and σ′ = σ(1 − σ), one value at a time or a block
 * at a time with the same bits. For |x| ≤ {@value Exponentials#FAST_RANGE} it is
 * 1/(1 + e^{−x}) with the vectorisable {@link Exponentials}; beyond, where e^{−x} may overflow,
 * e^x/(1 + e^x) for x &lt; 0 and 1/(1 + e^{−x}) otherwise, with {@link Math#exp}. Defined for
 * every double: σ(±∞) = 1 or 0, σ(NaN) = NaN.
 */
final class Logistic {
    private Logistic() {
    }

    /**
     * @param x any double
     * @return σ(x) ∈ [0, 1]
     */
    static double value(double x) {
        if (Math.abs(x) <= Exponentials.FAST_RANGE) {
            return 1.0 / (1.0 + Exponentials.exp(-x));
        }
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * value[i] ← σ(x[i]) and slope[i] ← σ(x[i])(1 − σ(x[i])) for i &lt; n, bitwise as
     * {@link #value(double)}: vectorised loops over the block, then the rare entries outside the
     * fast range one by one.
     *
     * @param x the arguments
     * @param value receives σ; distinct from x and slope
     * @param slope receives σ′; distinct from x and value
     * @param n how many
     */
    static void evaluate(double[] x, double[] value, double[] slope, int n) {
        Exponentials.expOfNegatedWithinRange(x, value, slope, n);
        for (int i = 0; i < n; i++) {
            double s = 1.0 / (1.0 + value[i]);
            value[i] = s;
            slope[i] = s * (1.0 - s);
        }
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(x[i]) <= Exponentials.FAST_RANGE)) {
                double s = value(x[i]);
                value[i] = s;
                slope[i] = s * (1.0 - s);
            }
        }
    }
}
