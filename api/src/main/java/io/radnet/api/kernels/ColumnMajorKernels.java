package io.radnet.api.kernels;

import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * Kernels of the backend SPI on dense column-major storage, for every backend whose tensors
 * are one {@link DoubleBuffer} each (a heap buffer wrapping a {@code double[]}, or a direct
 * buffer over native memory): entry (i, j) of an m × n tensor is at index i + j·m. A vector
 * (1 × n or n × 1) is contiguous either way.
 *
 * <p>Kernels, not entry points: nothing is validated (the backend's public operations have
 * checked shapes, ownership and aliasing), dimensions are at least 1 unless stated, and no
 * kernel allocates. Indices are absolute buffer indices; the buffers' positions and limits
 * are neither read nor changed. Reductions run in a fixed order, stated per kernel, so a
 * backend's results do not depend on the call.
 */
public final class ColumnMajorKernels {
    private ColumnMajorKernels() {
    }

    // ---- creation and layout

    /**
     * Side of the square tiles in which the layout changes below copy: a tile's source and
     * destination lines stay in the cache while it is copied, where a whole column's stride
     * through a large row-major array would touch a new cache line (and page) per entry.
     */
    private static final int TILE = 32;

    /**
     * d ← the rows × cols matrix whose row-major entries are data. On a heap buffer the
     * transposition writes its array in tiles; on a direct (native) buffer it fills a heap block
     * of whole columns (about {@value ColumnBlocks#BLOCK_ENTRIES} entries, read from data row by
     * row) and writes it with one bulk put, instead of a buffer access per entry.
     */
    public static void fromRowMajor(double[] data, int rows, int cols, DoubleBuffer d) {
        if (d.hasArray()) {
            // row-major data is the column-major cols × rows matrix Aᵀ
            transpose(data, 0, cols, rows, d.array(), d.arrayOffset());
            return;
        }
        int perBlock = ColumnBlocks.columns(rows, cols);
        double[] block = ColumnBlocks.scratch(0, perBlock * rows);
        for (int j0 = 0; j0 < cols; j0 += perBlock) {
            int columns = Math.min(perBlock, cols - j0);
            for (int i = 0; i < rows; i++) {
                int source = i * cols + j0;
                for (int j = 0, q = i; j < columns; j++, q += rows) {
                    block[q] = data[source + j];
                }
            }
            d.put(j0 * rows, block, 0, columns * rows);
        }
    }

    /**
     * data ← the row-major entries of the rows × cols matrix d; direct buffers are read a block
     * of whole columns at a time with one bulk get, as {@link #fromRowMajor} writes them.
     */
    public static void toRowMajor(DoubleBuffer d, int rows, int cols, double[] data) {
        if (d.hasArray()) {
            transpose(d.array(), d.arrayOffset(), rows, cols, data, 0);
            return;
        }
        int perBlock = ColumnBlocks.columns(rows, cols);
        double[] block = ColumnBlocks.scratch(0, perBlock * rows);
        for (int j0 = 0; j0 < cols; j0 += perBlock) {
            int columns = Math.min(perBlock, cols - j0);
            d.get(j0 * rows, block, 0, columns * rows);
            for (int i = 0; i < rows; i++) {
                int target = i * cols + j0;
                for (int j = 0, q = i; j < columns; j++, q += rows) {
                    data[target + j] = block[q];
                }
            }
        }
    }

    /** d[p] ← value for p &lt; size. */
    public static void fill(DoubleBuffer d, int size, double value) {
        for (int p = 0; p < size; p++) {
            d.put(p, value);
        }
    }

