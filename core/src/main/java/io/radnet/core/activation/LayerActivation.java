package io.radnet.core.activation;

import io.radnet.api.Backend;

/**
 * The activation of one hidden layer, as networks use it: a map ℝ^n → ℝ^n applied to every
 * sample of a batch, possibly with a scalar shift parameter s. It hands out {@link LayerKernel}s
 * that own the scratch buffers for one batch size, so forward and backward passes allocate
 * nothing.
 *
 * <p>Kernels see batches laid out width × batch, one sample per <em>column</em>: the batch is
 * the long dimension (14,641 samples against widths of 2 to 128 in the paper's experiments),
 * and keeping it innermost makes every loop long and vectorisable.
 */
public interface LayerActivation {
    /**
     * @param backend the backend the kernel computes on
     * @param batch the number of rows of the batches it will see, ≥ 1
     * @param width the layer width n, ≥ 1
     * @return a kernel with buffers for width × batch inputs (one sample per column)
     */
    LayerKernel kernel(Backend backend, int batch, int width);

    /** @return a short name, e.g. {@code "radial sigmoid"} */
    String name();
}
