package io.radnet.core.optim;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.data.Batches;
import io.radnet.core.data.Dataset;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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
 * the parameters, and the network's {@link Network#trainingState() training state} (batch-norm
 * running statistics), to their values before that epoch and throws
 * {@link TrainingDivergedException} naming the epoch. Any other exception during an epoch also
 * restores them before it propagates.
 *
 * <p><b>Validation, early stopping, checkpoints.</b> With {@link Builder#validation} data, after
 * every epoch (after its updates and the divergence checks) the trainer computes the loss on them,
 * and for cross-entropy the accuracy ({@link EpochEvent}). {@link Builder#earlyStopping} stops
 * when that loss has not improved for a patience of epochs and leaves the network with the
 * parameters of its best epoch, and with that epoch's training state (batch-norm running
 * statistics). Checkpoints carry the training state too. {@link Builder#checkpoints} hands a {@link TrainingCheckpoint}
 * to a sink every K epochs; {@link Builder#resumeFrom} continues from one bitwise as if the run
 * had not stopped.
 *
 * <p><b>Freezing.</b> With {@link Builder#trainOnly} the optimizer steps only a part of the
 * parameters (a {@link ParameterVector#select} view of the network's tensors, e.g. some blocks of a
 * network): its state, weight decay and updates cover that part alone, and every other
 * coordinate stays bitwise unchanged. The training passes are the network's restricted ones
 * ({@link Network#restrictedTrainingPass(int, int[])}), which may skip the gradients of the frozen tensors:
 * nothing reads them. State a network keeps outside its parameters (batch-norm running
 * statistics) is the network's to freeze.
 *
 * <p><b>Allocation.</b> Buffers (training passes, loss gradients, the gradient vector, the
 * minibatch buffers and the snapshot used for restoring) are allocated on the first run and
 * reused; a full-batch epoch allocates nothing when no listener, validation data or checkpoint
 * sink is set.
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
    private final Dataset validation;
    private final boolean classification;
    private final int patience;
    private final int checkpointEvery;
    private final Consumer<TrainingCheckpoint> checkpointSink;
    private final int[] trainableIndices;
    private TrainingCheckpoint resume;
    private volatile boolean stopRequested;
    private long permutationsDrawn;
    private ParameterVector bestParameters;
    /** With early stopping and a training state: that state at the best validation epoch. */
    private ParameterVector bestState;

    private Batches batches;
    private TrainingPass fullPass;
    private TrainingPass partialPass;
    private Tensor fullOutputGradient;
    private Tensor partialOutputGradient;
    private ParameterVector gradient;
    private ParameterVector trainable;
    private ParameterVector trainableGradient;
    private ParameterVector snapshot;
    private ParameterVector state;
    private ParameterVector stateSnapshot;

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
        this.validation = builder.validation;
        this.classification = builder.loss instanceof SoftmaxCrossEntropy;
        this.patience = builder.patience;
        this.checkpointEvery = builder.checkpointEvery;
        this.checkpointSink = builder.checkpointSink;
        this.trainableIndices = builder.trainableIndices;
        this.resume = builder.resume;
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
        allocate();
        Histories histories = new Histories(maxEpochs);
        int epoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        double bestValidationLoss = Double.POSITIVE_INFINITY;
        int bestValidationEpoch = 0;
        if (resume != null) {
            TrainingCheckpoint checkpoint = resume;
            resume = null;
            restore(checkpoint, parameters);
            epoch = checkpoint.epoch();
            histories.restore(checkpoint);
            double[] losses = checkpoint.losses();
            for (int e = 1; e <= epoch; e++) {
                if (losses[e - 1] < bestLoss) {
                    bestLoss = losses[e - 1];
                    bestEpoch = e;
                }
            }
            if (bestParameters != null) {
                bestValidationEpoch = checkpoint.bestEpoch();
                bestValidationLoss = checkpoint.validationLosses()[bestValidationEpoch - 1];
            }
        }
        if (!parameters.allFinite()) {
            throw new IllegalArgumentException("cannot train: the network's parameters hold NaN or ∞ before the first epoch");
        }
        int n = data.size();
        int count = batches.count();
        long start = clock.getAsLong();
        long elapsed;
        StopReason reason;
        do {
            epoch++;
            takeSnapshot();
            double epochLoss;
            try {
                epochLoss = runEpoch(epoch, count, n);
            } catch (RuntimeException e) {
                restoreSnapshot();
                throw e;
            }
            if (!parameters.allFinite()) {
                restoreSnapshot();
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the update made the parameters"
                        + " NaN or infinite (epoch loss " + epochLoss + ", " + optimizer + "); the network's parameters were"
                        + " restored to their values before epoch " + epoch + "; try a smaller learning rate", epoch, epochLoss);
            }
            if (divergenceRule.lossDiverged(epochLoss, bestLoss)) {
                restoreSnapshot();
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": its loss " + epochLoss
                        + " is above " + divergenceRule.growthFactor() + " times the best loss of the run, " + bestLoss
                        + " in epoch " + bestEpoch + ", and above the floor " + divergenceRule.lossFloor() + " (" + optimizer
                        + "); the network's parameters were restored to their values before epoch " + epoch
                        + "; try a smaller learning rate", epoch, epochLoss);
            }
            if (divergenceRule.parameterLimit() < Double.POSITIVE_INFINITY) {
                double largest = parameters.maxAbs();
                if (divergenceRule.parametersDiverged(largest)) {
                    restoreSnapshot();
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
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation != null) {
                Tensor prediction = network.forward(validation.inputs());
                validationLoss = loss.value(prediction, validation.targets());
                if (!Double.isFinite(validationLoss)) {
                    restoreSnapshot();
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the validation loss is "
                            + validationLoss + " (" + optimizer + "); the network's parameters were restored to their values"
                            + " before epoch " + epoch + "; try a smaller learning rate", epoch, epochLoss);
                }
                if (classification) {
                    validationAccuracy = Classification.accuracy(prediction, validation.targets());
                }
                if (validationLoss < bestValidationLoss) {
                    bestValidationLoss = validationLoss;
                    bestValidationEpoch = epoch;
                    if (bestParameters != null) {
                        bestParameters.copyFrom(parameters);
                        if (bestState != null) {
                            bestState.copyFrom(state);
                        }
                    }
                }
            }
            histories.record(epoch, epochLoss, validationLoss, validationAccuracy);
            elapsed = clock.getAsLong() - start;
            if (!listeners.isEmpty()) {
                EpochEvent event = new EpochEvent(epoch, epochLoss, Duration.ofNanos(elapsed), validationLoss,
                        validationAccuracy);
                for (int i = 0; i < listeners.size(); i++) {
                    listeners.get(i).onEpoch(event);
                }
            }
            reason = stopReason(epoch, epochLoss, elapsed, epoch - bestValidationEpoch);
            if (checkpointSink != null && (epoch % checkpointEvery == 0 || reason != null)) {
                checkpointSink.accept(new TrainingCheckpoint(epoch, seed, batchSize, n, shuffle, permutationsDrawn,
                        parameters.flatten(), optimizer.exportState(), histories.losses(epoch),
                        histories.validationLosses(epoch), histories.validationAccuracies(epoch),
                        bestParameters != null ? bestValidationEpoch : 0,
                        bestParameters != null ? bestParameters.flatten() : null,
                        state != null ? state.flatten() : null, bestState != null ? bestState.flatten() : null));
            }
        } while (reason == null);
        int modelEpoch = epoch;
        if (bestParameters != null && bestValidationEpoch != epoch) {
            parameters.copyFrom(bestParameters);
            if (bestState != null) {
                state.copyFrom(bestState);
            }
            modelEpoch = bestValidationEpoch;
        }
        return new TrainingResult(epoch, histories.losses(epoch), reason, Duration.ofNanos(elapsed), fullPass.method(),
                histories.validationLosses(epoch), histories.validationAccuracies(epoch), modelEpoch);
    }

    /**
     * Puts the trainer, its optimizer and the network's parameters in the state of a checkpoint
     * that {@link Builder#build()} checked against the settings.
     */
    private void restore(TrainingCheckpoint checkpoint, ParameterVector parameters) {
        parameters.setFlattened(checkpoint.parameters());
        optimizer.importState(trainable, checkpoint.optimizer());
        for (long k = permutationsDrawn; k < checkpoint.permutationsDrawn(); k++) {
            batches.shuffle();
        }
        permutationsDrawn = checkpoint.permutationsDrawn();
        if (bestParameters != null) {
            bestParameters.setFlattened(checkpoint.bestParameters());
        }
        if (state != null) {
            state.setFlattened(checkpoint.trainingState());
            if (bestState != null) {
                bestState.setFlattened(checkpoint.bestTrainingState());
            }
        }
    }

    /** Saves the parameters and the network's training state before an epoch. */
    private void takeSnapshot() {
        snapshot.copyFrom(network.parameters());
        if (state != null) {
            stateSnapshot.copyFrom(state);
        }
    }

    /** Puts the parameters and the network's training state back as they were before the epoch. */
    private void restoreSnapshot() {
        network.parameters().copyFrom(snapshot);
        if (state != null) {
            state.copyFrom(stateSnapshot);
        }
    }

    private double runEpoch(int epoch, int count, int n) {
        if (shuffle && count > 1) {
            batches.shuffle();
            permutationsDrawn++;
        }
        double total = 0.0;
        double value = Double.NaN;
        for (int k = 0; k < count; k++) {
            Batches.Batch batch = batches.batch(k);
            boolean partial = batch.rows() != batches.batchSize();
            TrainingPass pass = partial ? partialPass : fullPass;
            Tensor outputGradient = partial ? partialOutputGradient : fullOutputGradient;
            value = pass.forwardLossBackward(batch.inputs(), loss, batch.targets(), outputGradient, gradient);
            if (!Double.isFinite(value)) {
                String where = count == 1 ? "the loss" : "the loss of batch " + (k + 1) + " of " + count;
                throw new TrainingDivergedException("training diverged in epoch " + epoch + ": " + where + " is " + value
                        + " (" + optimizer + "); the network's parameters were restored to their values before epoch "
                        + epoch + "; try a smaller learning rate", epoch, value);
            }
            optimizer.step(trainable, trainableGradient);
            total += value * batch.rows();
        }
        return count == 1 ? value : total / n;
    }

    private StopReason stopReason(int epoch, double epochLoss, long elapsedNanos, int epochsSinceBestValidation) {
        if (epochLoss < targetLoss) {
            return StopReason.TARGET_LOSS;
        }
        if (patience > 0 && epochsSinceBestValidation >= patience) {
            return StopReason.EARLY_STOP;
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
        fullPass = trainableIndices == null ? network.trainingPass(batches.batchSize())
                : network.restrictedTrainingPass(batches.batchSize(), trainableIndices);
        fullOutputGradient = b.zeros(batches.batchSize(), outputs);
        int rest = data.size() % batches.batchSize();
        if (rest > 0) {
            partialPass = trainableIndices == null ? network.trainingPass(rest)
                    : network.restrictedTrainingPass(rest, trainableIndices);
            partialOutputGradient = b.zeros(rest, outputs);
        }
        gradient = network.parameters().zerosLike();
        trainable = trainableIndices == null ? network.parameters() : network.parameters().select(trainableIndices);
        trainableGradient = trainableIndices == null ? gradient : gradient.select(trainableIndices);
        snapshot = network.parameters().zerosLike();
        state = network.trainingState();
        stateSnapshot = state == null ? null : state.zerosLike();
        if (patience > 0) {
            bestParameters = network.parameters().zerosLike();
            bestState = state == null ? null : state.zerosLike();
        }
    }

    /** The per-epoch histories of one run, indexed by epoch − 1, grown by doubling. */
    private final class Histories {
        private double[] losses;
        private double[] validationLosses;
        private double[] validationAccuracies;

        Histories(int maxEpochs) {
            int capacity = maxEpochs > 0 ? Math.min(maxEpochs, 1 << 16) : 1024;
            losses = new double[capacity];
            validationLosses = new double[validation != null ? capacity : 0];
            validationAccuracies = new double[validation != null && classification ? capacity : 0];
        }

        void restore(TrainingCheckpoint checkpoint) {
            int epochs = checkpoint.epoch();
            ensureCapacity(epochs);
            System.arraycopy(checkpoint.losses(), 0, losses, 0, epochs);
            if (validationLosses.length > 0) {
                System.arraycopy(checkpoint.validationLosses(), 0, validationLosses, 0, epochs);
            }
            if (validationAccuracies.length > 0) {
                System.arraycopy(checkpoint.validationAccuracies(), 0, validationAccuracies, 0, epochs);
            }
        }

        void record(int epoch, double loss, double validationLoss, double validationAccuracy) {
            ensureCapacity(epoch);
            losses[epoch - 1] = loss;
            if (validationLosses.length > 0) {
                validationLosses[epoch - 1] = validationLoss;
            }
            if (validationAccuracies.length > 0) {
                validationAccuracies[epoch - 1] = validationAccuracy;
            }
        }

        private void ensureCapacity(int epochs) {
            if (epochs > losses.length) {
                int capacity = Math.max(epochs, 2 * losses.length);
                losses = Arrays.copyOf(losses, capacity);
                if (validationLosses.length > 0) {
                    validationLosses = Arrays.copyOf(validationLosses, capacity);
                }
                if (validationAccuracies.length > 0) {
                    validationAccuracies = Arrays.copyOf(validationAccuracies, capacity);
                }
            }
        }

        double[] losses(int epochs) {
            return Arrays.copyOf(losses, epochs);
        }

        double[] validationLosses(int epochs) {
            return validationLosses.length > 0 ? Arrays.copyOf(validationLosses, epochs) : new double[0];
        }

        double[] validationAccuracies(int epochs) {
            return validationAccuracies.length > 0 ? Arrays.copyOf(validationAccuracies, epochs) : new double[0];
        }
    }

    @Override
    public String toString() {
        return "Trainer(" + network + ", " + loss.name() + ", " + optimizer + ", " + data.size() + " samples, "
                + (batchSize == data.size() ? "full batch" : "batches of " + batchSize) + ")";
    }

    /** Settings of a {@link Trainer}. */
    public static final class Builder {
        private void requireResumable() {
            TrainingCheckpoint c = resume;
            int rows = Math.min(batchSize, data.size());
            String problem = null;
            OptimizerState state = c.optimizer();
            if (c.samples() != data.size()) {
                problem = "it was taken on " + c.samples() + " training samples, these data have " + data.size();
            } else if (c.batchSize() != rows) {
                problem = "it was taken with batches of " + c.batchSize() + " rows, this trainer uses " + rows;
            } else if (c.seed() != seed || c.shuffle() != shuffle) {
                problem = "it was taken with shuffle seed " + c.seed() + (c.shuffle() ? "" : " (no shuffling)")
                        + ", this trainer uses " + seed + (shuffle ? "" : " (no shuffling)");
            } else if (c.parameters().length != network.parameters().size()) {
                problem = "it holds " + c.parameters().length + " parameters, the network " + network + " has "
                        + network.parameters().size();
            } else if (!state.kind().equals(optimizer.getClass().getSimpleName())
                    || !state.settings().equals(optimizer.toString())) {
                problem = "it was taken with the optimizer " + state.settings() + ", this trainer uses " + optimizer;
            } else if ((c.validationLosses().length > 0) != (validation != null)) {
                problem = "it was taken " + (validation != null ? "without" : "with") + " validation data, this trainer has "
                        + (validation != null ? "some" : "none");
            } else if ((c.validationAccuracies().length > 0) != (validation != null && loss instanceof SoftmaxCrossEntropy)) {
                problem = "it was taken with " + (c.validationAccuracies().length > 0 ? "a" : "no")
                        + " classification loss, this trainer uses " + loss.name();
            } else if ((c.trainingState() == null ? 0 : c.trainingState().length)
                    != (network.trainingState() == null ? 0 : network.trainingState().size())
                    || (c.trainingState() == null) != (network.trainingState() == null)) {
                problem = "it holds " + (c.trainingState() == null ? "no training state" : "a training state of "
                        + c.trainingState().length + " values") + ", the network " + network + " has "
                        + (network.trainingState() == null ? "none" : network.trainingState().size());
            } else if ((c.bestParameters() != null) != (patience > 0)) {
                problem = "it was taken " + (patience > 0 ? "without" : "with") + " early stopping, this trainer has it "
                        + (patience > 0 ? "on" : "off");
            } else if (patience > 0 && c.epoch() - c.bestEpoch() >= patience) {
                problem = "its validation loss has not improved since epoch " + c.bestEpoch() + ", so early stopping with"
                        + " patience " + patience + " ended that run";
            } else if (maxEpochs > 0 && c.epoch() >= maxEpochs) {
                problem = "it is at epoch " + c.epoch() + ", so a run to epoch " + maxEpochs + " has nothing left to do";
            }
            if (problem != null) {
                throw new IllegalArgumentException("cannot resume from the checkpoint after epoch " + c.epoch() + ": "
                        + problem);
            }
        }

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
        private Dataset validation;
        private int patience;
        private int checkpointEvery;
        private Consumer<TrainingCheckpoint> checkpointSink;
        private int[] trainableIndices;
        private TrainingCheckpoint resume;

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
         * @param data held-out data on the network's backend, evaluated after every epoch with
         *     the epoch's updated parameters: the loss, and for cross-entropy the accuracy
         *     ({@link EpochEvent#validationLoss()}, {@link TrainingResult#validationLossHistory()})
         * @return this builder
         */
        public Builder validation(Dataset data) {
            this.validation = Objects.requireNonNull(data, "data");
            return this;
        }

        /**
         * Early stopping on the validation loss, as Keras' {@code EarlyStopping(monitor="val_loss",
         * patience=P, restore_best_weights=True)} with min_delta 0: an epoch improves when its
         * validation loss is strictly below the lowest so far; the run stops
         * ({@link StopReason#EARLY_STOP}) after P epochs in a row without improvement. Whatever
         * rule ends the run, the network then holds the parameters of the epoch with the lowest
         * validation loss (the first such epoch on ties; {@link TrainingResult#modelEpoch()}); unlike Keras, which
         * restores them only when early stopping ends the run. Needs {@link #validation}.
         *
         * @param epochs the patience P ≥ 1
         * @return this builder
         * @throws IllegalArgumentException if P &lt; 1
         */
        public Builder earlyStopping(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("the early-stopping patience must be at least 1 epoch, got " + epochs);
            }
            this.patience = epochs;
            return this;
        }

        /**
         * @param every K ≥ 1: a checkpoint after every K-th epoch (by epoch number) and after the
         *     last epoch of a run, taken after the stopping rules were checked and before the
         *     best parameters of early stopping are restored
         * @param sink receives each {@link TrainingCheckpoint} on the training thread (e.g. writes
         *     it to a file); an exception it throws ends the run and propagates
         * @return this builder
         * @throws IllegalArgumentException if K &lt; 1
         */
        public Builder checkpoints(int every, Consumer<TrainingCheckpoint> sink) {
            if (every < 1) {
                throw new IllegalArgumentException("checkpoints are taken every K ≥ 1 epochs, got K = " + every);
            }
            this.checkpointEvery = every;
            this.checkpointSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Continues a run from a checkpoint: the first {@link #train()} sets the network's
         * parameters, the optimizer's state, the shuffling and the histories to the checkpoint's,
         * numbers its epochs from checkpoint.epoch() + 1, treats {@link #maxEpochs} as the last
         * epoch number (the total of the uninterrupted run) and reports the histories from epoch
         * 1. With the same data, network architecture, loss, optimizer and settings, the
         * parameters after each epoch are bit for bit those of the uninterrupted run.
         *
         * @param checkpoint a checkpoint of a run with the same settings (checked by
         *     {@link #build()})
         * @return this builder
         */
        public Builder resumeFrom(TrainingCheckpoint checkpoint) {
            this.resume = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /**
         * Trains only a part of the network's parameters: every optimizer step moves the
         * coordinates of the given tensors (weight decay, moments and the update cover them
         * alone) and no other coordinate changes. The backward pass still computes the whole
         * gradient; the frozen part of it is not read.
         *
         * @param part a point whose tensors are some of {@code network.parameters()}'s tensors
         *     (the same objects, in any order, each once), e.g. from {@link ParameterVector#select}
         * @return this builder
         * @throws IllegalArgumentException if a tensor of part is not one of the network's
         *     parameter tensors or appears twice
         */
        public Builder trainOnly(ParameterVector part) {
            int[] indices = network.parameters().indicesOf(part);
            Arrays.sort(indices);
            for (int k = 1; k < indices.length; k++) {
                if (indices[k] == indices[k - 1]) {
                    throw new IllegalArgumentException("trainOnly: tensor " + indices[k] + " of the network's parameters"
                            + " appears twice in " + part);
                }
            }
            this.trainableIndices = indices;
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
            if (validation != null) {
                if (validation.backend() != network.backend() || validation.inputWidth() != network.inputWidth()) {
                    throw new IllegalArgumentException("the validation data (" + validation + ") do not fit the network "
                            + network + " on '" + network.backend().name() + "'");
                }
                loss.requireValidTargets(validation.targets(), network.outputWidth());
            }
            if (patience > 0 && validation == null) {
                throw new IllegalArgumentException("early stopping watches the validation loss and needs validation data");
            }
            if (resume != null) {
                requireResumable();
            }
            return new Trainer(this);
        }
    }
}
