package io.radnet.core.approx.exact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An exact rational number p/q with BigInteger p and q: immutable, always in lowest terms with
 * q &gt; 0 (so {@link #equals} is equality of numbers and 0 is 0/1).
 *
 * <p><b>Dyadic fast path.</b> When q is a power of two (a dyadic rational m·2^{−k}, as every
 * double and every weight of the intrinsic-parameter construction is), sums align by shifts and
 * lowest terms come from trailing zero bits, with no gcd. Other rationals use gcd reduction.
 */
public final class Rational implements Comparable<Rational> {
    /** 0. */
    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE, 0);
    /** 1. */
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE, 0);

    /** Bits of a double's significand, used for correct rounding in {@link #toDouble()}. */
    private static final int QUOTIENT_BITS = 66;
    /** The largest exponent accepted by {@link #parse} (|e| in "…e±k"), bounding the size of a parsed value. */
    private static final int MAX_PARSED_EXPONENT = 100_000;

    private final BigInteger numerator;
    private final BigInteger denominator;
    /** k if the denominator is 2^k, otherwise −1. */
    private final int denominatorExponent;

    private Rational(BigInteger numerator, BigInteger denominator, int denominatorExponent) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.denominatorExponent = denominatorExponent;
    }

    /**
     * @param value an integer
     * @return value/1
     */
    public static Rational of(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Rational(BigInteger.valueOf(value), BigInteger.ONE, 0);
    }

    /**
     * @param value an integer
     * @return value/1
     */
    public static Rational of(BigInteger value) {
        return new Rational(Objects.requireNonNull(value, "value"), BigInteger.ONE, 0);
    }

    /**
     * @param numerator p
     * @param denominator q ≠ 0
     * @return p/q in lowest terms
     * @throws ArithmeticException if q = 0
     */
    public static Rational of(long numerator, long denominator) {
        return of(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /**
     * @param numerator p
     * @param denominator q ≠ 0
     * @return p/q in lowest terms
     * @throws ArithmeticException if q = 0
     */
    public static Rational of(BigInteger numerator, BigInteger denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("rational " + numerator + "/0: the denominator is zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        if (denominator.bitCount() == 1) {
            return dyadic(numerator, denominator.bitLength() - 1);
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
        int exponent = denominator.bitCount() == 1 ? denominator.bitLength() - 1 : -1;
        return new Rational(numerator, denominator, exponent);
    }

    /**
     * @param mantissa m
     * @param exponent k ≥ 0
     * @return m·2^{−k} in lowest terms
     */
    public static Rational dyadic(BigInteger mantissa, int exponent) {
        Objects.requireNonNull(mantissa, "mantissa");
        if (exponent < 0) {
            return new Rational(mantissa.shiftLeft(-exponent), BigInteger.ONE, 0);
        }
        if (mantissa.signum() == 0) {
            return ZERO;
        }
        int common = Math.min(exponent, mantissa.getLowestSetBit());
        int k = exponent - common;
        return new Rational(mantissa.shiftRight(common), BigInteger.ONE.shiftLeft(k), k);
    }

    /**
     * @param k an exponent
     * @return 2^k exactly
     */
    public static Rational powerOfTwo(int k) {
        return k >= 0 ? new Rational(BigInteger.ONE.shiftLeft(k), BigInteger.ONE, 0)
                : new Rational(BigInteger.ONE, BigInteger.ONE.shiftLeft(-k), -k);
    }

    /**
     * @param value a finite double
     * @return the exact value of the double (every finite double is a dyadic rational)
     * @throws IllegalArgumentException if value is NaN or infinite
     */
    public static Rational ofDouble(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("only a finite double has an exact rational value, got " + value);
        }
        if (value == 0.0) {
            return ZERO;
        }
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) ((bits >>> 52) & 0x7FF);
        long significand = bits & ((1L << 52) - 1);
        int exponent;
        if (biased == 0) {
            exponent = -1074;
        } else {
            significand |= 1L << 52;
            exponent = biased - 1075;
        }
        BigInteger mantissa = BigInteger.valueOf(value < 0 ? -significand : significand);
        return dyadic(mantissa, -exponent);
    }

    /**
     * Parses the forms {@link #toExactString()} writes: an integer ("−12"), a fraction
     * ("3/4", "−1/3"), or a decimal with an optional exponent ("0.375", "1.5e-3").
     *
     * @param text the text
     * @return its exact value
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    public static Rational parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        try {
            int slash = t.indexOf('/');
            if (slash >= 0) {
                return of(new BigInteger(t.substring(0, slash).trim()), new BigInteger(t.substring(slash + 1).trim()));
            }
            BigDecimal decimal = new BigDecimal(t);
            if (Math.abs((long) decimal.scale()) > MAX_PARSED_EXPONENT) {
                throw new IllegalArgumentException("the number '" + abbreviate(t) + "' has a decimal exponent beyond ±"
                        + MAX_PARSED_EXPONENT);
            }
            return ofDecimal(decimal);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not an exact number (expected an integer,"
                    + " p/q with q ≠ 0, or a decimal such as 0.375)");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    /**
     * @param value a decimal
     * @return its exact value
     */
    public static Rational ofDecimal(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        int scale = value.scale();
        if (scale <= 0) {
            return of(value.unscaledValue().multiply(BigInteger.TEN.pow(-scale)));
        }
        BigInteger five = BigInteger.valueOf(5).pow(scale);
        return of(value.unscaledValue(), five.shiftLeft(scale));
    }

    /** @return p (the sign of the number) */
    public BigInteger numerator() {
        return numerator;
    }

    /** @return q &gt; 0 */
    public BigInteger denominator() {
        return denominator;
    }

    /** @return whether q is a power of two, i.e. the number is m·2^{−k} */
    public boolean isDyadic() {
        return denominatorExponent >= 0;
    }

    /** @return whether q = 1 */
    public boolean isInteger() {
        return denominatorExponent == 0;
    }

    /** @return −1, 0 or 1 */
    public int signum() {
        return numerator.signum();
    }

    /**
     * @param other y
     * @return this + y, exactly
     */
    public Rational add(Rational other) {
        if (other.numerator.signum() == 0) {
            return this;
        }
        if (numerator.signum() == 0) {
            return other;
        }
        if (denominatorExponent >= 0 && other.denominatorExponent >= 0) {
            int k = Math.max(denominatorExponent, other.denominatorExponent);
            BigInteger sum = numerator.shiftLeft(k - denominatorExponent)
                    .add(other.numerator.shiftLeft(k - other.denominatorExponent));
            return dyadic(sum, k);
        }
        if (denominator.equals(other.denominator)) {
            return of(numerator.add(other.numerator), denominator);
        }
        return of(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    /**
     * @param other y
     * @return this − y, exactly
     */
    public Rational subtract(Rational other) {
        return add(other.negate());
    }

    /**
     * @param other y
     * @return this·y, exactly
     */
    public Rational multiply(Rational other) {
        if (numerator.signum() == 0 || other.numerator.signum() == 0) {
            return ZERO;
        }
        if (denominatorExponent >= 0 && other.denominatorExponent >= 0) {
            return dyadic(numerator.multiply(other.numerator), denominatorExponent + other.denominatorExponent);
        }
        return of(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    /**
     * @param other y ≠ 0
     * @return this/y, exactly
     * @throws ArithmeticException if y = 0
     */
    public Rational divide(Rational other) {
        if (other.numerator.signum() == 0) {
            throw new ArithmeticException("division of " + this + " by zero");
        }
        return of(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    /**
     * @param k an exponent
     * @return this·2^k, exactly
     */
    public Rational shift(int k) {
        if (k == 0 || numerator.signum() == 0) {
            return this;
        }
        if (denominatorExponent >= 0) {
            return dyadic(numerator, denominatorExponent - k);
        }
        return k > 0 ? of(numerator.shiftLeft(k), denominator) : of(numerator, denominator.shiftLeft(-k));
    }

    /** @return −this */
    public Rational negate() {
        return numerator.signum() == 0 ? this : new Rational(numerator.negate(), denominator, denominatorExponent);
    }

    /** @return |this| */
    public Rational abs() {
        return numerator.signum() < 0 ? negate() : this;
    }

    /** @return max(this, 0), the ReLU σ */
    public Rational relu() {
        return numerator.signum() < 0 ? ZERO : this;
    }

    /** @return ⌊this⌋ */
    public BigInteger floor() {
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /**
     * @param other y
     * @return the smaller of this and y
     */
    public Rational min(Rational other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /**
     * @param other y
     * @return the larger of this and y
     */
    public Rational max(Rational other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /**
     * The double nearest to this number (ties to even) in the normal range of doubles; below it
     * the gradual-underflow result may round twice; beyond {@link Double#MAX_VALUE} it is ±∞.
     *
     * @return the rounded value
     */
    public double toDouble() {
        if (numerator.signum() == 0) {
            return 0.0;
        }
        if (denominatorExponent == 0) {
            return numerator.doubleValue();
        }
        BigInteger magnitude = numerator.abs();
        int shift = QUOTIENT_BITS - (magnitude.bitLength() - denominator.bitLength());
        BigInteger scaled = shift >= 0 ? magnitude.shiftLeft(shift) : magnitude;
        BigInteger divisor = shift >= 0 ? denominator : denominator.shiftLeft(-shift);
        BigInteger[] qr = scaled.divideAndRemainder(divisor);
        BigInteger quotient = qr[1].signum() == 0 ? qr[0] : qr[0].setBit(0);
        double value = Math.scalb(quotient.doubleValue(), -shift);
        return numerator.signum() < 0 ? -value : value;
    }

    /** @return whether {@link #toDouble()} represents this number exactly */
    public boolean isExactDouble() {
        double value = toDouble();
        return Double.isFinite(value) && ofDouble(value).equals(this);
    }

    /**
     * The exact text of this number: its decimal expansion when that terminates (q = 2^i·5^j,
     * which holds for every dyadic rational), otherwise "p/q". {@link #parse} reads it back.
     *
     * @return the text
     */
    public String toExactString() {
        if (denominatorExponent == 0) {
            return numerator.toString();
        }
        if (denominatorExponent > 0) {
            BigInteger unscaled = numerator.multiply(BigInteger.valueOf(5).pow(denominatorExponent));
            return new BigDecimal(unscaled, denominatorExponent).toPlainString();
        }
        BigInteger rest = denominator;
        int twos = rest.getLowestSetBit();
        rest = rest.shiftRight(twos);
        int fives = 0;
        BigInteger five = BigInteger.valueOf(5);
        while (true) {
            BigInteger[] qr = rest.divideAndRemainder(five);
            if (qr[1].signum() != 0) {
                break;
            }
            rest = qr[0];
            fives++;
        }
        if (!rest.equals(BigInteger.ONE)) {
            return numerator + "/" + denominator;
        }
        int scale = Math.max(twos, fives);
        BigInteger unscaled = numerator.multiply(BigInteger.valueOf(5).pow(scale - fives))
                .multiply(BigInteger.TWO.pow(scale - twos));
        return new BigDecimal(unscaled, scale).toPlainString();
    }

    @Override
    public int compareTo(Rational other) {
        if (denominator.equals(other.denominator)) {
            return numerator.compareTo(other.numerator);
        }
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rational r && numerator.equals(r.numerator) && denominator.equals(r.denominator);
    }

    @Override
    public int hashCode() {
        return 31 * numerator.hashCode() + denominator.hashCode();
    }

    /** @return "p/q", or "p" for an integer */
    @Override
    public String toString() {
        return denominatorExponent == 0 ? numerator.toString() : numerator + "/" + denominator;
    }
}
