package io.radnet.api.kernels;

import io.radnet.api.Backend;
import io.radnet.api.RadialCoefficients;
import io.radnet.api.RadialProfile;
import java.nio.DoubleBuffer;

/**
 * The radial-rescaling kernels of {@link Backend#radialColumns} and
 * {@link Backend#radialColumnsBackward} on {@code double[]} storage, for backends to share.
 * Column-major blocks: column k of a block holds entries [offset + k·rows, offset + (k + 1)·rows),
 * so each sample is contiguous; the state is interleaved, (r_k, c_k, η′_k) at
 * stateOffset + 3k (the column-major layout of a 3 × m tensor); the per-sample coefficients
 * come from {@link RadialCoefficients}. The {@link DoubleBuffer} entry points run on whole
 * column-major tensors: heap buffers directly, direct (native) buffers in blocks of whole
 * columns copied to per-thread heap arrays.
 *
 * <p>Kernels, not entry points: nothing is validated. The arithmetic, operation for operation,
 * is the one {@link Backend} documents, so that backends agree to rounding: r from the sum of
 * squares in entry order (redone as max·‖v/max‖ when that sum may have underflowed or
 * overflowed), u_j = z_j·(1/r), u·g summed in entry order, dz_j = c·g_j + t·u_j with
 * t = (η′ − c)(u·g).
 */
public final class RadialColumnArrays {
    private RadialColumnArrays() {
    }

    /**
     * {@link Backend#radialColumns} on whole column-major tensors: out[:, k] ← c_k·z[:, k] and
     * the 3 × cols state (column-major, so (r_k, c_k, η′_k) at 3k).
     *
     * @param z rows × cols, rows ≥ 1
     * @param rows the entries per column
     * @param cols the columns
     * @param profile η
     * @param shift s
     * @param out rows × cols (may be z)
     * @param state 3 × cols
     */
    public static void forward(DoubleBuffer z, int rows, int cols, RadialProfile profile, double shift,
                               DoubleBuffer out, DoubleBuffer state) {
        if (z.hasArray() && out.hasArray() && state.hasArray()) {
            forward(z.array(), z.arrayOffset(), rows, cols, profile, shift, out.array(), out.arrayOffset(),
                    state.array(), state.arrayOffset());
            return;
        }
        int block = ColumnBlocks.columns(rows, cols);
        double[] zb = ColumnBlocks.scratch(0, block * rows);
        double[] sb = ColumnBlocks.scratch(2, 3 * block);
        for (int k0 = 0; k0 < cols; k0 += block) {
            int w = Math.min(block, cols - k0);
            z.get(k0 * rows, zb, 0, w * rows);
            forward(zb, 0, rows, w, profile, shift, zb, 0, sb, 0);
            out.put(k0 * rows, zb, 0, w * rows);
            state.put(3 * k0, sb, 0, 3 * w);
        }
    }

    /**
     * {@link Backend#radialColumnsBackward} on whole column-major tensors.
     *
     * @param z rows × cols, the forward input
     * @param rows the entries per column, ≥ 1
     * @param cols the columns
     * @param state the 3 × cols state of the forward pass
     * @param g rows × cols, ∂L/∂out
     * @param dz rows × cols, overwritten with ∂L/∂z (may be g)
     * @return ∂L/∂s, summed in column order
     */
    public static double backward(DoubleBuffer z, int rows, int cols, DoubleBuffer state, DoubleBuffer g,
                                  DoubleBuffer dz) {
        if (z.hasArray() && state.hasArray() && g.hasArray() && dz.hasArray()) {
            return backward(z.array(), z.arrayOffset(), rows, cols, state.array(), state.arrayOffset(),
                    g.array(), g.arrayOffset(), dz.array(), dz.arrayOffset());
        }
        int block = ColumnBlocks.columns(rows, cols);
        double[] zb = ColumnBlocks.scratch(0, block * rows);
        double[] gb = ColumnBlocks.scratch(1, block * rows);
        double[] sb = ColumnBlocks.scratch(2, 3 * block);
        double shiftGradient = 0.0;
        for (int k0 = 0; k0 < cols; k0 += block) {
            int w = Math.min(block, cols - k0);
            z.get(k0 * rows, zb, 0, w * rows);
            g.get(k0 * rows, gb, 0, w * rows);
            state.get(3 * k0, sb, 0, 3 * w);
            shiftGradient += backward(zb, 0, rows, w, sb, 0, gb, 0, gb, 0);
            dz.put(k0 * rows, gb, 0, w * rows);
        }
        return shiftGradient;
    }

