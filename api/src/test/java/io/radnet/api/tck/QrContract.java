package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The QR contract, checked by invariants: ‖QᵀQ − I‖ small, ‖QR − A‖/‖A‖ small, R exactly zero
 * below the diagonal, diag(R) ≥ 0, A untouched, on square, tall, wide, rank-deficient, 1×1 and
 * zero-sized inputs in both modes; and uniqueness (complete and economy agree) on full rank.
 */
public interface QrContract extends ContractFixture {

    /** Named inputs: kind, rows, cols, entries. */
    static Stream<Arguments> matrices() {
        double[][] thin = SeededInputs.matrix(61, 9, 2);
        double[][] wide = SeededInputs.matrix(62, 2, 7);
        double[][] rank2 = Reference.gemm(1.0, thin, wide, 0.0, null, 9, 2, 7);
        double[][] zeroColumn = SeededInputs.matrix(63, 6, 4);
        double[][] repeated = SeededInputs.matrix(64, 5, 5);
        for (int i = 0; i < 6; i++) {
            zeroColumn[i][1] = 0.0;
        }
        for (int i = 0; i < 5; i++) {
            repeated[i][3] = repeated[i][0];
        }
        return Stream.of(
                Arguments.of("square 1x1", new double[][] {{0.3}}),
                Arguments.of("negative 1x1", new double[][] {{-2.5}}),
                Arguments.of("zero 1x1", new double[][] {{0.0}}),
                Arguments.of("square 8x8", SeededInputs.matrix(65, 8, 8)),
                Arguments.of("square 64x64", SeededInputs.matrix(66, 64, 64)),
                Arguments.of("tall 20x3", SeededInputs.matrix(67, 20, 3)),
                Arguments.of("tall 300x260", SeededInputs.matrix(68, 300, 260)),
                Arguments.of("wide 3x20", SeededInputs.matrix(69, 3, 20)),
                Arguments.of("column 7x1", SeededInputs.matrix(70, 7, 1)),
                Arguments.of("row 1x7", SeededInputs.matrix(71, 1, 7)),
                Arguments.of("rank 2, 9x7", rank2),
                Arguments.of("zero column, 6x4", zeroColumn),
                Arguments.of("repeated column, 5x5", repeated),
                Arguments.of("all zeros 4x3", new double[4][3]),
                Arguments.of("negative diagonal 3x3", new double[][] {{-1, 2, 0}, {0, -3, 1}, {0, 0, -4}}));
    }

