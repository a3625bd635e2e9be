package io.radnet.backend.ejml;

/**
 * The lanes of partial sums in which EJML's fused radial-network kernel accumulates its gradient
 * sums over blocks of {@value #BLOCK} samples, for large batches: lane l of an entry sums the
 * block's terms j ≡ l (mod {@value #LANES}) in increasing j, four per lane and block, and the
 * lanes are added by halving at the end ({@link #sumOfLanes}). The loops have constant offsets,
 * the form the JIT vectorises, which is why they repeat {@link LaneDots}' loops with another
 * constant instead of sharing them (with a loop-invariant lane count the same loops ran 30 %
 * slower, see {@link LaneDots}). Twice the lanes of {@link LaneDots}, so twice its block: the
 * kernel's other loops run over 512 samples per call instead of 256 (measured in
 * {@code docs/benchmarks.md}, "The reduced experiment-3 epoch, session 14").
 */
final class BlockLanes {
    /** Partial sums per gradient entry. */
    static final int LANES = 128;
    /** Samples per block: four terms per lane. */
    static final int BLOCK = 4 * LANES;

    private BlockLanes() {
    }

    /** lanes[l] += Σ_g a[g·LANES + l]·b[g·LANES + l], g = 0 … 3, in order of g. */
    static void accumulateDots(double[] a, double[] b, double[] lanes) {
        for (int l = 0; l < LANES; l++) {
            lanes[l] = lanes[l] + a[l] * b[l] + a[l + LANES] * b[l + LANES] + a[l + 2 * LANES] * b[l + 2 * LANES]
                    + a[l + 3 * LANES] * b[l + 3 * LANES];
        }
    }

    /**
     * {@link #accumulateDots}(a, b, dotLanes) and {@link #accumulateSums}(a, sumLanes) in one
     * loop, each lane's terms added in the same order, so the same bits: a's entries are read once
     * for both.
     */
    static void accumulateDotsAndSums(double[] a, double[] b, double[] dotLanes, double[] sumLanes) {
        for (int l = 0; l < LANES; l++) {
            double a0 = a[l];
            double a1 = a[l + LANES];
            double a2 = a[l + 2 * LANES];
            double a3 = a[l + 3 * LANES];
            dotLanes[l] = dotLanes[l] + a0 * b[l] + a1 * b[l + LANES] + a2 * b[l + 2 * LANES] + a3 * b[l + 3 * LANES];
            sumLanes[l] = sumLanes[l] + a0 + a1 + a2 + a3;
        }
    }

    /** lanes[l] += Σ_g a[g·LANES + l], g = 0 … 3, in order of g. */
    static void accumulateSums(double[] a, double[] lanes) {
        for (int l = 0; l < LANES; l++) {
            lanes[l] = lanes[l] + a[l] + a[l + LANES] + a[l + 2 * LANES] + a[l + 3 * LANES];
        }
    }

    /**
     * Σ_l lanes[l] by halving, lanes[l] += lanes[l + h] for h = 64, 32, …, 1, the last three
     * halvings written out (((l₀ + l₄) + (l₂ + l₆)) + ((l₁ + l₅) + (l₃ + l₇)), the same
     * additions): a short loop costs more than its work there, and the kernel sums the lanes of
     * every gradient entry once per call. Overwrites the lanes.
     */
    static double sumOfLanes(double[] lanes) {
        for (int h = LANES / 2; h >= 8; h /= 2) {
            for (int l = 0; l < h; l++) {
                lanes[l] += lanes[l + h];
            }
        }
        return ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
    }
}
