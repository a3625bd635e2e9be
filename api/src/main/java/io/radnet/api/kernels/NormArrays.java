package io.radnet.api.kernels;

import java.nio.DoubleBuffer;

/**
 * The overflow- and underflow-safe Euclidean norm of radnet's kernels, in one place: the sum
 * of squares is taken directly (fast, vectorisable) by the caller, and only when it may have
 * lost precision ({@link #needsRescaling}) is the norm redone as max·‖v/max‖₂
 * ({@link #scaledNorm}).
 */
public final class NormArrays {
    /** Below this, a sum of squares may have lost precision to underflow. */
    private static final double SUM_OF_SQUARES_FLOOR = 0x1p-600;

    private NormArrays() {
    }

    /**
     * @param sumOfSquares Σ v_j² computed directly
     * @return whether the sum may have underflowed or overflowed, so that the norm must be
     *     recomputed with scaling
     */
    public static boolean needsRescaling(double sumOfSquares) {
        return sumOfSquares < SUM_OF_SQUARES_FLOOR || sumOfSquares == Double.POSITIVE_INFINITY;
    }

    /**
     * ‖(x[start], x[start + stride], …)‖₂ over count entries as max·‖x/max‖₂, which neither
     * overflows nor underflows for finite entries; infinite entries give +∞, NaN gives NaN.
     *
     * @param x the array
     * @param start the first entry
     * @param stride the distance between entries
     * @param count the number of entries
     * @return the norm
     */
    public static double scaledNorm(double[] x, int start, int stride, int count) {
        return scaledNorm(DoubleBuffer.wrap(x), start, stride, count);
    }

    /**
     * {@link #scaledNorm(double[], int, int, int)} on a buffer (absolute indices).
     *
     * @param x the buffer
     * @param start the first entry
     * @param stride the distance between entries
     * @param count the number of entries
     * @return the norm
     */
    public static double scaledNorm(DoubleBuffer x, int start, int stride, int count) {
        double max = 0.0;
        for (int k = 0, p = start; k < count; k++, p += stride) {
            max = Math.max(max, Math.abs(x.get(p)));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double acc = 0.0;
        for (int k = 0, p = start; k < count; k++, p += stride) {
            double v = x.get(p) / max;
            acc += v * v;
        }
        return max * Math.sqrt(acc);
    }
}
