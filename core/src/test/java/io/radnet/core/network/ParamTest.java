package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Param(n) is a real vector space with the Euclidean structure of its flattening. */
class ParamTest {
    private static final int[] WIDTHS = {2, 3, 1, 4};

    private static Param random(Backend b, long seed, boolean shifts) {
        SplittableRandom r = new SplittableRandom(seed);
        Param p = Param.zeros(b, WIDTHS, shifts);
        return Param.unflatten(b, WIDTHS, shifts, r.doubles(p.size(), -1, 1).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void layoutSizeAndFlatteningFollowTheWidths(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 1, true);
        assertEquals(3 * 2 + 1 * 3 + 4 * 1 + 3 + 1 + 4 + 2, p.size(), "Σ n_i n_{i−1} + n_i + (L − 1) shifts");
        assertEquals("3x2", p.weight(1).shape());
        assertEquals("1x4", p.bias(3).shape());
        assertEquals("1x2", p.shifts().shape());
        double[] flat = p.flatten();
        assertArrayEquals(flat, Param.unflatten(b, WIDTHS, true, flat).flatten(), 0.0, "unflatten ∘ flatten = id");
        assertEquals(p.weight(1).get(0, 1), flat[1], 0.0, "W_1 first, row-major");
        assertEquals(p.bias(1).get(0, 0), flat[6 + 3 + 4], 0.0, "biases after all weights");
        assertEquals(p.shift(2), flat[flat.length - 1], 0.0, "shifts last");
        assertEquals(0.0, Param.zeros(b, WIDTHS, false).shift(1), 0.0, "no shifts read as 0");
        assertThrows(IllegalArgumentException.class, () -> Param.unflatten(b, WIDTHS, true, new double[5]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void vectorSpaceOperationsAgreeWithTheFlattenedVectors(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 2, true);
        Param q = random(b, 3, true);
        double[] fp = p.flatten();
        double[] fq = q.flatten();
        double dot = 0;
        double dist = 0;
        double[] combination = new double[fp.length];
        for (int k = 0; k < fp.length; k++) {
            dot += fp[k] * fq[k];
            dist += (fp[k] - fq[k]) * (fp[k] - fq[k]);
            combination[k] = fp[k] - 2.5 * fq[k];
        }
        assertEquals(dot, p.dot(q), 1e-14);
        assertEquals(Math.sqrt(dist), p.distance(q), 1e-14);
        assertEquals(Math.sqrt(p.dot(p)), p.norm(), 1e-14);
        Param c = p.copy();
        c.axpy(-2.5, q);
        assertArrayEquals(combination, c.flatten(), 1e-15, "axpy");
        assertArrayEquals(p.flatten(), fp, 0.0, "copy is independent; p unchanged");
        assertArrayEquals(combination, p.plus(q.times(-2.5)).flatten(), 1e-15, "plus and times");
        Param zero = p.zerosLike();
        assertEquals(0.0, zero.norm(), 0.0);
        c.copyFrom(zero);
        assertTrue(c.equalsWithin(zero, 0.0));
        assertFalse(p.equalsWithin(q, 1e-3));
        assertEquals(p.maxAbsDifference(q), max(fp, fq), 0.0);
        assertTrue(p.allFinite());
        p.weight(1).set(0, 0, Double.NaN);
        assertFalse(p.allFinite());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void differentSpacesDoNotMix(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 4, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.axpy(1, random(b, 5, false)));
        assertTrue(e.getMessage().contains("different spaces"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.dot(Param.zeros(b, new int[] {2, 3, 1}, true)));
        assertThrows(IllegalArgumentException.class, () -> Param.zeros(b, new int[] {2}, false));
        assertThrows(IllegalArgumentException.class, () -> Param.zeros(b, new int[] {2, 0, 1}, false));
        Tensor w1 = b.zeros(3, 2);
        Tensor w2 = b.zeros(2, 3);
        ShapeMismatchException shape = assertThrows(ShapeMismatchException.class,
                () -> Param.of(new int[] {2, 3, 1}, List.of(w1, w2), List.of(b.zeros(1, 3), b.zeros(1, 1)), null));
        assertTrue(shape.getMessage().contains("W_2 must be 1x3") && shape.getMessage().contains("2x3"), shape.getMessage());
        Param columnBiases = Param.of(new int[] {2, 3, 1}, List.of(w1, b.zeros(1, 3)),
                List.of(b.fromRows(new double[][] {{1}, {2}, {3}}), b.zeros(1, 1)), null);
        assertArrayEquals(new double[] {1, 2, 3}, columnBiases.bias(1).toRowMajor(), 0.0, "column biases become rows");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void entrywiseOperationsActOnEveryCoordinateOfTheFlattenedVector(String name) {
        Backend b = Backends.get(name);
        Param p = random(b, 6, true);
        Param q = random(b, 7, true);
        double[] fp = p.flatten();
        double[] fq = q.flatten();
        double[] product = new double[fp.length];
        double[] shifted = new double[fp.length];
        double[] mapped = new double[fp.length];
        double[] zipped = new double[fp.length];
        double[] scaled = new double[fp.length];
        for (int k = 0; k < fp.length; k++) {
            product[k] = fp[k] * fq[k];
            shifted[k] = fp[k] + 0.25;
            mapped[k] = Math.abs(fp[k]);
            zipped[k] = fp[k] / (1.5 + fq[k]);
            scaled[k] = -3.0 * fq[k];
        }
        Param out = p.zerosLike();
        out.setEntrywiseProduct(p, q);
        assertArrayEquals(product, out.flatten(), 0.0, "setEntrywiseProduct");
        out.setPlusScalar(p, 0.25);
        assertArrayEquals(shifted, out.flatten(), 0.0, "setPlusScalar");
        out.setMapped(p, Math::abs);
        assertArrayEquals(mapped, out.flatten(), 0.0, "setMapped");
        Param denominator = q.copy();
        denominator.setPlusScalar(denominator, 1.5);
        out.setZipped(p, denominator, (x, y) -> x / y);
        assertArrayEquals(zipped, out.flatten(), 0.0, "setZipped");
        out.setScaled(-3.0, q);
        assertArrayEquals(scaled, out.flatten(), 0.0, "setScaled");
        out.fillZero();
        assertEquals(0.0, out.norm(), 0.0, "fillZero");
        assertArrayEquals(fp, p.flatten(), 0.0, "the operands are not modified");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> out.setEntrywiseProduct(p, random(b, 8, false)));
        assertTrue(e.getMessage().contains("different spaces"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void shiftsAreReadAndWrittenAsNumbersInBulk(String name) {
        Backend b = Backends.get(name);
        Param p = Param.zeros(b, WIDTHS, true);
        p.writeShifts(new double[] {0.5, -1.25});
        assertEquals(0.5, p.shift(1), 0.0);
        assertEquals(-1.25, p.shift(2), 0.0);
        double[] read = {9, 9};
        p.readShifts(read);
        assertArrayEquals(new double[] {0.5, -1.25}, read, 0.0);
        Param without = Param.zeros(b, WIDTHS, false);
        without.readShifts(read);
        assertArrayEquals(new double[] {0, 0}, read, 0.0, "no shifts read as zeros");
        assertThrows(IllegalStateException.class, () -> without.writeShifts(new double[] {1, 2}));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> p.readShifts(new double[3]));
        assertTrue(count.getMessage().contains("2 shifts, but the array holds 3"), count.getMessage());
        assertEquals(4, p.width(3));
        assertThrows(IllegalArgumentException.class, () -> p.width(4));
    }

    private static double max(double[] a, double[] c) {
        double m = 0;
        for (int k = 0; k < a.length; k++) {
            m = Math.max(m, Math.abs(a[k] - c[k]));
        }
        return m;
    }
}
