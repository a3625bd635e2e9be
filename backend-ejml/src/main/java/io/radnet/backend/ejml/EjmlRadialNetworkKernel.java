package io.radnet.backend.ejml;

import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.RadialProfile;
import io.radnet.api.RowLoss;
import io.radnet.api.Tensor;
import io.radnet.api.kernels.NormArrays;
import java.util.Arrays;
import java.util.List;

/**
 * EJML's fused radial-network pass: the batch is taken in blocks of {@value #BLOCK} samples
 * ({@value #WIDE_BLOCK} from a batch of {@value #WIDE_BLOCKS_MIN_BATCH} on),
 * and each block runs through every layer with its activations and back-propagated signals in
 * per-row scratch arrays (one array per unit, indexed by the sample within the block), so every
 * inner loop indexes all its arrays by the same j (the form the JIT vectorises: an offset into
 * a shared array stops it) and a block's intermediates stay in the L1 and L2 caches. Only what
 * the backward pass needs leaves the block, in rows of its own per block and hidden layer: z_i
 * and the per-sample norm r, coefficient c = η(r + s)/r and slope η′(r + s), plus the block's
 * input rows.
 *
 * <p><b>Forward</b>, per block and layer: z_i = W_i a_{i−1} + b_i as {@link RowUpdates} (the
 * bits of EJML's {@code gemm} followed by {@code addColumnVector}), the last loop of each row
 * adding the bias and z_i[o]² to the sum of squares; then the norms, η and η′ from one
 * {@link RadialProfile#evaluate} call, c = η/r and a_i = c·z_i (the bits of
 * {@code radialColumns}). A block whose sums of squares all lie in [2⁻⁶⁰⁰, ∞) has no norm taken
 * as 0, and the fix-ups for r = 0 are skipped for it, forward and backward.
 *
 * <p>The forward pass takes the blocks from the last to the first and the backward pass from the
 * first to the last, so the backward pass starts on the blocks whose saved rows the forward pass
 * wrote last, still in the caches. The blocks of the forward pass are independent of each other,
 * so their order changes no result; the backward pass's order fixes the gradient sums' order.
 *
 * <p><b>Backward</b>, per block from the last layer down: a_{i−1} = c·z_{i−1} and
 * u = z_{i−1}/r rebuilt from the saved z_{i−1}; ∂L/∂W_i and ∂L/∂b_i accumulated in lanes of
 * partial sums ({@link LaneDots}' 64 lanes per entry, or {@link BlockLanes}' 128 in wide
 * blocks: four terms per lane and block, lanes added pairwise at the end); g = W_iᵀδ_i as row
 * updates, the last loop of each row adding u·g to the projection; then
 * δ_{i−1} = c·g + (η′ − c)(u·g)·u, the bits of {@code radialColumnsBackward}. Every fused loop performs the operations of the separate passes
 * it replaces, in the same order, so the output and the per-sample signals are bitwise those of
 * the unfused loops. The gradient sums run in lanes, in an order fixed by the batch size alone,
 * so they are deterministic; they differ from the layer-by-layer pass by rounding only
 * ({@code FusedRadialPassBitsTest} pins their bits).
 *
 * <p><b>One call per training step</b> ({@link #forwardLossBackwardKernel}): each block goes
 * forward, through the loss and backward before the next block starts, blocks in increasing
 * order, its saved rows in the first block's slot (so they never leave the caches) and its
 * activations kept for the backward pass instead of rebuilt; the same expressions in the same
 * order, so the same bits as forward, the loss and backward.
 *
 * <p>Single-threaded. Memory: z_i and three per-sample rows per hidden layer and the input
 * (each rounded up to whole blocks), plus 64 or 128 doubles per weight and bias.
 */
