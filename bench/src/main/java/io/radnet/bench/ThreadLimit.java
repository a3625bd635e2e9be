package io.radnet.bench;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.concurrency.EjmlConcurrency;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Limits the threads a backend's kernels use, for the single-threaded and all-cores runs.
 *
 * <ul>
 *   <li>ejml: the size of EJML's thread pool ({@link EjmlConcurrency#setMaxThreads(int)});</li>
 *   <li>nd4j: OpenBLAS's threads (products and QR) and ND4J's OpenMP pool (its native
 *       entrywise ops);</li>
 *   <li>jblas: nothing to limit; its OpenBLAS is built single-threaded and is not safe for
 *       concurrent callers, so every product and QR runs on the calling thread, one at a time
 *       ({@code JblasBackend.threads()} is 1).</li>
 * </ul>
 */
public final class ThreadLimit {
    private ThreadLimit() {
    }

    /**
     * @param threads {@code 1}, a positive count, or {@code all} (one per available processor)
     * @return the thread count
     * @throws IllegalArgumentException for anything else
     */
    public static int parse(String threads) {
        if ("all".equals(threads)) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int count = Integer.parseInt(threads);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("threads must be a positive count or 'all', got '" + threads + "'");
    }

    /**
     * @param backend the backend's name
     * @param threads the thread count, ≥ 1
     * @throws IllegalArgumentException for an unknown backend
     */
    public static void apply(String backend, int threads) {
        switch (backend) {
            case "ejml" -> EjmlConcurrency.setMaxThreads(threads);
            case "nd4j" -> {
                openblas_nolapack.blas_set_num_threads(threads);
                Nd4j.getEnvironment().setMaxThreads(threads);
                Nd4j.getEnvironment().setMaxMasterThreads(threads);
            }
            case "jblas" -> {
                // nothing to limit: see the class documentation
            }
            default -> throw new IllegalArgumentException("no thread limit is known for backend '" + backend + "'");
        }
    }
}
