package io.radnet.spark;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.data.Batches;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.StopReason;
import io.radnet.experiments.ExperimentListener;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel training on Spark. The N samples are split into P partitions of contiguous
 * rows [⌊pN/P⌋, ⌊(p+1)N/P⌋), read by the executors from {@link TrainingShards} and cached
 * there. Every optimizer step:
 * <ol>
 * <li>the driver broadcasts the parameters θ as one plain {@code double[]} (never backend
 *     tensors or native handles);</li>
 * <li>each partition p builds the network on its executor's backend ({@link Builder#backend}, or
 *     by the normal rules of {@link Backends#defaultBackend()}), sets θ, and computes, over its n_p rows of the batch,
 *     the loss L_p and gradient g_p = ∇L_p of the loss's mean over those rows; it contributes
 *     (n_p / B)·(g_p, L_p), B the batch's rows;</li>
 * <li>{@code treeAggregate} sums the contributions, Σ_p (n_p/B)·g_p = ∇L of the batch mean, in
 *     the fixed order ((v₀ + v₁) + v₂) + … ({@link OrderedSum}), so the sum does not depend on
 *     which task finishes first;</li>
 * <li>the driver's {@link Optimizer} steps θ with that gradient, exactly as the single-machine
 *     {@link io.radnet.core.optim.Trainer} does.</li>
 * </ol>
 * Full batch (the default): one step per epoch; the epoch's loss is the loss before the update.
 * Minibatches ({@link Builder#batchSize}): the epoch's batches are the single-machine trainer's
 * for the same seed (the permutations of {@link Batches#shuffle()}), one step per batch, the
 * epoch's loss the sample-weighted mean of its batches' losses. Both are deterministic: the
 * same data, partitions, seed and backend give bitwise the same parameters on any cluster and
 * schedule. Against the single-machine run they differ only by the order of the sums (the
 * batch split into partitions), i.e. by rounding.
 */
public final class DataParallelTrainer {
    private final JavaSparkContext spark;
    private final TrainingShards data;
    private final int partitions;
    private final NetworkFactory networkFactory;
    private final LossFactory lossFactory;
    private final int maxEpochs;
    private final double targetLoss;
    private final int batchSize;
    private final long seed;
    private final ExperimentListener listener;
    private final String backend;

    /** Makes the network on an executor: the same architecture as the driver's, any parameters. */
    @FunctionalInterface
    public interface NetworkFactory extends Serializable {
        /**
         * @param backend the executor's backend
         * @return a network of the trained architecture on it (its parameters are overwritten)
         */
        Network create(Backend backend);
    }

    /** Makes the loss on an executor. */
    @FunctionalInterface
    public interface LossFactory extends Serializable {
        /** @return the training loss, a mean over the batch's rows */
        Loss create();
    }

    /**
     * The outcome of a run.
     *
     * @param epochs the epochs run, ≥ 1
     * @param losses the loss of every epoch, index e − 1 for epoch e
     * @param stopReason why it stopped: {@link StopReason#TARGET_LOSS} or {@link StopReason#MAX_EPOCHS}
     * @param elapsed the wall time of the epochs
     * @param steps the optimizer steps, one Spark job each
     * @param partitions P
     */
    public record Result(int epochs, double[] losses, StopReason stopReason, Duration elapsed, int steps,
            int partitions) {
        /** @return the last epoch's loss */
        public double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    private DataParallelTrainer(Builder b) {
        this.spark = b.spark;
        this.data = b.data;
        this.partitions = b.partitions;
        this.networkFactory = b.networkFactory;
        this.lossFactory = b.lossFactory;
        this.maxEpochs = b.maxEpochs;
        this.targetLoss = b.targetLoss;
        this.batchSize = b.batchSize == 0 ? b.data.samples() : Math.min(b.batchSize, b.data.samples());
        this.seed = b.seed;
        this.listener = b.listener;
        this.backend = b.backend;
    }

    /**
     * @param spark the Spark context
     * @param data the samples, read by the executors
     * @param partitions P, 1 ≤ P ≤ N
     * @param networkFactory makes the trained architecture on an executor's backend
     * @param lossFactory makes the loss on an executor
     * @return a builder: full batch, at most 100 epochs, no target loss, seed 0
     * @throws IllegalArgumentException if P is outside 1 … N
     */
    public static Builder builder(JavaSparkContext spark, TrainingShards data, int partitions,
            NetworkFactory networkFactory, LossFactory lossFactory) {
        return new Builder(spark, data, partitions, networkFactory, lossFactory);
    }

    /**
     * Trains {@code network}'s parameters in place.
     *
     * @param network the driver's network, of the factory's architecture; its parameters are θ
     * @param optimizer the optimizer, stepped on the driver
     * @return the epochs run and their losses
     * @throws IllegalArgumentException if the network's parameter count differs from the
     *     factory's network's, or its input width from the data's
     * @throws SparkRunException if a Spark job fails, or if the loss or the parameters become
     *     NaN or ∞ (θ is then left as before that epoch)
     */
    public Result train(Network network, Optimizer optimizer) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(optimizer, "optimizer");
        if (network.inputWidth() != data.inputWidth()) {
            throw new IllegalArgumentException("the network takes " + network.inputWidth() + " inputs but "
                    + data.describe() + " has " + data.inputWidth() + " input columns");
        }
        ParameterVector parameters = network.parameters();
        ParameterVector gradient = parameters.zerosLike();
        ParameterVector snapshot = parameters.zerosLike();
        int n = data.samples();
        JavaRDD<Shard> shards = shards();
        try {
            Batches batches = batchSize < n
                    ? Dataset.of(network.backend().zeros(n, 1), network.backend().zeros(n, 1)).batches(batchSize, seed)
                    : null;
            int count = batches == null ? 1 : batches.count();
            double[] history = new double[maxEpochs];
            long start = System.nanoTime();
            int steps = 0;
            int epoch = 0;
            StopReason reason = null;
            try (ExperimentListener.Task task = listener.start("train on Spark, " + partitions + " partitions", maxEpochs)) {
                while (reason == null) {
                    epoch++;
                    snapshot.copyFrom(parameters);
                    int[] order = null;
                    if (batches != null) {
                        batches.shuffle();
                        order = batches.order();
                    }
                    double total = 0.0;
                    double value = Double.NaN;
                    for (int k = 0; k < count; k++) {
                        int[] rows = order == null ? null
                                : Arrays.copyOfRange(order, k * batchSize, Math.min(n, (k + 1) * batchSize));
                        int batchRows = rows == null ? n : rows.length;
                        double[] sum = step(shards, parameters.flatten(), rows, batchRows);
                        value = sum[sum.length - 1];
                        if (!Double.isFinite(value)) {
                            parameters.copyFrom(snapshot);
                            throw new SparkRunException("training diverged in epoch " + epoch + ": the loss is " + value
                                    + "; the parameters were restored to their values before the epoch", null);
                        }
                        write(Arrays.copyOf(sum, sum.length - 1), gradient);
                        optimizer.step(parameters, gradient);
                        steps++;
                        total += value * batchRows;
                    }
                    if (!parameters.allFinite()) {
                        parameters.copyFrom(snapshot);
                        throw new SparkRunException("training diverged in epoch " + epoch + ": the update made the"
                                + " parameters NaN or infinite; they were restored to their values before the epoch", null);
                    }
                    double epochLoss = count == 1 ? value : total / n;
                    history[epoch - 1] = epochLoss;
                    task.stepTo(epoch, "loss " + String.format(Locale.ROOT, "%.6g", epochLoss));
                    if (epochLoss < targetLoss) {
                        reason = StopReason.TARGET_LOSS;
                    } else if (epoch >= maxEpochs) {
                        reason = StopReason.MAX_EPOCHS;
                    }
                }
                task.finish(epoch, "loss " + String.format(Locale.ROOT, "%.6g", history[epoch - 1]));
            }
            return new Result(epoch, Arrays.copyOf(history, epoch), reason, Duration.ofNanos(System.nanoTime() - start),
                    steps, partitions);
        } finally {
            shards.unpersist(false);
        }
    }

    private JavaRDD<Shard> shards() {
        int n = data.samples();
        List<Shard> list = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            list.add(new Shard(p, (int) ((long) p * n / partitions), (int) ((long) (p + 1) * n / partitions), data,
                    backend));
        }
        return spark.parallelize(list, partitions).persist(StorageLevel.MEMORY_ONLY());
    }

    /**
     * One step's Spark job.
     *
     * @param theta θ, flattened
     * @param rows the batch's sample indices, or null for the full batch
     * @param batchRows B
     * @return Σ_p (n_p/B)·(g_p, L_p): the gradient, then the loss as the last entry
     */
    private double[] step(JavaRDD<Shard> shards, double[] theta, int[] rows, int batchRows) {
        Broadcast<double[]> parameters = spark.broadcast(theta);
        int[] sortedRows = rows == null ? null : rows.clone();
        if (sortedRows != null) {
            Arrays.sort(sortedRows);
        }
        NetworkFactory networks = networkFactory;
        LossFactory losses = lossFactory;
        try {
            OrderedSum sum = shards.treeAggregate(OrderedSum.empty(),
                    (partial, shard) -> partial.add(shard.partition(),
                            shard.contribution(networks, losses, parameters.value(), sortedRows, batchRows)),
                    OrderedSum::merge);
            return sum.total(partitions);
        } catch (RuntimeException e) {
            throw SparkRunException.of("a training step on Spark", e);
        } finally {
            parameters.destroy();
        }
    }

    /** gradient ← the flat values, tensor by tensor in {@link ParameterVector#flatten()}'s order. */
    static void write(double[] values, ParameterVector target) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("the executors' network has " + values.length
                    + " parameters, the driver's " + target.size() + ": the factory makes another architecture");
        }
        int offset = 0;
        for (Tensor t : target.tensors()) {
            t.setRowMajor(Arrays.copyOfRange(values, offset, offset + t.size()));
            offset += t.size();
        }
    }

    /**
     * One partition: its rows, read on the executor at first use and kept there with the
     * network, its gradient buffer and the training pass of the last batch size (a pass reads
     * the live parameters, as the single-machine trainer reuses its pass across epochs) while
     * the RDD is cached.
     */
    static final class Shard implements Serializable {
        private static final long serialVersionUID = 1L;

        private final int partition;
        private final int from;
        private final int to;
        private final TrainingShards source;
        private final String backendName;
        private transient Dataset rows;
        private transient Network network;
        private transient Loss loss;
        private transient ParameterVector gradient;
        private transient TrainingPass pass;
        private transient Tensor outputGradient;

        Shard(int partition, int from, int to, TrainingShards source, String backendName) {
            this.partition = partition;
            this.backendName = backendName;
            this.from = from;
            this.to = to;
            this.source = source;
        }

        int partition() {
            return partition;
        }

        /**
         * @param theta θ, flattened
         * @param batch the batch's sample indices, sorted, or null for every sample
         * @param batchRows B
         * @return (n_p/B)·(∇L_p, L_p) over this partition's rows of the batch; zeros when it has none
         */
        double[] contribution(NetworkFactory networks, LossFactory losses, double[] theta, int[] batch, int batchRows) {
            if (rows == null) {
                Backend backend = backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
                rows = source.read(backend, from, to);
                network = networks.create(backend);
                loss = losses.create();
                gradient = network.parameters().zerosLike();
            }
            write(theta, network.parameters());
            Dataset part = rows;
            if (batch != null) {
                int lo = lowerBound(batch, from);
                int hi = lowerBound(batch, to);
                if (lo == hi) {
                    return new double[theta.length + 1];
                }
                int[] local = new int[hi - lo];
                for (int i = lo; i < hi; i++) {
                    local[i - lo] = batch[i] - from;
                }
                part = rows.subset(local);
            }
            int count = part.size();
            if (pass == null || pass.batch() != count) {
                pass = network.trainingPass(count);
                outputGradient = network.backend().zeros(count, network.outputWidth());
            }
            Tensor prediction = pass.forward(part.inputs());
            double value = loss.valueAndGradient(prediction, part.targets(), outputGradient);
            pass.backward(outputGradient, gradient);
            double weight = (double) count / batchRows;
            double[] flat = gradient.flatten();
            double[] contribution = Arrays.copyOf(flat, flat.length + 1);
            for (int i = 0; i < flat.length; i++) {
                contribution[i] *= weight;
            }
            contribution[flat.length] = value * weight;
            return contribution;
        }

        private static int lowerBound(int[] sorted, int value) {
            int index = Arrays.binarySearch(sorted, value);
            return index >= 0 ? index : -index - 1;
        }
    }

    /** Options of a {@link DataParallelTrainer}. */
    public static final class Builder {
        private final JavaSparkContext spark;
        private final TrainingShards data;
        private final int partitions;
        private final NetworkFactory networkFactory;
        private final LossFactory lossFactory;
        private int maxEpochs = 100;
        private double targetLoss = Double.NEGATIVE_INFINITY;
        private int batchSize;
        private long seed;
        private ExperimentListener listener = ExperimentListener.NONE;
        private String backend;

        private Builder(JavaSparkContext spark, TrainingShards data, int partitions, NetworkFactory networkFactory,
                LossFactory lossFactory) {
            this.spark = Objects.requireNonNull(spark, "spark");
            this.data = Objects.requireNonNull(data, "data");
            this.networkFactory = Objects.requireNonNull(networkFactory, "networkFactory");
            this.lossFactory = Objects.requireNonNull(lossFactory, "lossFactory");
            if (partitions < 1 || partitions > data.samples()) {
                throw new IllegalArgumentException("the partitions must be between 1 and the " + data.samples()
                        + " samples of " + data.describe() + ", got " + partitions);
            }
            this.partitions = partitions;
        }

        /**
         * @param epochs the most epochs, ≥ 1
         * @return this
         */
        public Builder maxEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("the epochs must be at least 1, got " + epochs);
            }
            this.maxEpochs = epochs;
            return this;
        }

        /**
         * @param loss stop after the first epoch whose loss is below this finite value
         * @return this
         */
        public Builder targetLoss(double loss) {
            if (!Double.isFinite(loss)) {
                throw new IllegalArgumentException("the target loss must be finite, got " + loss);
            }
            this.targetLoss = loss;
            return this;
        }

        /**
         * @param rows B ≥ 1 rows per minibatch, shuffled every epoch as the single-machine
         *     trainer does for the same seed; B ≥ N is the full batch
         * @return this
         */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * @param value the seed of the minibatch permutations
         * @return this
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param progress told the epochs, one task of at most {@code maxEpochs} steps
         * @return this
         */
        public Builder listener(ExperimentListener progress) {
            this.listener = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * @param name the backend every partition computes on ({@link Backends#get}); by default
         *     each executor's {@link Backends#defaultBackend()}
         * @return this
         */
        public Builder backend(String name) {
            this.backend = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @return the trainer */
        public DataParallelTrainer build() {
            return new DataParallelTrainer(this);
        }
    }
}
