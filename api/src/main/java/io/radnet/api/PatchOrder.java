package io.radnet.api;

/**
 * The order of the rows of an im2col column matrix ({@link Backend#im2col}): which window
 * entry (channel c, window row i, window column j; 0 ≤ c &lt; C, 0 ≤ i, j &lt; k) each of its
 * C·k·k rows holds. A convolution's weight W (C_out × C·k·k) must have its columns in the same
 * order as the column matrix it multiplies.
 */
public enum PatchOrder {
    /**
     * Row (c·k + i)·k + j: the order of PyTorch's weight [C_out, C, k, k] flattened. On
     * row-major storage a window row of the column matrix is then a run of W_out entries of one
     * input row.
     */
    CHANNEL_MAJOR,
    /**
     * Row (i·k + j)·C + c: channels innermost. On column-major storage (where the plane layout
     * C × (N·H·W) holds each pixel's C channels contiguously) a column of the column matrix is
     * then k runs of k·C entries, each one contiguous run of the input.
     */
    CHANNEL_MINOR;

    /**
     * @param geometry the maps and the window
     * @param channel c, 0 ≤ c &lt; C
     * @param windowRow i, 0 ≤ i &lt; k
     * @param windowColumn j, 0 ≤ j &lt; k
     * @return the row of the column matrix holding window entry (c, i, j) in this order
     */
    public int row(ConvolutionGeometry geometry, int channel, int windowRow, int windowColumn) {
        int k = geometry.kernel();
        return this == CHANNEL_MAJOR ? (channel * k + windowRow) * k + windowColumn
                : (windowRow * k + windowColumn) * geometry.channels() + channel;
    }
}
