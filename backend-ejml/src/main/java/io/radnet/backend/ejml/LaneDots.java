package io.radnet.backend.ejml;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.ejml.concurrency.EjmlConcurrency;

/**
 * Dot products along a long shared dimension k, vectorised: C = α·A·Bᵀ + β·C for row-major
 * A (m × k) and B (n × k), and the row sums of a row-major matrix (a dot product with ones).
 * These are the weight and bias gradients of a layer, where k is the batch.
 *
 * <p>A dot product is a reduction, which the JIT does not vectorise: one accumulator waits on
 * every addition. Here each dot product keeps {@value #LANES} partial sums instead, lane l
 * summing the terms p ≡ l (mod {@value #LANES}) in increasing p; the lanes are added pairwise
 * at the end. The k dimension is taken in blocks of {@value #BLOCK}: a block of each row
 * involved is copied into per-thread scratch, zero-padded to the full block, so every inner loop
 * indexes all its arrays by the same l (the form the JIT vectorises; row offsets into one shared
 * array it cannot prove disjoint from the store) and the working set (64 KiB of scratch per
 * thread) stays in the L1 and L2 caches. A short k (a minibatch of 64) is padded to one block.
 * The lane count is a constant: with a loop-invariant count instead, the same loops ran 30 %
 * slower. Outputs are computed in tiles of {@value #TILE} × {@value #TILE}; the tiles are
 * independent and run on EJML's thread pool when parallel.
 *
 * <p>The summation order is fixed by k alone, so results are deterministic and the same with
 * and without threads; they differ from a single left-to-right sum by rounding only (the error
 * bound of pairwise-like summation, smaller than the sequential one).
 */
final class LaneDots {
    /** Partial sums per dot product. */
    static final int LANES = 64;
    /** Entries of k per block: four terms per lane and pass. */
    static final int BLOCK = 4 * LANES;
    /** Rows of A (and of B) per output tile. */
    static final int TILE = 8;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's block copies and lane accumulators. */
    private static final class Scratch {
        final double[][] rowsA = new double[TILE][BLOCK];
        final double[][] rowsB = new double[TILE][BLOCK];
        final double[][] lanes = new double[TILE * TILE][LANES];
    }

    private LaneDots() {
    }

    /**
     * C ← α·A·Bᵀ + β·C (C ← α·A·Bᵀ when β = 0, whatever C held).
     *
     * @param x A, row-major m × k
     * @param y B, row-major n × k
     * @param out C, row-major m × n; must not share storage with A or B
     * @param parallel whether to spread the tiles over EJML's thread pool
     */
    static void multTransB(double alpha, double[] x, int m, double[] y, int n, int k, double beta, double[] out,
                           boolean parallel) {
        int tileRows = (m + TILE - 1) / TILE;
        int tileCols = (n + TILE - 1) / TILE;
        IntConsumer tile = t -> {
            int i0 = (t / tileCols) * TILE;
            int j0 = (t % tileCols) * TILE;
            tile(alpha, x, Math.min(TILE, m - i0), i0, y, Math.min(TILE, n - j0), j0, n, k, beta, out);
        };
        int tiles = tileRows * tileCols;
        if (parallel && tiles > 1) {
            EjmlConcurrency.loopFor(0, tiles, tile);
        } else {
            for (int t = 0; t < tiles; t++) {
                tile.accept(t);
            }
        }
    }

    /**
     * out[i] ← Σ_p x[i·k + p] for the rows i &lt; rows.
     *
     * @param x row-major rows × k
     * @param out receives the sums; must not share storage with x
     */
    static void rowSums(double[] x, int rows, int k, double[] out) {
        Scratch s = SCRATCH.get();
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int ti = Math.min(TILE, rows - i0);
            for (int i = 0; i < ti; i++) {
                Arrays.fill(s.lanes[i], 0.0);
            }
            for (int p0 = 0; p0 < k; p0 += BLOCK) {
                int w = Math.min(BLOCK, k - p0);
                for (int i = 0; i < ti; i++) {
                    copyPadded(x, (i0 + i) * k + p0, w, s.rowsA[i]);
                    accumulateSums(s.rowsA[i], s.lanes[i]);
                }
            }
            for (int i = 0; i < ti; i++) {
                out[i0 + i] = sumOfLanes(s.lanes[i]);
            }
        }
    }

    private static void tile(double alpha, double[] x, int ti, int i0, double[] y, int tj, int j0, int n, int k,
                             double beta, double[] out) {
        Scratch s = SCRATCH.get();
        for (int q = 0; q < ti * tj; q++) {
            Arrays.fill(s.lanes[q], 0.0);
        }
        for (int p0 = 0; p0 < k; p0 += BLOCK) {
            int w = Math.min(BLOCK, k - p0);
            for (int i = 0; i < ti; i++) {
                copyPadded(x, (i0 + i) * k + p0, w, s.rowsA[i]);
            }
            for (int j = 0; j < tj; j++) {
                copyPadded(y, (j0 + j) * k + p0, w, s.rowsB[j]);
            }
            for (int i = 0; i < ti; i++) {
                for (int j = 0; j < tj; j++) {
                    accumulateDots(s.rowsA[i], s.rowsB[j], s.lanes[i * tj + j]);
                }
            }
        }
        for (int i = 0; i < ti; i++) {
            for (int j = 0; j < tj; j++) {
                double dot = sumOfLanes(s.lanes[i * tj + j]);
                int o = (i0 + i) * n + j0 + j;
                out[o] = beta == 0.0 ? alpha * dot : alpha * dot + beta * out[o];
            }
        }
    }

    /** block[0, w) ← src[from, from + w), block[w, BLOCK) ← 0. */
    private static void copyPadded(double[] src, int from, int w, double[] block) {
        System.arraycopy(src, from, block, 0, w);
        if (w < BLOCK) {
            Arrays.fill(block, w, BLOCK, 0.0);
        }
    }

    /**
     * lanes[l] += Σ_g a[g·LANES + l]·b[g·LANES + l], g = 0 … 3, in order of g. One long loop
     * with constant offsets, which the JIT vectorises (32 lanes of eight terms it unrolls
     * instead; see {@code docs/benchmarks.md}, "Vectorised gradient dot products on EJML").
     */
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
     * Σ_l lanes[l] by halving: lanes[l] += lanes[l + h] for h = LANES/2, LANES/4, …, 1 (each
     * halving a vectorised loop); overwrites the lanes.
     */
    static double sumOfLanes(double[] lanes) {
        for (int h = LANES / 2; h >= 1; h /= 2) {
            for (int l = 0; l < h; l++) {
                lanes[l] += lanes[l + h];
            }
        }
        return lanes[0];
    }
}
