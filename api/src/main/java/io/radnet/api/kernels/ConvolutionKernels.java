package io.radnet.api.kernels;

import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.PatchOrder;
import java.nio.DoubleBuffer;
import java.util.Arrays;

/**
 * The convolution and pooling kernels of the backend SPI ({@code im2col}, {@code col2im},
 * {@code transposeBlocks}, {@code maxPool}, {@code maxPoolBackward}; see
 * {@link ConvolutionGeometry} for the plane layout) on dense storage in one {@link DoubleBuffer}
 * per tensor, row-major (EJML's arrays, wrapped) or column-major (ND4J's direct buffers,
 * JBLAS's heap buffers): entry (i, j) of an m × n tensor is at i·n + j or at i + j·m. Each
 * kernel runs its loops in the order that reads or writes the contiguous dimension innermost for
 * the layout, so nothing is transposed through a row-major copy.
 *
 * <p>Kernels, not entry points: nothing is validated, nothing is allocated (but col2im's one input row of scratch; the column-major
 * transposeBlocks, maxPool and maxPoolBackward work in the calling thread's reused scratch arrays), the buffers'
 * positions and limits are neither read nor changed. Every kernel computes exactly what the
 * default of {@code io.radnet.api.DefaultKernels} computes, bitwise: entries are copied and maxima
 * picked (the first maximum in the window's row-major order) exactly, maxPoolBackward and col2im
 * add in the same order (col2im the up to k² contributions to an input entry in ascending window
 * position (i, j)).
 */
public final class ConvolutionKernels {
    private ConvolutionKernels() {
    }

    /**
     * columns ← the im2col matrix of samples first … first + G − 1 of planes, rows in the given
     * order. Row-major with {@link PatchOrder#CHANNEL_MAJOR} copies runs of W_out entries (one per
     * input row a window row reads); column-major with {@link PatchOrder#CHANNEL_MINOR} copies
     * runs of up to k·C entries (one per window row of an output pixel) with bulk copies; the two
     * other combinations copy entry by entry.
     *
     * @param planes C × (N·H·W)
     * @param planeCols N·H·W
     * @param g the geometry
     * @param order the row order of columns
     * @param first the group's first sample
     * @param columns (C·k·k) × (G·H_out·W_out)
     * @param columnCols G·H_out·W_out
     * @param columnMajor the storage order of both
     */
    public static void im2col(DoubleBuffer planes, int planeCols, ConvolutionGeometry g, PatchOrder order, int first,
                              DoubleBuffer columns, int columnCols, boolean columnMajor) {
        if (columnMajor && order == PatchOrder.CHANNEL_MINOR) {
            im2colChannelRuns(planes, g, first, columns, columnCols);
        } else if (!columnMajor && order == PatchOrder.CHANNEL_MAJOR) {
            im2colRowRuns(planes, planeCols, g, first, columns, columnCols);
        } else {
            forEachEntry(g, order, first, planeCols, columnCols, columnMajor,
                    (plane, column) -> columns.put(column, plane < 0 ? 0.0 : planes.get(plane)));
        }
    }

