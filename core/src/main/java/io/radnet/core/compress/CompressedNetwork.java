package io.radnet.core.compress;

import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.ReducedWidths;

/**
 * The result of QR-compress without its symmetry: the reduced network and what changed.
 *
 * @param network the compressed radial network, widths n^red, same feedforward function
 * @param originalWidths n
 * @param reducedWidths n^red
 * @param reduced false when n^red = n: nothing could be removed and the network is an exact
 *     copy of the input
 */
public record CompressedNetwork(RadialNetwork network, int[] originalWidths, int[] reducedWidths, boolean reduced) {
    /** @return the number of weights and biases before compression */
    public long originalParameters() {
        return ReducedWidths.parameterCount(originalWidths);
    }

    /** @return the number of weights and biases after compression */
    public long reducedParameters() {
        return ReducedWidths.parameterCount(reducedWidths);
    }
}
