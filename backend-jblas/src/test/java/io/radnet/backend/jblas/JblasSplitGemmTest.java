package io.radnet.backend.jblas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.jblas.NativeBlas;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A product split into column blocks on several threads is bit for bit the single
 * {@code dgemm} call, for every thread count: the determinism {@link JblasSplitGemm} promises.
 */
class JblasSplitGemmTest {
    @BeforeAll
    static void loadJblas() {
        new JblasBackendProvider().create();
    }

    private static double[] seeded(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return values;
    }

    @ParameterizedTest(name = "{0}{1} m={2} n={3} k={4} beta={5}")
    @CsvSource({
        "N, N, 300, 257, 301, 0.0",
        "N, N, 512, 786, 512, 0.0",
        "T, N, 257, 300, 260, 0.5",
        "N, T, 129, 513, 260, 1.0",
        "T, T, 200, 199, 431, -2.0",
        "N, N, 7, 5000, 700, 0.0",
        "N, N, 1024, 787, 1024, 0.0",
    })
    void everyThreadCountGivesTheBitsOfOneCall(char transA, char transB, int m, int n, int k, double beta) {
        int lda = transA == 'N' ? m : k;
        int ldb = transB == 'N' ? k : n;
        double[] a = seeded(m * k, 1);
        double[] b = seeded(k * n, 2);
        double[] initial = seeded(m * n, 3);
        double[] expected = initial.clone();
        NativeBlas.dgemm(transA, transB, m, n, k, 0.75, a, 0, lda, b, 0, ldb, beta, expected, 0, m);
        for (int threads = 1; threads <= 4; threads++) {
            double[] actual = initial.clone();
            JblasSplitGemm.dgemm(threads, transA, transB, m, n, k, 0.75, a, lda, b, ldb, beta, actual, 0, m);
            assertArrayEquals(expected, actual, threads + " threads");
        }
    }

    @ParameterizedTest(name = "C at offset {0}, leading dimension {1}")
    @CsvSource({"0, 300", "7, 311"})
    void blocksLandInTheirColumnsOfALargerArray(int offset, int ldc) {
        int m = 300;
        int n = 257;
        int k = 301;
        double[] a = seeded(m * k, 4);
        double[] b = seeded(k * n, 5);
        double[] initial = seeded(offset + ldc * n, 6);
        double[] expected = initial.clone();
        NativeBlas.dgemm('N', 'N', m, n, k, 1.0, a, 0, m, b, 0, k, 0.0, expected, offset, ldc);
        double[] actual = initial.clone();
        JblasSplitGemm.dgemm(2, 'N', 'N', m, n, k, 1.0, a, m, b, k, 0.0, actual, offset, ldc);
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0} threads, {1}×{2}×{3}: {4} blocks")
    @CsvSource({
        "1, 2048, 786, 2048, 1",
        "2, 2048, 786, 2048, 2",
        "2, 255, 256, 256, 1",
        "2, 256, 256, 256, 2",
        "8, 256, 256, 256, 4",
        "2, 100000, 100, 100, 1",
    })
    void onlyLargeProductsWithEnoughColumnsAreSplit(int threads, int m, int n, int k, int blocks) {
        assertEquals(blocks, JblasSplitGemm.blocks(threads, m, n, k));
    }
}