    /**
     * Row-major, {@link PatchOrder#CHANNEL_MAJOR}: row (c·k + i)·k + j of columns is, per sample
     * and output row, a run of W_out entries of input row oy·s − p + i of channel c (zeros in
     * the padding).
     */
    private static void im2colRowRuns(DoubleBuffer planes, int planeCols, ConvolutionGeometry g, int first,
                                      DoubleBuffer columns, int columnCols) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int group = columnCols / (outH * outW);
        for (int row = 0; row < g.patchSize(); row++) {
            int c = row / (k * k);
            int i = row / k % k;
            int j = row % k;
            int from = firstInside(j, g.padding(), g.stride());
            int to = endInside(j, g.padding(), g.stride(), g.width(), outW);
            for (int s = 0; s < group; s++) {
                for (int oy = 0; oy < outH; oy++) {
                    int y = oy * g.stride() - g.padding() + i;
                    boolean rowInside = y >= 0 && y < g.height();
                    int out = row * columnCols + (s * outH + oy) * outW;
                    int source = c * planeCols + (first + s) * g.inputPixels() + y * g.width() - g.padding() + j;
                    for (int ox = 0; ox < outW; ox++) {
                        columns.put(out + ox, rowInside && ox >= from && ox < to ? planes.get(source + ox * g.stride()) : 0.0);
                    }
                }
            }
        }
    }

    /** Receives a pair of positions of {@link #forEachEntry}. */
    @FunctionalInterface
    private interface EntryPair {
        /**
         * @param plane the entry's position in planes, −1 in the padding
         * @param column its position in columns
         */
        void accept(int plane, int column);
    }

    /**
     * Visits every entry of the group's column matrix with the input position it holds, in the
     * order (c, i, j, sample, oy, ox): per input entry in ascending window position (i, j).
     */
    private static void forEachEntry(ConvolutionGeometry g, PatchOrder order, int first, int planeCols, int columnCols,
                                     boolean columnMajor, EntryPair pair) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int group = columnCols / (outH * outW);
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    int row = order.row(g, c, i, j);
                    for (int s = 0; s < group; s++) {
                        for (int oy = 0; oy < outH; oy++) {
                            for (int ox = 0; ox < outW; ox++) {
                                int y = oy * g.stride() - g.padding() + i;
                                int x = ox * g.stride() - g.padding() + j;
                                int pixel = (first + s) * g.inputPixels() + y * g.width() + x;
                                int column = (s * outH + oy) * outW + ox;
                                boolean inside = y >= 0 && y < g.height() && x >= 0 && x < g.width();
                                pair.accept(!inside ? -1 : columnMajor ? pixel * g.channels() + c : c * planeCols + pixel,
                                        columnMajor ? column * g.patchSize() + row : row * columnCols + column);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Column-major, {@link PatchOrder#CHANNEL_MINOR}: column q of columns is k runs of k·C
     * entries, run i = the C channels of input pixels (y, x₀) … (y, x₀ + k − 1) of window row i,
     * contiguous in the column-major plane layout; the part in the padding is zero.
     */
    private static void im2colChannelRuns(DoubleBuffer planes, ConvolutionGeometry g, int first, DoubleBuffer columns,
                                          int columnCols) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int pixels = g.inputPixels();
        int channels = g.channels();
        int patch = g.patchSize();
        int run = k * channels;
        int group = columnCols / (outH * outW);
        for (int s = 0; s < group; s++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int out = ((s * outH + oy) * outW + ox) * patch;
                    int x0 = ox * g.stride() - g.padding();
                    int jFrom = Math.max(0, -x0);
                    int jTo = Math.min(k, g.width() - x0);
                    for (int i = 0; i < k; i++) {
                        int y = oy * g.stride() - g.padding() + i;
                        int runStart = out + i * run;
                        if (y < 0 || y >= g.height()) {
                            fillZero(columns, runStart, run);
                            continue;
                        }
                        fillZero(columns, runStart, jFrom * channels);
                        columns.put(runStart + jFrom * channels, planes,
                                ((first + s) * pixels + y * g.width() + x0 + jFrom) * channels, (jTo - jFrom) * channels);
                        fillZero(columns, runStart + jTo * channels, (k - jTo) * channels);
                    }
                }
            }
        }
    }

    private static void fillZero(DoubleBuffer buffer, int start, int length) {
        for (int p = start; p < start + length; p++) {
            buffer.put(p, 0.0);
        }
    }

    /** @return the first ox with 0 ≤ ox·s − p + j, i.e. ⌈(p − j)/s⌉ clipped at 0 */
    private static int firstInside(int j, int padding, int stride) {
        int lead = padding - j;
        return lead <= 0 ? 0 : (lead + stride - 1) / stride;
    }

    /** @return one past the last ox &lt; W_out with ox·s − p + j &lt; W */
    private static int endInside(int j, int padding, int stride, int width, int outW) {
        return Math.min(outW, Math.floorDiv(width - 1 + padding - j, stride) + 1);
    }

    /**
     * The group's entries of planes ← 0, then each column entry added to the input position it
     * was read from, per input entry in ascending window position (i, j): exactly the sums of
     * {@code DefaultKernels.col2im}. Row-major with {@link PatchOrder#CHANNEL_MAJOR} and
     * column-major with {@link PatchOrder#CHANNEL_MINOR} go input row by input row (each row, W
     * or W·C entries, is summed in a scratch array that stays in the L1 cache while its k·k
     * window positions add runs of W_out or C entries to it, then stored); the two other
     * combinations add entry by entry.
     *
     * @param columns (C·k·k) × (G·H_out·W_out)
     * @param columnCols G·H_out·W_out
     * @param g the geometry
     * @param order the row order of columns
     * @param first the group's first sample
     * @param planes C × (N·H·W)
     * @param planeCols N·H·W
     * @param columnMajor the storage order of both
     */
    public static void col2im(DoubleBuffer columns, int columnCols, ConvolutionGeometry g, PatchOrder order, int first,
                              DoubleBuffer planes, int planeCols, boolean columnMajor) {
        if (columnMajor == (order == PatchOrder.CHANNEL_MINOR)) {
            col2imByInputRows(columns, columnCols, g, first, planes, planeCols, columnMajor);
            return;
        }
        int pixels = g.inputPixels();
        int group = columnCols / g.outputPixels();
        if (columnMajor) {
            fillZero(planes, first * pixels * g.channels(), group * pixels * g.channels());
        } else {
            for (int c = 0; c < g.channels(); c++) {
                fillZero(planes, c * planeCols + first * pixels, group * pixels);
            }
        }
        forEachEntry(g, order, first, planeCols, columnCols, columnMajor, (plane, column) -> {
            if (plane >= 0) {
                planes.put(plane, planes.get(plane) + columns.get(column));
            }
        });
    }

    /**
     * col2im in the storage's own order, one input row (channel c, or all channels when
     * column-major, of sample s at row y) at a time: zeroed, then for i, j ascending the
     * window row oy = (y + p − i)/s (when whole and inside) adds its entries. Row-major,
     * {@link PatchOrder#CHANNEL_MAJOR}: a run of W_out column entries strided into the row;
     * column-major, {@link PatchOrder#CHANNEL_MINOR}: per output column a run of C entries.
     * Allocates the one row of scratch (W or W·C entries).
     */
    private static void col2imByInputRows(DoubleBuffer columns, int columnCols, ConvolutionGeometry g, int first,
                                          DoubleBuffer planes, int planeCols, boolean columnMajor) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int pixels = g.inputPixels();
        int channels = g.channels();
        int patch = g.patchSize();
        int stride = g.stride();
        int padding = g.padding();
        int group = columnCols / (outH * outW);
        int rowChannels = columnMajor ? 1 : channels;
        int width = columnMajor ? channels : 1;
        double[] row = new double[g.width() * width];
        for (int c = 0; c < rowChannels; c++) {
            for (int s = 0; s < group; s++) {
                for (int y = 0; y < g.height(); y++) {
                    Arrays.fill(row, 0.0);
                    for (int i = 0; i < k; i++) {
                        int lead = y + padding - i;
                        if (lead < 0 || lead % stride != 0 || lead / stride >= outH) {
                            continue;
                        }
                        int column = (s * outH + lead / stride) * outW;
                        for (int j = 0; j < k; j++) {
                            int from = firstInside(j, padding, stride);
                            int to = endInside(j, padding, stride, g.width(), outW);
                            int target = (j - padding) * width;
                            if (columnMajor) {
                                int source = column * patch + (i * k + j) * channels;
                                for (int ox = from; ox < to; ox++) {
                                    int t = target + ox * stride * channels;
                                    int u = source + ox * patch;
                                    for (int ch = 0; ch < channels; ch++) {
                                        row[t + ch] += columns.get(u + ch);
                                    }
                                }
                            } else {
                                int source = ((c * k + i) * k + j) * columnCols + column;
                                for (int ox = from; ox < to; ox++) {
                                    row[target + ox * stride] += columns.get(source + ox);
                                }
                            }
                        }
                    }
                    int rowStart = columnMajor ? ((first + s) * pixels + y * g.width()) * channels
                            : c * planeCols + (first + s) * pixels + y * g.width();
                    planes.put(rowStart, row, 0, row.length);
                }
            }
        }
    }

    /**
     * dst[s, r·B + b] ← src[r, s·B + b] for src R × (S·B) and dst S × (R·B).
     *
     * @param src the source
     * @param rows R
     * @param blocks S
     * @param blockWidth B
     * @param dst the destination
     * @param columnMajor the storage order of both
     */
    public static void transposeBlocks(DoubleBuffer src, int rows, int blocks, int blockWidth, DoubleBuffer dst,
                                       boolean columnMajor) {
        if (!columnMajor) {
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < blocks; s++) {
                    dst.put((s * rows + r) * blockWidth, src, (r * blocks + s) * blockWidth, blockWidth);
                }
            }
            return;
        }
        int size = rows * blocks * blockWidth;
        double[] source = ColumnBlocks.scratch(0, size);
        double[] target = ColumnBlocks.scratch(1, size);
        src.get(0, source, 0, size);
        for (int b = 0; b < blockWidth; b++) {
            for (int r = 0; r < rows; r++) {
                int dstColumn = (r * blockWidth + b) * blocks;
                for (int s = 0; s < blocks; s++) {
                    target[dstColumn + s] = source[(s * blockWidth + b) * rows + r];
                }
            }
        }
        dst.put(0, target, 0, size);
    }

    /**
     * pooled ← the window maxima of planes, argmax ← their columns in planes.
     *
     * @param planes C × (N·H·W)
     * @param planeCols N·H·W
     * @param g the geometry, without padding
     * @param pooled C × (N·H_out·W_out)
     * @param argmax at the row-major index of each pooled entry, the column of its maximum
     * @param columnMajor the storage order of both
     */
    public static void maxPool(DoubleBuffer planes, int planeCols, ConvolutionGeometry g, DoubleBuffer pooled,
                               int[] argmax, boolean columnMajor) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int pixels = g.inputPixels();
        int channels = g.channels();
        int batch = planeCols / pixels;
        int pooledCols = batch * outH * outW;
        if (columnMajor) {
            maxPoolColumnMajor(planes, g, batch, pooled, argmax);
            return;
        }
        for (int n = 0; n < batch; n++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int out = (n * outH + oy) * outW + ox;
                    int corner = n * pixels + oy * g.stride() * g.width() + ox * g.stride();
                    for (int c = 0; c < channels; c++) {
                        int best = -1;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                int column = corner + i * g.width() + j;
                                double value = planes.get(c * planeCols + column);
                                if (best < 0 || value > max) {
                                    max = value;
                                    best = column;
                                }
                            }
                        }
                        pooled.put(c * pooledCols + out, max);
                        argmax[c * pooledCols + out] = best;
                    }
                }
            }
        }
    }

    /**
     * {@link #maxPool} on column-major storage, one sample at a time: its H·W columns of C
     * channels are one contiguous run, copied to scratch with one bulk get; each window position
     * runs over the C contiguous channels innermost (the running maxima kept in the pooled
     * scratch, their columns in argmax), and the sample's pooled columns go back with one bulk
     * put. Each channel's window is still scanned in row-major order, a later entry replacing the
     * maximum only when strictly greater: the same maxima and argmax as the row-major loop.
     */
    private static void maxPoolColumnMajor(DoubleBuffer planes, ConvolutionGeometry g, int batch, DoubleBuffer pooled,
                                           int[] argmax) {
        int k = g.kernel();
        int stride = g.stride();
        int width = g.width();
        int outW = g.outputWidth();
        int outPixels = g.outputHeight() * outW;
        int pixels = g.inputPixels();
        int channels = g.channels();
        int pooledCols = batch * outPixels;
        double[] sample = ColumnBlocks.scratch(0, pixels * channels);
        double[] maxima = ColumnBlocks.scratch(1, outPixels * channels);
        for (int n = 0; n < batch; n++) {
            planes.get(n * pixels * channels, sample, 0, pixels * channels);
            for (int o = 0; o < outPixels; o++) {
                int corner = (o / outW) * stride * width + (o % outW) * stride;
                int out = n * outPixels + o;
                int base = o * channels;
                int first = corner * channels;
                for (int c = 0; c < channels; c++) {
                    maxima[base + c] = sample[first + c];
                    argmax[c * pooledCols + out] = n * pixels + corner;
                }
                for (int i = 0; i < k; i++) {
                    for (int j = i == 0 ? 1 : 0; j < k; j++) {
                        int pixel = corner + i * width + j;
                        int entry = pixel * channels;
                        for (int c = 0; c < channels; c++) {
                            double value = sample[entry + c];
                            if (value > maxima[base + c]) {
                                maxima[base + c] = value;
                                argmax[c * pooledCols + out] = n * pixels + pixel;
                            }
                        }
                    }
                }
            }
            pooled.put(n * outPixels * channels, maxima, 0, outPixels * channels);
        }
    }

    /**
     * dPlanes ← 0, then dPlanes[c, argmax[c·M + j]] += dPooled[c, j] in ascending j per channel.
     *
     * @param dPooled C × M
     * @param channels C
     * @param pooledCols M
     * @param argmax the columns
     * @param dPlanes C × K
     * @param planeCols K
     * @param columnMajor the storage order of both
     */
    public static void maxPoolBackward(DoubleBuffer dPooled, int channels, int pooledCols, int[] argmax,
                                       DoubleBuffer dPlanes, int planeCols, boolean columnMajor) {
        if (columnMajor) {
            maxPoolBackwardColumnMajor(dPooled, channels, pooledCols, argmax, dPlanes, planeCols);
            return;
        }
        for (int p = 0; p < channels * planeCols; p++) {
            dPlanes.put(p, 0.0);
        }
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < pooledCols; j++) {
                int target = c * planeCols + argmax[c * pooledCols + j];
                dPlanes.put(target, dPlanes.get(target) + dPooled.get(c * pooledCols + j));
            }
        }
    }

    /**
     * {@link #maxPoolBackward} on column-major storage: dPlanes is zeroed by bulk puts of a
     * zeroed scratch block; dPooled is read in blocks of whole columns with bulk gets, and the loop
     * runs over its columns j and, innermost, the C channels of column j (contiguous), adding each
     * to its target entry of dPlanes, so every entry of dPlanes still receives its additions in
     * ascending j: the same sums as the row-major loop.
     */
    private static void maxPoolBackwardColumnMajor(DoubleBuffer dPooled, int channels, int pooledCols, int[] argmax,
                                                   DoubleBuffer dPlanes, int planeCols) {
        int size = channels * planeCols;
        int zeroLength = Math.min(size, ColumnBlocks.BLOCK_ENTRIES);
        double[] zeros = ColumnBlocks.scratch(0, zeroLength);
        Arrays.fill(zeros, 0, zeroLength, 0.0);
        for (int start = 0; start < size; start += zeroLength) {
            dPlanes.put(start, zeros, 0, Math.min(zeroLength, size - start));
        }
        int perBlock = ColumnBlocks.columns(channels, pooledCols);
        double[] upstream = ColumnBlocks.scratch(1, perBlock * channels);
        for (int first = 0; first < pooledCols; first += perBlock) {
            int columns = Math.min(perBlock, pooledCols - first);
            dPooled.get(first * channels, upstream, 0, columns * channels);
            for (int j = first, p = 0; j < first + columns; j++) {
                for (int c = 0; c < channels; c++, p++) {
                    int target = argmax[c * pooledCols + j] * channels + c;
                    dPlanes.put(target, dPlanes.get(target) + upstream[p]);
                }
            }
        }
    }
}
