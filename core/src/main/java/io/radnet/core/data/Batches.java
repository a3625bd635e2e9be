package io.radnet.core.data;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The minibatches of one {@link Dataset} for a batch size B, with seeded shuffling and buffers
 * that are allocated once and reused every epoch.
 *
 * <p>An epoch visits the samples in the order of the current permutation π of {0, …, size−1}
 * (the identity until {@link #shuffle()} is first called): batch k holds the rows
 * π[k·B], …, π[min((k+1)·B, size) − 1], so there are ⌈size/B⌉ batches, all of B rows except
 * a last, partial one of size mod B rows when B does not divide the size. Batch rows are
 * gathered with {@link Backend#gatherRows} into one pair of buffers for full batches and one
 * for the partial batch.
 *
 * <p>Once the order is shuffled, the first batch of the epoch gathers the whole data set in the
 * order π into a second pair of tensors (allocated at the first shuffle, the data set's size),
 * and every batch is then the consecutive rows k·B, …, of that copy. Both ways give every batch
 * the same rows in the same order; the copy is for the native backends' column-major tensors,
 * where the B rows of a batch are B scattered entries in each of the data set's columns — for
 * 10,000 × 784 inputs a cache miss per entry, a third of an MLP epoch — while the whole
 * permutation reads each column (80 KB) once, from cache, and the batches then read runs of B
 * consecutive entries per column. {@link #shuffle()} itself only draws π, so replaying the
 * permutations of a checkpoint gathers nothing.
 *
 * <p>{@link #shuffle()} draws a uniformly random permutation (Fisher–Yates) from a
 * {@link SplittableRandom} seeded once at construction, so the sequence of permutations is a
 * function of the seed alone: the e-th call gives the same permutation for the same seed.
 *
 * <p>When B ≥ size there is a single full batch, and it is the data set's own tensors in their
 * own order, without a copy (a mean loss and its gradient do not depend on the order of the
 * samples); shuffling still advances the permutation but does not change that batch.
 *
 * <p>Not thread-safe. A {@link Batch} returned by {@link #batch(int)} is a view of reusable
 * buffers, valid until the next call of {@link #batch(int)}.
 */
public final class Batches {
    private final Dataset data;
    private final int batchSize;
    private final int count;
    private final int[] order;
    private final SplittableRandom random;
    private final Batch fullBatch;
    private final Batch partialBatch;
    private final int[] fullIndices;
    private final int[] partialIndices;
    /** The data set's inputs and targets in the order π; null until the first shuffle. */
    private Tensor permutedInputs;
    private Tensor permutedTargets;
    /** True when π has been shuffled and the permuted copies do not hold it yet. */
    private boolean copiesStale;

    Batches(Dataset data, int batchSize, long seed) {
        this.data = Objects.requireNonNull(data, "data");
        requireBatchSize(batchSize);
        int n = data.size();
        this.batchSize = Math.min(batchSize, n);
        this.count = data.batchesPerEpoch(this.batchSize);
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.random = new SplittableRandom(seed);
        Backend b = data.backend();
        if (this.batchSize == n) {
            fullBatch = new Batch(data.inputs(), data.targets());
            fullIndices = null;
            partialBatch = null;
            partialIndices = null;
        } else {
            fullBatch = new Batch(b.zeros(this.batchSize, data.inputWidth()), b.zeros(this.batchSize, data.targetWidth()));
            fullIndices = new int[this.batchSize];
            int rest = n % this.batchSize;
            if (rest > 0) {
                partialBatch = new Batch(b.zeros(rest, data.inputWidth()), b.zeros(rest, data.targetWidth()));
                partialIndices = new int[rest];
            } else {
                partialBatch = null;
                partialIndices = null;
            }
        }
    }

    static void requireBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
    }

    /** @return the data set the batches are drawn from */
    public Dataset dataset() {
        return data;
    }

    /** @return B, the rows of every batch but a partial last one (at most the data set's size) */
    public int batchSize() {
        return batchSize;
    }

    /** @return ⌈size/B⌉, the number of batches per epoch */
    public int count() {
        return count;
    }

    /** @return true if the epoch is one batch holding the whole data set */
    public boolean isFullBatch() {
        return count == 1;
    }

    /**
     * @param k a batch index, 0 ≤ k &lt; {@link #count()}
     * @return the number of rows of batch k: B, or size mod B for a partial last batch
     */
    public int rowsOf(int k) {
        checkIndex(k);
        return (int) Math.min(batchSize, data.size() - (long) k * batchSize);
    }

    /**
     * Draws the next permutation of the samples (Fisher–Yates from the identity, with the
     * seeded generator): the batches of the next epoch.
     */
    public void shuffle() {
        int n = order.length;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        copiesStale = fullIndices != null;
    }

    /** @return a copy of the current permutation π (sample order of the epoch) */
    public int[] order() {
        return order.clone();
    }

    /**
     * Gathers batch k of the current permutation into the reusable buffers.
     *
     * @param k a batch index, 0 ≤ k &lt; {@link #count()}
     * @return the batch, a view of buffers overwritten by the next call (for a single full
     *     batch: the data set's own tensors)
     * @throws IllegalArgumentException if k is out of range
     */
    public Batch batch(int k) {
        checkIndex(k);
        if (fullIndices == null) {
            return fullBatch;
        }
        int rows = rowsOf(k);
        boolean partial = rows != batchSize;
        int[] indices = partial ? partialIndices : fullIndices;
        Batch target = partial ? partialBatch : fullBatch;
        Backend b = data.backend();
        Tensor inputs = data.inputs();
        Tensor targets = data.targets();
        if (copiesStale) {
            if (permutedInputs == null) {
                permutedInputs = b.zeros(data.size(), data.inputWidth());
                permutedTargets = b.zeros(data.size(), data.targetWidth());
            }
            b.gatherRows(inputs, order, permutedInputs);
            b.gatherRows(targets, order, permutedTargets);
            copiesStale = false;
        }
        if (permutedInputs == null) {
            System.arraycopy(order, k * batchSize, indices, 0, rows);
        } else {
            inputs = permutedInputs;
            targets = permutedTargets;
            for (int i = 0; i < rows; i++) {
                indices[i] = k * batchSize + i;
            }
        }
        b.gatherRows(inputs, indices, target.inputs);
        b.gatherRows(targets, indices, target.targets);
        return target;
    }

    private void checkIndex(int k) {
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("batch index must be in 0.." + (count - 1) + ", got " + k);
        }
    }

    /** One minibatch: inputs (rows × d) and targets (rows × k), views of reusable buffers. */
    public static final class Batch {
        private final Tensor inputs;
        private final Tensor targets;

        Batch(Tensor inputs, Tensor targets) {
            this.inputs = inputs;
            this.targets = targets;
        }

        /** @return the inputs, rows × d; must not be modified */
        public Tensor inputs() {
            return inputs;
        }

        /** @return the targets, rows × k; must not be modified */
        public Tensor targets() {
            return targets;
        }

        /** @return the number of samples in the batch */
        public int rows() {
            return inputs.rows();
        }
    }

    @Override
    public String toString() {
        return "Batches(" + count + " of " + batchSize + " rows over " + data + ")";
    }
}
