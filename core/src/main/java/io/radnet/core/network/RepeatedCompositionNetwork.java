package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A repeated-composition network (RCNet, "On Enhancing Expressive Power via Compositions of
 * Single Fixed-Size ReLU Network", §1 and §4): F = L₂ ∘ g^{∘r} ∘ L₁ with affine maps
 * L₁: ℝ^d → ℝ^m, L₂: ℝ^m → ℝ^{out} and one block g: ℝ^m → ℝ^m,
 * g(v) = σ_k(A_k σ_{k−1}(… σ₁(A₁ v + c₁) …) + c_k), applied r ≥ 1 times with the same parameters.
 * The paper's experiments use k = 1 and σ₁ = ReLU: g(v) = ReLU(A v + c); its constructions
 * (Appendices C–E) end g with an affine layer: σ₁ = … = σ_{k−1} = ReLU, σ_k = identity
 * ({@link #RepeatedCompositionNetwork(Param, int, int, List)}).
 *
 * <p>The parameters are a point of Param(n) for widths n = (d, m, h₁, …, h_{k−1}, m, out):
 * layer 1 is L₁, layers 2 … k + 1 are g's, layer k + 2 is L₂; their number does not depend on
 * r (the paper's n² + 6n + 2 for d = out = 2, k = 1). Hence r = 1 is exactly the plain
 * {@link Mlp} with these parameters and activations (identity, σ₁, …, σ_k).
 *
 * <p>Forward and backward run the unrolled network of depth k·r + 2 whose layers share g's
 * tensors; backward adds the gradients of the r copies of each layer of g:
 * ∂L/∂A_j = Σ_{t=1}^{r} ∂L/∂A_j^{(t)}. A pass stores the k·r + 2 intermediate batches, so its
 * memory is O(r · batch · max width), i.e. O(r · batch · m) for hidden widths of order m.
 */
public final class RepeatedCompositionNetwork extends CompositeNetwork {
    private final Param param;
    private final int blockDepth;
    private final int repetitions;
    private final PointwiseActivation sigma;
    private final List<PointwiseActivation> blockActivations;
    private final Mlp unrolled;
    private final int[] layerOf;

    /**
     * An RCNet whose block applies σ after every layer.
     *
     * @param param the parameters, widths (d, m, h₁, …, h_{k−1}, m, out), without shifts; adopted
     * @param blockDepth k ≥ 1, the number of layers of g
     * @param repetitions r ≥ 1
     * @param sigma g's activation (after every layer of g)
     * @throws IllegalArgumentException naming the values if r &lt; 1, k does not fit the widths,
     *     or g's input width m differs from its output width
     */
    public RepeatedCompositionNetwork(Param param, int blockDepth, int repetitions, PointwiseActivation sigma) {
        this(param, blockDepth, repetitions, Collections.nCopies(Math.max(0, blockDepth),
                Objects.requireNonNull(sigma, "sigma")));
    }

    /**
     * An RCNet whose block applies σ_i after its layer i, e.g. (ReLU, …, ReLU, identity) for a
     * block with an affine end.
     *
     * @param param the parameters, widths (d, m, h₁, …, h_{k−1}, m, out), without shifts; adopted
     * @param blockDepth k ≥ 1, the number of layers of g
     * @param repetitions r ≥ 1
     * @param blockActivations σ₁ … σ_k (k entries, copied)
     * @throws IllegalArgumentException naming the values if r &lt; 1, k does not fit the widths,
     *     g's input width m differs from its output width, or there are not k activations
     */
    public RepeatedCompositionNetwork(Param param, int blockDepth, int repetitions,
                                      List<PointwiseActivation> blockActivations) {
        super(Objects.requireNonNull(param, "param").backend());
        Objects.requireNonNull(blockActivations, "blockActivations");
        if (blockActivations.size() != blockDepth) {
            throw new IllegalArgumentException("the block has " + blockDepth + " layers but " + blockActivations.size()
                    + " activations were given");
        }
        this.blockActivations = List.copyOf(blockActivations);
        this.sigma = this.blockActivations.stream().filter(a -> !isIdentity(a))
                .findFirst().orElse(this.blockActivations.isEmpty() ? PointwiseActivations.identity()
                        : this.blockActivations.get(0));
        if (repetitions < 1) {
            throw new IllegalArgumentException("the number of compositions r must be at least 1, got " + repetitions);
        }
        if (param.hasShifts()) {
            throw new IllegalArgumentException("an RCNet has no activation shifts; pass parameters without shifts");
        }
        int[] n = param.widths();
        if (blockDepth < 1 || blockDepth != param.depth() - 2) {
            throw new IllegalArgumentException("widths " + Arrays.toString(n) + " hold L₁, " + (param.depth() - 2)
                    + " block layers and L₂, but the block depth k is " + blockDepth);
        }
        if (n[1] != n[blockDepth + 1]) {
            throw new IllegalArgumentException("the block g must map ℝ^m to ℝ^m to be composed, but it maps ℝ^"
                    + n[1] + " to ℝ^" + n[blockDepth + 1] + " (widths " + Arrays.toString(n) + ")");
        }
        this.param = param;
        this.blockDepth = blockDepth;
        this.repetitions = repetitions;
        int layers = blockDepth * repetitions + 2;
        layerOf = new int[layers + 1];
        int[] unrolledWidths = new int[layers + 1];
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        List<PointwiseActivation> activations = new ArrayList<>();
        unrolledWidths[0] = n[0];
        for (int u = 1; u <= layers; u++) {
            layerOf[u] = u == 1 ? 1 : u == layers ? blockDepth + 2 : 2 + (u - 2) % blockDepth;
            unrolledWidths[u] = n[layerOf[u]];
            weights.add(param.weight(layerOf[u]));
            biases.add(param.bias(layerOf[u]));
            if (u < layers) {
                activations.add(u == 1 ? PointwiseActivations.identity() : this.blockActivations.get((u - 2) % blockDepth));
            }
        }
        unrolled = new Mlp(Param.of(unrolledWidths, weights, biases, null), activations);
    }

    /**
     * @param backend the backend
     * @param inputWidth d
     * @param blockWidths g's widths (m, h₁, …, h_{k−1}, m), k ≥ 1
     * @param outputWidth out
     * @param repetitions r ≥ 1
     * @param sigma g's activation
     * @param seed the seed of the PyTorch-like initialisation ({@link FeedForwardNetwork#initializeLikePyTorch})
     * @return a new RCNet
     * @throws IllegalArgumentException as the constructor, or for widths below 1
     */
    public static RepeatedCompositionNetwork initialized(Backend backend, int inputWidth, int[] blockWidths,
            int outputWidth, int repetitions, PointwiseActivation sigma, long seed) {
        Objects.requireNonNull(blockWidths, "blockWidths");
        if (blockWidths.length < 2) {
            throw new IllegalArgumentException("the block g needs at least an input and an output width, got "
                    + Arrays.toString(blockWidths));
        }
        int[] n = new int[blockWidths.length + 2];
        n[0] = inputWidth;
        System.arraycopy(blockWidths, 0, n, 1, blockWidths.length);
        n[n.length - 1] = outputWidth;
        Param p = Param.zeros(backend, n, false);
        FeedForwardNetwork.initializeLikePyTorch(p, seed);
        return new RepeatedCompositionNetwork(p, blockWidths.length - 1, repetitions, sigma);
    }

    /** @return r */
    public int repetitions() {
        return repetitions;
    }

    /** @return k, the number of layers of g */
    public int blockDepth() {
        return blockDepth;
    }

    /** @return m, the width g maps to itself */
    public int blockWidth() {
        return param.width(1);
    }

    /** @return g's activation σ: the first of σ₁ … σ_k that is not the identity (σ₁ if all are) */
    public PointwiseActivation activation() {
        return sigma;
    }

    /** @return σ₁ … σ_k, the activation after each layer of g */
    public List<PointwiseActivation> blockActivations() {
        return blockActivations;
    }

    /** @return whether g's last layer is affine (σ_k is the identity) */
    public boolean hasAffineEnd() {
        return isIdentity(blockActivations.get(blockDepth - 1));
    }

    private static boolean isIdentity(PointwiseActivation activation) {
        return "identity".equals(String.valueOf(activation));
    }

    @Override
    public Param parameters() {
        return param;
    }

    @Override
    public int inputWidth() {
        return param.width(0);
    }

    @Override
    public int outputWidth() {
        return param.width(blockDepth + 2);
    }

    @Override
    String inputLayout() {
        return "x: " + inputWidth() + " columns";
    }

    @Override
    Pass newPass(int batch) {
        return new UnrolledPass(batch);
    }

    @Override
    public String toString() {
        return "RCNet(widths " + Arrays.toString(param.widths()) + ", r = " + repetitions + ", " + sigma
                + (hasAffineEnd() && blockDepth > 1 ? ", affine end" : "") + ")";
    }

    private final class UnrolledPass extends Pass {
        private final TrainingPass pass;
        private Param unrolledGradient;

        UnrolledPass(int batch) {
            super(batch);
            pass = unrolled.trainingPass(batch);
        }

        @Override
        Tensor forwardChecked(Tensor x) {
            return pass.forward(x);
        }

        @Override
        void backwardChecked(Tensor dOutput, ParameterVector gradientVector, boolean accumulate, Tensor dInput) {
            Param gradient = (Param) gradientVector;
            Backend b = backend();
            if (unrolledGradient == null) {
                unrolledGradient = unrolled.parameters().zerosLike();
            }
            if (dInput == null) {
                pass.backward(dOutput, unrolledGradient);
            } else {
                unrolledGradient.fillZero();
                pass.backwardAccumulating(dOutput, unrolledGradient, dInput);
            }
            if (!accumulate) {
                gradient.fillZero();
            }
            for (int u = 1; u < layerOf.length; u++) {
                Tensor w = gradient.weight(layerOf[u]);
                Tensor c = gradient.bias(layerOf[u]);
                b.add(w, unrolledGradient.weight(u), w);
                b.add(c, unrolledGradient.bias(u), c);
            }
        }
    }
}
