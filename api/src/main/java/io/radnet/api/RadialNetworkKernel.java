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
 * stay unchanged in between. The kernel owns its buffers; it is not thread-safe.
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
        int layers = depth();
        Shapes.requireNonNull(op, "weights", weights);
        Shapes.requireNonNull(op, "biases", biases);
        Shapes.requireNonNull(op, "shifts", shifts);
        requireLayers(op, weights, biases, "W_", "b_");
        requireCount(op, "shifts", shifts.length, layers - 1);
        for (int i = 0; i < shifts.length; i++) {
            Shapes.requireFinite(op, "the shift s_" + (i + 1), shifts[i]);
        }
        backend.own(op, "x", x);
        backend.own(op, "out", out);
        Shapes.requireShape(op, "x", x, batch, widths[0]);
        Shapes.requireShape(op, "out", out, batch, widths[layers]);
        Shapes.requireDistinct(op, "x", x, "out", out);
        for (int i = 0; i < layers; i++) {
            Shapes.requireDistinct(op, "W_" + (i + 1), weights.get(i), "out", out);
            Shapes.requireDistinct(op, "b_" + (i + 1), biases.get(i), "out", out);
        }
        List<Tensor> w = List.copyOf(weights);
        List<Tensor> b = List.copyOf(biases);
        forwardKernel(w, b, shifts, x, out);
        forwardWeights = w;
        forwardBiases = b;
        forwardInput = x;
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
        int layers = depth();
        backend.own(op, "dOutput", dOutput);
        Shapes.requireShape(op, "dOutput", dOutput, batch, widths[layers]);
        Shapes.requireNonNull(op, "weightGradients", weightGradients);
        Shapes.requireNonNull(op, "biasGradients", biasGradients);
        Shapes.requireNonNull(op, "shiftGradients", shiftGradients);
        requireLayers(op, weightGradients, biasGradients, "∂L/∂W_", "∂L/∂b_");
        requireCount(op, "shiftGradients", shiftGradients.length, layers - 1);
        if (dInput != null) {
            backend.own(op, "dInput", dInput);
            Shapes.requireShape(op, "dInput", dInput, batch, widths[0]);
        }
        requireDistinctOutputs(op, weightGradients, biasGradients, dInput, dOutput);
        backwardKernel(forwardWeights, forwardInput, dOutput, List.copyOf(weightGradients), List.copyOf(biasGradients),
                accumulate, shiftGradients, dInput);
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
     * One n_i × n_{i−1} matrix and one vector of n_i entries per layer, of this backend.
     *
     * @param matrixName the matrices' name before the layer index, for messages
     * @param vectorName the vectors' name before the layer index
     */
    private void requireLayers(String op, List<Tensor> matrices, List<Tensor> vectors, String matrixName,
                               String vectorName) {
        int layers = depth();
        requireCount(op, matrixName + "1 … " + matrixName + layers, matrices.size(), layers);
        requireCount(op, vectorName + "1 … " + vectorName + layers, vectors.size(), layers);
        for (int i = 1; i <= layers; i++) {
            Tensor m = matrices.get(i - 1);
            backend.own(op, matrixName + i, m);
            Shapes.requireShape(op, matrixName + i, m, widths[i], widths[i - 1]);
            Tensor v = vectors.get(i - 1);
            backend.own(op, vectorName + i, v);
            Shapes.requireVector(op, vectorName + i, v, widths[i], "the rows of " + matrixName + i, m);
        }
    }

    private static void requireCount(String op, String name, int actual, int expected) {
        if (actual != expected) {
            throw new ShapeMismatchException(op + ": " + name + " must have " + expected + " entries, one per "
                    + (name.startsWith("shift") ? "hidden layer" : "layer") + ", but has " + actual);
        }
    }

    /**
     * The outputs (the weight and bias gradients, then dInput when not null) must be distinct
     * from each other, from dOutput, and from the tensors the forward call kept. One pass over
     * the 2L + 1 kept tensors and the at most 2L + 1 outputs through an identity-keyed table:
     * O(L) work, so a deep network's backward pass stays linear in its depth. The table is
     * reused from call to call and allocates nothing once it has grown to the network's size.
     */
    private void requireDistinctOutputs(String op, List<Tensor> weightGradients, List<Tensor> biasGradients,
                                        Tensor dInput, Tensor dOutput) {
        int layers = depth();
        tensorRoles.clear();
        for (int i = 0; i < layers; i++) {
            tensorRoles.put(forwardWeights.get(i), TensorRole.FORWARD_WEIGHT);
            tensorRoles.put(forwardBiases.get(i), TensorRole.FORWARD_BIAS);
        }
        tensorRoles.put(forwardInput, TensorRole.FORWARD_INPUT);
        tensorRoles.put(dOutput, TensorRole.OUTPUT_GRADIENT);
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
