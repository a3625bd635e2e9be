package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.ConvolutionAlgorithm;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.PatchOrder;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.WinogradTransforms;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code Conv2d(C_in, C_out, k, stride=s, padding=p, bias=…)}: for every sample,
 * output channel o and position (oy, ox),
 * y[o, oy, ox] = b[o] + Σ_{c,i,j} W[o, c, i, j]·x[c, oy·s − p + i, ox·s − p + j] (zero padding).
 * Computed as the product W·columns (C_out × (C_in·k·k) times the im2col matrix of
 * {@link Backend#im2col}) per group of samples, so a native backend's gemm does the work; the
 * backward pass is ∂L/∂W = Σ_groups ∂L/∂Y·columnsᵀ, ∂L/∂b = the row sums of ∂L/∂Y and
 * ∂L/∂x = col2im(Wᵀ·∂L/∂Y). Weight stored C_out × (C_in·k·k) (row-major PyTorch's
 * [C_out, C_in, k, k]), bias 1 × C_out. The column matrix's rows are in the backend's
 * {@link Backend#preferredPatchOrder() preferred order}; for {@link PatchOrder#CHANNEL_MINOR}
 * (and C_in &gt; 1) a pass multiplies by the weight with its columns permuted to that order, an
 * exact copy made at every forward, and permutes the weight gradient back.
 *
 * <p>Where the backend's {@link Backend#convolutionAlgorithm} says
 * {@link ConvolutionAlgorithm#WINOGRAD_F2X3} (3 × 3 windows at stride 1), a pass computes the same
 * convolution by Winograd's F(2×2, 3×3) (Lavin and Gray 2016, {@link WinogradTransforms}): per
 * group of samples, the input tiles' transforms V_ξ = (Bᵀ d B)_ξ (C_in × tiles), the 16 products
 * M_ξ = U_ξ·V_ξ with the filters' transforms U_ξ = (G g Gᵀ)_ξ (C_out × C_in, made at every
 * forward from the weight) and the output Aᵀ M A; backward ∂M = A ∂Y Aᵀ,
 * ∂W = Gᵀ(Σ_groups ∂M_ξ·V_ξᵀ)G and ∂L/∂x = the tiles' sum of B(U_ξᵀ·∂M_ξ)Bᵀ. It agrees with the
 * im2col path to rounding (about 1e-15 relative).
 */
public final class Conv2d extends Layer {
    private final ConvolutionGeometry geometry;
    private final int outputChannels;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A convolution initialised as PyTorch's default: weight and bias uniform on (−1/√fan_in,
     * 1/√fan_in), fan_in = C_in·k·k (same law, not PyTorch's numbers).
     *
     * @param backend the backend
     * @param input spatial features C_in × H × W
     * @param outputChannels C_out ≥ 1
     * @param kernel k ≥ 1
     * @param stride s ≥ 1
     * @param padding 0 ≤ p &lt; k
     * @param hasBias whether there is a bias
     * @param random the source of the initial values
     * @throws IllegalArgumentException if the input is not spatial or the window does not fit
     */
    Conv2d(Backend backend, FeatureShape input, int outputChannels, int kernel, int stride, int padding, boolean hasBias,
           SplittableRandom random) {
        this(backend, input, outputChannels, geometry(input, kernel, stride, padding), hasBias, random);
    }

    private Conv2d(Backend backend, FeatureShape input, int outputChannels, ConvolutionGeometry geometry, boolean hasBias,
                   SplittableRandom random) {
        super(backend, input, FeatureShape.maps(requirePositive(outputChannels), geometry.outputHeight(),
                geometry.outputWidth()));
        this.geometry = geometry;
        this.outputChannels = outputChannels;
        int fanIn = geometry.patchSize();
        if ((long) outputChannels * fanIn > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Conv2d: a " + outputChannels + " x " + fanIn + " weight exceeds a Java array");
        }
        double bound = 1.0 / Math.sqrt(fanIn);
        this.weight = backend.fromRowMajor(outputChannels, fanIn, uniform(random, outputChannels * fanIn, bound));
        this.bias = hasBias ? backend.fromRowMajor(1, outputChannels, uniform(random, outputChannels, bound)) : null;
    }

    private static int requirePositive(int outputChannels) {
        if (outputChannels < 1) {
            throw new IllegalArgumentException("Conv2d needs at least one output channel, got " + outputChannels);
        }
        return outputChannels;
    }

    private static ConvolutionGeometry geometry(FeatureShape input, int kernel, int stride, int padding) {
        if (!input.spatial()) {
            throw new IllegalArgumentException("Conv2d needs spatial input (channels x height x width), got a vector of "
                    + input.channels());
        }
        return new ConvolutionGeometry(input.channels(), input.height(), input.width(), kernel, stride, padding);
    }

    /** @return the input maps and the window */
    public ConvolutionGeometry geometry() {
        return geometry;
    }

    /** @return C_out */
    public int outputChannels() {
        return outputChannels;
    }

    /** @return whether the layer has a bias */
    public boolean hasBias() {
        return bias != null;
    }

    /** @return the weight, C_out × (C_in·k·k), live */
    public Tensor weight() {
        return weight;
    }

    @Override
    public String typeName() {
        return "Conv2d";
    }

    @Override
    public String describe() {
        return "Conv2d(" + geometry.channels() + ", " + outputChannels + ", kernel_size=" + geometry.kernel() + ", stride="
                + geometry.stride() + ", padding=" + geometry.padding() + (bias == null ? ", bias=False" : "") + ")";
    }

    @Override
    public List<String> parameterNames() {
        return bias == null ? List.of("weight") : List.of("weight", "bias");
    }

    @Override
    public List<Tensor> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Backend backend = backend();
        ConvolutionAlgorithm algorithm = backend.convolutionAlgorithm(geometry, outputChannels);
        if (!algorithm.supports(geometry)) {
            throw new IllegalStateException("Conv2d: backend " + backend.name() + " chose " + algorithm
                    + ", which does not support " + geometry);
        }
        return algorithm == ConvolutionAlgorithm.WINOGRAD_F2X3 ? new WinogradPass(batch) : new Pass(batch);
    }

    /**
     * @param batch N ≥ 1
     * @param perSample the entries one sample adds to a group's largest buffer
     * @return G, the samples of a group: as many as keep that buffer within the backend's
     *     {@link Backend#convolutionGroupEntries()} entries, at least 1, at most N
     */
    private int groupSize(int batch, long perSample) {
        return (int) Math.max(1, Math.min(batch, backend().convolutionGroupEntries() / perSample));
    }

    /** output ← output + the bias broadcast over each channel's row (when there is a bias); returns output. */
    private Tensor addBias(Tensor output) {
        if (bias != null) {
            backend().addColumnVector(output, bias, output);
        }
        return output;
    }

    /**
     * When there is a bias, gradients[1] ← (or += with accumulate, through scratch) the bias
     * gradient, the row sums of ∂L/∂Y.
     */
    private void storeBiasGradient(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor scratch) {
        if (bias != null) {
            Backend backend = backend();
            storeGradient(backend, gradients.get(1), accumulate, scratch, term -> backend.rowSums(dOutput, term));
        }
    }

    private static List<Tensor> tensors(Backend backend, int rows, int cols) {
        List<Tensor> tensors = new ArrayList<>(WinogradTransforms.TILE_ENTRIES);
        for (int i = 0; i < WinogradTransforms.TILE_ENTRIES; i++) {
            tensors.add(backend.zeros(rows, cols));
        }
        return List.copyOf(tensors);
    }

    /**
     * Winograd F(2×2, 3×3) buffers for one batch size: the batch runs in groups of G samples
     * whose transformed tiles hold, per entry ξ, at most the backend's
     * {@link Backend#convolutionGroupEntries()} entries (max(C_in, C_out)·G·tiles, at least one
     * sample per group).
     */
    private final class WinogradPass implements LayerPass {
        private final Backend backend = backend();
        private final int batch;
        private final int group;
        private final int inputChannels = geometry.channels();
        private final Tensor output;
        /**
         * U_ξ, C_out × C_in, for ∂V_ξ = U_ξᵀ·∂M_ξ, and their transposes U_ξᵀ, C_in × C_out, for
         * M_ξ = (U_ξᵀ)ᵀ·V_ξ (OpenBLAS's product of a transposed square operand ran about 25 %
         * faster than the plain one at C = 32), with the entries of both row-major.
         */
        private final List<Tensor> filters;
        private final List<Tensor> transposedFilters;
        private final double[][] filterEntries;
        private final double[] transposedFilterEntries;
        /** The weight's entries (forward) or its gradient's (backward), row-major C_out × (C_in·9). */
        private final double[] weightEntries;
        /** V_ξ, C_in × (G·tiles), of a full group and of the last one. */
        private final List<Tensor> inputTiles;
        private final List<Tensor> lastInputTiles;
        /** M_ξ (forward) and ∂M_ξ (backward), C_out × (G·tiles). */
        private final List<Tensor> products;
        private final List<Tensor> lastProducts;
        /** ∂V_ξ, C_in × (G·tiles). */
        private final List<Tensor> inputTileGradients;
        private final List<Tensor> lastInputTileGradients;
        /** ∂U_ξ, C_out × C_in, summed over the groups, and their entries row-major. */
        private final List<Tensor> filterGradients;
        private final double[][] filterGradientEntries;
        private final Tensor weightGradientTerm;
        private final Tensor biasGradient;
        private Tensor input;

        WinogradPass(int batch) {
            this.batch = batch;
            int tiles = geometry.winogradTiles();
            this.group = groupSize(batch, (long) Math.max(inputChannels, outputChannels) * tiles);
            int last = batch % group == 0 ? group : batch % group;
            this.output = batchTensor(batch, outputShape());
            this.filters = tensors(backend, outputChannels, inputChannels);
            this.transposedFilters = tensors(backend, inputChannels, outputChannels);
            this.transposedFilterEntries = new double[outputChannels * inputChannels];
            this.filterEntries = new double[WinogradTransforms.TILE_ENTRIES][outputChannels * inputChannels];
            this.weightEntries = new double[outputChannels * geometry.patchSize()];
            this.inputTiles = tensors(backend, inputChannels, group * tiles);
            this.lastInputTiles = last == group ? inputTiles : tensors(backend, inputChannels, last * tiles);
            this.products = tensors(backend, outputChannels, group * tiles);
            this.lastProducts = last == group ? products : tensors(backend, outputChannels, last * tiles);
            this.inputTileGradients = tensors(backend, inputChannels, group * tiles);
            this.lastInputTileGradients = last == group ? inputTileGradients
                    : tensors(backend, inputChannels, last * tiles);
            this.filterGradients = tensors(backend, outputChannels, inputChannels);
            this.filterGradientEntries = new double[WinogradTransforms.TILE_ENTRIES][outputChannels * inputChannels];
            this.weightGradientTerm = backend.zeros(outputChannels, geometry.patchSize());
            this.biasGradient = bias == null ? null : backend.zeros(1, outputChannels);
        }

        @Override
        public Tensor forward(Tensor x) {
            this.input = x;
            weight.toRowMajor(weightEntries);
            WinogradTransforms.transformFilters(weightEntries, outputChannels, inputChannels, filterEntries);
            for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
                double[] entries = filterEntries[xi];
                filters.get(xi).setRowMajor(entries);
                for (int o = 0; o < outputChannels; o++) {
                    for (int c = 0; c < inputChannels; c++) {
                        transposedFilterEntries[c * outputChannels + o] = entries[o * inputChannels + c];
                    }
                }
                transposedFilters.get(xi).setRowMajor(transposedFilterEntries);
            }
            for (int first = 0; first < batch; first += group) {
                boolean full = first + group <= batch;
                List<Tensor> tiles = full ? inputTiles : lastInputTiles;
                List<Tensor> groupProducts = full ? products : lastProducts;
                backend.winogradTransformInput(x, geometry, first, tiles);
                for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
                    backend.gemm(1.0, transposedFilters.get(xi), Transpose.TRANSPOSED, tiles.get(xi), Transpose.NONE, 0.0,
                            groupProducts.get(xi));
                }
                backend.winogradTransformOutput(groupProducts, geometry, first, output);
            }
            return addBias(output);
        }

        /**
         * With gradients null (a frozen layer whose parameter gradients nobody reads) only
         * ∂L/∂x is computed: no input transforms, no filter-gradient products, no bias sums.
         */
        @Override
        public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
            boolean parameterGradients = gradients != null;
            for (int first = 0; first < batch; first += group) {
                boolean full = first + group <= batch;
                List<Tensor> tiles = full ? inputTiles : lastInputTiles;
                List<Tensor> dProducts = full ? products : lastProducts;
                backend.winogradTransformOutputTransposed(dOutput, geometry, first, dProducts);
                if (parameterGradients) {
                    if (group < batch) {
                        backend.winogradTransformInput(input, geometry, first, tiles);
                    }
                    double beta = first == 0 ? 0.0 : 1.0;
                    for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
                        backend.gemm(1.0, dProducts.get(xi), Transpose.NONE, tiles.get(xi), Transpose.TRANSPOSED, beta,
                                filterGradients.get(xi));
                    }
                }
                if (dInput != null) {
                    List<Tensor> dTiles = full ? inputTileGradients : lastInputTileGradients;
                    for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
                        backend.gemm(1.0, filters.get(xi), Transpose.TRANSPOSED, dProducts.get(xi), Transpose.NONE, 0.0,
                                dTiles.get(xi));
                    }
                    backend.winogradTransformInputTransposed(dTiles, geometry, first, dInput);
                }
            }
            if (!parameterGradients) {
                return;
            }
            for (int xi = 0; xi < WinogradTransforms.TILE_ENTRIES; xi++) {
                filterGradients.get(xi).toRowMajor(filterGradientEntries[xi]);
            }
            WinogradTransforms.transformFiltersTransposed(filterGradientEntries, outputChannels, inputChannels,
                    weightEntries);
            storeGradient(backend, gradients.get(0), accumulate, weightGradientTerm,
                    term -> term.setRowMajor(weightEntries));
            storeBiasGradient(dOutput, gradients, accumulate, biasGradient);
        }
    }

    /**
     * Buffers for one batch size: the batch runs in groups of G samples whose im2col matrix
     * ((C_in·k·k) × (G·H_out·W_out)) holds at most the backend's
     * {@link Backend#convolutionGroupEntries()} entries (at least one sample per group).
     */
    private final class Pass implements LayerPass {
        private final Backend backend = backend();
        private final int batch;
        private final int group;
        private final int outputPixels = geometry.outputPixels();
        private final Tensor output;
        private final Tensor columns;
        private final Tensor lastColumns;
        private final Tensor groupOutput;
        private final Tensor lastGroupOutput;
        private final Tensor columnGradient;
        private final Tensor lastColumnGradient;
        private final Tensor biasGradient;
        /** The row order of the column matrices. */
        private final PatchOrder order;
        /**
         * Null when the order is PyTorch's (then the weight itself multiplies the columns);
         * otherwise the permutation scratch: the weight as (C_out·C_in) × k² and its transpose
         * k² × (C_out·C_in), the weight and its gradient with columns in the order,
         * C_out × (k²·C_in), and the gradient back in PyTorch's order for accumulating.
         */
        private final Tensor weightByChannel;
        private final Tensor weightByWindow;
        private final Tensor orderedWeight;
        private final Tensor orderedWeightGradient;
        private final Tensor weightGradientTerm;
        private Tensor input;

        Pass(int batch) {
            this.batch = batch;
            this.group = groupSize(batch, (long) geometry.patchSize() * outputPixels);
            int last = batch % group == 0 ? group : batch % group;
            this.output = batchTensor(batch, outputShape());
            this.columns = backend.zeros(geometry.patchSize(), group * outputPixels);
            this.lastColumns = last == group ? columns : backend.zeros(geometry.patchSize(), last * outputPixels);
            this.groupOutput = group == batch ? output : backend.zeros(outputChannels, group * outputPixels);
            this.lastGroupOutput = last == group ? groupOutput : backend.zeros(outputChannels, last * outputPixels);
            this.columnGradient = backend.zeros(geometry.patchSize(), group * outputPixels);
            this.lastColumnGradient = last == group ? columnGradient
                    : backend.zeros(geometry.patchSize(), last * outputPixels);
            this.biasGradient = bias == null ? null : backend.zeros(1, outputChannels);
            this.order = backend.preferredPatchOrder();
            // with one input channel both orders are the same, (i·k + j)
            boolean permuted = order != PatchOrder.CHANNEL_MAJOR && geometry.channels() > 1;
            int windowEntries = geometry.kernel() * geometry.kernel();
            int channelRows = outputChannels * geometry.channels();
            this.weightByChannel = permuted ? backend.zeros(channelRows, windowEntries) : null;
            this.weightByWindow = permuted ? backend.zeros(windowEntries, channelRows) : null;
            this.orderedWeight = permuted ? backend.zeros(outputChannels, geometry.patchSize()) : weight;
            this.orderedWeightGradient = permuted ? backend.zeros(outputChannels, geometry.patchSize()) : null;
            this.weightGradientTerm = permuted ? backend.zeros(outputChannels, geometry.patchSize()) : null;
        }

        /**
         * orderedWeight[o, (i·k + j)·C + c] ← weight[o, (c·k + i)·k + j]: the reshape
         * (C_out·C) × k², its transpose, and the k² × C_out grid of blocks of C entries turned
         * into the C_out × k² grid ({@link Backend#transposeBlocks}).
         */
        private void permuteWeight() {
            backend.copyReshaped(weight, weightByChannel);
            backend.transpose(weightByChannel, weightByWindow);
            backend.transposeBlocks(weightByWindow, geometry.channels(), orderedWeight);
        }

        /** gradient[o, (c·k + i)·k + j] ← orderedWeightGradient[o, (i·k + j)·C + c], the inverse of {@link #permuteWeight}. */
        private void unpermuteWeightGradient(Tensor gradient) {
            backend.transposeBlocks(orderedWeightGradient, geometry.channels(), weightByWindow);
            backend.transpose(weightByWindow, weightByChannel);
            backend.copyReshaped(weightByChannel, gradient);
        }

        @Override
        public Tensor forward(Tensor x) {
            this.input = x;
            if (orderedWeight != weight) {
                permuteWeight();
            }
            for (int first = 0; first < batch; first += group) {
                boolean full = first + group <= batch;
                Tensor cols = full ? columns : lastColumns;
                Tensor out = full ? groupOutput : lastGroupOutput;
                backend.im2col(x, geometry, order, first, cols);
                backend.gemm(1.0, orderedWeight, Transpose.NONE, cols, Transpose.NONE, 0.0, out);
                if (out != output) {
                    backend.copyBlock(out, 0, 0, outputChannels, out.cols(), output, 0, first * outputPixels);
                }
            }
            return addBias(output);
        }

        /**
         * With gradients null (a frozen layer whose parameter gradients nobody reads) only
         * ∂L/∂x is computed: no im2col, no weight-gradient product, no bias sums.
         */
        @Override
        public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
            boolean parameterGradients = gradients != null;
            Tensor weightGradient = orderedWeight == weight && parameterGradients ? gradients.get(0) : orderedWeightGradient;
            boolean accumulateWeight = accumulate && orderedWeight == weight;
            for (int first = 0; first < batch; first += group) {
                boolean full = first + group <= batch;
                Tensor cols = full ? columns : lastColumns;
                Tensor dOut = full ? groupOutput : lastGroupOutput;
                if (dOut == output) {
                    dOut = dOutput;
                } else {
                    backend.copyBlock(dOutput, 0, first * outputPixels, outputChannels, dOut.cols(), dOut, 0, 0);
                }
                if (parameterGradients) {
                    if (group < batch) {
                        backend.im2col(input, geometry, order, first, cols);
                    }
                    double beta = first == 0 && !accumulateWeight ? 0.0 : 1.0;
                    backend.gemm(1.0, dOut, Transpose.NONE, cols, Transpose.TRANSPOSED, beta, weightGradient);
                }
                if (dInput != null) {
                    Tensor dCols = full ? columnGradient : lastColumnGradient;
                    backend.gemm(1.0, orderedWeight, Transpose.TRANSPOSED, dOut, Transpose.NONE, 0.0, dCols);
                    backend.col2im(dCols, geometry, order, first, dInput);
                }
            }
            if (!parameterGradients) {
                return;
            }
            if (orderedWeight != weight) {
                storeGradient(backend, gradients.get(0), accumulate, weightGradientTerm, this::unpermuteWeightGradient);
            }
            storeBiasGradient(dOutput, gradients, accumulate, biasGradient);
        }
    }
}