final class EjmlRadialNetworkKernel extends RadialNetworkKernel {
    /** Samples per block below {@value #WIDE_BLOCKS_MIN_BATCH}, with {@link LaneDots}' 64 gradient lanes. */
    static final int BLOCK = LaneDots.BLOCK;
    /** Samples per block from {@value #WIDE_BLOCKS_MIN_BATCH} on, with {@link BlockLanes}' 128 gradient lanes. */
    static final int WIDE_BLOCK = BlockLanes.BLOCK;
    /**
     * The smallest batch taken in wide blocks: below it the per-call cost of twice the lanes
     * (zeroing and summing them) and of padding the last block outweighs the longer loops
     * (measured in {@code docs/benchmarks.md}, "The reduced experiment-3 epoch, session 14").
     */
    static final int WIDE_BLOCKS_MIN_BATCH = 2048;
    /** The most weights per layer for which the fused pass is offered. */
    static final int MAX_LAYER_ENTRIES = 8192;
    /** The widest layer for which the fused pass is offered. */
    static final int MAX_WIDTH = 1024;
    /**
     * A sum of squares at least this large whose norm needs no rescaling has a norm of at least
     * 2⁻³⁰⁰ ≥ {@link Double#MIN_NORMAL}, finite: a block of such sums has no norm taken as 0.
     */
    private static final double MIN_REGULAR_SUM_OF_SQUARES = 0x1p-600;
    /** Lanes into which {@link #allRegular} folds a wide block's sums of squares, four per lane. */
    private static final int FOLDS = WIDE_BLOCK / 4;

    private final int[] n;
    private final int layers;
    private final int batch;
    private final RadialProfile[] profiles;
    /** Whether the batch is taken in wide blocks ({@link BlockLanes}) or in {@link LaneDots}' blocks. */
    private final boolean wideBlocks;
    /** Samples per block: {@value #WIDE_BLOCK} or {@value #BLOCK}. */
    private final int blockSize;
    /** z_i of every block, for hidden layers i: z[i][block][unit] holds the block's row of that unit. */
    private final double[][][][] z;
    /** Per hidden layer and block, one entry per sample of the block: r, c and η′. */
    private final double[][][] norm;
    private final double[][][] coefficient;
    private final double[][][] slope;
    /**
     * Per hidden layer and block: whether every norm of the block is at least
     * {@link Double#MIN_NORMAL} (then none is taken as 0, and the fix-ups for r = 0 are skipped).
     */
    private final boolean[][] regularBlock;
    /** x transposed, n₀ × batch row-major: the input rows of every block, gathered once by the forward pass. */
    private final double[] inputRows;
    /** a_i (forward) and a_{i−1} (backward) of the current block, one row per unit. */
    private final double[][][] activation;
    /** δ_i of the current block; delta[0] receives W_1ᵀδ_1 for ∂L/∂x. */
    private final double[][][] delta;
    /** u = z_i/r of the current block, per hidden layer i, one row per unit. */
    private final double[][][] unit;
    /** W_iᵀ, n_{i−1} × n_i row-major, for g = W_iᵀδ_i. */
    private final double[][] weightsTransposed;
    private final double[][][] weightLanes;
    private final double[][][] biasLanes;
    private final double[][] shiftLanes;
    /** Whether the current backward pass sums ∂L/∂s_i into the shift lanes. */
    private boolean shiftGradientsWanted;
    private final double[] column;
    /** c of a block with a norm taken as 0, where radialBackward uses η′(s) instead. */
    private final double[] c = new double[WIDE_BLOCK];
    private final double[] argument = new double[WIDE_BLOCK];
    private final double[] value = new double[WIDE_BLOCK];
    private final double[] inverse = new double[WIDE_BLOCK];
    private final double[] projection = new double[WIDE_BLOCK];
    private final double[] radialPart = new double[WIDE_BLOCK];
    /** Lanes of the least and the largest sum of squares of a block ({@link #allRegular}). */
    private final double[] least = new double[FOLDS];
    private final double[] largest = new double[FOLDS];

