package io.radnet.core.cnn;

import io.radnet.api.Tensor;
import java.util.List;

/**
 * A layer's forward and backward pass for one batch size, owning its buffers. The input of
 * {@link #forward} must stay unchanged until {@link #backward} has run; arguments are checked by
 * the network's pass, so a layer pass validates nothing.
 */
interface LayerPass {
    /**
     * @param input the batch in the input shape's layout, kept by reference until backward
     * @return the output in the output shape's layout: a buffer of this pass, or the input itself
     *     when the layer is the identity in this mode
     */
    Tensor forward(Tensor input);

    /**
     * @param dOutput ∂L/∂output, in the output layout; not modified
     * @param gradients the layer's parameter gradients in the order of
     *     {@link Layer#parameters()}, overwritten or (when accumulating) added to; or null when
     *     they are not read (a frozen layer), then a pass may skip computing them
     * @param accumulate whether to add to the gradients
     * @param dInput null, or a tensor in the input layout overwritten with ∂L/∂input
     */
    void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput);
}
