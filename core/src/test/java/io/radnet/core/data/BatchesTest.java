package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Minibatches: ⌈size/B⌉ batches of a seeded permutation, a correct partial last batch, the same
 * permutations for the same seed, and the data set itself as the full batch.
 */
class BatchesTest {
    /** Ten samples whose input is (i, −i) and whose target is 100 + i, so rows are traceable. */
    private static Dataset tenSamples(Backend b) {
        double[][] x = new double[10][];
        double[][] y = new double[10][];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[] {i, -i};
            y[i] = new double[] {100 + i};
        }
        return Dataset.fromRows(b, x, y);
    }

    private static boolean isPermutation(int[] order) {
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] != i) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void batchesFollowTheCurrentPermutationWithAPartialLastBatch(String backend) {
        Backend b = Backends.get(backend);
        Batches batches = tenSamples(b).batches(4, 7L);
        assertEquals(3, batches.count());
        assertEquals(4, batches.rowsOf(0));
        assertEquals(4, batches.rowsOf(1));
        assertEquals(2, batches.rowsOf(2));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, batches.order(), "unshuffled: the data's order");
        batches.shuffle();
        int[] order = batches.order();
        for (int k = 0; k < batches.count(); k++) {
            Batches.Batch batch = batches.batch(k);
            assertEquals(batches.rowsOf(k), batch.rows());
            assertHoldsTheSamplesOf(order, 4 * k, batch, "batch " + k);
        }
    }

    /** Each row r of the batch is sample order[first + r] of {@link #tenSamples}. */
    private static void assertHoldsTheSamplesOf(int[] order, int first, Batches.Batch batch, String which) {
        for (int r = 0; r < batch.rows(); r++) {
            int sample = order[first + r];
            assertEquals(sample, batch.inputs().get(r, 0), 0.0, which + ", row " + r);
            assertEquals(-sample, batch.inputs().get(r, 1), 0.0, which + ", row " + r);
            assertEquals(100 + sample, batch.targets().get(r, 0), 0.0, which + ", row " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyBatchHoldsTheRowsOfTheLatestPermutationInAnyReadingOrderAndTheDataSetStaysAsItWas(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tenSamples(b);
        Batches batches = data.batches(4, 11L);
        for (int round = 0; round < 4; round++) {
            batches.shuffle();
            if (round % 2 == 0) {
                batches.shuffle();
            }
            int[] order = batches.order();
            for (int k : new int[] {2, 0, 1, 0}) {
                assertHoldsTheSamplesOf(order, 4 * k, batches.batch(k), "round " + round + ", batch " + k);
            }
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(i, data.inputs().get(i, 0), 0.0, "the data set's own rows are never reordered");
            assertEquals(100 + i, data.targets().get(i, 0), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void shufflesArePermutationsDeterminedByTheSeed(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tenSamples(b);
        Batches first = data.batches(3, 42L);
        Batches again = data.batches(3, 42L);
        Batches other = data.batches(3, 43L);
        boolean anyDifferent = false;
        boolean anyShuffled = false;
        for (int epoch = 0; epoch < 5; epoch++) {
            first.shuffle();
            again.shuffle();
            other.shuffle();
            assertTrue(isPermutation(first.order()), Arrays.toString(first.order()));
            assertArrayEquals(first.order(), again.order(), "epoch " + epoch + ": same seed, same order");
            anyDifferent |= !Arrays.equals(first.order(), other.order());
            anyShuffled |= !Arrays.equals(first.order(), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        }
        assertTrue(anyDifferent, "another seed gives other permutations");
        assertTrue(anyShuffled, "shuffling changes the order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theFullBatchIsTheDataSetItself(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tenSamples(b);
        for (int size : new int[] {10, 11, Integer.MAX_VALUE}) {
            Batches batches = data.batches(size, 1L);
            assertTrue(batches.isFullBatch());
            assertEquals(1, batches.count());
            assertEquals(10, batches.batchSize());
            batches.shuffle();
            assertSame(data.inputs(), batches.batch(0).inputs());
            assertSame(data.targets(), batches.batch(0).targets());
        }
        assertFalse(data.batches(9, 1L).isFullBatch());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void evenBatchesReuseOneBufferAndBadIndicesAreRejected(String backend) {
        Backend b = Backends.get(backend);
        Batches batches = tenSamples(b).batches(5, 3L);
        assertEquals(2, batches.count());
        assertSame(batches.batch(0).inputs(), batches.batch(1).inputs(), "the buffers are reused");
        assertThrows(IllegalArgumentException.class, () -> batches.batch(2));
        assertThrows(IllegalArgumentException.class, () -> batches.batch(-1));
        assertThrows(IllegalArgumentException.class, () -> tenSamples(b).batches(0, 3L));
    }
}