    EjmlRadialNetworkKernel(EjmlBackend backend, int[] widths, List<RadialProfile> profiles, int batch) {
        super(backend, widths, profiles, batch);
        this.n = widths.clone();
        this.layers = n.length - 1;
        this.batch = batch;
        this.profiles = profiles.toArray(new RadialProfile[0]);
        this.wideBlocks = batch >= WIDE_BLOCKS_MIN_BATCH;
        this.blockSize = wideBlocks ? WIDE_BLOCK : BLOCK;
        int lanes = wideBlocks ? BlockLanes.LANES : LaneDots.LANES;
        int blocks = (batch + blockSize - 1) / blockSize;
        z = new double[layers][][][];
        norm = new double[layers][][];
        coefficient = new double[layers][][];
        slope = new double[layers][][];
        regularBlock = new boolean[layers][];
        activation = new double[layers + 1][][];
        delta = new double[layers + 1][][];
        weightsTransposed = new double[layers + 1][];
        weightLanes = new double[layers + 1][][];
        biasLanes = new double[layers + 1][][];
        shiftLanes = new double[Math.max(0, layers - 1)][lanes];
        unit = new double[layers][][];
        int widest = 0;
        for (int i = 0; i <= layers; i++) {
            widest = Math.max(widest, n[i]);
            activation[i] = new double[n[i]][blockSize];
            delta[i] = new double[n[i]][blockSize];
            if (i > 0) {
                weightsTransposed[i] = new double[n[i - 1] * n[i]];
                weightLanes[i] = new double[n[i] * n[i - 1]][lanes];
                biasLanes[i] = new double[n[i]][lanes];
            }
            if (i > 0 && i < layers) {
                z[i] = new double[blocks][n[i]][blockSize];
                norm[i] = new double[blocks][blockSize];
                coefficient[i] = new double[blocks][blockSize];
                slope[i] = new double[blocks][blockSize];
                regularBlock[i] = new boolean[blocks];
                unit[i] = new double[n[i]][blockSize];
            }
        }
        inputRows = new double[n[0] * batch];
        column = new double[widest];
    }

    /**
     * Whether the fused pass beats the layer-by-layer one on EJML (measured in
     * {@code docs/benchmarks.md}, "A fused radial-network pass on EJML"): a batch of at least one
     * block (below that, zeroing and summing the lanes of every gradient entry costs more than
     * the block saves), every layer with at most {@value #MAX_LAYER_ENTRIES} weights (4 MiB of
     * lanes; at 128 × 128 the two passes tie) and every width at most {@value #MAX_WIDTH} (the
     * block scratch grows with the width).
     *
     * @param widths the network's widths
     * @param batch the batch size
     * @return whether to offer the fused pass
     */
    static boolean offeredFor(int[] widths, int batch) {
        if (batch < BLOCK) {
            return false;
        }
        for (int i = 1; i < widths.length; i++) {
            if ((long) widths[i] * widths[i - 1] > MAX_LAYER_ENTRIES || widths[i] > MAX_WIDTH) {
                return false;
            }
        }
        return widths[0] <= MAX_WIDTH;
    }

    @Override
    protected void forwardKernel(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x, Tensor out) {
        double[] input = data(x);
        double[] output = data(out);
        for (int j0 = (batch - 1) / blockSize * blockSize; j0 >= 0; j0 -= blockSize) {
            int w = Math.min(blockSize, batch - j0);
            gatherRows(input, n[0], j0, w, activation[0]);
            for (int p = 0; p < n[0]; p++) {
                System.arraycopy(activation[0][p], 0, inputRows, p * batch + j0, w);
            }
            for (int i = 1; i < layers; i++) {
                affineAddingSquares(data(weights.get(i - 1)), data(biases.get(i - 1)), i, j0 / blockSize, w);
                radial(i, shifts[i - 1], j0 / blockSize, w, false);
            }
            affine(data(weights.get(layers - 1)), data(biases.get(layers - 1)), layers, w);
            scatterRows(activation[layers], n[layers], j0, w, output);
        }
    }

    /** activation[i] ← W_i·activation[i − 1] + b_i over the block's w samples. */
    private void affine(double[] weight, double[] bias, int i, int w) {
        int k = n[i - 1];
        double[][] in = activation[i - 1];
        for (int o = 0; o < n[i]; o++) {
            double[] row = activation[i][o];
            RowUpdates.product(row, weight, o * k, in, k, w);
            double b = bias[o];
            for (int j = 0; j < w; j++) {
                row[j] = row[j] + b;
            }
        }
    }

    /**
     * z[i][block] ← z_i = W_i·activation[i − 1] + b_i over the block's w samples, with
     * argument ← Σ_o z_i[o]² (summed from 0 in order of o): the bits of {@link #affine} followed
     * by the row-by-row sum of squares, the last pass of each row adding its bias and square.
     */
    private void affineAddingSquares(double[] weight, double[] bias, int i, int block, int w) {
        int k = n[i - 1];
        double[][] in = activation[i - 1];
        double[][] out = z[i][block];
        Arrays.fill(argument, 0, w, 0.0);
        for (int o = 0; o < n[i]; o++) {
            RowUpdates.productPlusBiasAddingSquares(out[o], weight, o * k, in, k, w, bias[o], argument);
        }
    }

