package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Creation, element access, conversion and data movement. Data movement is exact: results
 * must equal the reference bit for bit.
 */
public interface CreationAndLayoutContract extends ContractFixture {

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void zerosFilledAndIdentityHoldWhatTheySay(int rows, int cols) {
        Backend b = backend();
        assertExactly(new double[rows][cols], b.zeros(rows, cols), "zeros");
        double[][] sevens = new double[rows][cols];
        for (double[] row : sevens) {
            java.util.Arrays.fill(row, -7.25);
        }
        assertExactly(sevens, b.filled(rows, cols, -7.25), "filled");
        double[][] eye = new double[rows][rows];
        for (int i = 0; i < rows; i++) {
            eye[i][i] = 1.0;
        }
        assertExactly(eye, b.identity(rows), "identity");
        assertSame(b, b.zeros(rows, cols).backend(), "a new tensor belongs to the backend that made it");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void rowMajorRoundTripCopiesAndKeepsOrder(int rows, int cols) {
        double[][] m = SeededInputs.matrix(11, rows, cols);
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        Tensor t = backend().fromRowMajor(rows, cols, flat);
        assertExactly(m, t, "fromRowMajor");
        assertArrayEquals(flat, t.toRowMajor(), 0.0, "toRowMajor");
        double[] into = new double[rows * cols];
        t.toRowMajor(into);
        assertArrayEquals(flat, into, 0.0, "toRowMajor(destination)");
        Tensor overwritten = backend().filled(rows, cols, Double.NaN);
        overwritten.setRowMajor(flat);
        assertExactly(m, overwritten, "setRowMajor");
        if (flat.length > 0) {
            flat[0] = 99.0;
            assertEquals(m[0][0], t.get(0, 0), 0.0, "fromRowMajor copies: changing the array does not change the tensor");
        }
        assertEquals(rows, t.toRows().length);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void fromRowsCopiesAndGetSetAddressEntries(int rows, int cols) {
        if (rows == 0) {
            assertEquals("0x0", backend().fromRows(new double[0][]).shape(), "no rows give a 0x0 tensor");
            return;
        }
        double[][] m = SeededInputs.matrix(12, rows, cols);
        Tensor t = backend().fromRows(m);
        assertExactly(m, t, "fromRows");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertEquals(m[i][j], t.get(i, j), 0.0);
                t.set(i, j, i * 1000 + j);
                assertEquals(i * 1000 + j, t.get(i, j), 0.0);
            }
        }
        if (cols > 0) {
            assertEquals(SeededInputs.matrix(12, rows, cols)[0][0], m[0][0], 0.0, "fromRows leaves its input alone");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void copiesAreDeepAndConversionIsExplicit(int rows, int cols) {
        Tensor a = random(13, rows, cols);
        Tensor c = backend().copy(a);
        assertNotSame(a, c);
        assertExactly(a.toRows(), c, "copy");
        Tensor into = backend().zeros(rows, cols);
        backend().copy(a, into);
        assertExactly(a.toRows(), into, "copy(src, dst)");
        if (a.size() > 0) {
            c.set(0, 0, 42.0);
            assertEquals(SeededInputs.matrix(13, rows, cols)[0][0], a.get(0, 0), 0.0, "a copy is independent");
        }
        Tensor foreign = SeededInputs.tensor(otherBackend(), 14, rows, cols);
        Tensor converted = backend().copyOf(foreign);
        assertSame(backend(), converted.backend(), "copyOf converts into this backend");
        assertExactly(foreign.toRows(), converted, "copyOf");
        assertExactly(a.toRows(), backend().copyOf(a), "copyOf of an own tensor");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void fillOverwritesEveryEntry(int rows, int cols) {
        Tensor a = random(15, rows, cols);
        backend().fill(a, 0.5);
        double[][] half = new double[rows][cols];
        for (double[] row : half) {
            java.util.Arrays.fill(row, 0.5);
        }
        assertExactly(half, a, "fill");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void transposeSwapsIndices(int rows, int cols) {
        double[][] m = SeededInputs.matrix(16, rows, cols);
        Tensor a = random(16, rows, cols);
        double[][] expected = Reference.op(m, true, rows, cols);
        assertExactly(expected, backend().transpose(a), "transpose");
        Tensor out = backend().filled(cols, rows, Double.NaN);
        backend().transpose(a, out);
        assertExactly(expected, out, "transpose(a, out)");
        assertExactly(m, a, "transpose leaves its input alone");
    }

    @Test
    default void copyBlockMovesExactlyTheBlockAndNothingElse() {
        SplittableRandom random = new SplittableRandom(17);
        for (int trial = 0; trial < 40; trial++) {
            int sr = 1 + random.nextInt(9);
            int sc = 1 + random.nextInt(9);
            int dr = 1 + random.nextInt(9);
            int dc = 1 + random.nextInt(9);
            int rows = random.nextInt(Math.min(sr, dr) + 1);
            int cols = random.nextInt(Math.min(sc, dc) + 1);
            int srcRow = random.nextInt(sr - rows + 1);
            int srcCol = random.nextInt(sc - cols + 1);
            int dstRow = random.nextInt(dr - rows + 1);
            int dstCol = random.nextInt(dc - cols + 1);
            double[][] s = SeededInputs.matrix(100 + trial, sr, sc);
            double[][] d = SeededInputs.matrix(200 + trial, dr, dc);
            Tensor src = backend().fromRows(s);
            Tensor dst = backend().fromRows(d);
            backend().copyBlock(src, srcRow, srcCol, rows, cols, dst, dstRow, dstCol);
            double[][] expected = Reference.copy(d, dr, dc);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    expected[dstRow + i][dstCol + j] = s[srcRow + i][srcCol + j];
                }
            }
            String what = "copyBlock trial " + trial;
            assertExactly(expected, dst, what);
            assertExactly(s, src, what + " leaves src alone");
            Tensor block = backend().block(src, srcRow, srcCol, rows, cols);
            double[][] expectedBlock = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(s[srcRow + i], srcCol, expectedBlock[i], 0, cols);
            }
            assertExactly(expectedBlock, block, "block trial " + trial);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void gatherRowsPicksRowsInOrderWithRepeats(int rows, int cols) {
        double[][] m = SeededInputs.matrix(18, rows, cols);
        Tensor src = random(18, rows, cols);
        int[] indices = rows == 0 ? new int[0]
                : new SplittableRandom(19).ints(rows + 3, 0, rows).toArray();
        Tensor dst = backend().filled(indices.length, cols, Double.NaN);
        backend().gatherRows(src, indices, dst);
        double[][] expected = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            expected[k] = m[indices[k]].clone();
        }
        assertExactly(expected, dst, "gatherRows");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void copyReshapedPreservesRowMajorOrder(int rows, int cols) {
        Tensor src = random(20, rows, cols);
        double[] flat = src.toRowMajor();
        Tensor asRow = backend().zeros(1, rows * cols);
        backend().copyReshaped(src, asRow);
        assertArrayEquals(flat, asRow.toRowMajor(), 0.0, "into one row");
        Tensor back = backend().zeros(rows, cols);
        backend().copyReshaped(asRow, back);
        assertExactly(src.toRows(), back, "and back");
        if (rows * cols % 2 == 0 && rows * cols > 0) {
            Tensor two = backend().zeros(2, rows * cols / 2);
            backend().copyReshaped(src, two);
            assertArrayEquals(flat, two.toRowMajor(), 0.0, "into two rows");
        }
    }
}
