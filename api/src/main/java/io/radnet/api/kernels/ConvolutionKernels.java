package io.radnet.api.kernels;

import io.radnet.api.ConvolutionGeometry;
import java.nio.DoubleBuffer;

/**
 * The convolution and pooling kernels of the backend SPI ({@code im2col}, {@code col2im},
 * {@code transposeBlocks}, {@code maxPool}, {@code maxPoolBackward}; see
 * {@link ConvolutionGeometry} for the plane layout) on dense storage in one {@link DoubleBuffer}
 * per tensor, row-major (EJML's arrays, wrapped) or column-major (ND4J's direct buffers,
 * JBLAS's heap buffers): entry (i, j) of an m × n tensor is at i·n + j or at i + j·m. Each
 * kernel runs its loops in the order that reads or writes the contiguous dimension innermost for
 * the layout, so nothing is transposed through a row-major copy.
 *
 * <p>Kernels, not entry points: nothing is validated, nothing is allocated, the buffers'
 * positions and limits are neither read nor changed. Every kernel computes exactly what the
 * default of {@code io.radnet.api.DefaultKernels} computes: entries are copied and maxima picked
 * (the first maximum in the window's row-major order) exactly, maxPoolBackward adds in the same
 * order; col2im adds the up to k² contributions to an input entry in ascending window position
 * (the default in ascending (i, j), the reverse), so it agrees to rounding.
 */
public final class ConvolutionKernels {
    private ConvolutionKernels() {
    }

    /**
     * columns ← the im2col matrix of samples first … first + G − 1 of planes.
     *
     * @param planes C × (N·H·W)
     * @param planeCols N·H·W
     * @param g the geometry
     * @param first the group's first sample
     * @param columns (C·k·k) × (G·H_out·W_out)
     * @param columnCols G·H_out·W_out
     * @param columnMajor the storage order of both
     */
    public static void im2col(DoubleBuffer planes, int planeCols, ConvolutionGeometry g, int first, DoubleBuffer columns,
                              int columnCols, boolean columnMajor) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int pixels = g.inputPixels();
        int channels = g.channels();
        int patch = g.patchSize();
        int group = columnCols / (outH * outW);
        if (!columnMajor) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        int rowStart = ((c * k + i) * k + j) * columnCols;
                        for (int s = 0; s < group; s++) {
                            int sampleStart = c * planeCols + (first + s) * pixels;
                            for (int oy = 0; oy < outH; oy++) {
                                int y = oy * g.stride() - g.padding() + i;
                                int out = rowStart + (s * outH + oy) * outW;
                                boolean rowInside = y >= 0 && y < g.height();
                                for (int ox = 0; ox < outW; ox++) {
                                    int x = ox * g.stride() - g.padding() + j;
                                    columns.put(out + ox, rowInside && x >= 0 && x < g.width()
                                            ? planes.get(sampleStart + y * g.width() + x) : 0.0);
                                }
                            }
                        }
                    }
                }
            }
            return;
        }
        for (int s = 0; s < group; s++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int out = ((s * outH + oy) * outW + ox) * patch;
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < k; i++) {
                            int y = oy * g.stride() - g.padding() + i;
                            boolean rowInside = y >= 0 && y < g.height();
                            int source = ((first + s) * pixels + y * g.width()) * channels + c;
                            for (int j = 0; j < k; j++) {
                                int x = ox * g.stride() - g.padding() + j;
                                columns.put(out++, rowInside && x >= 0 && x < g.width()
                                        ? planes.get(source + x * channels) : 0.0);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The group's entries of planes ← the sums of the columns' entries read from them.
     *
     * @param columns (C·k·k) × (G·H_out·W_out)
     * @param columnCols G·H_out·W_out
     * @param g the geometry
     * @param first the group's first sample
     * @param planes C × (N·H·W)
     * @param planeCols N·H·W
     * @param columnMajor the storage order of both
     */
    public static void col2im(DoubleBuffer columns, int columnCols, ConvolutionGeometry g, int first, DoubleBuffer planes,
                              int planeCols, boolean columnMajor) {
        int k = g.kernel();
        int outH = g.outputHeight();
        int outW = g.outputWidth();
        int pixels = g.inputPixels();
        int channels = g.channels();
        int patch = g.patchSize();
        int group = columnCols / (outH * outW);
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < group * pixels; p++) {
                planes.put(columnMajor ? (first * pixels + p) * channels + c : c * planeCols + first * pixels + p, 0.0);
            }
        }
        for (int s = 0; s < group; s++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int column = (s * outH + oy) * outW + ox;
                    for (int c = 0; c < channels; c++) {
                        for (int i = 0; i < k; i++) {
                            int y = oy * g.stride() - g.padding() + i;
                            if (y < 0 || y >= g.height()) {
                                continue;
                            }
                            for (int j = 0; j < k; j++) {
                                int x = ox * g.stride() - g.padding() + j;
                                if (x < 0 || x >= g.width()) {
                                    continue;
                                }
                                int pixel = (first + s) * pixels + y * g.width() + x;
                                int row = (c * k + i) * k + j;
                                int target = columnMajor ? pixel * channels + c : c * planeCols + pixel;
                                double entry = columns.get(columnMajor ? column * patch + row : row * columnCols + column);
                                planes.put(target, planes.get(target) + entry);
                            }
                        }
                    }
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
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < blockWidth; b++) {
                int dstColumn = (r * blockWidth + b) * blocks;
                for (int s = 0; s < blocks; s++) {
                    dst.put(dstColumn + s, src.get((s * blockWidth + b) * rows + r));
                }
            }
        }
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
                                double value = planes.get(columnMajor ? column * channels + c : c * planeCols + column);
                                if (best < 0 || value > max) {
                                    max = value;
                                    best = column;
                                }
                            }
                        }
                        pooled.put(columnMajor ? out * channels + c : c * pooledCols + out, max);
                        argmax[c * pooledCols + out] = best;
                    }
                }
            }
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
        for (int p = 0; p < channels * planeCols; p++) {
            dPlanes.put(p, 0.0);
        }
        for (int c = 0; c < channels; c++) {
            for (int j = 0; j < pooledCols; j++) {
                int column = argmax[c * pooledCols + j];
                int target = columnMajor ? column * channels + c : c * planeCols + column;
                double entry = dPooled.get(columnMajor ? j * channels + c : c * pooledCols + j);
                dPlanes.put(target, dPlanes.get(target) + entry);
            }
        }
    }
}