    /**
     * activation[i] ← ρ_s(z_i) over the block, from z[i][block] (with Σ_o z_i[o]² in argument),
     * saving the block's r, c and η′: radialColumns' arithmetic, the rare sums of squares that
     * may have overflowed or underflowed redone with scaling. With keepUnits, also
     * unit[i] ← z_i/r in the same loop ({@link #activationsAndUnits}), for a backward pass
     * of this block that follows at once.
     */
    private void radial(int i, double s, int block, int w, boolean keepUnits) {
        double[][] zRows = z[i][block];
        double[] blockNorms = norm[i][block];
        double[] blockCoefficients = coefficient[i][block];
        int m = n[i];
        if (w < WIDE_BLOCK) {
            Arrays.fill(argument, w, WIDE_BLOCK, 1.0);
        }
        if (allRegular(argument)) {
            regularBlock[i][block] = true;
            for (int j = 0; j < w; j++) {
                double r = Math.sqrt(argument[j]);
                blockNorms[j] = r;
                argument[j] = r + s;
            }
            RadialBlocks.regularCoefficientsOfArguments(profiles[i - 1], blockNorms, argument, value,
                    slope[i][block], blockCoefficients, w);
        } else {
            irregularCoefficients(i, s, block, w);
        }
        if (keepUnits) {
            activationsAndUnits(i, block, w);
            return;
        }
        for (int o = 0; o < m; o++) {
            double[] row = activation[i][o];
            double[] zRow = zRows[o];
            for (int j = 0; j < w; j++) {
                row[j] = blockCoefficients[j] * zRow[j];
            }
        }
    }

    /**
     * activation[i] ← c·z_i and unit[i] ← z_i·(1/r) (0 where r is taken as 0) over the block, in
     * one loop, from z_i, r and c in the block's slot: the forward pass's rescaling with the units
     * of the backward pass, or (in the backward pass) both rebuilt from the saved rows.
     */
    private void activationsAndUnits(int i, int block, int w) {
        inverseNorms(i, block, w);
        double[] blockCoefficients = coefficient[i][block];
        double[][] zRows = z[i][block];
        for (int o = 0; o < n[i]; o++) {
            double[] row = activation[i][o];
            double[] u = unit[i][o];
            double[] zRow = zRows[o];
            for (int j = 0; j < w; j++) {
                double v = zRow[j];
                row[j] = blockCoefficients[j] * v;
                u[j] = inverse[j] * v;
            }
        }
    }

    /** inverse ← 1/r over the block, 0 where r is taken as 0. */
    private void inverseNorms(int i, int block, int w) {
        if (regularBlock[i][block]) {
            RadialBlocks.regularInverseNorms(norm[i][block], inverse, w);
        } else {
            RadialBlocks.inverseNorms(norm[i][block], inverse, w);
        }
    }

    /**
     * Whether every one of the {@value #WIDE_BLOCK} sums of squares (a block's, padded with 1)
     * lies in [{@link #MIN_REGULAR_SUM_OF_SQUARES}, ∞) (false when one is NaN): the least and the
     * largest of them folded four entries at a time into {@value #FOLDS} lanes, then into a
     * quarter of those, element by element (loops the JIT vectorises, where a branch per entry or
     * a scalar minimum does not vectorise).
     */
    private boolean allRegular(double[] sums) {
        for (int l = 0; l < FOLDS; l++) {
            double s0 = sums[l];
            double s1 = sums[l + FOLDS];
            double s2 = sums[l + 2 * FOLDS];
            double s3 = sums[l + 3 * FOLDS];
            least[l] = Math.min(Math.min(s0, s1), Math.min(s2, s3));
            largest[l] = Math.max(Math.max(s0, s1), Math.max(s2, s3));
        }
        int quarter = FOLDS / 4;
        for (int l = 0; l < quarter; l++) {
            least[l] = Math.min(Math.min(least[l], least[l + quarter]),
                    Math.min(least[l + 2 * quarter], least[l + 3 * quarter]));
            largest[l] = Math.max(Math.max(largest[l], largest[l + quarter]),
                    Math.max(largest[l + 2 * quarter], largest[l + 3 * quarter]));
        }
        boolean regular = true;
        for (int l = 0; l < quarter; l++) {
            regular &= least[l] >= MIN_REGULAR_SUM_OF_SQUARES & largest[l] < Double.POSITIVE_INFINITY;
        }
        return regular;
    }

