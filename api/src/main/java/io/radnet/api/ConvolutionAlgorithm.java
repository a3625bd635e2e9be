package io.radnet.api;

/**
 * How a convolution layer computes its products ({@link Backend#convolutionAlgorithm}). Both
 * give the same convolution up to rounding.
 */
public enum ConvolutionAlgorithm {
    /**
     * The column matrix of {@link Backend#im2col} times the weight, per group of samples: C_in·k²
     * multiplications per output entry. Any geometry.
     */
    IM2COL,
    /**
     * Winograd's minimal filtering F(2×2, 3×3) ({@link WinogradTransforms},
     * {@link Backend#winogradTransformInput}): 16 products of C_out × C_in by C_in × tiles per
     * group, 4·C_in multiplications per output entry (each 2 × 2 output tile costs 16·C_in).
     * Only a 3 × 3 window at stride 1.
     */
    WINOGRAD_F2X3;

    /**
     * @param geometry the maps and the window
     * @return whether this algorithm computes a convolution of that geometry
     */
    public boolean supports(ConvolutionGeometry geometry) {
        return this == IM2COL || geometry.kernel() == 3 && geometry.stride() == 1;
    }
}
