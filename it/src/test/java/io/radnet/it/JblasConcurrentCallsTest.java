package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Threads that share the JBLAS backend get the bits of one thread. jblas's OpenBLAS is not safe
 * for concurrent callers (built without threading, before OpenBLAS's {@code USE_LOCKING}):
 * without the backend's lock around its native calls, two products at once can share its work
 * buffers and return wrong numbers (1 in about 4,000 calls two at a time on this project's
 * machine), so these checks fail intermittently without the lock and never with it.
 */
class JblasConcurrentCallsTest {
    private static final int THREADS = 3;

    private static double[] seeded(int length, long seed) {
        return new SplittableRandom(seed).doubles(length, -1, 1).toArray();
    }

    private static <T> List<T> onThreads(int tasks, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Backend jblas() {
        assumeTrue(AvailableBackends.names().anyMatch("jblas"::equals), "jblas is not available");
        return Backends.get("jblas");
    }

    @Test
    void productsOnSeveralThreadsAtOnceGiveTheBitsOfOneThread() throws Exception {
        Backend jblas = jblas();
        assertEquals(1, jblas.threads(), "every native call runs on its caller's thread, one at a time");
        Tensor a = jblas.fromRowMajor(431, 200, seeded(431 * 200, 1));
        Tensor b = jblas.fromRowMajor(64, 431, seeded(64 * 431, 2));
        double[] expected = jblas.matmul(a, Transpose.TRANSPOSED, b, Transpose.TRANSPOSED).toRowMajor();
        List<Integer> wrong = onThreads(THREADS * 4, () -> {
            int mismatches = 0;
            for (int call = 0; call < 150; call++) {
                try (Tensor product = jblas.matmul(a, Transpose.TRANSPOSED, b, Transpose.TRANSPOSED)) {
                    if (!Arrays.equals(expected, product.toRowMajor())) {
                        mismatches++;
                    }
                }
            }
            return mismatches;
        });
        assertEquals(0, wrong.stream().mapToInt(Integer::intValue).sum(), "products that differ from one thread's");
    }

    @Test
    void compressionsOnSeveralThreadsAtOnceGiveTheBitsOfOneThread() throws Exception {
        Backend jblas = jblas();
        int[] widths = {160, 512, 512, 512, 10};
        Callable<List<double[]>> compress = () -> {
            RadialNetwork network = RadialNetwork.initialized(jblas, widths, RadialProfiles.sigmoid(), 41);
            try (CompressedNetwork compressed = QrCompression.compress(network)) {
                return compressed.network().parameters().tensors().stream().map(Tensor::toRowMajor).toList();
            }
        };
        List<double[]> alone = compress.call();
        for (List<double[]> together : onThreads(THREADS * 2, compress)) {
            for (int k = 0; k < alone.size(); k++) {
                assertArrayEquals(alone.get(k), together.get(k), "reduced tensor " + k);
            }
        }
    }
}