    /**
     * The norms and coefficients of a block that may hold sums of squares outside
     * [{@link #MIN_REGULAR_SUM_OF_SQUARES}, ∞): every sum checked, the ones that need it redone
     * with scaling, and the block marked regular or not.
     */
    private void irregularCoefficients(int i, double s, int block, int w) {
        double[][] zRows = z[i][block];
        double[] blockNorms = norm[i][block];
        double[] blockCoefficients = coefficient[i][block];
        int m = n[i];
        for (int j = 0; j < w; j++) {
            blockNorms[j] = Math.sqrt(argument[j]);
        }
        boolean regular = true;
        for (int j = 0; j < w; j++) {
            double sumOfSquares = argument[j];
            if (!(sumOfSquares >= MIN_REGULAR_SUM_OF_SQUARES) || NormArrays.needsRescaling(sumOfSquares)) {
                regular = false;
                if (NormArrays.needsRescaling(sumOfSquares)) {
                    for (int o = 0; o < m; o++) {
                        column[o] = zRows[o][j];
                    }
                    blockNorms[j] = NormArrays.scaledNorm(column, 0, 1, m);
                }
            }
        }
        regularBlock[i][block] = regular;
        if (regular) {
            RadialBlocks.regularCoefficients(profiles[i - 1], s, blockNorms, argument, value, slope[i][block],
                    blockCoefficients, w);
        } else {
            RadialBlocks.coefficients(profiles[i - 1], s, blockNorms, argument, value, slope[i][block],
                    blockCoefficients, w);
        }
    }

    @Override
    protected void backwardKernel(List<Tensor> weights, Tensor x, Tensor dOutput, List<Tensor> weightGradients,
                                  List<Tensor> biasGradients, boolean accumulate, double[] shiftGradients,
                                  Tensor dInput) {
        prepareBackward(weights);
        shiftGradientsWanted = true;
        double[] output = data(dOutput);
        double[] inputGradient = dInput == null ? null : data(dInput);
        for (int j0 = 0; j0 < batch; j0 += blockSize) {
            int w = Math.min(blockSize, batch - j0);
            gatherRows(output, n[layers], j0, w, delta[layers]);
            pad(delta[layers], w);
            backwardBlock(j0, j0 / blockSize, w, false, inputGradient);
        }
        storeGradients(weightGradients, biasGradients, accumulate, shiftGradients);
    }

    /**
     * The forward pass, the loss and the backward pass one block at a time, blocks in increasing
     * order: each block goes through every layer forward (into block slot 0 of the saved rows,
     * which every block reuses), its rows of F(x) to out, the loss of its rows (dOutput's rows and
     * the running sum), and back through every layer into the gradient lanes, while its rows are
     * in the L1 and L2 caches. The activations a_i of the forward pass are still in place for the
     * backward pass, with u = z/r, computed in the forward pass's rescaling loop. Every value is computed by the
     * expressions of {@link #forwardKernel} and {@link #backwardKernel}, the gradient lanes take the
     * blocks in the same order, and the loss sees the rows in increasing order
     * ({@link RowLoss}'s order invariant), so out, dOutput, L and the gradients are bitwise those
     * of forward, the loss over the whole batch, and backward.
     */
    @Override
    protected double forwardLossBackwardKernel(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x,
                                               Tensor target, RowLoss loss, Tensor out, Tensor dOutput,
                                               List<Tensor> weightGradients, List<Tensor> biasGradients,
                                               double[] shiftGradients) {
        prepareBackward(weights);
        shiftGradientsWanted = shiftGradients != null;
        double[] input = data(x);
        double[] output = data(out);
        double[] targets = data(target);
        double[] outputGradient = data(dOutput);
        int outputs = n[layers];
        double sum = 0.0;
        for (int j0 = 0; j0 < batch; j0 += blockSize) {
            int w = Math.min(blockSize, batch - j0);
            gatherRows(input, n[0], j0, w, activation[0]);
            for (int i = 1; i < layers; i++) {
                affineAddingSquares(data(weights.get(i - 1)), data(biases.get(i - 1)), i, 0, w);
                radial(i, shifts[i - 1], 0, w, true);
            }
            affine(data(weights.get(layers - 1)), data(biases.get(layers - 1)), layers, w);
            scatterRows(activation[layers], outputs, j0, w, output);
            sum = loss.addRows(sum, output, targets, outputGradient, outputs, batch, j0, j0 + w);
            gatherRows(outputGradient, outputs, j0, w, delta[layers]);
            pad(delta[layers], w);
            backwardBlock(j0, 0, w, true, null);
        }
        storeGradients(weightGradients, biasGradients, false, shiftGradients);
        return loss.value(sum, outputs, batch);
    }

