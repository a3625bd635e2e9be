package io.radnet.core.activation;

import io.radnet.api.Tensor;

/**
 * One layer's activation for a fixed batch size, with its scratch buffers. Batches are
 * width × batch, one sample per column. {@link #forward}
 * remembers its input (by reference: the caller keeps z unchanged until {@link #backward}) and
 * what backward needs.
 */
public interface LayerKernel {
    /**
     * out ← act_s(z), column by column (sample by sample).
     *
     * @param z n × batch pre-activations, not modified, kept by reference until backward
     * @param shift the activation shift s (ignored by activations without one)
     * @param out n × batch, overwritten; must not be z
     */
    void forward(Tensor z, double shift, Tensor out);

    /**
     * Back-propagates through the last forward: dz ← J(z)ᵀ·g column by column, where J is the
     * Jacobian of the activation at the remembered z.
     *
     * @param g n × batch, ∂L/∂out; not modified
     * @param dz n × batch, overwritten with ∂L/∂z; must not be g
     * @param wantShiftGradient whether to compute ∂L/∂s (skipped work otherwise)
     * @return ∂L/∂s summed over the batch, or 0 when not wanted or not applicable
     */
    double backward(Tensor g, Tensor dz, boolean wantShiftGradient);
}
