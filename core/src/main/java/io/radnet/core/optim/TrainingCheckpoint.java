package io.radnet.core.optim;

import java.util.Objects;

/**
 * Everything a {@link Trainer} needs to continue a run after epoch e as if it had never
 * stopped, bit for bit: the parameters θ_e, the optimizer's state (step count and history
 * buffers), the state of the minibatch shuffling and the per-epoch histories, plus the settings
 * that must not change across a resume (seed, batch size, data size, shuffling), which
 * {@link Trainer.Builder#resumeFrom} checks.
 *
 * <p><b>Shuffling.</b> The permutations of the epochs come from one {@code SplittableRandom}
 * seeded once ({@link io.radnet.core.data.Batches}); its state after e epochs is a function of
 * the seed and of the number of permutations drawn, which is what is kept: resuming draws
 * (and discards) that many permutations again, O(permutations × samples) integer draws, so the
 * next epoch gets the permutation it would have had.
 *
 * <p><b>Early stopping.</b> With a patience set, the epoch of the lowest validation loss so far
 * and its parameters are kept too (the model the run ends with); without, {@code bestEpoch} is 0
 * and {@code bestParameters} null.
 *
 * <p><b>Training state.</b> For a network with a {@link io.radnet.core.network.Network#trainingState()
 * training state} (batch-norm running statistics) its values after epoch e are kept, and with
 * early stopping those of the best epoch too, so that a resumed run and the model early stopping
 * restores carry the statistics that belong to their parameters; for other networks both are null.
 *
 * @param epoch e ≥ 1, the number of epochs completed
 * @param seed the trainer's shuffling seed
 * @param batchSize B, the rows per minibatch (the data set's size for full batch)
 * @param samples the number of training samples
 * @param shuffle whether minibatch epochs shuffle
 * @param permutationsDrawn how many permutations the shuffling has drawn, ≥ 0
 * @param parameters θ_e, flattened ({@link io.radnet.core.network.ParameterVector#flatten()})
 * @param optimizer the optimizer's state after epoch e
 * @param losses the training loss of epochs 1 … e (length e)
 * @param validationLosses the validation loss of epochs 1 … e (length e), or empty without
 *     validation data
 * @param validationAccuracies the validation accuracy of epochs 1 … e (length e) for a
 *     classification loss with validation data, otherwise empty
 * @param bestEpoch with early stopping, the epoch (1 … e) of the lowest validation loss so far;
 *     otherwise 0
 * @param bestParameters with early stopping, θ of that epoch, flattened; otherwise null
 * @param trainingState the network's training state after epoch e, flattened; null for a
 *     network without one
 * @param bestTrainingState with early stopping and a training state, that state at the best
 *     epoch, flattened; otherwise null
 */
public record TrainingCheckpoint(int epoch, long seed, int batchSize, int samples, boolean shuffle, long permutationsDrawn,
        double[] parameters, OptimizerState optimizer, double[] losses, double[] validationLosses,
        double[] validationAccuracies, int bestEpoch, double[] bestParameters, double[] trainingState,
        double[] bestTrainingState) {
    /**
     * Copies the arrays and checks that the parts agree with each other.
     *
     * @throws IllegalArgumentException naming the first part that does not fit the epoch count
     *     or the parameter count
     */
    public TrainingCheckpoint {
        Objects.requireNonNull(optimizer, "optimizer");
        if (epoch < 1) {
            throw new IllegalArgumentException("a checkpoint is taken after an epoch, so its epoch is ≥ 1, got " + epoch);
        }
        if (batchSize < 1 || samples < 1 || permutationsDrawn < 0) {
            throw new IllegalArgumentException("a checkpoint needs a batch size ≥ 1, samples ≥ 1 and permutations ≥ 0, got "
                    + batchSize + ", " + samples + ", " + permutationsDrawn);
        }
        parameters = Objects.requireNonNull(parameters, "parameters").clone();
        losses = requireLength("training losses", losses, epoch, epoch);
        validationLosses = requireLength("validation losses", validationLosses, 0, epoch);
        validationAccuracies = requireLength("validation accuracies", validationAccuracies, 0,
                validationLosses.length);
        if (bestParameters == null ? bestEpoch != 0 : bestEpoch < 1 || bestEpoch > epoch) {
            throw new IllegalArgumentException("a checkpoint's best epoch is 0 without early stopping and 1.." + epoch
                    + " with it (best parameters " + (bestParameters == null ? "absent" : "present") + "), got "
                    + bestEpoch);
        }
        if (bestParameters != null) {
            if (validationLosses.length == 0) {
                throw new IllegalArgumentException("a checkpoint with best parameters needs the validation losses that chose"
                        + " them");
            }
            if (bestParameters.length != parameters.length) {
                throw new IllegalArgumentException("a checkpoint's best parameters have " + bestParameters.length
                        + " values but its parameters " + parameters.length);
            }
            bestParameters = bestParameters.clone();
        }
        if (trainingState != null) {
            trainingState = trainingState.clone();
        }
        if ((bestTrainingState != null) != (trainingState != null && bestParameters != null)) {
            throw new IllegalArgumentException("a checkpoint has a best training state exactly when it has a training state"
                    + " and best parameters (training state " + (trainingState == null ? "absent" : "present")
                    + ", best parameters " + (bestParameters == null ? "absent" : "present") + ", best training state "
                    + (bestTrainingState == null ? "absent" : "present") + ")");
        }
        if (bestTrainingState != null) {
            if (bestTrainingState.length != trainingState.length) {
                throw new IllegalArgumentException("a checkpoint's best training state has " + bestTrainingState.length
                        + " values but its training state " + trainingState.length);
            }
            bestTrainingState = bestTrainingState.clone();
        }
    }

    /**
     * A checkpoint of a network without a training state (both training states null).
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public TrainingCheckpoint(int epoch, long seed, int batchSize, int samples, boolean shuffle, long permutationsDrawn,
                              double[] parameters, OptimizerState optimizer, double[] losses, double[] validationLosses,
                              double[] validationAccuracies, int bestEpoch, double[] bestParameters) {
        this(epoch, seed, batchSize, samples, shuffle, permutationsDrawn, parameters, optimizer, losses, validationLosses,
                validationAccuracies, bestEpoch, bestParameters, null, null);
    }

    private static double[] requireLength(String name, double[] values, int allowedA, int allowedB) {
        Objects.requireNonNull(values, name);
        if (values.length != allowedA && values.length != allowedB) {
            throw new IllegalArgumentException("a checkpoint after " + allowedB + " epochs has " + values.length + " " + name
                    + ", expected " + (allowedA == allowedB ? "" + allowedA : allowedA + " or " + allowedB));
        }
        return values.clone();
    }

    /** @return θ_e, a copy */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /** @return the training losses of epochs 1 … e, a copy */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** @return the validation losses of epochs 1 … e or empty, a copy */
    @Override
    public double[] validationLosses() {
        return validationLosses.clone();
    }

    /** @return the validation accuracies of epochs 1 … e or empty, a copy */
    @Override
    public double[] validationAccuracies() {
        return validationAccuracies.clone();
    }

    /** @return θ of the best epoch (a copy), or null without early stopping */
    @Override
    public double[] bestParameters() {
        return bestParameters == null ? null : bestParameters.clone();
    }

    /** @return the training state after epoch e (a copy), or null for a network without one */
    @Override
    public double[] trainingState() {
        return trainingState == null ? null : trainingState.clone();
    }

    /** @return the training state of the best epoch (a copy), or null */
    @Override
    public double[] bestTrainingState() {
        return bestTrainingState == null ? null : bestTrainingState.clone();
    }
}