    /**
     * out[:, k] ← c_k·z[:, k] for the columns k &lt; cols of a column-major block, with the state.
     *
     * <p>Each column's sum of squares is taken in entry order (four columns in flight at a
     * time, {@link #sumsOfSquares}, parked in the columns' r slots of the state), then each
     * column is finished on its own ({@link #rescale}). The loop here only calls those two
     * small methods, which the JIT compiles once each, instead of one large method holding every
     * loop; the arithmetic, and so every bit of the results, is that of the class doc.
     *
     * @param z the block of z, read from zOffset
     * @param zOffset where column 0 starts
     * @param rows the entries per column, ≥ 1
     * @param cols the columns
     * @param profile η
     * @param shift s
     * @param out the output block (may be z at the same offset)
     * @param outOffset where its column 0 starts
     * @param state the interleaved state
     * @param stateOffset where (r_0, c_0, η′_0) start
     */
    public static void forward(double[] z, int zOffset, int rows, int cols, RadialProfile profile, double shift,
                               double[] out, int outOffset, double[] state, int stateOffset) {
        for (int k = 0; k < cols; k += 4) {
            int width = Math.min(4, cols - k);
            sumsOfSquares(z, zOffset + k * rows, rows, width, state, stateOffset + 3 * k);
            for (int column = k; column < k + width; column++) {
                rescale(z, rows, profile, shift, out, outOffset, state, stateOffset, column, zOffset + column * rows);
            }
        }
    }

    /**
     * state[at + 3i] ← Σ_j z[base + i·rows + j]², summed in entry order, for the columns
     * i &lt; width ≤ 4 starting at base: four sums in flight when width is 4.
     */
    private static void sumsOfSquares(double[] z, int base, int rows, int width, double[] state, int at) {
        if (width == 4) {
            int b1 = base + rows;
            int b2 = b1 + rows;
            int b3 = b2 + rows;
            double a0 = 0.0;
            double a1 = 0.0;
            double a2 = 0.0;
            double a3 = 0.0;
            for (int j = 0; j < rows; j++) {
                double v0 = z[base + j];
                double v1 = z[b1 + j];
                double v2 = z[b2 + j];
                double v3 = z[b3 + j];
                a0 += v0 * v0;
                a1 += v1 * v1;
                a2 += v2 * v2;
                a3 += v3 * v3;
            }
            state[at] = a0;
            state[at + 3] = a1;
            state[at + 6] = a2;
            state[at + 9] = a3;
            return;
        }
        for (int i = 0; i < width; i++) {
            int b = base + i * rows;
            double acc = 0.0;
            for (int j = 0; j < rows; j++) {
                double v = z[b + j];
                acc += v * v;
            }
            state[at + 3 * i] = acc;
        }
    }

    /**
     * Column k (starting at base in z), whose sum of squares {@link #sumsOfSquares} parked in
     * its r slot: its state (r, c, η′) and out[:, k] = c·z[:, k].
     */
    private static void rescale(double[] z, int rows, RadialProfile profile, double shift, double[] out,
                                int outOffset, double[] state, int stateOffset, int k, int base) {
        int at = stateOffset + 3 * k;
        double acc = state[at];
        double r = NormArrays.needsRescaling(acc) ? NormArrays.scaledNorm(z, base, 1, rows) : Math.sqrt(acc);
        RadialCoefficients.evaluate(profile, shift, r, state, at, 1);
        double c = state[at + 1];
        int o = outOffset + k * rows;
        for (int j = 0; j < rows; j++) {
            out[o + j] = c * z[base + j];
        }
    }

