package io.radnet.api;

import java.nio.DoubleBuffer;

/**
 * Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, "Fast Algorithms for Convolutional
 * Neural Networks", CVPR 2016, §4.1 and §5): a 3 × 3, stride-1 convolution computes each 2 × 2
 * block of its output from a 4 × 4 tile d of its (zero-padded) input as
 * Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A with
 * <pre>
 *      ⎡1  0 −1  0⎤        ⎡ 1   0   0⎤
 * Bᵀ = ⎢0  1  1  0⎥,   G = ⎢1/2 1/2 1/2⎥,   Aᵀ = ⎡1 1  1  0⎤
 *      ⎢0 −1  1  0⎥        ⎢1/2 −1/2 1/2⎥        ⎣0 1 −1 −1⎦
 *      ⎣0  1  0 −1⎦        ⎣ 0   0   1⎦
 * </pre>
 * Summed over input channels, the 16 entries ξ = 4a + b of the elementwise product become 16
 * matrix products M_ξ = U_ξ·V_ξ (C_out × C_in times C_in × T for T tiles), 4 multiplications
 * per output pixel and channel pair instead of im2col's 9.
 *
 * <p>Tiles: tile (ty, tx) of a sample reads input rows 2·ty − p … 2·ty − p + 3 and columns
 * 2·tx − p … 2·tx − p + 3 (zero outside the map) and gives output rows 2·ty, 2·ty + 1 and columns
 * 2·tx, 2·tx + 1 (those inside the output); a sample has ⌈H_out/2⌉·⌈W_out/2⌉ tiles
 * ({@link ConvolutionGeometry#winogradTiles()}), tile column g·tiles + ty·⌈W_out/2⌉ + tx for
 * sample g of a group.
 *
 * <p>The backward pass uses the transposes of the same linear maps (§5 of the paper treats the
 * gradients as the same kind of correlations): with ∂M = A ∂Y Aᵀ (outputs outside the map
 * count as 0), ∂U_ξ = Σ ∂M_ξ·V_ξᵀ, ∂g = Gᵀ ∂U G (the weight gradient, F(3×3, 2×2) in the
 * transposed form), ∂V_ξ = U_ξᵀ·∂M_ξ and ∂d = B ∂V Bᵀ summed over the overlapping tiles (the
 * input gradient).
 *
 * <p>The arithmetic of {@link Backend}'s Winograd capabilities, shared by their defaults
 * ({@link DefaultKernels}) and the backends' kernels: not entry points, nothing is validated
 * (the backend's public operations check every argument), nothing is allocated but a few index
 * and scratch arrays of at most 16 entries per call. Planes and tile
 * matrices are dense in one {@link DoubleBuffer} each, row-major or column-major (entry (i, j) of
 * an m × n matrix at i·n + j or i + j·m); the loops run over channels innermost, contiguous on
 * column-major storage. Every layout computes every entry with the same operations in the same
 * order, so results are bitwise independent of the layout.
 */
public final class WinogradTransforms {
    /** Entries of a transformed tile, and the number of products. */
    public static final int TILE_ENTRIES = 16;

    private WinogradTransforms() {
    }

    /** Strides of a dense matrix: entry (i, j) at i·rowStride + j·columnStride. */
    private static int rowStride(int cols, boolean columnMajor) {
        return columnMajor ? 1 : cols;
    }

    private static int columnStride(int rows, boolean columnMajor) {
        return columnMajor ? rows : 1;
    }

