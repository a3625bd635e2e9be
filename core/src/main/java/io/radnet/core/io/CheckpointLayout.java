package io.radnet.core.io;

/**
 * The names of a training checkpoint's parts (written and read by
 * {@code io.radnet.core.optim.CheckpointFiles}): a radnet model file whose metadata carries
 * {@value #VERSION_KEY}{@code =}{@value #VERSION}, plus training-state tensors that
 * {@link ModelFiles} leaves out when it reads a checkpoint as a model.
 */
public final class CheckpointLayout {
    /** The metadata key that marks a checkpoint and gives its layout version. */
    public static final String VERSION_KEY = "checkpoint";
    /** The layout version written and read. */
    public static final String VERSION = "radnet-training-1";
    /** The prefix of the caller's metadata keys. */
    public static final String RUN_PREFIX = "run.";
    /** The prefix of the optimizer's buffers, {@code optimizer.{buffer}}, each of shape [P]. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** The training loss per epoch, [e]. */
    public static final String LOSSES = "history.losses";
    /** The validation loss per epoch, [e]. */
    public static final String VALIDATION_LOSSES = "history.validation_losses";
    /** The validation accuracy per epoch, [e]. */
    public static final String VALIDATION_ACCURACIES = "history.validation_accuracies";
    /** The parameters of the epoch with the lowest validation loss, [P]. */
    public static final String BEST = "best.parameters";

    private CheckpointLayout() {
    }

    /**
     * @param content a model file's or a checkpoint's content
     * @return the content itself for a model file; for a checkpoint (metadata
     *     {@value #VERSION_KEY}), its model tensors only, so every command that reads a model reads
     *     a checkpoint's model
     */
    public static TensorFile modelPart(TensorFile content) {
        if (!content.metadata().containsKey(VERSION_KEY)) {
            return content;
        }
        return new TensorFile(content.metadata(), content.tensors().stream().filter(t -> !isTrainingState(t.name())).toList());
    }

    /**
     * @param name a tensor's name in a checkpoint
     * @return whether it is training state rather than a model tensor
     */
    public static boolean isTrainingState(String name) {
        return name.startsWith(OPTIMIZER_PREFIX) || name.equals(LOSSES) || name.equals(VALIDATION_LOSSES)
                || name.equals(VALIDATION_ACCURACIES) || name.equals(BEST);
    }
}
