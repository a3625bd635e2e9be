package io.radnet.core.optim;

import io.radnet.core.network.TrainingPass;
import java.time.Duration;
import java.util.Arrays;

/**
 * The outcome of a {@link Trainer} run.
 */
public final class TrainingResult {
    private final int epochs;
    private final double[] lossHistory;
    private final StopReason stopReason;
    private final Duration elapsed;
    private final TrainingPass.Method trainingPass;
    private final double[] validationLossHistory;
    private final double[] validationAccuracyHistory;
    private final int modelEpoch;

    TrainingResult(int epochs, double[] lossHistory, StopReason stopReason, Duration elapsed,
            TrainingPass.Method trainingPass, double[] validationLossHistory, double[] validationAccuracyHistory,
            int modelEpoch) {
        this.epochs = epochs;
        this.lossHistory = lossHistory;
        this.stopReason = stopReason;
        this.elapsed = elapsed;
        this.trainingPass = trainingPass;
        this.validationLossHistory = validationLossHistory;
        this.validationAccuracyHistory = validationAccuracyHistory;
        this.modelEpoch = modelEpoch;
    }

    /** @return the number of epochs run, ≥ 1 */
    public int epochs() {
        return epochs;
    }

    /** @return the loss of the last epoch (as {@link EpochEvent#loss()} defines it) */
    public double finalLoss() {
        return lossHistory[lossHistory.length - 1];
    }

    /** @return the loss of every epoch, index e − 1 for epoch e; a copy */
    public double[] lossHistory() {
        return lossHistory.clone();
    }

    /**
     * @return the validation loss of every epoch (index e − 1 for epoch e; see
     *     {@link EpochEvent#validationLoss()}), or an empty array without validation data; a copy
     */
    public double[] validationLossHistory() {
        return validationLossHistory.clone();
    }

    /**
     * @return the validation accuracy of every epoch for a classification loss with validation
     *     data, otherwise an empty array; a copy
     */
    public double[] validationAccuracyHistory() {
        return validationAccuracyHistory.clone();
    }

    /**
     * @return the epoch whose parameters the network holds after the run: the last epoch, or
     *     with early stopping the epoch of the lowest validation loss (restored at the end)
     */
    public int modelEpoch() {
        return modelEpoch;
    }

    /** @return why the run stopped */
    public StopReason stopReason() {
        return stopReason;
    }

    /** @return the wall time of the run */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * @return how the training pass of the full-size batches computed the gradient (for a
     *     {@link io.radnet.core.network.RadialNetwork} with {@code AUTOMATIC} backprop, a last
     *     smaller batch may have taken the other choice)
     */
    public TrainingPass.Method trainingPass() {
        return trainingPass;
    }

    @Override
    public String toString() {
        return "TrainingResult(" + epochs + " epochs, final loss " + finalLoss() + ", stopped by " + stopReason + ", "
                + elapsed.toMillis() + " ms, " + trainingPass + " pass; first losses " + Arrays.toString(Arrays.copyOf(lossHistory,
                Math.min(3, lossHistory.length))) + ")";
    }
}