    /** W_iᵀ of every layer, and every gradient lane zeroed. */
    private void prepareBackward(List<Tensor> weights) {
        for (int i = 1; i <= layers; i++) {
            transpose(data(weights.get(i - 1)), n[i], n[i - 1], weightsTransposed[i]);
            zero(weightLanes[i]);
            zero(biasLanes[i]);
        }
        zero(shiftLanes);
    }

    /**
     * Back-propagates delta[L] (the block's ∂L/∂F, padded) through every layer into the lanes.
     *
     * @param j0 the block's first sample
     * @param slot the block's slot of the saved rows (z, r, c, η′)
     * @param w the block's samples
     * @param activationsKept whether activation[0 … L − 1] and unit hold the block's a_i and
     *     z_i/r from its forward pass; otherwise they are rebuilt from the saved rows and the
     *     input rows
     * @param inputGradient null, or the batch × n₀ ∂L/∂x whose block rows are written
     */
    private void backwardBlock(int j0, int slot, int w, boolean activationsKept, double[] inputGradient) {
        for (int i = layers; i >= 1; i--) {
            if (!activationsKept) {
                if (i > 1) {
                    activationsAndUnits(i - 1, slot, w);
                } else {
                    for (int p = 0; p < n[0]; p++) {
                        System.arraycopy(inputRows, p * batch + j0, activation[0][p], 0, w);
                    }
                }
            }
            pad(activation[i - 1], w);
            accumulateGradients(i);
            if (i > 1) {
                backProductAddingProjections(i, w);
                radialBackward(i - 1, slot, w);
            } else if (inputGradient != null) {
                backProduct(i, w);
                scatterRows(delta[0], n[0], j0, w, inputGradient);
            }
        }
    }

    /** The lanes summed into the weight and bias gradients (overwritten or added to) and the shift gradients. */
    private void storeGradients(List<Tensor> weightGradients, List<Tensor> biasGradients, boolean accumulate,
                                double[] shiftGradients) {
        for (int i = 1; i <= layers; i++) {
            store(weightLanes[i], data(weightGradients.get(i - 1)), accumulate);
            store(biasLanes[i], data(biasGradients.get(i - 1)), accumulate);
        }
        if (shiftGradients != null) {
            for (int i = 0; i < layers - 1; i++) {
                shiftGradients[i] = sumOfLanes(shiftLanes[i]);
            }
        }
    }

    /** The lanes of ∂L/∂W_i and ∂L/∂b_i += this block's δ_i a_{i−1}ᵀ and δ_i (rows padded with zeros). */
    private void accumulateGradients(int i) {
        int k = n[i - 1];
        double[][] a = activation[i - 1];
        double[][] lanes = weightLanes[i];
        for (int o = 0; o < n[i]; o++) {
            double[] d = delta[i][o];
            int entry = o * k;
            if (wideBlocks) {
                BlockLanes.accumulateDotsAndSums(d, a[0], lanes[entry], biasLanes[i][o]);
                for (int p = 1; p < k; p++) {
                    BlockLanes.accumulateDots(d, a[p], lanes[entry + p]);
                }
            } else {
                LaneDots.accumulateDotsAndSums(d, a[0], lanes[entry], biasLanes[i][o]);
                for (int p = 1; p < k; p++) {
                    LaneDots.accumulateDots(d, a[p], lanes[entry + p]);
                }
            }
        }
    }

    /** delta[i − 1] ← W_iᵀ·delta[i] over the block (the gradient with respect to a_{i−1}). */
    private void backProduct(int i, int w) {
        int m = n[i];
        for (int p = 0; p < n[i - 1]; p++) {
            RowUpdates.product(delta[i - 1][p], weightsTransposed[i], p * m, delta[i], m, w);
        }
    }

