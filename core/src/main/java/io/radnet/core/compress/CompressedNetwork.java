package io.radnet.core.compress;

import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.ReducedWidths;

/**
 * The result of QR-compress without its symmetry: the reduced network and what changed.
 *
 * @param network the compressed radial network, widths n^red, same feedforward function
 * @param originalWidths n
 * @param reducedWidths n^red
 * <p>The network's parameters are new tensors that belong to this result. On a native backend
 * their memory is freed when the garbage collector finds them unreachable, which may be long
 * after (the Java heap hardly grows while native memory does): {@link #close()} frees them at
 * once, e.g. when results are made in a loop.
 *
 * @param reduced false when n^red = n: nothing could be removed and the network is an exact
 *     copy of the input
 */
public record CompressedNetwork(RadialNetwork network, int[] originalWidths, int[] reducedWidths, boolean reduced)
        implements AutoCloseable {
    /** @return the number of weights (and biases, when the layers carry them) before compression */
    public long originalParameters() {
        return ReducedWidths.parameterCount(originalWidths, network.layerBiases());
    }

    /** @return the number of weights (and biases, when the layers carry them) after compression */
    public long reducedParameters() {
        return ReducedWidths.parameterCount(reducedWidths, network.layerBiases());
    }

    /**
     * Frees the compressed network's tensors now (native storage on backends that hold it); the
     * network must not be used afterwards. Closing again does nothing.
     */
    @Override
    public void close() {
        network.parameters().close();
    }
}