    /**
     * dz[:, k] ← J_kᵀ·g[:, k] for the columns of a column-major block (see
     * {@link Backend#radialColumnsBackward}).
     *
     * @param z the block of z
     * @param zOffset where its column 0 starts
     * @param rows the entries per column, ≥ 1
     * @param cols the columns
     * @param state the interleaved state of the forward pass
     * @param stateOffset where (r_0, c_0, η′_0) start
     * @param g the block of g
     * @param gOffset where its column 0 starts
     * @param dz the output block (may be g at the same offset)
     * @param dzOffset where its column 0 starts
     * @return Σ_k η′_k·(u_k·g_k) over the block's columns not treated as 0, summed in column order
     */
    public static double backward(double[] z, int zOffset, int rows, int cols, double[] state, int stateOffset,
                                  double[] g, int gOffset, double[] dz, int dzOffset) {
        double shiftGradient = 0.0;
        int k = 0;
        // four columns at a time: four dot products u·g in flight, each still in entry order
        for (; k + 3 < cols; k += 4) {
            double i0 = inverseNorm(state, stateOffset, k);
            double i1 = inverseNorm(state, stateOffset, k + 1);
            double i2 = inverseNorm(state, stateOffset, k + 2);
            double i3 = inverseNorm(state, stateOffset, k + 3);
            int z0 = zOffset + k * rows;
            int g0 = gOffset + k * rows;
            double d0 = 0.0;
            double d1 = 0.0;
            double d2 = 0.0;
            double d3 = 0.0;
            for (int j = 0; j < rows; j++) {
                d0 += (i0 * z[z0 + j]) * g[g0 + j];
                d1 += (i1 * z[z0 + rows + j]) * g[g0 + rows + j];
                d2 += (i2 * z[z0 + 2 * rows + j]) * g[g0 + 2 * rows + j];
                d3 += (i3 * z[z0 + 3 * rows + j]) * g[g0 + 3 * rows + j];
            }
            shiftGradient += combine(z, rows, state, stateOffset, g, gOffset, dz, dzOffset, zOffset, k, i0, d0);
            shiftGradient += combine(z, rows, state, stateOffset, g, gOffset, dz, dzOffset, zOffset, k + 1, i1, d1);
            shiftGradient += combine(z, rows, state, stateOffset, g, gOffset, dz, dzOffset, zOffset, k + 2, i2, d2);
            shiftGradient += combine(z, rows, state, stateOffset, g, gOffset, dz, dzOffset, zOffset, k + 3, i3, d3);
        }
        for (; k < cols; k++) {
            double inv = inverseNorm(state, stateOffset, k);
            int zb = zOffset + k * rows;
            int gb = gOffset + k * rows;
            double ug = 0.0;
            for (int j = 0; j < rows; j++) {
                ug += (inv * z[zb + j]) * g[gb + j];
            }
            shiftGradient += combine(z, rows, state, stateOffset, g, gOffset, dz, dzOffset, zOffset, k, inv, ug);
        }
        return shiftGradient;
    }

    /** @return 1/r_k, or 0 where r_k is treated as 0 */
    private static double inverseNorm(double[] state, int stateOffset, int k) {
        double r = state[stateOffset + 3 * k];
        return r >= Double.MIN_NORMAL ? 1.0 / r : 0.0;
    }

    /**
     * dz[:, k] from u·g of column k: c·g + t·u with t = (η′ − c)(u·g), or η′(s)·g where r_k is
     * treated as 0.
     *
     * @return column k's term of the shift gradient, η′·(u·g), or 0 where r_k is treated as 0
     */
    private static double combine(double[] z, int rows, double[] state, int stateOffset, double[] g, int gOffset,
                                  double[] dz, int dzOffset, int zOffset, int k, double inv, double ug) {
        int at = stateOffset + 3 * k;
        double c = state[at + 1];
        double slope = state[at + 2];
        int zb = zOffset + k * rows;
        int gb = gOffset + k * rows;
        int db = dzOffset + k * rows;
        if (state[at] >= Double.MIN_NORMAL) {
            double t = (slope - c) * ug;
            for (int j = 0; j < rows; j++) {
                dz[db + j] = c * g[gb + j] + t * (inv * z[zb + j]);
            }
            return slope * ug;
        }
        for (int j = 0; j < rows; j++) {
            dz[db + j] = slope * g[gb + j];
        }
        return 0.0;
    }
}
