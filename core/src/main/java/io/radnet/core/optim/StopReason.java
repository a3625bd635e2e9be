package io.radnet.core.optim;

/** Why a {@link Trainer} run ended. When several rules hold after the same epoch, the first listed here is reported. */
public enum StopReason {
    /** The epoch's loss fell below the target loss. */
    TARGET_LOSS,
    /** The validation loss had not improved on its best for the early-stopping patience. */
    EARLY_STOP,
    /** The maximum number of epochs was run. */
    MAX_EPOCHS,
    /** The wall-time limit was reached (checked after every epoch). */
    TIME_LIMIT,
    /** {@link Trainer#requestStop()} was called (checked after every epoch). */
    STOP_REQUESTED
}
