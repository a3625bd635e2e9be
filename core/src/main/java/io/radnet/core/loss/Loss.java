package io.radnet.core.loss;

import io.radnet.api.Tensor;

/**
 * A loss over a batch: a scalar L(P, Y) of the batch × k predictions P and the targets Y, and
 * its gradient ∂L/∂P.
 */
public interface Loss {
    /**
     * @param prediction batch × k predictions, not modified
     * @param target the targets (shape as the loss documents), not modified
     * @return L(P, Y)
     * @throws io.radnet.api.ShapeMismatchException if the shapes do not fit
     */
    double value(Tensor prediction, Tensor target);

    /**
     * @param prediction batch × k predictions, not modified
     * @param target the targets, not modified
     * @param gradient batch × k, overwritten with ∂L/∂P; must be neither input
     * @return L(P, Y)
     */
    double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient);

    /**
     * Checks, once before training, that targets fit this loss and a network with the given
     * number of outputs (shape and, where the loss needs it, values).
     *
     * @param targets the samples × t targets of a data set, not modified
     * @param outputWidth n_L, the number of the network's outputs
     * @throws IllegalArgumentException naming what does not fit
     */
    void requireValidTargets(Tensor targets, int outputWidth);

    /** @return a short name, e.g. {@code "mse"} */
    String name();
}
