package io.radnet.core.data;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.io.DataTensors;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory supervised data set: inputs X (size × d, one sample per row) and targets Y
 * (size × k, row s the target of sample s), both on one backend.
 *
 * <p>Invariants, checked once on construction: X and Y belong to the same backend, have the
 * same number of rows, at least one row and one column each, and hold finite values only. The
 * tensors are adopted, not copied (a data set may be large): the caller must not modify them
 * afterwards.
 *
 * <p>Minibatches are drawn with {@link #batches(int, long)}, which gathers the rows of each
 * batch into buffers it reuses.
 */
public final class Dataset {
    private final Tensor inputs;
    private final Tensor targets;

    private Dataset(Tensor inputs, Tensor targets) {
        this.inputs = inputs;
        this.targets = targets;
    }

    /**
     * @param inputs X, size × d; adopted, not copied
     * @param targets Y, size × k (for a classification loss: size × 1 class indices); adopted
     * @return the data set
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if X and Y belong to different backends, have
     *     different numbers of rows, have no rows or no columns, or hold NaN or ∞ (naming the
     *     tensor and the first offending entry)
     */
    public static Dataset of(Tensor inputs, Tensor targets) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.backend() != targets.backend()) {
            throw new IllegalArgumentException("a data set's inputs (" + inputs.shape() + ") belong to backend '"
                    + inputs.backend().name() + "' but its targets (" + targets.shape() + ") to '"
                    + targets.backend().name() + "'; convert one with Backend.copyOf");
        }
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("a data set needs one target row per input row, but the inputs are "
                    + inputs.shape() + " and the targets " + targets.shape());
        }
        if (inputs.rows() == 0) {
            throw new IllegalArgumentException("a data set needs at least one sample, but the inputs are "
                    + inputs.shape() + " and the targets " + targets.shape());
        }
        if (inputs.cols() == 0 || targets.cols() == 0) {
            throw new IllegalArgumentException("a data set needs at least one input and one target column, but the inputs are "
                    + inputs.shape() + " and the targets " + targets.shape());
        }
        Backend b = inputs.backend();
        b.requireAllFinite("data set", "inputs", inputs);
        b.requireAllFinite("data set", "targets", targets);
        return new Dataset(inputs, targets);
    }

    /**
     * @param tensors inputs and targets as a reader returns them (e.g. {@code CsvData}); adopted
     * @return the data set
     * @throws IllegalArgumentException as {@link #of(Tensor, Tensor)}
     */
    public static Dataset of(DataTensors tensors) {
        Objects.requireNonNull(tensors, "tensors");
        return of(tensors.inputs(), tensors.targets());
    }

    /**
     * @param backend the backend to hold the tensors
     * @param inputs the input rows, all of one length d ≥ 1; copied
     * @param targets the target rows, all of one length k ≥ 1; copied
     * @return the data set
     * @throws IllegalArgumentException as {@link #of(Tensor, Tensor)}, or if rows are ragged
     */
    public static Dataset fromRows(Backend backend, double[][] inputs, double[][] targets) {
        Objects.requireNonNull(backend, "backend");
        return of(backend.fromRows(inputs), backend.fromRows(targets));
    }

    /** @return the backend both tensors belong to */
    public Backend backend() {
        return inputs.backend();
    }

    /** @return the number of samples (rows), ≥ 1 */
    public int size() {
        return inputs.rows();
    }

    /** @return d, the number of input columns */
    public int inputWidth() {
        return inputs.cols();
    }

    /** @return k, the number of target columns */
    public int targetWidth() {
        return targets.cols();
    }

    /** @return X (size × d), live: must not be modified */
    public Tensor inputs() {
        return inputs;
    }

    /** @return Y (size × k), live: must not be modified */
    public Tensor targets() {
        return targets;
    }

    /**
     * @param backend another backend (or this one)
     * @return a copy of this data set on the given backend
     */
    public Dataset copyTo(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        return new Dataset(backend.copyOf(inputs), backend.copyOf(targets));
    }

    /**
     * The rows at the given indices, in that order (train/test splits, resampling).
     *
     * @param rows row indices in [0, size), at least one; repeats allowed; not modified
     * @return a new data set holding copies of those rows
     * @throws IllegalArgumentException if rows is empty or an index is out of range
     */
    public Dataset subset(int[] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("a subset needs at least one row");
        }
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= size()) {
                throw new IllegalArgumentException("subset: rows[" + k + "] = " + rows[k] + " is not a row of a data set of "
                        + size() + " samples");
            }
        }
        Backend b = backend();
        Tensor x = b.zeros(rows.length, inputWidth());
        Tensor y = b.zeros(rows.length, targetWidth());
        b.gatherRows(inputs, rows, x);
        b.gatherRows(targets, rows, y);
        return new Dataset(x, y);
    }

    /**
     * @return {mean, deviation}: the mean and the population standard deviation of every entry of
     *     X together (one pair for all columns, as images are standardised by their pixels' mean
     *     and deviation), from Σx and Σx² over the size·d entries
     */
    public double[] inputMeanAndDeviation() {
        Backend b = backend();
        double count = (double) inputs.rows() * inputs.cols();
        double mean = b.sum(inputs) / count;
        double variance = Math.max(0.0, b.dot(inputs, inputs) / count - mean * mean);
        return new double[] {mean, Math.sqrt(variance)};
    }

    /**
     * @param mean μ, finite
     * @param deviation σ, finite and &gt; 0
     * @return a new data set with inputs (X − μ)/σ entrywise and a copy of the same targets
     * @throws IllegalArgumentException if μ is not finite or σ is not positive and finite (e.g.
     *     the deviation of constant inputs)
     */
    public Dataset standardizedInputs(double mean, double deviation) {
        if (!Double.isFinite(mean) || !(deviation > 0) || !Double.isFinite(deviation)) {
            throw new IllegalArgumentException("standardizing needs a finite mean and a positive finite deviation, got mean "
                    + mean + " and deviation " + deviation);
        }
        Backend b = backend();
        Tensor x = b.copyOf(inputs);
        b.addScalar(x, -mean, x);
        b.scale(1.0 / deviation, x, x);
        return new Dataset(x, b.copyOf(targets));
    }

    /**
     * The samples of some classes, for training on a subset of the classes (e.g. pre-training on
     * classes 0–4): the rows whose target, a class index in the one target column, is one of the
     * given classes, in this data set's order. Class indices keep their values (a network with
     * c outputs still sees labels in [0, c)).
     *
     * @param classes the class indices to keep, at least one, each ≥ 0; repeats are ignored;
     *     not modified
     * @return a new data set holding copies of those rows
     * @throws IllegalArgumentException if no class is given, a class is negative, the targets
     *     have more than one column (not class indices), or no sample belongs to the classes
     */
    public Dataset ofClasses(int... classes) {
        Objects.requireNonNull(classes, "classes");
        if (classes.length == 0) {
            throw new IllegalArgumentException("ofClasses: name at least one class");
        }
        if (targetWidth() != 1) {
            throw new IllegalArgumentException("ofClasses needs one target column of class indices, but the targets are "
                    + targets.shape());
        }
        int largest = 0;
        for (int c : classes) {
            if (c < 0) {
                throw new IllegalArgumentException("ofClasses: a class index must be non-negative, got " + c);
            }
            largest = Math.max(largest, c);
        }
        boolean[] kept = new boolean[largest + 1];
        for (int c : classes) {
            kept[c] = true;
        }
        double[] labels = targets.toRowMajor();
        int[] rows = new int[labels.length];
        int count = 0;
        for (int r = 0; r < labels.length; r++) {
            double label = labels[r];
            if (label >= 0 && label <= largest && label == Math.rint(label) && kept[(int) label]) {
                rows[count++] = r;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("ofClasses: none of the " + size() + " samples belongs to the classes "
                    + Arrays.toString(classes));
        }
        return subset(Arrays.copyOf(rows, count));
    }

    /**
     * @param batchSize the number of rows per batch, ≥ 1
     * @return ⌈size / batchSize⌉, the number of batches in one epoch (1 for a full batch)
     * @throws IllegalArgumentException if batchSize &lt; 1
     */
    public int batchesPerEpoch(int batchSize) {
        Batches.requireBatchSize(batchSize);
        return (int) ((size() + (long) batchSize - 1) / batchSize);
    }

    /**
     * Minibatches of this data set with reusable buffers and seeded shuffling; see
     * {@link Batches}.
     *
     * @param batchSize the number of rows per batch, ≥ 1; a size ≥ {@link #size()} means one
     *     full batch
     * @param seed the seed of the shuffles
     * @return a new batcher
     * @throws IllegalArgumentException if batchSize &lt; 1
     */
    public Batches batches(int batchSize, long seed) {
        return new Batches(this, batchSize, seed);
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " samples, inputs " + inputs.shape() + ", targets " + targets.shape() + ", on "
                + backend().name() + ")";
    }
}