    /**
     * tiles[4a + b][c, t] ← (Bᵀ d B)[a, b] for every tile t of samples first … first + G − 1 and
     * channel c, d the tile's 4 × 4 input (zero outside the map).
     *
     * @param planes C × (N·H·W), the plane layout, not modified
     * @param planeCols N·H·W
     * @param g the geometry (kernel 3, stride 1)
     * @param first the group's first sample
     * @param tiles 16 matrices C × (G·tiles), overwritten
     * @param tileCols G·tiles
     * @param columnMajor the storage order of every matrix
     */
    public static void transformInput(DoubleBuffer planes, int planeCols, ConvolutionGeometry g, int first,
                                      DoubleBuffer[] tiles, int tileCols, boolean columnMajor) {
        int channels = g.channels();
        int planeRowStride = rowStride(planeCols, columnMajor);
        int planeColumnStride = columnStride(channels, columnMajor);
        int tileRowStride = rowStride(tileCols, columnMajor);
        int tileColumnStride = columnStride(channels, columnMajor);
        int[] source = new int[TILE_ENTRIES];
        forEachTile(g, first, tileCols, (pixelBase, y0, x0, tile) -> {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    int y = y0 + a;
                    int x = x0 + b;
                    boolean inside = y >= 0 && y < g.height() && x >= 0 && x < g.width();
                    source[4 * a + b] = inside ? (pixelBase + y * g.width() + x) * planeColumnStride : -1;
                }
            }
            int target = tile * tileColumnStride;
            for (int c = 0; c < channels; c++) {
                int row = c * planeRowStride;
                double d00 = read(planes, source[0], row);
                double d01 = read(planes, source[1], row);
                double d02 = read(planes, source[2], row);
                double d03 = read(planes, source[3], row);
                double d10 = read(planes, source[4], row);
                double d11 = read(planes, source[5], row);
                double d12 = read(planes, source[6], row);
                double d13 = read(planes, source[7], row);
                double d20 = read(planes, source[8], row);
                double d21 = read(planes, source[9], row);
                double d22 = read(planes, source[10], row);
                double d23 = read(planes, source[11], row);
                double d30 = read(planes, source[12], row);
                double d31 = read(planes, source[13], row);
                double d32 = read(planes, source[14], row);
                double d33 = read(planes, source[15], row);
                // e = Bᵀ d, column by column
                double e00 = d00 - d20;
                double e01 = d01 - d21;
                double e02 = d02 - d22;
                double e03 = d03 - d23;
                double e10 = d10 + d20;
                double e11 = d11 + d21;
                double e12 = d12 + d22;
                double e13 = d13 + d23;
                double e20 = d20 - d10;
                double e21 = d21 - d11;
                double e22 = d22 - d12;
                double e23 = d23 - d13;
                double e30 = d10 - d30;
                double e31 = d11 - d31;
                double e32 = d12 - d32;
                double e33 = d13 - d33;
                int at = target + c * tileRowStride;
                // V = e B, row by row
                tiles[0].put(at, e00 - e02);
                tiles[1].put(at, e01 + e02);
                tiles[2].put(at, e02 - e01);
                tiles[3].put(at, e01 - e03);
                tiles[4].put(at, e10 - e12);
                tiles[5].put(at, e11 + e12);
                tiles[6].put(at, e12 - e11);
                tiles[7].put(at, e11 - e13);
                tiles[8].put(at, e20 - e22);
                tiles[9].put(at, e21 + e22);
                tiles[10].put(at, e22 - e21);
                tiles[11].put(at, e21 - e23);
                tiles[12].put(at, e30 - e32);
                tiles[13].put(at, e31 + e32);
                tiles[14].put(at, e32 - e31);
                tiles[15].put(at, e31 - e33);
            }
        });
    }

    private static double read(DoubleBuffer buffer, int position, int offset) {
        return position < 0 ? 0.0 : buffer.get(position + offset);
    }

    /**
     * The transpose of {@link #transformInput}: the group's entries of planes ← 0, then for every
     * tile in ascending order (sample, ty, tx) and channel c, B ∂V Bᵀ (∂V[a, b] = tiles[4a + b][c, t])
     * added to the tile's 4 × 4 input positions inside the map (positions in the padding are
     * dropped). Other samples' entries are not touched.
     *
     * @param tiles 16 matrices C × (G·tiles), not modified
     * @param tileCols G·tiles
     * @param g the geometry (kernel 3, stride 1)
     * @param first the group's first sample
     * @param planes C × (N·H·W); the group's entries overwritten
     * @param planeCols N·H·W
     * @param columnMajor the storage order of every matrix
     */
    public static void transformInputTransposed(DoubleBuffer[] tiles, int tileCols, ConvolutionGeometry g, int first,
                                                DoubleBuffer planes, int planeCols, boolean columnMajor) {
        int channels = g.channels();
        int pixels = g.inputPixels();
        int group = tileCols / g.winogradTiles();
        if (columnMajor) {
            fill(planes, first * pixels * channels, group * pixels * channels);
        } else {
            for (int c = 0; c < channels; c++) {
                fill(planes, c * planeCols + first * pixels, group * pixels);
            }
        }
        int planeRowStride = rowStride(planeCols, columnMajor);
        int planeColumnStride = columnStride(channels, columnMajor);
        int tileRowStride = rowStride(tileCols, columnMajor);
        int tileColumnStride = columnStride(channels, columnMajor);
        int[] target = new int[TILE_ENTRIES];
        forEachTile(g, first, tileCols, (pixelBase, y0, x0, tile) -> {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    int y = y0 + a;
                    int x = x0 + b;
                    boolean inside = y >= 0 && y < g.height() && x >= 0 && x < g.width();
                    target[4 * a + b] = inside ? (pixelBase + y * g.width() + x) * planeColumnStride : -1;
                }
            }
            int source = tile * tileColumnStride;
            for (int c = 0; c < channels; c++) {
                int at = source + c * tileRowStride;
                double v00 = tiles[0].get(at);
                double v01 = tiles[1].get(at);
                double v02 = tiles[2].get(at);
                double v03 = tiles[3].get(at);
                double v10 = tiles[4].get(at);
                double v11 = tiles[5].get(at);
                double v12 = tiles[6].get(at);
                double v13 = tiles[7].get(at);
                double v20 = tiles[8].get(at);
                double v21 = tiles[9].get(at);
                double v22 = tiles[10].get(at);
                double v23 = tiles[11].get(at);
                double v30 = tiles[12].get(at);
                double v31 = tiles[13].get(at);
                double v32 = tiles[14].get(at);
                double v33 = tiles[15].get(at);
                // e = ∂V Bᵀ, row by row: Bᵀ's transpose B maps (u0, u1, u2, u3) to (u0, u1 − u2 + u3, u2 + u1 − u0, −u3)
                double e00 = v00;
                double e01 = v01 - v02 + v03;
                double e02 = v02 + v01 - v00;
                double e03 = -v03;
                double e10 = v10;
                double e11 = v11 - v12 + v13;
                double e12 = v12 + v11 - v10;
                double e13 = -v13;
                double e20 = v20;
                double e21 = v21 - v22 + v23;
                double e22 = v22 + v21 - v20;
                double e23 = -v23;
                double e30 = v30;
                double e31 = v31 - v32 + v33;
                double e32 = v32 + v31 - v30;
                double e33 = -v33;
                int row = c * planeRowStride;
                // B e, column by column
                add(planes, target[0], row, e00);
                add(planes, target[1], row, e01);
                add(planes, target[2], row, e02);
                add(planes, target[3], row, e03);
                add(planes, target[4], row, e10 - e20 + e30);
                add(planes, target[5], row, e11 - e21 + e31);
                add(planes, target[6], row, e12 - e22 + e32);
                add(planes, target[7], row, e13 - e23 + e33);
                add(planes, target[8], row, e20 + e10 - e00);
                add(planes, target[9], row, e21 + e11 - e01);
                add(planes, target[10], row, e22 + e12 - e02);
                add(planes, target[11], row, e23 + e13 - e03);
                add(planes, target[12], row, -e30);
                add(planes, target[13], row, -e31);
                add(planes, target[14], row, -e32);
                add(planes, target[15], row, -e33);
            }
        });
    }

    private static void add(DoubleBuffer buffer, int position, int offset, double value) {
        if (position >= 0) {
            buffer.put(position + offset, buffer.get(position + offset) + value);
        }
    }

    private static void fill(DoubleBuffer buffer, int from, int length) {
        for (int i = from; i < from + length; i++) {
            buffer.put(i, 0.0);
        }
    }

    /**
     * The group's output: out[o, pixel] ← (Aᵀ M A)[r, q] for the output pixel at row 2·ty + r,
     * column 2·tx + q of every tile t (the entries inside the output map), M[a, b] =
     * products[4a + b][o, t]. Every output pixel of the group is written once.
     *
     * @param products 16 matrices C_out × (G·tiles), not modified
     * @param tileCols G·tiles
     * @param g the input geometry (kernel 3, stride 1)
     * @param outputChannels C_out
     * @param first the group's first sample
     * @param out C_out × (N·H_out·W_out); the group's entries overwritten
     * @param outCols N·H_out·W_out
     * @param columnMajor the storage order of every matrix
     */
    public static void transformOutput(DoubleBuffer[] products, int tileCols, ConvolutionGeometry g, int outputChannels,
                                       int first, DoubleBuffer out, int outCols, boolean columnMajor) {
        int outRowStride = rowStride(outCols, columnMajor);
        int outColumnStride = columnStride(outputChannels, columnMajor);
        int tileRowStride = rowStride(tileCols, columnMajor);
        int tileColumnStride = columnStride(outputChannels, columnMajor);
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        forEachOutputTile(g, first, tileCols, (pixel, y0, x0, tile) -> {
            boolean right = x0 + 1 < outW;
            boolean below = y0 + 1 < outH;
            int p00 = pixel * outColumnStride;
            int p01 = (pixel + 1) * outColumnStride;
            int p10 = (pixel + outW) * outColumnStride;
            int p11 = (pixel + outW + 1) * outColumnStride;
            int source = tile * tileColumnStride;
            for (int o = 0; o < outputChannels; o++) {
                int at = source + o * tileRowStride;
                double m00 = products[0].get(at);
                double m01 = products[1].get(at);
                double m02 = products[2].get(at);
                double m03 = products[3].get(at);
                double m10 = products[4].get(at);
                double m11 = products[5].get(at);
                double m12 = products[6].get(at);
                double m13 = products[7].get(at);
                double m20 = products[8].get(at);
                double m21 = products[9].get(at);
                double m22 = products[10].get(at);
                double m23 = products[11].get(at);
                double m30 = products[12].get(at);
                double m31 = products[13].get(at);
                double m32 = products[14].get(at);
                double m33 = products[15].get(at);
                // f = Aᵀ M, column by column
                double f00 = m00 + m10 + m20;
                double f01 = m01 + m11 + m21;
                double f02 = m02 + m12 + m22;
                double f03 = m03 + m13 + m23;
                double f10 = m10 - m20 - m30;
                double f11 = m11 - m21 - m31;
                double f12 = m12 - m22 - m32;
                double f13 = m13 - m23 - m33;
                int row = o * outRowStride;
                out.put(p00 + row, f00 + f01 + f02);
                if (right) {
                    out.put(p01 + row, f01 - f02 - f03);
                }
                if (below) {
                    out.put(p10 + row, f10 + f11 + f12);
                    if (right) {
                        out.put(p11 + row, f11 - f12 - f13);
                    }
                }
            }
        });
    }

    /**
     * The transpose of {@link #transformOutput}: products[4a + b][o, t] ← (A ∂Y Aᵀ)[a, b] for every
     * tile t and channel o, ∂Y the tile's 2 × 2 block of dOut (0 outside the output map).
     *
     * @param dOut C_out × (N·H_out·W_out), not modified
     * @param outCols N·H_out·W_out
     * @param g the input geometry (kernel 3, stride 1)
     * @param outputChannels C_out
     * @param first the group's first sample
     * @param products 16 matrices C_out × (G·tiles), overwritten
     * @param tileCols G·tiles
     * @param columnMajor the storage order of every matrix
     */
    public static void transformOutputTransposed(DoubleBuffer dOut, int outCols, ConvolutionGeometry g,
                                                 int outputChannels, int first, DoubleBuffer[] products, int tileCols,
                                                 boolean columnMajor) {
        int outRowStride = rowStride(outCols, columnMajor);
        int outColumnStride = columnStride(outputChannels, columnMajor);
        int tileRowStride = rowStride(tileCols, columnMajor);
        int tileColumnStride = columnStride(outputChannels, columnMajor);
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        forEachOutputTile(g, first, tileCols, (pixel, y0, x0, tile) -> {
            boolean right = x0 + 1 < outW;
            boolean below = y0 + 1 < outH;
            int p00 = pixel * outColumnStride;
            int p01 = right ? (pixel + 1) * outColumnStride : -1;
            int p10 = below ? (pixel + outW) * outColumnStride : -1;
            int p11 = right && below ? (pixel + outW + 1) * outColumnStride : -1;
            int target = tile * tileColumnStride;
            for (int o = 0; o < outputChannels; o++) {
                int row = o * outRowStride;
                double y00 = dOut.get(p00 + row);
                double y01 = read(dOut, p01, row);
                double y10 = read(dOut, p10, row);
                double y11 = read(dOut, p11, row);
                // f = A ∂Y: A maps (u0, u1) to (u0, u0 + u1, u0 − u1, −u1), column by column
                double f00 = y00;
                double f01 = y01;
                double f10 = y00 + y10;
                double f11 = y01 + y11;
                double f20 = y00 - y10;
                double f21 = y01 - y11;
                double f30 = -y10;
                double f31 = -y11;
                int at = target + o * tileRowStride;
                // f Aᵀ, row by row
                products[0].put(at, f00);
                products[1].put(at, f00 + f01);
                products[2].put(at, f00 - f01);
                products[3].put(at, -f01);
                products[4].put(at, f10);
                products[5].put(at, f10 + f11);
                products[6].put(at, f10 - f11);
                products[7].put(at, -f11);
                products[8].put(at, f20);
                products[9].put(at, f20 + f21);
                products[10].put(at, f20 - f21);
                products[11].put(at, -f21);
                products[12].put(at, f30);
                products[13].put(at, f30 + f31);
                products[14].put(at, f30 - f31);
                products[15].put(at, -f31);
            }
        });
    }

    /**
     * The transformed filters: filters[4a + b][o·C + c] ← (G g Gᵀ)[a, b], g the 3 × 3 filter
     * weight[o·9C + 9c + 3i + j] (PyTorch's [C_out, C, 3, 3], row-major). Both arrays row-major.
     *
     * @param weight C_out·C·9 entries, not modified
     * @param outputChannels C_out
     * @param channels C
     * @param filters 16 arrays of at least C_out·C entries, overwritten
     */
    public static void transformFilters(double[] weight, int outputChannels, int channels, double[][] filters) {
        for (int pair = 0; pair < outputChannels * channels; pair++) {
            int base = pair * 9;
            double g00 = weight[base];
            double g01 = weight[base + 1];
            double g02 = weight[base + 2];
            double g10 = weight[base + 3];
            double g11 = weight[base + 4];
            double g12 = weight[base + 5];
            double g20 = weight[base + 6];
            double g21 = weight[base + 7];
            double g22 = weight[base + 8];
            // h = G g, column by column (4 × 3)
            double h00 = g00;
            double h01 = g01;
            double h02 = g02;
            double h10 = (g00 + g10 + g20) * 0.5;
            double h11 = (g01 + g11 + g21) * 0.5;
            double h12 = (g02 + g12 + g22) * 0.5;
            double h20 = (g00 - g10 + g20) * 0.5;
            double h21 = (g01 - g11 + g21) * 0.5;
            double h22 = (g02 - g12 + g22) * 0.5;
            double h30 = g20;
            double h31 = g21;
            double h32 = g22;
            // U = h Gᵀ, row by row
            filterRow(filters, 0, pair, h00, h01, h02);
            filterRow(filters, 4, pair, h10, h11, h12);
            filterRow(filters, 8, pair, h20, h21, h22);
            filterRow(filters, 12, pair, h30, h31, h32);
        }
    }

    private static void filterRow(double[][] filters, int first, int pair, double h0, double h1, double h2) {
        filters[first][pair] = h0;
        filters[first + 1][pair] = (h0 + h1 + h2) * 0.5;
        filters[first + 2][pair] = (h0 - h1 + h2) * 0.5;
        filters[first + 3][pair] = h2;
    }

    /**
     * The transpose of {@link #transformFilters}: gradient[o·9C + 9c + 3i + j] ← (Gᵀ ∂U G)[i, j]
     * with ∂U[a, b] = filterGradients[4a + b][o·C + c]. Both arrays row-major.
     *
     * @param filterGradients 16 arrays of at least C_out·C entries, not modified
     * @param outputChannels C_out
     * @param channels C
     * @param gradient C_out·C·9 entries, overwritten
     */
    public static void transformFiltersTransposed(double[][] filterGradients, int outputChannels, int channels,
                                                  double[] gradient) {
        double[] h = new double[12];
        for (int pair = 0; pair < outputChannels * channels; pair++) {
            // h = Gᵀ ∂U, column by column (3 × 4): Gᵀ maps (u0, u1, u2, u3) to
            // (u0 + (u1 + u2)/2, (u1 − u2)/2, (u1 + u2)/2 + u3)
            for (int b = 0; b < 4; b++) {
                double u0 = filterGradients[b][pair];
                double u1 = filterGradients[4 + b][pair];
                double u2 = filterGradients[8 + b][pair];
                double u3 = filterGradients[12 + b][pair];
                h[b] = u0 + (u1 + u2) * 0.5;
                h[4 + b] = (u1 - u2) * 0.5;
                h[8 + b] = (u1 + u2) * 0.5 + u3;
            }
            // h G, row by row
            int base = pair * 9;
            for (int i = 0; i < 3; i++) {
                double u0 = h[4 * i];
                double u1 = h[4 * i + 1];
                double u2 = h[4 * i + 2];
                double u3 = h[4 * i + 3];
                gradient[base + 3 * i] = u0 + (u1 + u2) * 0.5;
                gradient[base + 3 * i + 1] = (u1 - u2) * 0.5;
                gradient[base + 3 * i + 2] = (u1 + u2) * 0.5 + u3;
            }
        }
    }

    /** Receives a tile of {@link #forEachTile} or {@link #forEachOutputTile}. */
    @FunctionalInterface
    private interface TileVisitor {
        /**
         * @param pixel for input tiles the sample's first pixel n·H·W; for output tiles the
         *     pixel n·H_out·W_out + y0·W_out + x0 of the tile's top-left output
         * @param y0 for input tiles the first input row 2·ty − p, for output tiles 2·ty
         * @param x0 likewise for columns
         * @param tile the tile's column in the tile matrices
         */
        void accept(int pixel, int y0, int x0, int tile);
    }

    /** Visits the group's tiles in ascending order (sample, ty, tx) with their input corner. */
    private static void forEachTile(ConvolutionGeometry g, int first, int tileCols, TileVisitor visitor) {
        int tileRows = g.winogradTileRows();
        int tileColumns = g.winogradTileColumns();
        int group = tileCols / g.winogradTiles();
        int tile = 0;
        for (int s = 0; s < group; s++) {
            int pixelBase = (first + s) * g.inputPixels();
            for (int ty = 0; ty < tileRows; ty++) {
                for (int tx = 0; tx < tileColumns; tx++) {
                    visitor.accept(pixelBase, 2 * ty - g.padding(), 2 * tx - g.padding(), tile++);
                }
            }
        }
    }

    /** Visits the group's tiles in ascending order (sample, ty, tx) with their output corner. */
    private static void forEachOutputTile(ConvolutionGeometry g, int first, int tileCols, TileVisitor visitor) {
        int tileRows = g.winogradTileRows();
        int tileColumns = g.winogradTileColumns();
        int group = tileCols / g.winogradTiles();
        int outW = g.outputWidth();
        int tile = 0;
        for (int s = 0; s < group; s++) {
            int pixelBase = (first + s) * g.outputPixels();
            for (int ty = 0; ty < tileRows; ty++) {
                for (int tx = 0; tx < tileColumns; tx++) {
                    visitor.accept(pixelBase + 2 * ty * outW + 2 * tx, 2 * ty, 2 * tx, tile++);
                }
            }
        }
    }
}
