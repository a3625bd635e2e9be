package io.radnet.core.network;

import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;

/**
 * A forward and backward pass through a {@link Network} for one batch size, owning every
 * intermediate buffer so that repeated passes (training epochs) allocate nothing.
 *
 * <p>Protocol: {@link #forward} then {@link #backward} (or {@link #backwardAccumulating}); the
 * input given to forward must stay unchanged until backward has run. Or
 * {@link #forwardLossBackward}, a whole training step's passes in one call.
 */
public interface TrainingPass {
    /** How a pass computes the gradient; every method gives the exact gradient, to rounding. */
    enum Method {
        /** Every layer at full width, one layer at a time. */
        DENSE,
        /**
         * Every layer at full width, one block of samples at a time through the whole network,
         * in the backend's fused {@link io.radnet.api.RadialNetworkKernel}.
         */
        FUSED,
        /**
         * Forward through the QR-compressed network and backward in the subspaces that hold the
         * back-propagated signals ({@link RadialNetwork.Backprop#SUBSPACE}): the per-sample cost
         * of the reduced widths.
         */
        SUBSPACE,
        /** The passes of a composite network's parts, each by its own method. */
        COMPOSITE;

        /** @return the name reports print: {@code dense}, {@code fused}, {@code subspace} or {@code composite} */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @return how this pass computes the gradient, for reports that state what ran;
     *     {@link Method#DENSE} unless the pass says otherwise
     */
    default Method method() {
        return Method.DENSE;
    }

    /** @return the batch size this pass was made for */
    int batch();

    /**
     * Runs the network and keeps what the backward pass needs. Checks shapes, not values (the
     * trainer validates data once).
     *
     * @param x a batch × n₀ tensor, not modified, kept by reference until backward
     * @return the batch × n_L output, a buffer of this pass overwritten by the next forward
     */
    Tensor forward(Tensor x);

    /**
     * gradient ← ∂L/∂θ, back-propagating ∂L/∂F(x) through the last forward.
     *
     * @param dOutput batch × n_L, ∂L/∂F(x) for the last forward's batch; not modified
     * @param gradient a point of the network's parameter space, overwritten
     */
    void backward(Tensor dOutput, ParameterVector gradient);

    /**
     * gradientSum ← gradientSum + ∂L/∂θ, and optionally dInput ← ∂L/∂x: for networks that are
     * applied several times (repeated composition) or fed by another network.
     *
     * @param dOutput batch × n_L, not modified
     * @param gradientSum a point of the network's parameter space, accumulated into
     * @param dInput null, or a batch × n₀ tensor overwritten with ∂L/∂x
     */
    void backwardAccumulating(Tensor dOutput, ParameterVector gradientSum, Tensor dInput);

    /**
     * A training step's passes: the forward pass of x, the loss L(F(x), target) with
     * dOutput ← ∂L/∂F(x), and gradient ← ∂L/∂θ back-propagated from dOutput. The result is
     * bitwise that of {@link #forward}, {@link Loss#valueAndGradient} and {@link #backward} (this
     * default); a pass may instead run the loss between each block of samples' forward and
     * backward pass (EJML's fused radial pass does, for an {@link io.radnet.api.RowLoss}), keeping
     * those bits. Afterwards, {@link #backward} needs a new {@link #forward} first.
     *
     * @param x a batch × n₀ tensor, not modified
     * @param loss the loss
     * @param target the targets, shaped as the loss documents; not modified
     * @param dOutput batch × n_L, overwritten with ∂L/∂F(x)
     * @param gradient a point of the network's parameter space, overwritten with ∂L/∂θ
     * @return L(F(x), target); NaN or infinite when the values are (the gradient is then
     *     meaningless but written)
     */
    default double forwardLossBackward(Tensor x, Loss loss, Tensor target, Tensor dOutput, ParameterVector gradient) {
        double value = loss.valueAndGradient(forward(x), target, dOutput);
        backward(dOutput, gradient);
        return value;
    }
}
