package io.radnet.core.activation;

/**
 * The exponential in plain arithmetic that the JIT vectorises: Java 17 compiles
 * {@link Math#exp} to a scalar call, which in the radial sigmoid costs more than the rest of a
 * radial layer's forward pass.
 *
 * <p>Method, for |x| ≤ {@value #FAST_RANGE}: x = k·ln 2 + r with k = round(x/ln 2) and
 * |r| ≤ ln 2/2 (Cody–Waite: ln 2 split into a high part with 32 significant bits, so k·ln2ʰⁱ is
 * exact, and the remainder); e^r by its Taylor polynomial of degree 13 in Horner form with fused
 * multiply-adds (truncation error below |r|¹⁴/14! &lt; 5·10⁻¹⁸); then e^x = e^r·2^k with 2^k put
 * together from its exponent bits. k comes from adding 1.5·2⁵² to x/ln 2, which rounds to an
 * integer and leaves k in the low bits of the sum. On that range 2^k is a normal double
 * (|k| ≤ 1021). Elsewhere (and for NaN) {@link Math#exp} applies.
 *
 * <p>Accuracy: within 2 ulp of {@link Math#exp} (the tests check it over the whole range).
 * The scalar {@link #exp(double)} and the array form execute the same operations, and Java
 * evaluates floating-point arithmetic and {@link Math#fma} exactly as IEEE 754 prescribes,
 * vectorised or not, so the two agree bit for bit.
 */
final class Exponentials {
    /** The largest |x| of the vectorised path. */
    static final double FAST_RANGE = 708.0;

    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer and leaves that integer in the low bits. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;
    private static final long EXPONENT_BIAS = 1023L << 52;
    /* the Taylor coefficients 1/n! (each n! exact in a double, so each is 1/n! correctly rounded) */
    private static final double C2 = 1.0 / 2.0;
    private static final double C3 = 1.0 / 6.0;
    private static final double C4 = 1.0 / 24.0;
    private static final double C5 = 1.0 / 120.0;
    private static final double C6 = 1.0 / 720.0;
    private static final double C7 = 1.0 / 5040.0;
    private static final double C8 = 1.0 / 40320.0;
    private static final double C9 = 1.0 / 362880.0;
    private static final double C10 = 1.0 / 3628800.0;
    private static final double C11 = 1.0 / 39916800.0;
    private static final double C12 = 1.0 / 479001600.0;
    private static final double C13 = 1.0 / 6227020800.0;

    private Exponentials() {
    }

    /**
     * @param x any double
     * @return e^x, within 2 ulp of {@link Math#exp}
     */
    static double exp(double x) {
        if (!(Math.abs(x) <= FAST_RANGE)) {
            return Math.exp(x);
        }
        double shifted = x * LOG2_E + ROUNDING_SHIFT;
        return reducedExp(x, shifted) * powerOfTwo(shifted);
    }

    /**
     * out[i] ← e^{−x[i]} for i &lt; n, bitwise {@link #exp(double) exp}(−x[i]), where
     * |x[i]| ≤ {@value #FAST_RANGE}; the other entries of out are left unspecified for the
     * caller to fill. Two loops the JIT vectorises (one loop would exceed its unrolling budget).
     *
     * @param x the arguments, negated
     * @param out receives the exponentials; distinct from x
     * @param scratch n entries of scratch; distinct from x and out
     * @param n how many
     */
    static void expOfNegatedWithinRange(double[] x, double[] out, double[] scratch, int n) {
        for (int i = 0; i < n; i++) {
            double v = -x[i];
            double shifted = v * LOG2_E + ROUNDING_SHIFT;
            out[i] = reducedExp(v, shifted);
            scratch[i] = shifted;
        }
        for (int i = 0; i < n; i++) {
            out[i] = out[i] * powerOfTwo(scratch[i]);
        }
    }

    /** e^r for r = x − k·ln 2, k = shifted − 1.5·2⁵². */
    private static double reducedExp(double x, double shifted) {
        double k = shifted - ROUNDING_SHIFT;
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = Math.fma(C13, r, C12);
        p = Math.fma(p, r, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1.0);
        return Math.fma(p, r, 1.0);
    }

    /** 2^k from 1.5·2⁵² + k: the low bits of the sum, moved into the exponent field. */
    private static double powerOfTwo(double shifted) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(shifted) << 52) + EXPONENT_BIAS);
    }
}