    /** out (n × m) ← xᵀ for an m × n x; heap buffers through their arrays (see {@link #allFinite}). */
    public static void transpose(DoubleBuffer x, int m, int n, DoubleBuffer out) {
        if (x.hasArray() && out.hasArray()) {
            transpose(x.array(), x.arrayOffset(), m, n, out.array(), out.arrayOffset());
            return;
        }
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int j1 = Math.min(n, j0 + TILE);
            for (int i0 = 0; i0 < m; i0 += TILE) {
                int i1 = Math.min(m, i0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int column = j * m;
                    for (int i = i0; i < i1; i++) {
                        out.put(j + i * n, x.get(column + i));
                    }
                }
            }
        }
    }

    /**
     * out (n × m, column-major from outOffset) ← xᵀ for the m × n x (column-major from xOffset),
     * in tiles. The one loop every layout change on heap arrays runs ({@link #fromRowMajor},
     * {@link #toRowMajor}, {@link #transpose(DoubleBuffer, int, int, DoubleBuffer)}): a short
     * process then has the JIT compile one such loop, not three.
     */
    private static void transpose(double[] x, int xOffset, int m, int n, double[] out, int outOffset) {
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int j1 = Math.min(n, j0 + TILE);
            for (int i0 = 0; i0 < m; i0 += TILE) {
                int i1 = Math.min(m, i0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int column = xOffset + j * m;
                    for (int i = i0; i < i1; i++) {
                        out[outOffset + j + i * n] = x[column + i];
                    }
                }
            }
        }
    }

    /**
     * dst[dstRow + i][dstCol + j] ← src[srcRow + i][srcCol + j] for i &lt; rows, j &lt; cols; one
     * bulk copy per column.
     */
    public static void copyBlock(DoubleBuffer src, int srcRows, int srcRow, int srcCol, int rows, int cols,
                                 DoubleBuffer dst, int dstRows, int dstRow, int dstCol) {
        for (int j = 0; j < cols; j++) {
            dst.put((dstCol + j) * dstRows + dstRow, src, (srcCol + j) * srcRows + srcRow, rows);
        }
    }

    /** dst[k] ← src[indices[k]] for the rows k &lt; indices.length of dst (n columns each). */
    public static void gatherRows(DoubleBuffer src, int srcRows, int cols, int[] indices, DoubleBuffer dst) {
        int dstRows = indices.length;
        for (int j = 0; j < cols; j++) {
            for (int k = 0; k < dstRows; k++) {
                dst.put(j * dstRows + k, src.get(j * srcRows + indices[k]));
            }
        }
    }

    /** dst (dm × dn) ← src (sm × sn) reshaped, keeping the row-major sequence of entries. */
    public static void copyReshaped(DoubleBuffer src, int sm, int sn, DoubleBuffer dst, int dm, int dn) {
        // Walk both tensors in row-major order, tracking each one's (row, column).
        int si = 0;
        int sj = 0;
        int di = 0;
        int dj = 0;
        for (int p = 0, size = sm * sn; p < size; p++) {
            dst.put(di + dj * dm, src.get(si + sj * sm));
            if (++sj == sn) {
                sj = 0;
                si++;
            }
            if (++dj == dn) {
                dj = 0;
                di++;
            }
        }
    }

    // ---- batched products

    /**
     * out[s] ← op(M_s)·x[s] for s &lt; batch, where row s of matrices holds M_s row-major (p × q,
     * or q × p when transposed); out[s][i] is summed over j in ascending order.
     *
     * @param matrices batch × (p·q)
     * @param transposed whether op(M_s) = M_sᵀ
     * @param x batch × q
     * @param out batch × p, overwritten
     */
    public static void batchedMatVec(DoubleBuffer matrices, boolean transposed, DoubleBuffer x, DoubleBuffer out,
                                     int batch, int p, int q) {
        fill(out, batch * p, 0.0);
        for (int i = 0; i < p; i++) {
            int yColumn = i * batch;
            for (int j = 0; j < q; j++) {
                int wColumn = (transposed ? j * p + i : i * q + j) * batch;
                int xColumn = j * batch;
                for (int s = 0; s < batch; s++) {
                    out.put(yColumn + s, out.get(yColumn + s) + matrices.get(wColumn + s) * x.get(xColumn + s));
                }
            }
        }
    }

    /** out[s][i·q + j] ← a[s][i]·b[s][j] for a batch × p, b batch × q. */
    public static void rowwiseOuter(DoubleBuffer a, DoubleBuffer b, DoubleBuffer out, int batch, int p, int q) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                int oColumn = (i * q + j) * batch;
                for (int s = 0; s < batch; s++) {
                    out.put(oColumn + s, a.get(i * batch + s) * b.get(j * batch + s));
                }
            }
        }
    }

    // ---- broadcasts

    /** out[i][j] ← x[i][j] + v[j] (out may be x). */
    public static void addRowVector(DoubleBuffer x, DoubleBuffer v, DoubleBuffer out, int m, int n) {
        for (int j = 0; j < n; j++) {
            double vj = v.get(j);
            for (int p = j * m, end = p + m; p < end; p++) {
                out.put(p, x.get(p) + vj);
            }
        }
    }

    /**
     * out[i][j] ← x[i][j] + v[i] (out may be x). Direct buffers go through blocks of whole
     * columns (see {@link ColumnBlocks}).
     */
    public static void addColumnVector(DoubleBuffer x, DoubleBuffer v, DoubleBuffer out, int m, int n) {
        double[] vs = ColumnBlocks.scratch(0, m);
        v.get(0, vs, 0, m);
        if (x.hasArray() && out.hasArray()) {
            addColumnVector(x.array(), x.arrayOffset(), vs, out.array(), out.arrayOffset(), m, n);
            return;
        }
        int block = ColumnBlocks.columns(m, n);
        double[] xb = ColumnBlocks.scratch(1, block * m);
        for (int k0 = 0; k0 < n; k0 += block) {
            int w = Math.min(block, n - k0);
            x.get(k0 * m, xb, 0, w * m);
            addColumnVector(xb, 0, vs, xb, 0, m, w);
            out.put(k0 * m, xb, 0, w * m);
        }
    }

    private static void addColumnVector(double[] x, int xOffset, double[] v, double[] out, int outOffset,
                                        int m, int n) {
        for (int j = 0; j < n; j++) {
            int xColumn = xOffset + j * m;
            int oColumn = outOffset + j * m;
            for (int i = 0; i < m; i++) {
                out[oColumn + i] = x[xColumn + i] + v[i];
            }
        }
    }

    /** out[i][j] ← s[i]·x[i][j] (out may be x); heap buffers through their arrays. */
    public static void scaleRows(DoubleBuffer x, DoubleBuffer s, DoubleBuffer out, int m, int n) {
        if (x.hasArray() && s.hasArray() && out.hasArray()) {
            scaleRows(x.array(), x.arrayOffset(), s.array(), s.arrayOffset(), out.array(), out.arrayOffset(), m, n);
            return;
        }
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                out.put(column + i, s.get(i) * x.get(column + i));
            }
        }
    }

    private static void scaleRows(double[] x, int xOffset, double[] s, int sOffset, double[] out, int outOffset,
                                  int m, int n) {
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                out[outOffset + column + i] = s[sOffset + i] * x[xOffset + column + i];
            }
        }
    }

    /** out[i][j] ← s[j]·x[i][j] (out may be x); heap buffers through their arrays. */
    public static void scaleColumns(DoubleBuffer x, DoubleBuffer s, DoubleBuffer out, int m, int n) {
        if (x.hasArray() && s.hasArray() && out.hasArray()) {
            scaleColumns(x.array(), x.arrayOffset(), s.array(), s.arrayOffset(), out.array(), out.arrayOffset(), m, n);
            return;
        }
        for (int j = 0; j < n; j++) {
            double sj = s.get(j);
            for (int p = j * m, end = p + m; p < end; p++) {
                out.put(p, sj * x.get(p));
            }
        }
    }

    private static void scaleColumns(double[] x, int xOffset, double[] s, int sOffset, double[] out, int outOffset,
                                     int m, int n) {
        for (int j = 0; j < n; j++) {
            double sj = s[sOffset + j];
            for (int p = j * m, end = p + m; p < end; p++) {
                out[outOffset + p] = sj * x[xOffset + p];
            }
        }
    }

    // ---- row and column reductions (out distinct from the inputs)

    /**
     * out[i] ← Σ_j x[i][j], each row summed over j in ascending order (accumulated column by
     * column; direct buffers in blocks of whole columns).
     */
    public static void rowSums(DoubleBuffer x, DoubleBuffer out, int m, int n) {
        double[] sums = ColumnBlocks.scratch(0, m);
        Arrays.fill(sums, 0, m, 0.0);
        if (x.hasArray()) {
            accumulateRows(x.array(), x.arrayOffset(), sums, m, n);
        } else {
            int block = ColumnBlocks.columns(m, n);
            double[] xb = ColumnBlocks.scratch(1, block * m);
            for (int k0 = 0; k0 < n; k0 += block) {
                int w = Math.min(block, n - k0);
                x.get(k0 * m, xb, 0, w * m);
                accumulateRows(xb, 0, sums, m, w);
            }
        }
        out.put(0, sums, 0, m);
    }

    private static void accumulateRows(double[] x, int offset, double[] sums, int m, int n) {
        for (int j = 0; j < n; j++) {
            int column = offset + j * m;
            for (int i = 0; i < m; i++) {
                sums[i] += x[column + i];
            }
        }
    }

    /** out[j] ← Σ_i x[i][j], summed over i in ascending order. */
    public static void columnSums(DoubleBuffer x, DoubleBuffer out, int m, int n) {
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x.get(p);
            }
            out.put(j, acc);
        }
    }

    /** out[i] ← ‖x[i]‖₂ without overflow or underflow ({@link NormArrays}). */
    public static void rowNorms(DoubleBuffer x, DoubleBuffer out, int m, int n) {
        for (int i = 0; i < m; i++) {
            out.put(i, 0.0);
        }
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                double v = x.get(column + i);
                out.put(i, out.get(i) + v * v);
            }
        }
        for (int i = 0; i < m; i++) {
            double acc = out.get(i);
            out.put(i, NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, i, m, n) : Math.sqrt(acc));
        }
    }

    /** out[j] ← ‖x[·][j]‖₂ without overflow or underflow ({@link NormArrays}). */
    public static void columnNorms(DoubleBuffer x, DoubleBuffer out, int m, int n) {
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                double v = x.get(p);
                acc += v * v;
            }
            out.put(j, NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, j * m, 1, m) : Math.sqrt(acc));
        }
    }

    /** out[i] ← Σ_j x[i][j]·y[i][j], over j in ascending order. */
    public static void rowDots(DoubleBuffer x, DoubleBuffer y, DoubleBuffer out, int m, int n) {
        for (int i = 0; i < m; i++) {
            out.put(i, 0.0);
        }
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                out.put(i, out.get(i) + x.get(column + i) * y.get(column + i));
            }
        }
    }

    /** out[j] ← Σ_i x[i][j]·y[i][j], over i in ascending order. */
    public static void columnDots(DoubleBuffer x, DoubleBuffer y, DoubleBuffer out, int m, int n) {
        for (int j = 0; j < n; j++) {
            double acc = 0.0;
            for (int p = j * m, end = p + m; p < end; p++) {
                acc += x.get(p) * y.get(p);
            }
            out.put(j, acc);
        }
    }

    /** out[i] ← max_j x[i][j], NaN propagating. */
    public static void rowMaxima(DoubleBuffer x, DoubleBuffer out, int m, int n) {
        for (int i = 0; i < m; i++) {
            out.put(i, Double.NEGATIVE_INFINITY);
        }
        for (int j = 0; j < n; j++) {
            int column = j * m;
            for (int i = 0; i < m; i++) {
                out.put(i, Math.max(out.get(i), x.get(column + i)));
            }
        }
    }

    // ---- scalar reductions over the first size entries, in storage order

    /** @return Σ x[p] for p &lt; size */
    public static double sum(DoubleBuffer x, int size) {
        double acc = 0.0;
        for (int p = 0; p < size; p++) {
            acc += x.get(p);
        }
        return acc;
    }

    /** @return Σ x[p]·y[p] for p &lt; size */
    public static double dot(DoubleBuffer x, DoubleBuffer y, int size) {
        double acc = 0.0;
        for (int p = 0; p < size; p++) {
            acc += x.get(p) * y.get(p);
        }
        return acc;
    }

    /** @return ‖x‖₂ over p &lt; size, without overflow or underflow ({@link NormArrays}) */
    public static double norm(DoubleBuffer x, int size) {
        double acc = 0.0;
        for (int p = 0; p < size; p++) {
            double v = x.get(p);
            acc += v * v;
        }
        return NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(x, 0, 1, size) : Math.sqrt(acc);
    }

    /** @return max |x[p]| over p &lt; size (0 when size is 0), NaN if an entry is NaN */
    public static double maxAbs(DoubleBuffer x, int size) {
        double max = 0.0;
        for (int p = 0; p < size; p++) {
            max = Math.max(max, Math.abs(x.get(p)));
        }
        return max;
    }

    /**
     * @return whether x[p] is finite for every p &lt; size; a heap buffer is read through its
     *     array (one plain loop: these one-pass checks run over whole models in processes too
     *     short for the JIT to have compiled a buffer access per entry)
     */
    public static boolean allFinite(DoubleBuffer x, int size) {
        if (x.hasArray()) {
            return ElementwiseArrays.firstNonFinite(x.array(), x.arrayOffset(), x.arrayOffset() + size) < 0;
        }
        for (int p = 0; p < size; p++) {
            if (!Double.isFinite(x.get(p))) {
                return false;
            }
        }
        return true;
    }
}