    private void assertQrInvariants(String kind, double[][] a, int m, int n, QrMode mode, QrFactors f) {
        int k = mode == QrMode.COMPLETE ? m : Math.min(m, n);
        String what = "qr " + mode + " of " + kind;
        assertSame(mode, f.mode(), what + ": mode");
        assertEquals(m + "x" + k, f.q().shape(), what + ": shape of Q");
        assertEquals(k + "x" + n, f.r().shape(), what + ": shape of R");
        double[][] q = f.q().toRows();
        double[][] r = f.r().toRows();
        double[][] qtq = Reference.gemm(1.0, Reference.op(q, true, m, k), q, 0.0, null, k, m, k);
        double[][] eye = new double[k][k];
        for (int i = 0; i < k; i++) {
            eye[i][i] = 1.0;
        }
        double orthogonality = Reference.distance(qtq, eye);
        assertTrue(orthogonality <= Tolerances.QR_ORTHOGONALITY,
                what + ": ‖QᵀQ − I‖ = " + orthogonality);
        if (mode == QrMode.COMPLETE && m > 0) {
            double[][] qqt = Reference.gemm(1.0, q, Reference.op(q, true, m, k), 0.0, null, m, k, m);
            double rowOrth = Reference.distance(qqt, eye);
            assertTrue(rowOrth <= Tolerances.QR_ORTHOGONALITY, what + ": ‖QQᵀ − I‖ = " + rowOrth);
        }
        double[][] qr = Reference.gemm(1.0, q, r, 0.0, null, m, k, n);
        double scale = Math.max(Reference.frobenius(a), Double.MIN_NORMAL);
        double reconstruction = Reference.distance(qr, a) / scale;
        assertTrue(reconstruction <= Tolerances.QR_RECONSTRUCTION || Reference.distance(qr, a) == 0.0,
                what + ": ‖QR − A‖/‖A‖ = " + reconstruction);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
                assertEquals(0.0, r[i][j], 0.0, what + ": R[" + i + "][" + j + "] below the diagonal");
            }
            if (i < n) {
                assertTrue(r[i][i] >= 0.0, what + ": diag(R)[" + i + "] = " + r[i][i] + " must be ≥ 0");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.QrContract#matrices")
    default void qrSatisfiesItsInvariantsInBothModes(String kind, double[][] a) {
        int m = a.length;
        int n = a[0].length;
        for (QrMode mode : QrMode.values()) {
            Tensor ta = backend().fromRows(a);
            QrFactors f = backend().qr(ta, mode);
            assertQrInvariants(kind, a, m, n, mode, f);
            assertExactly(a, ta, "qr " + mode + " of " + kind + " leaves A alone");

            int k = mode.innerDimension(m, n);
            Tensor q = backend().filled(m, k, Double.NaN);
            Tensor r = backend().filled(k, n, Double.NaN);
            backend().qr(ta, mode, q, r);
            assertQrInvariants(kind + " (into given outputs)", a, m, n, mode, new QrFactors(q, r, mode));
        }
    }

    /**
     * qrRightProduct gives qr's economy R and C·Q for C with no, few or many rows (the native
     * backends switch between applying reflectors and forming Q by those): (C·Q)·R = C·A always,
     * and C·Q equals the product with qr's economy Q where A has full rank (Q is then unique).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.QrContract#matrices")
    default void qrRightProductIsTheEconomyRAndCTimesQ(String kind, double[][] a) {
        int m = a.length;
        int n = a[0].length;
        int k = Math.min(m, n);
        Tensor ta = backend().fromRows(a);
        QrFactors economy = backend().qr(ta, QrMode.ECONOMY);
        boolean fullRank = !kind.contains("rank") && !kind.contains("zero") && !kind.contains("repeated");
        for (int p : new int[] {0, 1, 3, m + 2}) {
            double[][] c = SeededInputs.matrix(72 + p, p, m);
            Tensor tc = backend().fromRowMajor(p, m, flat(c, p, m));
            Tensor r = backend().filled(k, n, Double.NaN);
            Tensor cq = backend().filled(p, k, Double.NaN);
            backend().qrRightProduct(ta, tc, r, cq);
            String what = "qrRightProduct of " + kind + " with C " + p + "x" + m;
            double[][] rr = r.toRows();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < Math.min(i, n); j++) {
                    assertEquals(0.0, rr[i][j], 0.0, what + ": R[" + i + "][" + j + "] below the diagonal");
                }
                assertTrue(rr[i][i] >= 0.0, what + ": diag(R)[" + i + "] = " + rr[i][i]);
            }
            double[][] ca = Reference.gemm(1.0, c, a, 0.0, null, p, m, n);
            double[][] cqr = Reference.gemm(1.0, cq.toRows(), rr, 0.0, null, p, k, n);
            double scale = Math.max(Reference.frobenius(c) * Reference.frobenius(a), Double.MIN_NORMAL);
            assertTrue(Reference.distance(cqr, ca) <= Tolerances.QR_RECONSTRUCTION * scale,
                    what + ": ‖(CQ)R − CA‖ = " + Reference.distance(cqr, ca));
            if (fullRank) {
                assertClose(economy.r().toRows(), r, Tolerances.QR_UNIQUENESS, what + ": R");
                double[][] expected = Reference.gemm(1.0, c, economy.q().toRows(), 0.0, null, p, m, k);
                assertClose(expected, cq, Tolerances.QR_UNIQUENESS, what + ": C·Q");
            }
        }
        assertExactly(a, ta, "qrRightProduct leaves A alone");
    }

    /**
     * qrCompressionStep gives qrRightProduct's R and C·Q, written into the next matrix behind the
     * bias column when a bias row is given, for C with no, few or many rows; C and the bias row
     * are not modified.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.QrContract#matrices")
    default void qrCompressionStepIsQrRightProductWrittenIntoTheNextMatrix(String kind, double[][] a) {
        int m = a.length;
        int n = a[0].length;
        int k = Math.min(m, n);
        for (int p : new int[] {0, 1, 3, m + 2}) {
            double[][] c = SeededInputs.matrix(72 + p, p, m);
            Tensor tc = backend().fromRowMajor(p, m, flat(c, p, m));
            Tensor expectedR = backend().filled(k, n, Double.NaN);
            Tensor expectedCq = backend().filled(p, k, Double.NaN);
            backend().qrRightProduct(backend().fromRows(a), tc, expectedR, expectedCq);
            double[][] cq = expectedCq.toRows();
            double[] bias = new java.util.SplittableRandom(92 + p).doubles(p, -1, 1).toArray();
            for (boolean withBias : new boolean[] {false, true}) {
                int column = withBias ? 1 : 0;
                Tensor tb = withBias ? backend().fromRowMajor(1, p, bias) : null;
                Tensor r = backend().filled(k, n, Double.NaN);
                Tensor next = backend().filled(p, k + column, Double.NaN);
                backend().qrCompressionStep(backend().fromRows(a), tc, tb, r, next);
                String what = "qrCompressionStep of " + kind + " with C " + p + "x" + m + (withBias ? " and a bias" : "");
                assertClose(expectedR.toRows(), r, Tolerances.QR_UNIQUENESS, what + ": R");
                double[][] expectedNext = new double[p][k + column];
                for (int i = 0; i < p; i++) {
                    if (withBias) {
                        expectedNext[i][0] = bias[i];
                    }
                    System.arraycopy(cq[i], 0, expectedNext[i], column, k);
                }
                assertClose(expectedNext, next, Tolerances.QR_UNIQUENESS, what + ": the next matrix");
                if (withBias) {
                    assertExactly(new double[][] {bias}, tb, what + " leaves the bias row alone");
                }
            }
            if (p > 0) {
                assertExactly(c, tc, "qrCompressionStep leaves C alone");
            }
        }
    }

    private static double[] flat(double[][] m, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.api.tck.QrContract#matrices")
    default void canonicalFactorsOfAFullRankMatrixAreUnique(String kind, double[][] a) {
        int m = a.length;
        int n = a[0].length;
        int k = Math.min(m, n);
        Tensor ta = backend().fromRows(a);
        QrFactors complete = backend().qr(ta, QrMode.COMPLETE);
        QrFactors economy = backend().qr(ta, QrMode.ECONOMY);
        double[][] r = complete.r().toRows();
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            smallest = Math.min(smallest, r[i][i]);
        }
        if (!(smallest > 1e-8 * Math.max(Reference.frobenius(a), 1e-300))) {
            return; // rank-deficient: the factors are not unique, the invariants test covers it
        }
        assertClose(backend().block(complete.q(), 0, 0, m, k).toRows(), economy.q(), Tolerances.QR_UNIQUENESS,
                kind + ": economy Q = the first k columns of complete Q");
        assertClose(backend().block(complete.r(), 0, 0, k, n).toRows(), economy.r(), Tolerances.QR_UNIQUENESS,
                kind + ": economy R = the first k rows of complete R");
    }

    @Test
    default void zeroSizedInputsGiveIdentityOrEmptyFactors() {
        for (int[] shape : new int[][] {{0, 0}, {0, 4}, {4, 0}}) {
            int m = shape[0];
            int n = shape[1];
            Tensor a = backend().zeros(m, n);
            QrFactors complete = backend().qr(a, QrMode.COMPLETE);
            double[][] eye = new double[m][m];
            for (int i = 0; i < m; i++) {
                eye[i][i] = 1.0;
            }
            assertExactly(eye, complete.q(), "complete Q of a " + m + "x" + n + " matrix is the identity");
            assertExactly(new double[m][n], complete.r(), "complete R of a " + m + "x" + n + " matrix is zero");
            QrFactors economy = backend().qr(a, QrMode.ECONOMY);
            assertEquals(m + "x0", economy.q().shape(), "economy Q of " + m + "x" + n);
            assertEquals("0x" + n, economy.r().shape(), "economy R of " + m + "x" + n);
        }
    }
}
