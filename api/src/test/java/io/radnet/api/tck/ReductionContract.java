package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broadcasts, row and column reductions, and scalar reductions. Vectors are accepted in both
 * orientations; norms must survive entries near the overflow and underflow thresholds.
 */
public interface ReductionContract extends ContractFixture {

    /** A vector tensor of the backend under test, 1×n when asRow, else n×1. */
    private Tensor vector(double[] v, boolean asRow) {
        return asRow ? backend().fromRowMajor(1, v.length, v) : backend().fromRowMajor(v.length, 1, v);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void broadcastsAddAndScaleByRowAndByColumn(int rows, int cols) {
        double[][] a = SeededInputs.matrix(51, rows, cols);
        double[] r = SeededInputs.vector(52, rows);
        double[] c = SeededInputs.vector(53, cols);
        double[][] plusRow = new double[rows][cols];
        double[][] plusCol = new double[rows][cols];
        double[][] byRow = new double[rows][cols];
        double[][] byCol = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                plusRow[i][j] = a[i][j] + c[j];
                plusCol[i][j] = a[i][j] + r[i];
                byRow[i][j] = r[i] * a[i][j];
                byCol[i][j] = c[j] * a[i][j];
            }
        }
        for (boolean asRow : new boolean[] {true, false}) {
            String o = asRow ? " (1xn vector)" : " (nx1 vector)";
            Tensor ta = random(51, rows, cols);
            Tensor out = backend().filled(rows, cols, Double.NaN);
            backend().addRowVector(ta, vector(c, asRow), out);
            assertClose(plusRow, out, Tolerances.OP_RELATIVE, "addRowVector" + o);
            backend().addColumnVector(ta, vector(r, asRow), out);
            assertClose(plusCol, out, Tolerances.OP_RELATIVE, "addColumnVector" + o);
            backend().scaleRows(ta, vector(r, asRow), out);
            assertClose(byRow, out, Tolerances.OP_RELATIVE, "scaleRows" + o);
            backend().scaleColumns(ta, vector(c, asRow), out);
            assertClose(byCol, out, Tolerances.OP_RELATIVE, "scaleColumns" + o);
            assertExactly(a, ta, "broadcasts leave a alone");
            backend().scaleColumns(ta, vector(c, asRow), ta);
            assertClose(byCol, ta, Tolerances.OP_RELATIVE, "scaleColumns in place" + o);
            Tensor tb = random(51, rows, cols);
            backend().addRowVector(tb, vector(c, asRow), tb);
            assertClose(plusRow, tb, Tolerances.OP_RELATIVE, "addRowVector in place" + o);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void rowAndColumnReductionsMatchThePlainLoop(int rows, int cols) {
        double[][] a = SeededInputs.matrix(54, rows, cols);
        double[][] b = SeededInputs.matrix(55, rows, cols);
        double[][] rowSums = new double[1][rows];
        double[][] rowDots = new double[1][rows];
        double[][] rowNorms = new double[1][rows];
        double[][] colSums = new double[1][cols];
        double[][] colDots = new double[1][cols];
        double[][] colNorms = new double[1][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                rowSums[0][i] += a[i][j];
                rowDots[0][i] += a[i][j] * b[i][j];
                colSums[0][j] += a[i][j];
                colDots[0][j] += a[i][j] * b[i][j];
            }
            rowNorms[0][i] = Reference.norm(a[i]);
        }
        for (int j = 0; j < cols; j++) {
            colNorms[0][j] = Reference.norm(Reference.column(a, j));
        }
        Tensor ta = random(54, rows, cols);
        Tensor tb = random(55, rows, cols);
        Tensor r = backend().filled(1, rows, Double.NaN);
        Tensor c = backend().filled(cols, 1, Double.NaN);
        backend().rowSums(ta, r);
        assertClose(rowSums, r, Tolerances.OP_RELATIVE, "rowSums");
        backend().rowDots(ta, tb, r);
        assertClose(rowDots, r, Tolerances.OP_RELATIVE, "rowDots");
        backend().rowNorms(ta, r);
        assertClose(rowNorms, r, Tolerances.OP_RELATIVE, "rowNorms");
        Tensor cRow = backend().filled(1, cols, Double.NaN);
        backend().columnSums(ta, cRow);
        assertClose(colSums, cRow, Tolerances.OP_RELATIVE, "columnSums");
        backend().columnDots(ta, tb, c);
        assertClose(colDots, backend().transpose(c), Tolerances.OP_RELATIVE, "columnDots");
        backend().columnNorms(ta, c);
        assertClose(colNorms, backend().transpose(c), Tolerances.OP_RELATIVE, "columnNorms");
        assertExactly(a, ta, "reductions leave a alone");
        if (cols > 0) {
            double[][] maxima = new double[1][rows];
            for (int i = 0; i < rows; i++) {
                maxima[0][i] = java.util.Arrays.stream(a[i]).max().orElseThrow();
            }
            backend().rowMaxima(ta, r);
            assertExactly(maxima, r, "rowMaxima");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void scalarReductionsMatchThePlainLoop(int rows, int cols) {
        double[][] a = SeededInputs.matrix(56, rows, cols);
        double[][] b = SeededInputs.matrix(57, rows, cols);
        double sum = 0.0;
        double dot = 0.0;
        double maxAbs = 0.0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sum += a[i][j];
                dot += a[i][j] * b[i][j];
                maxAbs = Math.max(maxAbs, Math.abs(a[i][j]));
            }
        }
        Tensor ta = random(56, rows, cols);
        assertCloseScalar(sum, backend().sum(ta), Tolerances.OP_RELATIVE, "sum");
        assertCloseScalar(dot, backend().dot(ta, random(57, rows, cols)), Tolerances.OP_RELATIVE, "dot");
        assertCloseScalar(Reference.frobenius(a), backend().norm(ta), Tolerances.OP_RELATIVE, "norm");
        assertEquals(maxAbs, backend().maxAbs(ta), 0.0, "maxAbs");
        assertTrue(backend().allFinite(ta), "allFinite on finite entries");
    }

