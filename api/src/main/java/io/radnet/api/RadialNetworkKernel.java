package io.radnet.api;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * A fused forward and backward pass through a whole radial network, for one backend, one set of
 * widths and one batch size, offered by {@link Backend#radialNetworkKernel} where the backend
 * has one. It computes what the layer-by-layer composition of {@link Backend#gemm},
 * {@link Backend#addColumnVector}, {@link Backend#radialColumns} and
 * {@link Backend#radialColumnsBackward} computes, to rounding, but over one block of samples at
 * a time through every layer, so that the intermediates of a block stay in the cache.
 *
 * <p><b>The network.</b> Widths n = (n₀, …, n_L), L ≥ 1; for a sample x, a₀ = x,
 * z_i = W_i a_{i−1} + b_i (W_i is n_i × n_{i−1}, b_i has n_i entries), a_i = ρ_{s_i}(z_i) for
 * 0 &lt; i &lt; L with ρ_s(v) = η_i(|v| + s)·v/|v| exactly as {@link Backend#radialColumns}
 * defines it (|v| below {@link Double#MIN_NORMAL}, or NaN, is taken as v = 0), and
 * F(x) = z_L (radial paper, §3).
 *
 * <p><b>Batches</b> hold one sample per row: x is batch × n₀ and F(x) batch × n_L.
 *
 * <p><b>Protocol.</b> {@link #forward} then {@link #backward}, as often as wanted. The backward
 * pass uses the weights and the input of the last forward call, kept by reference: they must
 * stay unchanged in between. Or {@link #forwardLossBackward}, a training step's forward pass,
 * loss and backward pass in one call, which a backend may run block by block with the same bits.
 * The kernel owns its buffers; it is not thread-safe.
 *
 * <p>Public methods validate here, for every backend (ownership, shapes, aliasing, finite
 * shifts); a failed check changes nothing. Values are not checked: NaN in x or the parameters
 * propagates to the output and the gradients, as in the layer-by-layer composition.
 */
public abstract class RadialNetworkKernel {
    private final Backend backend;
    private final int[] widths;
    private final List<RadialProfile> profiles;
    private final int batch;
    private List<Tensor> forwardWeights;
    private List<Tensor> forwardBiases;
    private Tensor forwardInput;
    /** Scratch table of {@link #requireDistinctOutputs}, empty between calls. */
    private final IdentityHashMap<Tensor, TensorRole> tensorRoles = new IdentityHashMap<>();

    /**
     * @param backend the backend whose tensors the kernel takes
     * @param widths n₀ … n_L, validated by {@link Backend#radialNetworkKernel}; copied
     * @param profiles η_1 … η_{L−1}
     * @param batch samples per call
     */
    protected RadialNetworkKernel(Backend backend, int[] widths, List<RadialProfile> profiles, int batch) {
        this.backend = backend;
        this.widths = widths.clone();
        this.profiles = List.copyOf(profiles);
        this.batch = batch;
    }

    /** @return the backend whose tensors this kernel takes */
    public final Backend backend() {
        return backend;
    }

    /** @return a copy of the widths n₀ … n_L */
    public final int[] widths() {
        return widths.clone();
    }

    /** @return the profiles η_1 … η_{L−1} */
    public final List<RadialProfile> profiles() {
        return profiles;
    }

    /** @return the samples per call */
    public final int batch() {
        return batch;
    }

    /** @return L, the number of affine layers */
    public final int depth() {
        return widths.length - 1;
    }

    /**
     * out ← F(x), keeping z_i and the per-sample norms, coefficients and slopes of every hidden
     * layer for {@link #backward}.
     *
     * @param weights W_1 … W_L, n_i × n_{i−1}; not modified, kept by reference until backward
     * @param biases b_1 … b_L, vectors of n_i entries; not modified
     * @param shifts s_1 … s_{L−1}, finite; read during the call only
     * @param x batch × n₀; not modified, kept by reference until backward
     * @param out batch × n_L, overwritten; not x, a weight or a bias
     * @throws ShapeMismatchException if a shape or a count does not fit the widths
     * @throws NonFiniteValueException if a shift is NaN or infinite
     * @throws IllegalArgumentException if out is x, a weight or a bias
     */
    public final void forward(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x, Tensor out) {
        String op = "radialNetworkKernel.forward";
        requireForward(op, weights, biases, shifts, x, out);
        List<Tensor> w = List.copyOf(weights);
        List<Tensor> b = List.copyOf(biases);
        forwardKernel(w, b, shifts, x, out);
        forwardWeights = w;
        forwardBiases = b;
        forwardInput = x;
    }

    /** The checks of {@link #forward}. */
    private void requireForward(String op, List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x,
                                Tensor out) {
        int layers = depth();
        Shapes.requireNonNull(op, "weights", weights);
        Shapes.requireNonNull(op, "biases", biases);
        Shapes.requireNonNull(op, "shifts", shifts);
        requireLayers(op, weights, biases, "W_", "b_");
        requireCount(op, "shifts", shifts.length, layers - 1);
        for (int i = 0; i < shifts.length; i++) {
            if (!Double.isFinite(shifts[i])) {
                Shapes.requireFinite(op, "the shift s_" + (i + 1), shifts[i]);
            }
        }
        backend.own(op, "x", x);
        backend.own(op, "out", out);
        Shapes.requireShape(op, "x", x, batch, widths[0]);
        Shapes.requireShape(op, "out", out, batch, widths[layers]);
        Shapes.requireDistinct(op, "x", x, "out", out);
        for (int i = 0; i < layers; i++) {
            if (weights.get(i) == out || biases.get(i) == out) {
                Shapes.requireDistinct(op, "W_" + (i + 1), weights.get(i), "out", out);
                Shapes.requireDistinct(op, "b_" + (i + 1), biases.get(i), "out", out);
            }
        }
    }

    /**
     * Back-propagates ∂L/∂F(x) through the last forward call: for every layer i,
     * ∂L/∂W_i = Σ_samples δ_i a_{i−1}ᵀ and ∂L/∂b_i = Σ_samples δ_i with δ_i = ∂L/∂z_i, and
     * ∂L/∂s_i = Σ_samples η_i′(|z_i| + s_i)(u_i·∂L/∂a_i) with u_i = z_i/|z_i| (as
     * {@link Backend#radialColumnsBackward} returns it).
     *
     * @param dOutput batch × n_L, ∂L/∂F(x); not modified
     * @param weightGradients n_i × n_{i−1} tensors, overwritten with ∂L/∂W_i, or added to when
     *     accumulating; distinct from the weights and from each other
     * @param biasGradients vectors of n_i entries, overwritten with ∂L/∂b_i or added to
     * @param accumulate whether to add the gradients to what the tensors hold
     * @param shiftGradients L − 1 entries, overwritten with ∂L/∂s_i (never accumulated)
     * @param dInput null, or batch × n₀ overwritten with ∂L/∂x; not x
     * @throws IllegalStateException if no forward call came first
     * @throws ShapeMismatchException if a shape or a count does not fit the widths
     * @throws IllegalArgumentException if an output is dOutput, another output, or a weight,
     *     bias or the input of the last forward call
     */
    public final void backward(Tensor dOutput, List<Tensor> weightGradients, List<Tensor> biasGradients,
                               boolean accumulate, double[] shiftGradients, Tensor dInput) {
        String op = "radialNetworkKernel.backward";
        if (forwardInput == null) {
            throw new IllegalStateException(op + ": backward needs a forward call first");
        }
        requireOutputGradient(op, dOutput);
        requireGradients(op, weightGradients, biasGradients);
        Shapes.requireNonNull(op, "shiftGradients", shiftGradients);
        requireCount(op, "shiftGradients", shiftGradients.length, depth() - 1);
        if (dInput != null) {
            backend.own(op, "dInput", dInput);
            Shapes.requireShape(op, "dInput", dInput, batch, widths[0]);
        }
        requireDistinctOutputs(op, forwardWeights, forwardBiases, forwardInput, null, null, dOutput, weightGradients,
                biasGradients, dInput);
        backwardKernel(forwardWeights, forwardInput, dOutput, List.copyOf(weightGradients), List.copyOf(biasGradients),
                accumulate, shiftGradients, dInput);
    }

    /**
     * One training step's passes in one call: out ← F(x), dOutput ← ∂L/∂F(x) of the loss against
     * the targets, and the gradients of {@link #backward} (overwritten, no ∂L/∂x) from that
     * dOutput; returns L. The result is bitwise what {@link #forward}, then the loss over the
     * whole batch ({@link RowLoss#addRows} over rows 0 … batch − 1 from 0.0, then
     * {@link RowLoss#value}), then {@link #backward} with {@code accumulate} false give on the same
     * kernel: a backend may take the loss between each block's forward and backward pass, as long
     * as it hands the loss the blocks in increasing order of their rows (the loss's order
     * invariant then keeps L's bits) and sums the gradients in the order of its own backward pass.
     *
     * <p>Afterwards a {@link #backward} call needs a new {@link #forward} call first: a kernel
     * that goes block by block keeps no state for the whole batch.
     *
     * @param weights W_1 … W_L, n_i × n_{i−1}; not modified
     * @param biases b_1 … b_L, vectors of n_i entries; not modified
     * @param shifts s_1 … s_{L−1}, finite; not modified
     * @param x batch × n₀; not modified
     * @param target batch × {@link RowLoss#targetColumns}(n_L), the loss's targets; not modified
     * @param loss the loss L(F(x), target)
     * @param out batch × n_L, overwritten with F(x)
     * @param dOutput batch × n_L, overwritten with ∂L/∂F(x)
     * @param weightGradients n_i × n_{i−1} tensors, overwritten with ∂L/∂W_i
     * @param biasGradients vectors of n_i entries, overwritten with ∂L/∂b_i
     * @param shiftGradients L − 1 entries, overwritten with ∂L/∂s_i; or null when the shifts are
     *     not trained, and then the kernel may skip their sums
     * @return L(F(x), target)
     * @throws ShapeMismatchException if a shape or a count does not fit the widths and the loss
     * @throws NonFiniteValueException if a shift is NaN or infinite
     * @throws IllegalArgumentException if an output (out, dOutput, a gradient) is another output
     *     or an input (a weight, a bias, x, the targets)
     */
    public final double forwardLossBackward(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x,
                                            Tensor target, RowLoss loss, Tensor out, Tensor dOutput,
                                            List<Tensor> weightGradients, List<Tensor> biasGradients,
                                            double[] shiftGradients) {
        String op = "radialNetworkKernel.forwardLossBackward";
        requireForward(op, weights, biases, shifts, x, out);
        Shapes.requireNonNull(op, "loss", loss);
        backend.own(op, "target", target);
        Shapes.requireShape(op, "target", target, batch, loss.targetColumns(widths[depth()]));
        requireOutputGradient(op, dOutput);
        Shapes.requireDistinct(op, "out", out, "dOutput", dOutput);
        Shapes.requireDistinct(op, "x", x, "dOutput", dOutput);
        Shapes.requireDistinct(op, "the targets", target, "out", out);
        Shapes.requireDistinct(op, "the targets", target, "dOutput", dOutput);
        requireGradients(op, weightGradients, biasGradients);
        if (shiftGradients != null) {
            requireCount(op, "shiftGradients", shiftGradients.length, depth() - 1);
        }
        List<Tensor> w = List.copyOf(weights);
        List<Tensor> b = List.copyOf(biases);
        requireDistinctOutputs(op, w, b, x, target, out, dOutput, weightGradients, biasGradients, null);
        forwardWeights = null;
        forwardBiases = null;
        forwardInput = null;
        return forwardLossBackwardKernel(w, b, shifts, x, target, loss, out, dOutput, List.copyOf(weightGradients),
                List.copyOf(biasGradients), shiftGradients);
    }

    /** dOutput is batch × n_L, of this backend. */
    private void requireOutputGradient(String op, Tensor dOutput) {
        backend.own(op, "dOutput", dOutput);
        Shapes.requireShape(op, "dOutput", dOutput, batch, widths[depth()]);
    }

    /** One gradient matrix and vector per layer. */
    private void requireGradients(String op, List<Tensor> weightGradients, List<Tensor> biasGradients) {
        Shapes.requireNonNull(op, "weightGradients", weightGradients);
        Shapes.requireNonNull(op, "biasGradients", biasGradients);
        requireLayers(op, weightGradients, biasGradients, "∂L/∂W_", "∂L/∂b_");
    }

    /**
     * See {@link #forward}; arguments validated, lists of exactly L tensors.
     *
     * @param weights W_1 … W_L
     * @param biases b_1 … b_L
     * @param shifts s_1 … s_{L−1}, not modified and not kept
     * @param x the input, kept by reference
     * @param out the output
     */
    protected abstract void forwardKernel(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x,
                                          Tensor out);

    /**
     * See {@link #backward}; arguments validated, a forward call came first.
     *
     * @param weights the weights of the last forward call
     * @param x the input of the last forward call
     * @param dOutput ∂L/∂F(x)
     * @param weightGradients ∂L/∂W_1 … ∂L/∂W_L
     * @param biasGradients ∂L/∂b_1 … ∂L/∂b_L
     * @param accumulate whether to add to them
     * @param shiftGradients receives ∂L/∂s_1 … ∂L/∂s_{L−1}
     * @param dInput null or ∂L/∂x
     */
    protected abstract void backwardKernel(List<Tensor> weights, Tensor x, Tensor dOutput, List<Tensor> weightGradients,
                                           List<Tensor> biasGradients, boolean accumulate, double[] shiftGradients,
                                           Tensor dInput);

    /**
     * See {@link #forwardLossBackward}; arguments validated, lists of exactly L tensors. This
     * default runs {@link #forwardKernel}, the loss over the whole batch in one range, and
     * {@link #backwardKernel}; a backend overrides it to take the loss block by block, with the
     * same bits.
     *
     * @param weights W_1 … W_L
     * @param biases b_1 … b_L
     * @param shifts s_1 … s_{L−1}
     * @param x the input
     * @param target the targets
     * @param loss the loss
     * @param out receives F(x)
     * @param dOutput receives ∂L/∂F(x)
     * @param weightGradients receive ∂L/∂W_1 … ∂L/∂W_L
     * @param biasGradients receive ∂L/∂b_1 … ∂L/∂b_L
     * @param shiftGradients receives ∂L/∂s_1 … ∂L/∂s_{L−1}; null when not wanted
     * @return L
     */
    protected double forwardLossBackwardKernel(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x,
                                               Tensor target, RowLoss loss, Tensor out, Tensor dOutput,
                                               List<Tensor> weightGradients, List<Tensor> biasGradients,
                                               double[] shiftGradients) {
        forwardKernel(weights, biases, shifts, x, out);
        int outputs = widths[depth()];
        double[] outputGradient = new double[batch * outputs];
        double sum = loss.addRows(0.0, out.toRowMajor(), target.toRowMajor(), outputGradient, outputs, batch, 0, batch);
        dOutput.setRowMajor(outputGradient);
        backwardKernel(weights, x, dOutput, weightGradients, biasGradients, false,
                shiftGradients == null ? new double[depth() - 1] : shiftGradients, null);
        return loss.value(sum, outputs, batch);
    }

    /**
     * One n_i × n_{i−1} matrix and one vector of n_i entries per layer, of this backend.
     *
     * @param matrixName the matrices' name before the layer index, for messages
     * @param vectorName the vectors' name before the layer index
     */
    private void requireLayers(String op, List<Tensor> matrices, List<Tensor> vectors, String matrixName,
                               String vectorName) {
        int layers = depth();
        if (matrices.size() != layers || vectors.size() != layers) {
            requireCount(op, matrixName + "1 … " + matrixName + layers, matrices.size(), layers);
            requireCount(op, vectorName + "1 … " + vectorName + layers, vectors.size(), layers);
        }
        for (int i = 1; i <= layers; i++) {
            Tensor m = matrices.get(i - 1);
            if (!owned(m) || m.rows() != widths[i] || m.cols() != widths[i - 1]) {
                backend.own(op, matrixName + i, m);
                Shapes.requireShape(op, matrixName + i, m, widths[i], widths[i - 1]);
            }
            Tensor v = vectors.get(i - 1);
            if (!owned(v) || !(v.rows() == 1 && v.cols() == widths[i] || v.cols() == 1 && v.rows() == widths[i])) {
                backend.own(op, vectorName + i, v);
                Shapes.requireVector(op, vectorName + i, v, widths[i], "the rows of " + matrixName + i, m);
            }
        }
    }

    /**
     * Whether t is an open tensor of this backend: the check of {@link Backend#own}, made first
     * without building the argument's name, which only a failure needs.
     */
    private boolean owned(Tensor t) {
        return t != null && !t.isClosed() && t.backend() == backend;
    }

    private static void requireCount(String op, String name, int actual, int expected) {
        if (actual != expected) {
            throw new ShapeMismatchException(op + ": " + name + " must have " + expected + " entries, one per "
                    + (name.startsWith("shift") ? "hidden layer" : "layer") + ", but has " + actual);
        }
    }

    /**
     * The outputs (out when not null, dOutput when written, the weight and bias gradients, dInput
     * when not null) must be distinct from each other and from the inputs (the weights, biases
     * and x, the targets when not null, and dOutput when only read). One pass over the at most
     * 2L + 3 inputs and 2L + 3 outputs through an identity-keyed table: O(L) work, so a deep
     * network's backward pass stays linear in its depth. The table is reused from call to call
     * and allocates nothing once it has grown to the network's size.
     *
     * @param target the targets, or null when the call has none
     * @param out the output F(x) when the call writes it (then dOutput is written too), or null
     */
    private void requireDistinctOutputs(String op, List<Tensor> weights, List<Tensor> biases, Tensor input,
                                        Tensor target, Tensor out, Tensor dOutput, List<Tensor> weightGradients,
                                        List<Tensor> biasGradients, Tensor dInput) {
        int layers = depth();
        tensorRoles.clear();
        for (int i = 0; i < layers; i++) {
            tensorRoles.put(weights.get(i), TensorRole.FORWARD_WEIGHT);
            tensorRoles.put(biases.get(i), TensorRole.FORWARD_BIAS);
        }
        tensorRoles.put(input, TensorRole.FORWARD_INPUT);
        if (target != null) {
            tensorRoles.put(target, TensorRole.TARGET);
        }
        if (out == null) {
            tensorRoles.put(dOutput, TensorRole.OUTPUT_GRADIENT);
        } else {
            requireNewRole(op, out);
            requireNewRole(op, dOutput);
        }
        for (int i = 0; i < layers; i++) {
            requireNewRole(op, weightGradients.get(i));
        }
        for (int i = 0; i < layers; i++) {
            requireNewRole(op, biasGradients.get(i));
        }
        if (dInput != null) {
            requireNewRole(op, dInput);
        }
        tensorRoles.clear();
    }

    private void requireNewRole(String op, Tensor output) {
        TensorRole earlier = tensorRoles.put(output, TensorRole.OUTPUT);
        if (earlier != null) {
            tensorRoles.clear();
            Shapes.requireDistinct(op, earlier.description, output, earlier == TensorRole.OUTPUT ? "another output"
                    : "an output", output);
        }
    }

    /** What a tensor passed to {@link #backward} already is, for the aliasing check. */
    private enum TensorRole {
        FORWARD_WEIGHT("a weight of the forward call"),
        FORWARD_BIAS("a bias of the forward call"),
        FORWARD_INPUT("the input of the forward call"),
        TARGET("the targets"),
        OUTPUT_GRADIENT("dOutput"),
        OUTPUT("an output");

        private final String description;

        TensorRole(String description) {
            this.description = description;
        }
    }

    @Override
    public String toString() {
        return backend.name() + " radial network kernel " + Arrays.toString(widths) + ", batch " + batch;
    }
}
