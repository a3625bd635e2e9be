package io.radnet.api.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The heap-array paths of {@link ColumnMajorKernels}'s layout changes, scalings and finiteness
 * scan (on heap buffers, also slices whose array starts at an offset) give exactly what the
 * buffer paths give on direct buffers, entry for entry, on shapes that are and are not multiples
 * of the tile side.
 */
class ColumnMajorKernelsTest {
    private static final int OFFSET = 5;

    private static double[] values(long seed, int count) {
        return new SplittableRandom(seed).doubles(count, -2, 2).toArray();
    }

    /** A heap buffer over the values whose array holds OFFSET other entries before them. */
    private static DoubleBuffer heapSlice(double[] values) {
        double[] array = new double[OFFSET + values.length];
        java.util.Arrays.fill(array, Double.NaN);
        System.arraycopy(values, 0, array, OFFSET, values.length);
        DoubleBuffer slice = DoubleBuffer.wrap(array, OFFSET, values.length).slice();
        assertEquals(OFFSET, slice.arrayOffset());
        return slice;
    }

    private static DoubleBuffer direct(double[] values) {
        DoubleBuffer buffer = ByteBuffer.allocateDirect(8 * values.length).order(ByteOrder.nativeOrder()).asDoubleBuffer();
        buffer.put(0, values);
        return buffer;
    }

    private static double[] contents(DoubleBuffer buffer) {
        double[] out = new double[buffer.capacity()];
        buffer.get(0, out);
        return out;
    }

    @Test
    void layoutChangesOnHeapArraysAgreeWithTheBufferPaths() {
        for (int[] shape : new int[][] {{1, 1}, {3, 70}, {64, 32}, {33, 97}, {100, 7}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] rowMajor = values(rows * 31L + cols, rows * cols);
            DoubleBuffer heap = heapSlice(new double[rows * cols]);
            DoubleBuffer native1 = direct(new double[rows * cols]);
            ColumnMajorKernels.fromRowMajor(rowMajor, rows, cols, heap);
            ColumnMajorKernels.fromRowMajor(rowMajor, rows, cols, native1);
            assertArrayEquals(contents(native1), contents(heap), "fromRowMajor " + rows + "x" + cols);
            assertEquals(rowMajor[cols > 1 ? 1 : 0], heap.get(cols > 1 ? rows : 0), "entry (0, 1) is column 1's first");

            double[] back = new double[rows * cols];
            ColumnMajorKernels.toRowMajor(heap, rows, cols, back);
            assertArrayEquals(rowMajor, back, "toRowMajor inverts fromRowMajor");

            DoubleBuffer heapT = heapSlice(new double[rows * cols]);
            DoubleBuffer nativeT = direct(new double[rows * cols]);
            ColumnMajorKernels.transpose(heap, rows, cols, heapT);
            ColumnMajorKernels.transpose(native1, rows, cols, nativeT);
            assertArrayEquals(contents(nativeT), contents(heapT), "transpose " + rows + "x" + cols);
        }
    }

    @Test
    void scalingsOnHeapArraysAgreeWithTheBufferPaths() {
        int rows = 37;
        int cols = 11;
        double[] x = values(3, rows * cols);
        double[] rowScales = values(4, rows);
        double[] columnScales = values(5, cols);
        DoubleBuffer heapRows = heapSlice(x);
        DoubleBuffer nativeRows = direct(x);
        ColumnMajorKernels.scaleRows(heapRows, heapSlice(rowScales), heapRows, rows, cols);
        ColumnMajorKernels.scaleRows(nativeRows, direct(rowScales), nativeRows, rows, cols);
        assertArrayEquals(contents(nativeRows), contents(heapRows));
        assertEquals(rowScales[2] * x[2 + 3 * rows], heapRows.get(2 + 3 * rows));
        DoubleBuffer heapColumns = heapSlice(x);
        DoubleBuffer nativeColumns = direct(x);
        ColumnMajorKernels.scaleColumns(heapColumns, heapSlice(columnScales), heapColumns, rows, cols);
        ColumnMajorKernels.scaleColumns(nativeColumns, direct(columnScales), nativeColumns, rows, cols);
        assertArrayEquals(contents(nativeColumns), contents(heapColumns));
        assertEquals(columnScales[3] * x[2 + 3 * rows], heapColumns.get(2 + 3 * rows));
    }

    @Test
    void theFinitenessScanLooksAtTheBuffersEntriesOnly() {
        double[] x = values(6, 50);
        assertTrue(ColumnMajorKernels.allFinite(heapSlice(x), x.length), "the NaNs before the offset are not read");
        assertTrue(ColumnMajorKernels.allFinite(direct(x), x.length));
        x[49] = Double.POSITIVE_INFINITY;
        assertFalse(ColumnMajorKernels.allFinite(heapSlice(x), x.length));
        assertTrue(ColumnMajorKernels.allFinite(heapSlice(x), 49), "only the first size entries count");
        assertEquals(49, ElementwiseArrays.firstNonFinite(x, 0, 50));
        assertEquals(-1, ElementwiseArrays.firstNonFinite(x, 0, 49));
        x[7] = Double.NaN;
        assertEquals(7, ElementwiseArrays.firstNonFinite(x, 3, 50));
        assertEquals(49, ElementwiseArrays.firstNonFinite(x, 8, 50));
    }
}