    @Test
    default void normsNeitherOverflowNorUnderflow() {
        for (double scale : new double[] {1e300, 1e-300, 1e-160, 4.9e-324}) {
            double[][] a = {{3 * scale, 4 * scale}, {0.0, 0.0}, {-5 * scale, 12 * scale}};
            Tensor t = backend().fromRows(a);
            Tensor rn = backend().zeros(3, 1);
            backend().rowNorms(t, rn);
            double[][] expected = {{5 * scale}, {0.0}, {13 * scale}};
            if (scale == 4.9e-324) {
                expected = new double[][] {{Reference.norm(a[0])}, {0.0}, {Reference.norm(a[2])}};
            }
            assertClose(expected, rn, 1e-15, "rowNorms at scale " + scale);
            Tensor cn = backend().zeros(1, 3);
            backend().columnNorms(backend().transpose(t), cn);
            assertClose(backend().transpose(rn).toRows(), cn, 1e-15, "columnNorms at scale " + scale);
            assertCloseScalar(Reference.frobenius(a) / scale, backend().norm(t) / scale, 1e-14, "norm at scale " + scale);
        }
    }

    @Test
    default void nonFiniteEntriesAreReportedAndPropagated() {
        Tensor t = backend().fromRows(new double[][] {{1.0, Double.NaN, -2.0}, {3.0, -7.0, Double.POSITIVE_INFINITY}});
        assertFalse(backend().allFinite(t), "allFinite sees NaN and infinity");
        assertTrue(Double.isNaN(backend().maxAbs(t)), "maxAbs propagates NaN");
        Tensor maxima = backend().zeros(2, 1);
        backend().rowMaxima(t, maxima);
        assertTrue(Double.isNaN(maxima.get(0, 0)), "rowMaxima propagates NaN");
        assertEquals(Double.POSITIVE_INFINITY, maxima.get(1, 0), "rowMaxima sees +∞");
        Tensor norms = backend().zeros(2, 1);
        backend().rowNorms(t, norms);
        assertTrue(Double.isNaN(norms.get(0, 0)), "a row norm over NaN is NaN");
        assertEquals(Double.POSITIVE_INFINITY, norms.get(1, 0), "a row norm over ∞ is ∞");
    }
}
