package io.radnet.core.optim;

import java.time.Duration;

/**
 * The progress report of one finished training epoch.
 *
 * @param epoch the epoch number, 1 for the first epoch of a run
 * @param loss the epoch's loss: for full-batch training the loss of the epoch's forward pass
 *     (before its update, as PyTorch's training loop reports it); for minibatches the mean of
 *     the batch losses weighted by batch size
 * @param elapsed the wall time since the run started, including this epoch
 */
public record EpochEvent(int epoch, double loss, Duration elapsed) {
}
