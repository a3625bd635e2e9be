package io.radnet.core.optim;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.data.Batches;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Trains a {@link Network} on a {@link Dataset}: epochs of (minibatch) forward pass, loss and
 * gradient, backward pass and one {@link Optimizer} step per batch, until a stopping rule
 * holds.
 *
 * <p><b>Epochs.</b> With the default full batch, an epoch is one step on the whole data set:
 * forward, loss L(θ), gradient, θ ← θ + P(Δ) (the radial paper's deterministic gradient
 * descent). With a batch size B smaller than the data set, an epoch visits ⌈size/B⌉ minibatches
 * of a fresh seeded permutation of the samples (see {@link Batches}), one optimizer step each.
 * The epoch's loss is, for the full batch, the loss of its forward pass (before the update, as
 * PyTorch's training loop reports it) and, for minibatches, the mean of the batch losses
 * weighted by batch size.
 *
 * <p><b>Stopping rules</b>, checked after every epoch, whichever holds first: the epoch's loss
 * is below the target loss, the maximum number of epochs has run, the wall time since the start
 * of the run has reached the limit, or {@link #requestStop()} was called. At least a maximum
 * number of epochs or a time limit is required.
 *
 * <p><b>Divergence.</b> If a batch loss is NaN or ∞, or the parameters hold NaN or ∞ after an
 * epoch, or the finite run diverged by the {@link DivergenceRule} (default
 * {@link DivergenceRule#DEFAULT}: the epoch's loss above 10⁶ times the best loss of the run's
 * earlier epochs and above 10³, or a parameter of magnitude above 10¹²), the trainer restores
 * the parameters to their values before that epoch and throws
 * {@link TrainingDivergedException} naming the epoch. Any other exception during an epoch also
 * restores them before it propagates.
 *
 * <p><b>Allocation.</b> Buffers (training passes, loss gradients, the gradient vector, the
 * minibatch buffers and the snapshot used for restoring) are allocated on the first run and
 * reused; a full-batch epoch allocates nothing when no listener is registered.
 *
 * <p>A trainer can run several times ({@link #train()}); every run counts epochs from 1 and
 * continues from the network's current parameters and the optimizer's state. The trainer
 * prints nothing; progress goes to {@link TrainingListener}s. Not thread-safe, except
 * {@link #requestStop()}.
 */
public final class Trainer {
    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final Dataset data;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int maxEpochs;
    private final double targetLoss;
    private final Duration timeLimit;
    private final List<TrainingListener> listeners;
    private final LongSupplier clock;
    private final DivergenceRule divergenceRule;
    private volatile boolean stopRequested;

    private Batches batches;
    private TrainingPass fullPass;
    private TrainingPass partialPass;
    private Tensor fullOutputGradient;
    private Tensor partialOutputGradient;
    private ParameterVector gradient;
    private ParameterVector snapshot;

    private Trainer(Builder builder) {
        this.network = builder.network;
        this.loss = builder.loss;
        this.optimizer = builder.optimizer;
        this.data = builder.data;
        this.batchSize = Math.min(builder.batchSize, builder.data.size());
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.maxEpochs = builder.maxEpochs;
        this.targetLoss = builder.targetLoss;
        this.timeLimit = builder.timeLimit;
        this.listeners = List.copyOf(builder.listeners);
        this.clock = builder.clock;
        this.divergenceRule = builder.divergenceRule;
    }

    /**
     * @param network the network to train; its parameters are updated in place
     * @param loss the loss
     * @param optimizer the optimizer (its schedule, projection and state)
     * @param data the training data, on the network's backend
     * @return a builder; full batch, shuffling on (seed 0), no stopping rule yet
     */
    public static Builder builder(Network network, Loss loss, Optimizer optimizer, Dataset data) {
        return new Builder(network, loss, optimizer, data);
    }

    /** @return the network being trained */
    public Network network() {
        return network;
    }

    /** @return the optimizer */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the training data */
    public Dataset data() {
        return data;
    }

    /** @return the rule that declares a finite run diverged */
    public DivergenceRule divergenceRule() {
        return divergenceRule;
    }

    /** @return the batch size B (the data set's size for full-batch training) */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Asks the running {@link #train()} to stop after the current epoch (with
     * {@link StopReason#STOP_REQUESTED}); safe to call from any thread, including a listener.
     * A request made while no run is going on is discarded when the next run starts.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Runs epochs until a stopping rule holds.
     *
     * @return the number of epochs, the loss history, why it stopped and the elapsed time
     * @throws TrainingDivergedException if the loss or the parameters become NaN or ∞, or the
     *     run diverged by the {@link DivergenceRule} (the parameters are restored to their
     *     values before the failing epoch)
     * @throws IllegalArgumentException if the network's parameters are not finite at the start
     */
    public TrainingResult train() {
        stopRequested = false;
        ParameterVector parameters = network.parameters();
        if (!parameters.allFinite()) {
            throw new IllegalArgumentException("cannot train: the network's parameters hold NaN or ∞ before the first epoch");
        }
        allocate();
        int n = data.size();
        int count = batches.count();
        double[] history = new double[maxEpochs > 0 ? Math.min(maxEpochs, 1 << 16) : 1024];
        long start = clock.getAsLong();
        long elapsed;
        int epoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        StopReason reason;
        do {
            epoch++;
            snapshot.copyFrom(parameters);
            double epochLoss;
            try {
                epochLoss = runEpoch(epoch, parameters, count, n);
            } catch (RuntimeException e) {
                parameters.copyFrom(snapshot);
                throw e;
            }
            if (!parameters.allFinite()) {
                parameters.copyFrom(snapshot);
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the update made the parameters"
                        + " NaN or infinite (epoch loss " + epochLoss + ", " + optimizer + "); the network's parameters were"
                        + " restored to their values before epoch " + epoch + "; try a smaller learning rate", epoch, epochLoss);
            }
            if (divergenceRule.lossDiverged(epochLoss, bestLoss)) {
                parameters.copyFrom(snapshot);
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": its loss " + epochLoss
                        + " is above " + divergenceRule.growthFactor() + " times the best loss of the run, " + bestLoss
                        + " in epoch " + bestEpoch + ", and above the floor " + divergenceRule.lossFloor() + " (" + optimizer
                        + "); the network's parameters were restored to their values before epoch " + epoch
                        + "; try a smaller learning rate", epoch, epochLoss);
            }
            if (divergenceRule.parameterLimit() < Double.POSITIVE_INFINITY) {
                double largest = parameters.maxAbs();
                if (divergenceRule.parametersDiverged(largest)) {
                    parameters.copyFrom(snapshot);
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the update made a"
                            + " parameter of magnitude " + largest + ", above the limit " + divergenceRule.parameterLimit()
                            + " (epoch loss " + epochLoss + ", " + optimizer + "); the network's parameters were restored"
                            + " to their values before epoch " + epoch + "; try a smaller learning rate", epoch, epochLoss);
                }
            }
            if (epochLoss < bestLoss) {
                bestLoss = epochLoss;
                bestEpoch = epoch;
            }
            if (epoch > history.length) {
                history = Arrays.copyOf(history, 2 * history.length);
            }
            history[epoch - 1] = epochLoss;
            elapsed = clock.getAsLong() - start;
            if (!listeners.isEmpty()) {
                EpochEvent event = new EpochEvent(epoch, epochLoss, Duration.ofNanos(elapsed));
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onEpoch(event);
                }
            }
            reason = stopReason(epoch, epochLoss, elapsed);
        } while (reason == null);
        return new TrainingResult(epoch, Arrays.copyOf(history, epoch), reason, Duration.ofNanos(elapsed),
                fullPass.method());
    }

    private double runEpoch(int epoch, ParameterVector parameters, int count, int n) {
        if (shuffle && count > 1) {
            batches.shuffle();
        }
        double total = 0.0;
        double value = Double.NaN;
        for (int k = 0; k < count; k++) {
            Batches.Batch batch = batches.batch(k);
            boolean partial = batch.rows() != batches.batchSize();
            TrainingPass pass = partial ? partialPass : fullPass;
            Tensor outputGradient = partial ? partialOutputGradient : fullOutputGradient;
            Tensor prediction = pass.forward(batch.inputs());
            value = loss.valueAndGradient(prediction, batch.targets(), outputGradient);
            if (!Double.isFinite(value)) {
                String where = count == 1 ? "the loss" : "the loss of batch " + (k + 1) + " of " + count;
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": " + where + " is " + value
                        + " (" + optimizer + "); the network's parameters were restored to their values before epoch "
                        + epoch + "; try a smaller learning rate", epoch, value);
            }
            pass.backward(outputGradient, gradient);
            optimizer.step(parameters, gradient);
            total += value * batch.rows();
        }
        return count == 1 ? value : total / n;
    }

    private StopReason stopReason(int epoch, double epochLoss, long elapsedNanos) {
        if (epochLoss < targetLoss) {
            return StopReason.TARGET_LOSS;
        }
        if (maxEpochs > 0 && epoch >= maxEpochs) {
            return StopReason.MAX_EPOCHS;
        }
        if (timeLimit != null && elapsedNanos >= timeLimit.toNanos()) {
            return StopReason.TIME_LIMIT;
        }
        if (stopRequested) {
            return StopReason.STOP_REQUESTED;
        }
        return null;
    }

    private void allocate() {
        if (batches != null) {
            return;
        }
        batches = data.batches(batchSize, seed);
        Backend b = network.backend();
        int outputs = network.outputWidth();
        fullPass = network.trainingPass(batches.batchSize());
        fullOutputGradient = b.zeros(batches.batchSize(), outputs);
        int rest = data.size() % batches.batchSize();
        if (rest > 0) {
            partialPass = network.trainingPass(rest);
            partialOutputGradient = b.zeros(rest, outputs);
        }
        gradient = network.parameters().zerosLike();
        snapshot = network.parameters().zerosLike();
    }

    @Override
    public String toString() {
        return "Trainer(" + network + ", " + loss.name() + ", " + optimizer + ", " + data.size() + " samples, "
                + (batchSize == data.size() ? "full batch" : "batches of " + batchSize) + ")";
    }

    /** Settings of a {@link Trainer}. */
    public static final class Builder {
        private final Network network;
        private final Loss loss;
        private final Optimizer optimizer;
        private final Dataset data;
        private int batchSize = Integer.MAX_VALUE;
        private boolean shuffle = true;
        private long seed;
        private int maxEpochs;
        private double targetLoss = Double.NEGATIVE_INFINITY;
        private Duration timeLimit;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private LongSupplier clock = System::nanoTime;
        private DivergenceRule divergenceRule = DivergenceRule.DEFAULT;

        private Builder(Network network, Loss loss, Optimizer optimizer, Dataset data) {
            this.network = Objects.requireNonNull(network, "network");
            this.loss = Objects.requireNonNull(loss, "loss");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.data = Objects.requireNonNull(data, "data");
        }

        /**
         * @param size B ≥ 1 rows per minibatch; a size ≥ the data set's size means full batch
         * @return this builder
         * @throws IllegalArgumentException if B &lt; 1
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the batch size must be at least 1, got " + size);
            }
            this.batchSize = size;
            return this;
        }

        /** @return this builder, set to train on the full batch (the default) */
        public Builder fullBatch() {
            this.batchSize = Integer.MAX_VALUE;
            return this;
        }

        /**
         * @param enabled whether minibatch epochs visit a fresh seeded permutation of the
         *     samples (default true); when false every epoch uses the data set's order
         * @return this builder
         */
        public Builder shuffle(boolean enabled) {
            this.shuffle = enabled;
            return this;
        }

        /**
         * @param value the seed of the minibatch shuffles (default 0)
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param epochs the maximum number of epochs per run, ≥ 1
         * @return this builder
         * @throws IllegalArgumentException if epochs &lt; 1
         */
        public Builder maxEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("the maximum number of epochs must be at least 1, got " + epochs);
            }
            this.maxEpochs = epochs;
            return this;
        }

        /**
         * @param value stop after the first epoch whose loss is below this finite value
         * @return this builder
         * @throws IllegalArgumentException if the value is not finite
         */
        public Builder targetLoss(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the target loss must be finite, got " + value);
            }
            this.targetLoss = value;
            return this;
        }

        /**
         * @param limit stop after the first epoch that ends at or beyond this wall time since
         *     the start of the run; positive
         * @return this builder
         * @throws IllegalArgumentException if the limit is zero or negative
         */
        public Builder timeLimit(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("the time limit must be positive, got " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * @param rule when a finite run counts as diverged (default {@link DivergenceRule#DEFAULT};
         *     {@link DivergenceRule#NON_FINITE_ONLY} checks only for NaN and ∞)
         * @return this builder
         */
        public Builder divergenceRule(DivergenceRule rule) {
            this.divergenceRule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * @param listener called after every epoch; several may be added, called in order
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param nanoTime the time source for elapsed times and the time limit, in nanoseconds
         *     (default {@link System#nanoTime()}; replaceable for simulations and tests)
         * @return this builder
         */
        public Builder clock(LongSupplier nanoTime) {
            this.clock = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Validates the settings against each other.
         *
         * @return the trainer
         * @throws IllegalArgumentException if there is neither a maximum number of epochs nor a
         *     time limit, if the data are on another backend than the network, if the inputs'
         *     columns differ from the network's input width n₀, or if the targets do not fit
         *     the loss (n_L columns for mean squared error; one column of class indices in
         *     [0, n_L) for cross-entropy)
         */
        public Trainer build() {
            if (maxEpochs == 0 && timeLimit == null) {
                throw new IllegalArgumentException("a trainer needs a maximum number of epochs or a time limit"
                        + " (a target loss alone might never be reached)");
            }
            if (data.backend() != network.backend()) {
                throw new IllegalArgumentException("the data are on backend '" + data.backend().name()
                        + "' but the network's parameters on '" + network.backend().name()
                        + "'; convert the data with Dataset.copyTo");
            }
            if (data.inputWidth() != network.inputWidth()) {
                throw new IllegalArgumentException("the data's inputs have " + data.inputWidth()
                        + " columns but the network's input width n₀ is " + network.inputWidth() + " (" + network + ")");
            }
            loss.requireValidTargets(data.targets(), network.outputWidth());
            return new Trainer(this);
        }
    }
}
