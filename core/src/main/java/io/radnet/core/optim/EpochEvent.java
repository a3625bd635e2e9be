package io.radnet.core.optim;

import java.time.Duration;

/**
 * The progress report of one finished training epoch.
 *
 * @param epoch the epoch number, 1 for the first epoch of a run (a resumed run continues the
 *     numbering of its checkpoint)
 * @param loss the epoch's loss: for full-batch training the loss of the epoch's forward pass
 *     (before its update, as PyTorch's training loop reports it); for minibatches the mean of
 *     the batch losses weighted by batch size
 * @param elapsed the wall time since the run started, including this epoch
 * @param validationLoss the loss on the validation data with the parameters after the epoch's
 *     updates, or NaN without validation data
 * @param validationAccuracy the accuracy on the validation data (fraction of samples whose
 *     largest output is the label) for a classification loss with validation data, otherwise NaN
 */
public record EpochEvent(int epoch, double loss, Duration elapsed, double validationLoss, double validationAccuracy) {
    /**
     * An epoch without validation data.
     *
     * @param epoch the epoch number
     * @param loss the epoch's loss
     * @param elapsed the wall time since the run started
     */
    public EpochEvent(int epoch, double loss, Duration elapsed) {
        this(epoch, loss, elapsed, Double.NaN, Double.NaN);
    }
}
