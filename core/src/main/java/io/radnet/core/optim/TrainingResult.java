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

    TrainingResult(int epochs, double[] lossHistory, StopReason stopReason, Duration elapsed,
            TrainingPass.Method trainingPass) {
        this.epochs = epochs;
        this.lossHistory = lossHistory;
        this.stopReason = stopReason;
        this.elapsed = elapsed;
        this.trainingPass = trainingPass;
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
