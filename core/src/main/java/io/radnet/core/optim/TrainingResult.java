package io.radnet.core.optim;

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

    TrainingResult(int epochs, double[] lossHistory, StopReason stopReason, Duration elapsed) {
        this.epochs = epochs;
        this.lossHistory = lossHistory;
        this.stopReason = stopReason;
        this.elapsed = elapsed;
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

    @Override
    public String toString() {
        return "TrainingResult(" + epochs + " epochs, final loss " + finalLoss() + ", stopped by " + stopReason + ", "
                + elapsed.toMillis() + " ms; first losses " + Arrays.toString(Arrays.copyOf(lossHistory,
                Math.min(3, lossHistory.length))) + ")";
    }
}