    /**
     * {@link #backProduct} for a hidden layer i − 1, with projection ← u·g (u of layer i − 1 from
     * {@link #activationsAndUnits}, g = W_iᵀ·delta[i]; summed from 0 in order of the unit, as
     * radialColumnsBackward sums it) added in the last pass of each row.
     */
    private void backProductAddingProjections(int i, int w) {
        int m = n[i];
        Arrays.fill(projection, 0.0);
        for (int p = 0; p < n[i - 1]; p++) {
            RowUpdates.productAddingProducts(delta[i - 1][p], weightsTransposed[i], p * m, delta[i], m, w,
                    unit[i - 1][p], projection);
        }
    }

    /**
     * delta[i] ← J_ρ(z_i)ᵀ·delta[i] in place, as radialColumnsBackward: with g the incoming
     * rows and projection = u·g (from {@link #backProductAddingProjections}),
     * t = (η′ − c)(u·g), δ = c·g + t·u, and c ← η′(s) where r is taken as 0 (there u = 0).
     * The shift lanes add η′·(u·g).
     */
    private void radialBackward(int i, int block, int w) {
        double[] etaPrime = slope[i][block];
        double[] coefficients = coefficient[i][block];
        if (!regularBlock[i][block]) {
            double[] blockNorms = norm[i][block];
            System.arraycopy(coefficients, 0, c, 0, w);
            for (int j = 0; j < w; j++) {
                if (!(blockNorms[j] >= Double.MIN_NORMAL)) {
                    c[j] = etaPrime[j];
                }
            }
            coefficients = c;
        }
        double[][] g = delta[i];
        if (shiftGradientsWanted) {
            for (int j = 0; j < w; j++) {
                radialPart[j] = (etaPrime[j] - coefficients[j]) * projection[j];
                projection[j] = etaPrime[j] * projection[j];
            }
            if (wideBlocks) {
                BlockLanes.accumulateSums(projection, shiftLanes[i - 1]);
            } else {
                LaneDots.accumulateSums(projection, shiftLanes[i - 1]);
            }
        } else {
            for (int j = 0; j < w; j++) {
                radialPart[j] = (etaPrime[j] - coefficients[j]) * projection[j];
            }
        }
        for (int p = 0; p < n[i]; p++) {
            double[] u = unit[i][p];
            double[] gp = g[p];
            for (int j = 0; j < w; j++) {
                gp[j] = coefficients[j] * gp[j] + radialPart[j] * u[j];
            }
        }
        pad(g, w);
    }

    /** rows[p][j] ← m[(j0 + j)·width + p] for p &lt; width, j &lt; w: a block of a row-major batch × width matrix, transposed. */
    private static void gatherRows(double[] m, int width, int j0, int w, double[][] rows) {
        for (int p = 0; p < width; p++) {
            double[] row = rows[p];
            for (int j = 0, q = j0 * width + p; j < w; j++, q += width) {
                row[j] = m[q];
            }
        }
    }

    /** m[(j0 + j)·width + p] ← rows[p][j]: the inverse of {@link #gatherRows}. */
    private static void scatterRows(double[][] rows, int width, int j0, int w, double[] m) {
        for (int p = 0; p < width; p++) {
            double[] row = rows[p];
            for (int j = 0, q = j0 * width + p; j < w; j++, q += width) {
                m[q] = row[j];
            }
        }
    }

    /** Zeros every row from entry w on, so that the lane sums over whole blocks add nothing there. */
    private void pad(double[][] rows, int w) {
        if (w < blockSize) {
            for (double[] row : rows) {
                Arrays.fill(row, w, blockSize, 0.0);
            }
        }
    }

    private static void zero(double[][] lanes) {
        for (double[] l : lanes) {
            Arrays.fill(l, 0.0);
        }
    }

    private static void transpose(double[] a, int rows, int cols, double[] out) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = a[i * cols + j];
            }
        }
    }

    /** out[q] ← Σ lanes[q] (or out[q] + Σ lanes[q] when accumulating). */
    private void store(double[][] lanes, double[] out, boolean accumulate) {
        for (int q = 0; q < lanes.length; q++) {
            double sum = sumOfLanes(lanes[q]);
            out[q] = accumulate ? out[q] + sum : sum;
        }
    }

    /** Σ_l lanes[l] in the order of this kernel's lanes ({@link BlockLanes} or {@link LaneDots}); overwrites them. */
    private double sumOfLanes(double[] lanes) {
        return wideBlocks ? BlockLanes.sumOfLanes(lanes) : LaneDots.sumOfLanes(lanes);
    }

    private static double[] data(Tensor t) {
        return ((EjmlTensor) t).data();
    }
}
