package io.radnet.core.optim;

/**
 * Training produced a NaN or infinite loss or parameters, or a finite run diverged by the
 * trainer's {@link DivergenceRule} (a loss grown far beyond the best of the run, or a parameter
 * beyond the rule's limit). The {@link Trainer} throws it after
 * restoring the network's parameters to their values before the failing epoch, so the model
 * is never left silently non-finite. (The optimizer's internal state is not restored: call
 * {@link Optimizer#reset()} before training again.)
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failing epoch, 1-based. */
    private final int epoch;
    /** The non-finite or diverged loss, or the epoch's finite loss if the parameters diverged. */
    private final double loss;

    /**
     * @param message what diverged, naming the epoch
     * @param epoch the failing epoch (1-based)
     * @param loss the non-finite or diverged loss, or the epoch's finite loss if the parameters
     *     diverged
     */
    public TrainingDivergedException(String message, int epoch, double loss) {
        super(message);
        this.epoch = epoch;
        this.loss = loss;
    }

    /** @return the failing epoch, 1 for the first epoch of the run */
    public int epoch() {
        return epoch;
    }

    /**
     * @return the loss that was not finite or grew beyond the rule, or the epoch's (finite) loss
     *     if the parameters diverged
     */
    public double loss() {
        return loss;
    }
}
