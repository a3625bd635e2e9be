package io.radnet.api;

import java.nio.DoubleBuffer;

/**
 * Where one side of a {@link WinogradTransforms} transform keeps a group's samples: the input
 * side (C channels of H × W maps, read through 4 × 4 tiles) or the output side (C_out channels of
 * H_out × W_out maps, written as 2 × 2 blocks). Computed once per call; immutable.
 *
 * <p>Shapes, with K the side's channels (C or C_out) and T = tileRows·tileColumns
 * = ⌈H_out/2⌉·⌈W_out/2⌉ the tiles of a sample:
 * <ul>
 *   <li>the plane layout: sample n's maps are mapRows rows of mapRow = (map width)·K entries,
 *       pixel-major (a pixel's K channels contiguous), sampleEntries = mapRows·mapRow entries
 *       from n·sampleEntries;</li>
 *   <li>the padded scratch: paddedRows rows of paddedRow entries, zero outside the map, the
 *       map's row y at (y + border)·paddedRow + border·K. Input side: (2·⌈H_out/2⌉ + 2) ×
 *       (2·⌈W_out/2⌉ + 2) pixels, border p, so every tile's 4 × 4 input lies inside. Output
 *       side: 2·⌈H_out/2⌉ × 2·⌈W_out/2⌉ pixels, border 0, so every tile's 2 × 2 block does;</li>
 *   <li>tile (ty, tx) starts in the padded scratch at {@link #tileCorner}; it is the sample's
 *       local tile ty·tileColumns + tx, and its K channels stand at local·K of each run;</li>
 *   <li>the 16 runs: sample s of the group (0 ≤ s &lt; group) holds run = T·K entries of each
 *       transform entry ξ, at s·run of the group's ξ-th column-major K × (group·T) matrix and at
 *       ξ·stride of a runs scratch of {@link #runsEntries()} entries.</li>
 * </ul>
 *
 * @param channels K, the channels of this side's maps
 * @param tileRows ⌈H_out/2⌉
 * @param tileColumns ⌈W_out/2⌉
 * @param group G, the samples of the call (its tile matrices' columns / T)
 * @param run T·K, one sample's entries of one transform entry ξ
 * @param stride the distance between the runs of consecutive ξ in the runs scratch: run rounded
 *     up to a multiple of 4 KiB plus 64 bytes, so that the 16 runs read or written side by side
 *     fall in different sets of the L1 cache (at a multiple of 4 KiB apart they evict each other)
 * @param mapRows the rows of a map (H or H_out)
 * @param mapRow a map row's entries (W·K or W_out·K)
 * @param paddedRows the rows of the padded scratch
 * @param paddedRow a padded row's entries
 * @param border the padded scratch's rows and columns of zeros before the map (p or 0)
 */
record WinogradTileLayout(int channels, int tileRows, int tileColumns, int group, int run, int stride, int mapRows,
                          int mapRow, int paddedRows, int paddedRow, int border) {

    /**
     * @param g the geometry (kernel 3, stride 1)
     * @param tileCols G·T, the columns of the group's tile matrices
     * @return the input side: C channels of H × W maps, padded by p and to whole 4 × 4 tiles
     */
    static WinogradTileLayout input(ConvolutionGeometry g, int tileCols) {
        return of(g, g.channels(), tileCols, g.height(), g.width(), 2, g.padding());
    }

    /**
     * @param g the input geometry (kernel 3, stride 1)
     * @param outputChannels C_out
     * @param tileCols G·T, the columns of the group's product matrices
     * @return the output side: C_out channels of H_out × W_out maps, extended to whole 2 × 2 blocks
     */
    static WinogradTileLayout output(ConvolutionGeometry g, int outputChannels, int tileCols) {
        return of(g, outputChannels, tileCols, g.outputHeight(), g.outputWidth(), 0, 0);
    }

    /** @param halo the padded scratch's extra pixels beyond 2·tileRows and 2·tileColumns */
    private static WinogradTileLayout of(ConvolutionGeometry g, int channels, int tileCols, int mapRows, int mapColumns,
                                         int halo, int border) {
        int tileRows = g.winogradTileRows();
        int tileColumns = g.winogradTileColumns();
        int run = g.winogradTiles() * channels;
        return new WinogradTileLayout(channels, tileRows, tileColumns, tileCols / g.winogradTiles(), run,
                ((run + 511) & ~511) + 8, mapRows, mapColumns * channels, 2 * tileRows + halo,
                (2 * tileColumns + halo) * channels, border);
    }

    /** @return mapRows·mapRow, one sample's entries in the plane layout */
    int sampleEntries() {
        return mapRows * mapRow;
    }

    /** @return paddedRows·paddedRow, the padded scratch's entries */
    int paddedEntries() {
        return paddedRows * paddedRow;
    }

    /** @return 16·stride, the runs scratch's entries */
    int runsEntries() {
        return WinogradTransforms.TILE_ENTRIES * stride;
    }

    /** @return 2·ty·paddedRow + 2·tx·K, where tile (ty, tx)'s first pixel stands in the padded scratch */
    int tileCorner(int ty, int tx) {
        return 2 * ty * paddedRow + 2 * tx * channels;
    }

    /** padded's map rows ← sample's maps in planes (row by row, bulk); the border is not touched. */
    void loadMaps(DoubleBuffer planes, int sample, double[] padded) {
        int base = sample * sampleEntries();
        for (int y = 0; y < mapRows; y++) {
            planes.get(base + y * mapRow, padded, (y + border) * paddedRow + border * channels, mapRow);
        }
    }

    /** sample's maps in planes ← padded's map rows (row by row, bulk); the border is dropped. */
    void storeMaps(double[] padded, int sample, DoubleBuffer planes) {
        int base = sample * sampleEntries();
        for (int y = 0; y < mapRows; y++) {
            planes.put(base + y * mapRow, padded, (y + border) * paddedRow + border * channels, mapRow);
        }
    }

    /** runs[ξ·stride …] ← group sample s's run of each matrices[ξ]. */
    void loadRuns(DoubleBuffer[] matrices, int s, double[] runs) {
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            matrices[xi].get(s * run, runs, xi * stride, run);
        }
    }

    /** group sample s's run of each matrices[ξ] ← runs[ξ·stride …]. */
    void storeRuns(double[] runs, int s, DoubleBuffer[] matrices) {
        for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
            matrices[xi].put(s * run, runs, xi * stride, run);
        }
    }
}
