package io.radnet.api;

/**
 * The geometry of a 2-D convolution or pooling window sliding over feature maps, as PyTorch's
 * {@code Conv2d} and {@code MaxPool2d} define it: C channels of H × W maps, a square k × k
 * window, stride s and zero padding p on every side, giving maps of
 * H_out = ⌊(H + 2p − k)/s⌋ + 1 by W_out = ⌊(W + 2p − k)/s⌋ + 1.
 *
 * <p>The <em>plane layout</em> the convolution capabilities of {@link Backend} work on holds a
 * batch of N samples' maps as one C × (N·H·W) matrix: row c is channel c of every sample, sample
 * after sample, each map row-major, so entry (c, n·H·W + y·W + x) is sample n's channel c at
 * row y, column x. The <em>column matrix</em> of {@link Backend#im2col} is
 * (C·k·k) × (G·H_out·W_out) for a group of G samples: row (c·k + i)·k + j, column
 * g·H_out·W_out + oy·W_out + ox holds the input at channel c, row oy·s − p + i, column
 * ox·s − p + j of sample g of the group, or 0 where that position is padding.
 *
 * @param channels C ≥ 1
 * @param height H ≥ 1
 * @param width W ≥ 1
 * @param kernel k ≥ 1, at most H + 2p and W + 2p
 * @param stride s ≥ 1
 * @param padding p ≥ 0, less than k
 */
public record ConvolutionGeometry(int channels, int height, int width, int kernel, int stride, int padding) {
    /**
     * @throws IllegalArgumentException naming the first value out of range
     */
    public ConvolutionGeometry {
        requirePositive("channels", channels);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("kernel", kernel);
        requirePositive("stride", stride);
        if (padding < 0 || padding >= kernel) {
            throw new IllegalArgumentException("convolution padding must be in 0.." + (kernel - 1) + " for kernel "
                    + kernel + ", got " + padding);
        }
        if (kernel > height + 2L * padding || kernel > width + 2L * padding) {
            throw new IllegalArgumentException("a " + kernel + "x" + kernel + " window does not fit " + height + "x" + width
                    + " maps with padding " + padding);
        }
        if ((long) channels * kernel * kernel > Integer.MAX_VALUE - 8 || (long) channels * height * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("convolution of " + channels + " channels of " + height + "x" + width
                    + " maps with kernel " + kernel + " has more entries per sample than a Java array holds");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("convolution " + name + " must be at least 1, got " + value);
        }
    }

    /** @return H_out = ⌊(H + 2p − k)/s⌋ + 1 */
    public int outputHeight() {
        return (height + 2 * padding - kernel) / stride + 1;
    }

    /** @return W_out = ⌊(W + 2p − k)/s⌋ + 1 */
    public int outputWidth() {
        return (width + 2 * padding - kernel) / stride + 1;
    }

    /** @return H·W, the entries of one input map */
    public int inputPixels() {
        return height * width;
    }

    /** @return H_out·W_out, the entries of one output map */
    public int outputPixels() {
        return outputHeight() * outputWidth();
    }

    /** @return C·k·k, the rows of the column matrix (one per input entry a window reads) */
    public int patchSize() {
        return channels * kernel * kernel;
    }

    /** @return ⌈H_out/2⌉, the rows of 2 × 2 output tiles of {@link ConvolutionAlgorithm#WINOGRAD_F2X3} */
    public int winogradTileRows() {
        return (outputHeight() + 1) / 2;
    }

    /** @return ⌈W_out/2⌉, the columns of 2 × 2 output tiles of {@link ConvolutionAlgorithm#WINOGRAD_F2X3} */
    public int winogradTileColumns() {
        return (outputWidth() + 1) / 2;
    }

    /** @return ⌈H_out/2⌉·⌈W_out/2⌉, the 2 × 2 output tiles of one sample */
    public int winogradTiles() {
        return winogradTileRows() * winogradTileColumns();
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + " maps, kernel " + kernel + ", stride " + stride + ", padding "
                + padding;
    }
}
