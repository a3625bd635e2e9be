package io.radnet.core.approx.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exact rationals: agreement with double arithmetic where it is exact, exact identities, text round trips. */
class RationalTest {
    private static final int SAMPLES = 2000;

    /** A random dyadic m·2^{−k} with |m| &lt; 2²⁰ and 0 ≤ k ≤ 20: sums and products of two are exact doubles. */
    private static double smallDyadic(SplittableRandom random) {
        return Math.scalb((double) random.nextInt(-(1 << 20), 1 << 20), -random.nextInt(21));
    }

    @Test
    void everyFiniteDoubleRoundTripsExactly() {
        SplittableRandom random = new SplittableRandom(11);
        double[] special = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1.0 / 3.0, Math.scalb(1.0, -1060)};
        for (double x : special) {
            assertEquals(x == 0.0 ? 0.0 : x, Rational.ofDouble(x).toDouble(), "round trip of " + x);
            assertTrue(Rational.ofDouble(x).isDyadic(), "a double is dyadic: " + x);
        }
        for (int i = 0; i < SAMPLES; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(x)) {
                assertEquals(x, Rational.ofDouble(x).toDouble(), "round trip of " + x);
                assertTrue(Rational.ofDouble(x).isExactDouble());
            }
        }
    }

    @Test
    void agreesWithDoubleArithmeticWhereDoublesAreExact() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < SAMPLES; i++) {
            double x = smallDyadic(random);
            double y = smallDyadic(random);
            Rational rx = Rational.ofDouble(x);
            Rational ry = Rational.ofDouble(y);
            assertEquals(Rational.ofDouble(x + y), rx.add(ry), x + " + " + y);
            assertEquals(Rational.ofDouble(x - y), rx.subtract(ry), x + " − " + y);
            assertEquals(Rational.ofDouble(x * y), rx.multiply(ry), x + " · " + y);
            assertEquals(Rational.ofDouble(Math.max(x, 0.0)), rx.relu(), "σ(" + x + ")");
            assertEquals(Double.compare(x, y) == 0 ? 0 : Integer.signum(Double.compare(x, y)),
                    Integer.signum(rx.compareTo(ry)), "order of " + x + ", " + y);
            assertEquals(Rational.ofDouble(Math.scalb(x, 7)), rx.shift(7));
            assertEquals((long) Math.floor(x), rx.floor().longValueExact(), "⌊" + x + "⌋");
        }
    }

    @Test
    void toDoubleIsWithinHalfAnUlpExactly() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < SAMPLES; i++) {
            BigInteger p = new BigInteger(1 + random.nextInt(200), new java.util.Random(random.nextLong()));
            BigInteger q = new BigInteger(1 + random.nextInt(200), new java.util.Random(random.nextLong())).add(BigInteger.ONE);
            Rational x = Rational.of(random.nextBoolean() ? p : p.negate(), q);
            double d = x.toDouble();
            Rational error = Rational.ofDouble(d).subtract(x).abs();
            Rational halfUlp = Rational.ofDouble(Math.ulp(d)).shift(-1);
            assertTrue(error.compareTo(halfUlp) <= 0, x + " rounded to " + d + " errs by more than half an ulp");
        }
        assertEquals(1.0 / 3.0, Rational.of(1, 3).toDouble());
        assertEquals(0.1, Rational.of(1, 10).toDouble());
        assertEquals(-2.0 / 7.0, Rational.of(2, -7).toDouble());
    }

    @Test
    void exactIdentitiesHoldWhereDoublesRound() {
        Rational third = Rational.of(1, 3);
        assertEquals(Rational.ONE, third.add(third).add(third));
        assertFalse(Rational.ofDouble(1.0 / 3.0).equals(third), "1/3 is not a double");
        Rational tiny = Rational.powerOfTwo(-200);
        Rational one = Rational.ONE;
        assertEquals(tiny, one.add(tiny).subtract(one), "(1 + 2⁻²⁰⁰) − 1 = 2⁻²⁰⁰ exactly (0 in doubles)");
        assertEquals(0.0, (1.0 + Math.scalb(1.0, -200)) - 1.0);
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 200; i++) {
            Rational a = Rational.of(random.nextLong(-1_000_000, 1_000_000), random.nextLong(1, 1_000_000));
            Rational b = Rational.of(random.nextLong(1, 1_000_000), random.nextLong(1, 1_000_000));
            assertEquals(a, a.add(b).subtract(b));
            assertEquals(a, a.multiply(b).divide(b));
            assertEquals(a.multiply(b), b.multiply(a));
            assertEquals(Rational.ZERO, a.subtract(a));
            assertEquals(a.negate().negate(), a);
        }
    }

    @Test
    void lowestTermsMakeEqualNumbersEqual() {
        assertEquals(Rational.of(1, 2), Rational.of(-3, -6));
        assertEquals(Rational.of(1, 2).hashCode(), Rational.of(50, 100).hashCode());
        assertEquals(BigInteger.valueOf(4), Rational.of(12, 6).add(Rational.of(2)).numerator());
        assertEquals(Rational.of(3, 4), Rational.dyadic(BigInteger.valueOf(48), 6));
        assertTrue(Rational.of(3, 4).isDyadic());
        assertFalse(Rational.of(3, 10).isDyadic());
        assertTrue(Rational.of(8, 4).isInteger());
        assertEquals(BigInteger.valueOf(-1), Rational.of(-1, 2).floor());
        assertEquals(BigInteger.valueOf(3), Rational.of(7, 2).floor());
    }

    @Test
    void exactTextRoundTrips() {
        assertEquals("0.375", Rational.of(3, 8).toExactString());
        assertEquals("-0.05", Rational.of(-1, 20).toExactString());
        assertEquals("1/3", Rational.of(1, 3).toExactString());
        assertEquals("12", Rational.of(12).toExactString());
        Rational deep = Rational.ONE.add(Rational.powerOfTwo(-300));
        String text = deep.toExactString();
        assertEquals(302, text.length(), "2⁻³⁰⁰ has 300 decimal digits after the point");
        assertEquals(deep, Rational.parse(text));
        assertEquals(Rational.of(-2, 6), Rational.parse(" -1/3 "));
        assertEquals(Rational.of(3, 2000), Rational.parse("1.5e-3"));
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 200; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(x)) {
                Rational r = Rational.ofDouble(x);
                assertEquals(r, Rational.parse(r.toExactString()));
            }
        }
    }

    @Test
    void badInputFailsWithAMessage() {
        assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
        assertThrows(ArithmeticException.class, () -> Rational.ONE.divide(Rational.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Rational.ofDouble(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Rational.ofDouble(Double.POSITIVE_INFINITY));
        for (String bad : new String[] {"", "abc", "1/0", "1/x", "1e999999999", "0.5.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rational.parse(bad), bad);
            assertFalse(e.getMessage().contains("\n"), "one line");
        }
    }
}
