package io.radnet.core.cnn;

/**
 * The features of one sample between two layers: C channels of H × W maps (spatial), or a
 * vector of C features (flat, H = W = 1).
 *
 * <p>How a batch of N samples is held: a spatial shape in the <em>plane layout</em> C × (N·H·W)
 * of {@link io.radnet.api.ConvolutionGeometry} (row c is channel c of every sample, sample after
 * sample, each map row-major), the layout a product over im2col produces; a flat shape as rows,
 * N × C. {@link Flatten} turns the first into the second in PyTorch's order (sample n's row is
 * its NCHW entries, channel-major).
 *
 * @param channels C ≥ 1
 * @param height H ≥ 1 (1 when flat)
 * @param width W ≥ 1 (1 when flat)
 * @param spatial whether the features are maps (plane layout) or a vector (rows)
 */
public record FeatureShape(int channels, int height, int width, boolean spatial) {
    /**
     * @throws IllegalArgumentException if a dimension is below 1, a flat shape has H or W other
     *     than 1, or C·H·W exceeds a Java array
     */
    public FeatureShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("a feature shape needs positive dimensions, got " + channels + "x" + height
                    + "x" + width);
        }
        if (!spatial && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a flat feature shape has height and width 1, got " + height + "x" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a feature shape of " + channels + "x" + height + "x" + width
                    + " has more entries than a Java array holds");
        }
    }

    /**
     * @param channels C
     * @param height H
     * @param width W
     * @return C maps of H × W
     */
    public static FeatureShape maps(int channels, int height, int width) {
        return new FeatureShape(channels, height, width, true);
    }

    /**
     * @param features the length
     * @return a flat vector of that many features
     */
    public static FeatureShape vector(int features) {
        return new FeatureShape(features, 1, 1, false);
    }

    /** @return C·H·W, the features of one sample */
    public int size() {
        return channels * height * width;
    }

    /** @return H·W, the entries of one map */
    public int pixels() {
        return height * width;
    }

    /**
     * @param batch N ≥ 1
     * @return the rows of a batch's tensor: C (spatial) or N (flat)
     */
    int tensorRows(int batch) {
        return spatial ? channels : batch;
    }

    /**
     * @param batch N ≥ 1
     * @return the columns of a batch's tensor: N·H·W (spatial) or C (flat)
     * @throws IllegalArgumentException if N·H·W exceeds an int
     */
    int tensorCols(int batch) {
        if (!spatial) {
            return channels;
        }
        long cols = (long) batch * pixels();
        if (cols * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + batch + " samples of " + this
                    + " has more entries than a tensor holds");
        }
        return (int) cols;
    }

    @Override
    public String toString() {
        return spatial ? channels + "x" + height + "x" + width : Integer.toString(channels);
    }
}
