package io.radnet.core.optim;

/**
 * Receives one {@link EpochEvent} after every epoch of a {@link Trainer} run (a progress bar,
 * a loss plot, a log line, early stopping through {@link Trainer#requestStop()}). Called on the
 * training thread, after the epoch's update and before the stopping rules are checked; it must
 * not modify the network. An exception it throws ends the run and propagates.
 */
@FunctionalInterface
public interface TrainingListener {
    /**
     * @param event the epoch that just finished
     */
    void onEpoch(EpochEvent event);
}
