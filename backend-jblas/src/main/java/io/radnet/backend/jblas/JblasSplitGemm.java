package io.radnet.backend.jblas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jblas.NativeBlas;

/**
 * Large products on several cores although jblas's OpenBLAS is single-threaded: column-major
 * C (m × n) ← α·op(A)·op(B) + β·C as one {@code dgemm} per block of C's columns, the blocks on
 * up to {@code threads} threads at once (the caller's and daemon workers).
 *
 * <p><b>Same result for any thread count.</b> Column j of C is α·op(A)·op(B)[:, j] + β·C[:, j];
 * each block's {@code dgemm} computes its columns from the same operands with the same inner
 * dimension k, so OpenBLAS's blocking of k and its summation order per entry are those of the
 * one call over all n columns, and the products agree bit for bit with it
 * ({@code JblasSplitGemmTest} checks this for every thread count, shape and transpose it tries).
 *
 * <p><b>Why every block but the first gets its own array.</b> jblas passes Java arrays to
 * OpenBLAS through JNI copies ({@code GetDoubleArrayElements}) and copies the whole output array
 * back when the call returns ({@code ReleaseDoubleArrayElements}, mode 0), so two concurrent calls
 * writing into one array would each overwrite the other's columns with stale copies. The first
 * block is written into C by the caller's thread; the others into arrays of their own, copied
 * into C after every block is done.
 *
 * <p>Products below {@link #SPLIT_FROM_MULTIPLY_ADDS} multiply-adds run as one call: a hand-off
 * to a worker costs tens of microseconds and the JNI copies of A and B are made once per block.
 */
final class JblasSplitGemm {
    /**
     * Products of at least this many multiply-adds (m·n·k) are split: 2048 × 2048 × 786, the
     * product of QR-compress of (784, 2048³, 10), has 3.3·10⁹ and 256 × 256 × 256 has 1.7·10⁷,
     * where one {@code dgemm} takes about 0.7 ms and the copies and the hand-off stay under 5 %.
     */
    static final double SPLIT_FROM_MULTIPLY_ADDS = 16_777_216.0;
    /** Each block has at least this many columns. */
    static final int MIN_BLOCK_COLUMNS = 64;
    /**
     * Every block but the last starts and ends at a multiple of this many columns, a multiple of
     * the widths (4, 8, 12, 16, 24) of OpenBLAS's dgemm micro-kernels: the columns of each block
     * then fall into the same micro-kernel tiles as in the single call, and a narrower tail
     * kernel, which may sum in another order, runs only on the last columns of C in both.
     */
    static final int BLOCK_ALIGNMENT = 48;

    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();
    private static volatile ExecutorService workers;

    private JblasSplitGemm() {
    }

    /**
     * C ← α·op(A)·op(B) + β·C in column-major storage (the BLAS {@code dgemm} arguments).
     *
     * @param threads the threads the product may use, ≥ 1
     * @param transA 'N' or 'T' @param transB 'N' or 'T'
     * @param m rows of C @param n columns of C @param k the inner dimension
     * @param alpha α @param a A's array @param lda A's leading dimension
     * @param b B's array @param ldb B's leading dimension
     * @param beta β (with β = 0 C's entries are not read)
     * @param c C's array @param cOffset C's first entry in c @param ldc C's leading dimension
     */
    static void dgemm(int threads, char transA, char transB, int m, int n, int k, double alpha, double[] a, int lda,
                      double[] b, int ldb, double beta, double[] c, int cOffset, int ldc) {
        int blocks = blocks(threads, m, n, k);
        if (blocks == 1) {
            NativeBlas.dgemm(transA, transB, m, n, k, alpha, a, 0, lda, b, 0, ldb, beta, c, cOffset, ldc);
            return;
        }
        int[] first = new int[blocks + 1];
        for (int block = 0; block <= blocks; block++) {
            first[block] = block == blocks ? n : (int) ((long) n * block / blocks) / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT;
        }
        List<Future<double[]>> others = new ArrayList<>(blocks - 1);
        for (int block = 1; block < blocks; block++) {
            int from = first[block];
            int columns = first[block + 1] - from;
            others.add(workers().submit(() -> {
                double[] part = new double[m * columns];
                if (beta != 0.0) {
                    copyColumns(c, cOffset + from * ldc, ldc, part, 0, m, m, columns);
                }
                NativeBlas.dgemm(transA, transB, m, columns, k, alpha, a, 0, lda, b, offsetOfColumn(transB, from, ldb),
                        ldb, beta, part, 0, m);
                return part;
            }));
        }
        try {
            NativeBlas.dgemm(transA, transB, m, first[1], k, alpha, a, 0, lda, b, 0, ldb, beta, c, cOffset, ldc);
        } finally {
            for (int block = 1; block < blocks; block++) {
                double[] part = join(others.get(block - 1));
                copyColumns(part, 0, m, c, cOffset + first[block] * ldc, ldc, m, first[block + 1] - first[block]);
            }
        }
    }

    /**
     * @return how many column blocks the product is computed in: 1 below the size threshold or
     *     with one thread, else min(threads, n / {@value #MIN_BLOCK_COLUMNS})
     */
    static int blocks(int threads, int m, int n, int k) {
        if (threads <= 1 || (double) m * n * k < SPLIT_FROM_MULTIPLY_ADDS) {
            return 1;
        }
        return Math.max(1, Math.min(threads, n / MIN_BLOCK_COLUMNS));
    }

    /** @return the offset in B's array of op(B)'s column j */
    private static int offsetOfColumn(char transB, int column, int ldb) {
        return transB == 'N' ? column * ldb : column;
    }

    private static void copyColumns(double[] src, int srcOffset, int ldSrc, double[] dst, int dstOffset, int ldDst,
                                    int rows, int columns) {
        if (ldSrc == rows && ldDst == rows) {
            System.arraycopy(src, srcOffset, dst, dstOffset, rows * columns);
            return;
        }
        for (int j = 0; j < columns; j++) {
            System.arraycopy(src, srcOffset + j * ldSrc, dst, dstOffset + j * ldDst, rows);
        }
    }

    private static double[] join(Future<double[]> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a block of a jblas product failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The daemon workers, created at the first split product; they idle in a queue between products. */
    private static ExecutorService workers() {
        ExecutorService pool = workers;
        if (pool == null) {
            synchronized (JblasSplitGemm.class) {
                pool = workers;
                if (pool == null) {
                    pool = Executors.newCachedThreadPool(task -> {
                        Thread thread = new Thread(task, "radnet-jblas-gemm-" + WORKER_NUMBER.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                    workers = pool;
                }
            }
        }
        return pool;
    }
}
