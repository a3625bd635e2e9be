package io.radnet.api;

import java.nio.DoubleBuffer;
import java.util.Arrays;

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
 * ({@link DefaultKernels}, on column-major copies) and the column-major backends' kernels
 * ({@code io.radnet.api.kernels.ColumnMajorBackend}): not entry points, nothing is validated (the
 * backend's public operations check every argument), nothing is allocated but a call's
 * {@code WinogradTileLayout} (where a sample's maps, padded scratch and 16 runs stand) and the
 * calling thread's two reused scratch arrays. Planes and tile
 * matrices are dense and column-major in one {@link DoubleBuffer} each (entry (i, j) of an
 * m × n matrix at i + j·m), so a pixel's channels and a tile's channels are contiguous: each
 * sample moves in bulk copies and the transforms run over the channels innermost. Every entry is
 * computed with the same operations in the same order whatever the group, so results are bitwise
 * independent of the backend.
 */
public final class WinogradTransforms {
    /** Entries of a transformed tile, and the number of products. */
    public static final int TILE_ENTRIES = 16;

    private WinogradTransforms() {
    }

    /** The calling thread's two scratch arrays, grown on demand. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    /** @return the calling thread's scratch array {@code which} (0 or 1) of at least length entries, contents undefined */
    private static double[] scratch(int which, int length) {
        double[][] arrays = SCRATCH.get();
        if (arrays[which].length < length) {
            arrays[which] = new double[length];
        }
        return arrays[which];
    }

    /**
     * tiles[4a + b][c, t] ← (Bᵀ d B)[a, b] for every tile t of samples first … first + G − 1 and
     * channel c, d the tile's 4 × 4 input (zero outside the map). Each sample's maps are copied,
     * row by row, into a zero-padded pixel-major scratch array; each tile's transform runs over
     * the channels innermost; each sample's 16 runs of tiles·C entries are stored in bulk.
     *
     * @param planes C × (N·H·W), the plane layout, column-major, not modified
     * @param g the geometry (kernel 3, stride 1)
     * @param first the group's first sample
     * @param tiles 16 column-major matrices C × (G·tiles), overwritten
     * @param tileCols G·tiles
     */
    public static void transformInput(DoubleBuffer planes, ConvolutionGeometry g, int first, DoubleBuffer[] tiles,
                                      int tileCols) {
        WinogradTileLayout layout = WinogradTileLayout.input(g, tileCols);
        double[] padded = scratch(0, layout.paddedEntries());
        double[] out = scratch(1, layout.runsEntries());
        Arrays.fill(padded, 0, layout.paddedEntries(), 0.0);
        for (int s = 0; s < layout.group(); s++) {
            layout.loadMaps(planes, first + s, padded);
            int local = 0;
            for (int ty = 0; ty < layout.tileRows(); ty++) {
                for (int tx = 0; tx < layout.tileColumns(); tx++, local++) {
                    inputTile(padded, layout.tileCorner(ty, tx), layout.paddedRow(), layout.channels(), out,
                            local * layout.channels(), layout.stride());
                }
            }
            layout.storeRuns(out, s, tiles);
        }
    }

    /**
     * One tile's input transform over the channels: padded holds the tile's 4 × 4 pixels of C
     * channels at r0 + a·paddedRow + b·C + c; out[ξ·stride + at + c] ← (Bᵀ d B)_ξ.
     */
    private static void inputTile(double[] padded, int r0, int paddedRow, int channels, double[] out, int at,
                                  int stride) {
        int r1 = r0 + paddedRow;
        int r2 = r1 + paddedRow;
        int r3 = r2 + paddedRow;
        int c1 = channels;
        int c2 = 2 * channels;
        int c3 = 3 * channels;
        for (int c = 0; c < channels; c++) {
            // e = Bᵀ d, column by column
            double e00 = padded[r0 + c] - padded[r2 + c];
            double e01 = padded[r0 + c1 + c] - padded[r2 + c1 + c];
            double e02 = padded[r0 + c2 + c] - padded[r2 + c2 + c];
            double e03 = padded[r0 + c3 + c] - padded[r2 + c3 + c];
            double e10 = padded[r1 + c] + padded[r2 + c];
            double e11 = padded[r1 + c1 + c] + padded[r2 + c1 + c];
            double e12 = padded[r1 + c2 + c] + padded[r2 + c2 + c];
            double e13 = padded[r1 + c3 + c] + padded[r2 + c3 + c];
            double e20 = padded[r2 + c] - padded[r1 + c];
            double e21 = padded[r2 + c1 + c] - padded[r1 + c1 + c];
            double e22 = padded[r2 + c2 + c] - padded[r1 + c2 + c];
            double e23 = padded[r2 + c3 + c] - padded[r1 + c3 + c];
            double e30 = padded[r1 + c] - padded[r3 + c];
            double e31 = padded[r1 + c1 + c] - padded[r3 + c1 + c];
            double e32 = padded[r1 + c2 + c] - padded[r3 + c2 + c];
            double e33 = padded[r1 + c3 + c] - padded[r3 + c3 + c];
            int o = at + c;
            // V = e B, row by row
            out[o] = e00 - e02;
            out[stride + o] = e01 + e02;
            out[2 * stride + o] = e02 - e01;
            out[3 * stride + o] = e01 - e03;
            out[4 * stride + o] = e10 - e12;
            out[5 * stride + o] = e11 + e12;
            out[6 * stride + o] = e12 - e11;
            out[7 * stride + o] = e11 - e13;
            out[8 * stride + o] = e20 - e22;
            out[9 * stride + o] = e21 + e22;
            out[10 * stride + o] = e22 - e21;
            out[11 * stride + o] = e21 - e23;
            out[12 * stride + o] = e30 - e32;
            out[13 * stride + o] = e31 + e32;
            out[14 * stride + o] = e32 - e31;
            out[15 * stride + o] = e31 - e33;
        }
    }

    /**
     * The transpose of {@link #transformInput}: the group's entries of planes ← 0, then for every
     * tile in ascending order (sample, ty, tx) and channel c, B ∂V Bᵀ (∂V[a, b] = tiles[4a + b][c, t])
     * added to the tile's 4 × 4 input positions inside the map (positions in the padding are
     * dropped). Other samples' entries are not touched. Each sample is summed in a zero-padded
     * scratch array and its rows stored in bulk.
     *
     * @param tiles 16 column-major matrices C × (G·tiles), not modified
     * @param tileCols G·tiles
     * @param g the geometry (kernel 3, stride 1)
     * @param first the group's first sample
     * @param planes C × (N·H·W), column-major; the group's entries overwritten
     */
    public static void transformInputTransposed(DoubleBuffer[] tiles, int tileCols, ConvolutionGeometry g, int first,
                                                DoubleBuffer planes) {
        WinogradTileLayout layout = WinogradTileLayout.input(g, tileCols);
        int channels = layout.channels();
        int paddedRow = layout.paddedRow();
        int stride = layout.stride();
        double[] padded = scratch(0, layout.paddedEntries());
        double[] in = scratch(1, layout.runsEntries());
        for (int s = 0; s < layout.group(); s++) {
            Arrays.fill(padded, 0, layout.paddedEntries(), 0.0);
            layout.loadRuns(tiles, s, in);
            int local = 0;
            for (int ty = 0; ty < layout.tileRows(); ty++) {
                for (int tx = 0; tx < layout.tileColumns(); tx++, local++) {
                    inputTileTransposed(in, local * channels, stride, padded, layout.tileCorner(ty, tx), paddedRow,
                            channels);
                }
            }
            layout.storeMaps(padded, first + s, planes);
        }
    }

    /**
     * One tile's transposed input transform over the channels, the transpose of {@link #inputTile}:
     * with ∂V_ξ = in[ξ·stride + at + c], padded[r0 + a·paddedRow + b·C + c] += (B ∂V Bᵀ)[a, b].
     */
    private static void inputTileTransposed(double[] in, int at, int stride, double[] padded, int r0, int paddedRow,
                                            int channels) {
        int r1 = r0 + paddedRow;
        int r2 = r1 + paddedRow;
        int r3 = r2 + paddedRow;
        int c1 = channels;
        int c2 = 2 * channels;
        int c3 = 3 * channels;
        for (int c = 0; c < channels; c++) {
            int i = at + c;
            // e = ∂V Bᵀ, row by row: B maps (u0, u1, u2, u3) to (u0, u1 − u2 + u3, u2 + u1 − u0, −u3)
            double e00 = in[i];
            double e01 = in[stride + i] - in[2 * stride + i] + in[3 * stride + i];
            double e02 = in[2 * stride + i] + in[stride + i] - in[i];
            double e03 = -in[3 * stride + i];
            double e10 = in[4 * stride + i];
            double e11 = in[5 * stride + i] - in[6 * stride + i] + in[7 * stride + i];
            double e12 = in[6 * stride + i] + in[5 * stride + i] - in[4 * stride + i];
            double e13 = -in[7 * stride + i];
            double e20 = in[8 * stride + i];
            double e21 = in[9 * stride + i] - in[10 * stride + i] + in[11 * stride + i];
            double e22 = in[10 * stride + i] + in[9 * stride + i] - in[8 * stride + i];
            double e23 = -in[11 * stride + i];
            double e30 = in[12 * stride + i];
            double e31 = in[13 * stride + i] - in[14 * stride + i] + in[15 * stride + i];
            double e32 = in[14 * stride + i] + in[13 * stride + i] - in[12 * stride + i];
            double e33 = -in[15 * stride + i];
            // B e, column by column
            padded[r0 + c] += e00;
            padded[r0 + c1 + c] += e01;
            padded[r0 + c2 + c] += e02;
            padded[r0 + c3 + c] += e03;
            padded[r1 + c] += e10 - e20 + e30;
            padded[r1 + c1 + c] += e11 - e21 + e31;
            padded[r1 + c2 + c] += e12 - e22 + e32;
            padded[r1 + c3 + c] += e13 - e23 + e33;
            padded[r2 + c] += e20 + e10 - e00;
            padded[r2 + c1 + c] += e21 + e11 - e01;
            padded[r2 + c2 + c] += e22 + e12 - e02;
            padded[r2 + c3 + c] += e23 + e13 - e03;
            padded[r3 + c] += -e30;
            padded[r3 + c1 + c] += -e31;
            padded[r3 + c2 + c] += -e32;
            padded[r3 + c3 + c] += -e33;
        }
    }

    /**
     * The group's output: out[o, pixel] ← (Aᵀ M A)[r, q] for the output pixel at row 2·ty + r,
     * column 2·tx + q of every tile t (the entries inside the output map), M[a, b] =
     * products[4a + b][o, t]. Every output pixel of the group is written once (per sample, one
     * bulk store).
     *
     * @param products 16 column-major matrices C_out × (G·tiles), not modified
     * @param tileCols G·tiles
     * @param g the input geometry (kernel 3, stride 1)
     * @param outputChannels C_out
     * @param first the group's first sample
     * @param out C_out × (N·H_out·W_out), column-major; the group's entries overwritten
     */
    public static void transformOutput(DoubleBuffer[] products, int tileCols, ConvolutionGeometry g, int outputChannels,
                                       int first, DoubleBuffer out) {
        WinogradTileLayout layout = WinogradTileLayout.output(g, outputChannels, tileCols);
        int stride = layout.stride();
        int outRow = layout.mapRow();
        int sampleEntries = layout.sampleEntries();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        double[] in = scratch(0, layout.runsEntries());
        double[] result = scratch(1, sampleEntries);
        for (int s = 0; s < layout.group(); s++) {
            layout.loadRuns(products, s, in);
            int local = 0;
            for (int ty = 0; ty < layout.tileRows(); ty++) {
                boolean below = 2 * ty + 1 < outH;
                for (int tx = 0; tx < layout.tileColumns(); tx++, local++) {
                    boolean right = 2 * tx + 1 < outW;
                    int p00 = 2 * ty * outRow + 2 * tx * outputChannels;
                    int p01 = p00 + outputChannels;
                    int p10 = p00 + outRow;
                    int p11 = p10 + outputChannels;
                    int at = local * outputChannels;
                    for (int o = 0; o < outputChannels; o++) {
                        int i = at + o;
                        // f = Aᵀ M, column by column
                        double f00 = in[i] + in[4 * stride + i] + in[8 * stride + i];
                        double f01 = in[stride + i] + in[5 * stride + i] + in[9 * stride + i];
                        double f02 = in[2 * stride + i] + in[6 * stride + i] + in[10 * stride + i];
                        double f03 = in[3 * stride + i] + in[7 * stride + i] + in[11 * stride + i];
                        double f10 = in[4 * stride + i] - in[8 * stride + i] - in[12 * stride + i];
                        double f11 = in[5 * stride + i] - in[9 * stride + i] - in[13 * stride + i];
                        double f12 = in[6 * stride + i] - in[10 * stride + i] - in[14 * stride + i];
                        double f13 = in[7 * stride + i] - in[11 * stride + i] - in[15 * stride + i];
                        // Y = f A, row by row
                        result[p00 + o] = f00 + f01 + f02;
                        if (right) {
                            result[p01 + o] = f01 - f02 - f03;
                        }
                        if (below) {
                            result[p10 + o] = f10 + f11 + f12;
                            if (right) {
                                result[p11 + o] = f11 - f12 - f13;
                            }
                        }
                    }
                }
            }
            out.put((first + s) * sampleEntries, result, 0, sampleEntries);
        }
    }

    /**
     * The transpose of {@link #transformOutput}: products[4a + b][o, t] ← (A ∂Y Aᵀ)[a, b] for every
     * tile t and channel o, ∂Y the tile's 2 × 2 block of dOut (0 outside the output map; each
     * sample's output is copied into a scratch array zero-extended to whole tiles).
     *
     * @param dOut C_out × (N·H_out·W_out), column-major, not modified
     * @param g the input geometry (kernel 3, stride 1)
     * @param outputChannels C_out
     * @param first the group's first sample
     * @param products 16 column-major matrices C_out × (G·tiles), overwritten
     * @param tileCols G·tiles
     */
    public static void transformOutputTransposed(DoubleBuffer dOut, ConvolutionGeometry g, int outputChannels, int first,
                                                 DoubleBuffer[] products, int tileCols) {
        WinogradTileLayout layout = WinogradTileLayout.output(g, outputChannels, tileCols);
        int paddedRow = layout.paddedRow();
        int stride = layout.stride();
        double[] padded = scratch(0, layout.paddedEntries());
        double[] out = scratch(1, layout.runsEntries());
        Arrays.fill(padded, 0, layout.paddedEntries(), 0.0);
        for (int s = 0; s < layout.group(); s++) {
            layout.loadMaps(dOut, first + s, padded);
            int local = 0;
            for (int ty = 0; ty < layout.tileRows(); ty++) {
                for (int tx = 0; tx < layout.tileColumns(); tx++, local++) {
                    int p00 = layout.tileCorner(ty, tx);
                    int p01 = p00 + outputChannels;
                    int p10 = p00 + paddedRow;
                    int p11 = p10 + outputChannels;
                    int at = local * outputChannels;
                    for (int o = 0; o < outputChannels; o++) {
                        double y00 = padded[p00 + o];
                        double y01 = padded[p01 + o];
                        double y10 = padded[p10 + o];
                        double y11 = padded[p11 + o];
                        // f = A ∂Y: A maps (u0, u1) to (u0, u0 + u1, u0 − u1, −u1), column by column
                        double f10 = y00 + y10;
                        double f11 = y01 + y11;
                        double f20 = y00 - y10;
                        double f21 = y01 - y11;
                        double f30 = -y10;
                        double f31 = -y11;
                        int i = at + o;
                        // f Aᵀ, row by row
                        out[i] = y00;
                        out[stride + i] = y00 + y01;
                        out[2 * stride + i] = y00 - y01;
                        out[3 * stride + i] = -y01;
                        out[4 * stride + i] = f10;
                        out[5 * stride + i] = f10 + f11;
                        out[6 * stride + i] = f10 - f11;
                        out[7 * stride + i] = -f11;
                        out[8 * stride + i] = f20;
                        out[9 * stride + i] = f20 + f21;
                        out[10 * stride + i] = f20 - f21;
                        out[11 * stride + i] = -f21;
                        out[12 * stride + i] = f30;
                        out[13 * stride + i] = f30 + f31;
                        out[14 * stride + i] = f30 - f31;
                        out[15 * stride + i] = -f31;
                    }
                }
            }
            layout.storeRuns(out, s, products);
        }
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
}
