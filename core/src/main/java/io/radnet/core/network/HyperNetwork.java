package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A hypernetwork h(x, I) = g(x; f(I)) (hypernetworks paper, §2, eq. (2)): a weight generator
 * f: ℝ^{d_I} → ℝ^{N_g}, any network of the library, whose output θ = f(I) is read, per sample, as
 * all the weights (and optional biases) of a primary network g of fixed
 * {@link PrimaryArchitecture}. Only f is trained: {@link #parameters()} are f's.
 *
 * <p>Input rows are [x | I]: the first n₀ = d_x columns are the primary's input x, the next
 * d_I columns the generator's input I. Each sample s gets its own θ_s = f(I_s), so layer i of g
 * computes z_i[s] = W_i(θ_s) a_{i−1}[s] + b_i(θ_s) with a batched matrix-vector product
 * ({@link Backend#batchedMatVec}), a_i = σ(z_i) for i &lt; L, output z_L.
 *
 * <p>Backward, with δ_i = ∂L/∂z_i: ∂L/∂W_i(θ_s) = δ_i[s] a_{i−1}[s]ᵀ (a row-wise outer product),
 * ∂L/∂b_i(θ_s) = δ_i[s], ∂L/∂a_{i−1}[s] = W_i(θ_s)ᵀ δ_i[s], δ_{i−1} = σ′(z_{i−1}) ⊙ ∂L/∂a_{i−1};
 * the rows ∂L/∂θ_s form a batch × N_g tensor that is back-propagated through f.
 *
 * <p>Parameter counts in the paper's notation: N_f = |θ_f| ({@link #generatorParameterCount()})
 * is everything trained; N_g ({@link #primaryParameterCount()}) is the size of the generated θ.
 */
public final class HyperNetwork extends CompositeNetwork {
    private final Network generator;
    private final PrimaryArchitecture primary;

    /**
     * @param generator the weight generator f, adopted (its parameters are this network's)
     * @param primary g's architecture; f must output N_g = primary.parameterCount() numbers
     * @throws IllegalArgumentException naming both sizes if f's output width is not N_g
     */
    public HyperNetwork(Network generator, PrimaryArchitecture primary) {
        super(Objects.requireNonNull(generator, "generator").backend());
        this.generator = generator;
        this.primary = Objects.requireNonNull(primary, "primary");
        if (generator.outputWidth() != primary.parameterCount()) {
            throw new IllegalArgumentException("the weight generator outputs " + generator.outputWidth()
                    + " numbers per sample but the " + primary + " has " + primary.parameterCount()
                    + " parameters; they must be equal");
        }
    }

    /** @return f */
    public Network generator() {
        return generator;
    }

    /** @return g's architecture */
    public PrimaryArchitecture primary() {
        return primary;
    }

    /** @return N_f, the number of trained parameters (those of f) */
    public int generatorParameterCount() {
        return generator.parameters().size();
    }

    /** @return N_g, the number of weights f generates per sample */
    public int primaryParameterCount() {
        return primary.parameterCount();
    }

    @Override
    public ParameterVector parameters() {
        return generator.parameters();
    }

    /** @return d_x + d_I */
    @Override
    public int inputWidth() {
        return primary.inputWidth() + generator.inputWidth();
    }

    @Override
    public int outputWidth() {
        return primary.outputWidth();
    }

    @Override
    String inputLayout() {
        return "x: " + primary.inputWidth() + " columns, then I: " + generator.inputWidth();
    }

    @Override
    Pass newPass(int batch) {
        return new HyperPass(batch);
    }

    @Override
    public String toString() {
        return "HyperNetwork(f = " + generator + ", g = " + primary + ")";
    }

    private final class HyperPass extends Pass {
        private final TrainingPass generatorPass;
        private final int[] widths = primary.widths();
        private final int depth = primary.depth();
        private final int xWidth = primary.inputWidth();
        private final int generatorInputWidth = generator.inputWidth();
        private final Tensor generatorInput;
        /** σ, and (z, g) ↦ σ′(z)·g: made once, not at every call. */
        private final DoubleUnaryOperator activation;
        private final DoubleBinaryOperator activationBackward;
        private final Tensor[] weights;
        private final Tensor[] biases;
        private final Tensor[] preActivations;
        private final Tensor[] layerOutputs;
        private Tensor[] delta;
        private Tensor[] weightGradient;
        private Tensor thetaGradient;
        private Tensor generatorInputGradient;

        HyperPass(int batch) {
            super(batch);
            Backend b = backend();
            generatorPass = generator.trainingPass(batch);
            generatorInput = b.zeros(batch, generatorInputWidth);
            PointwiseActivation sigma = primary.activation();
            activation = sigma::apply;
            activationBackward = (pre, upstream) -> sigma.derivative(pre) * upstream;
            weights = new Tensor[depth + 1];
            biases = new Tensor[depth + 1];
            preActivations = new Tensor[depth + 1];
            layerOutputs = new Tensor[depth + 1];
            layerOutputs[0] = b.zeros(batch, xWidth);
            for (int i = 1; i <= depth; i++) {
                weights[i] = b.zeros(batch, widths[i] * widths[i - 1]);
                if (primary.withBiases()) {
                    biases[i] = b.zeros(batch, widths[i]);
                }
                preActivations[i] = b.zeros(batch, widths[i]);
                layerOutputs[i] = i < depth ? b.zeros(batch, widths[i]) : preActivations[i];
            }
        }

        @Override
        Tensor forwardChecked(Tensor x) {
            Backend b = backend();
            b.copyBlock(x, 0, 0, batch, xWidth, layerOutputs[0], 0, 0);
            b.copyBlock(x, 0, xWidth, batch, generatorInputWidth, generatorInput, 0, 0);
            Tensor theta = generatorPass.forward(generatorInput);
            for (int i = 1; i <= depth; i++) {
                b.copyBlock(theta, 0, primary.weightOffset(i), batch, widths[i] * widths[i - 1], weights[i], 0, 0);
                b.batchedMatVec(weights[i], Transpose.NONE, layerOutputs[i - 1], preActivations[i]);
                if (primary.withBiases()) {
                    b.copyBlock(theta, 0, primary.biasOffset(i), batch, widths[i], biases[i], 0, 0);
                    b.add(preActivations[i], biases[i], preActivations[i]);
                }
                if (i < depth) {
                    b.map(preActivations[i], activation, layerOutputs[i]);
                }
            }
            return preActivations[depth];
        }

        private void allocateBackwardBuffers() {
            if (thetaGradient != null) {
                return;
            }
            Backend b = backend();
            delta = new Tensor[depth + 1];
            weightGradient = new Tensor[depth + 1];
            for (int i = 0; i <= depth; i++) {
                delta[i] = b.zeros(batch, widths[i]);
                if (i > 0) {
                    weightGradient[i] = b.zeros(batch, widths[i] * widths[i - 1]);
                }
            }
            thetaGradient = b.zeros(batch, primary.parameterCount());
            generatorInputGradient = b.zeros(batch, generatorInputWidth);
        }

        @Override
        void backwardChecked(Tensor dOutput, ParameterVector gradient, boolean accumulate, Tensor dInput) {
            allocateBackwardBuffers();
            Backend b = backend();
            b.copy(dOutput, delta[depth]);
            for (int i = depth; i >= 1; i--) {
                b.rowwiseOuter(delta[i], layerOutputs[i - 1], weightGradient[i]);
                b.copyBlock(weightGradient[i], 0, 0, batch, widths[i] * widths[i - 1], thetaGradient, 0, primary.weightOffset(i));
                if (primary.withBiases()) {
                    b.copyBlock(delta[i], 0, 0, batch, widths[i], thetaGradient, 0, primary.biasOffset(i));
                }
                if (i > 1 || dInput != null) {
                    // ∂L/∂a_{i−1}, kept in delta[i − 1] and turned into δ_{i−1} by σ′(z_{i−1})
                    b.batchedMatVec(weights[i], Transpose.TRANSPOSED, delta[i], delta[i - 1]);
                }
                if (i > 1) {
                    b.zip(preActivations[i - 1], delta[i - 1], activationBackward, delta[i - 1]);
                }
            }
            if (!accumulate) {
                generatorPass.backward(thetaGradient, gradient);
            } else if (dInput == null) {
                generatorPass.backwardAccumulating(thetaGradient, gradient, null);
            } else {
                generatorPass.backwardAccumulating(thetaGradient, gradient, generatorInputGradient);
                b.copyBlock(delta[0], 0, 0, batch, xWidth, dInput, 0, 0);
                b.copyBlock(generatorInputGradient, 0, 0, batch, generatorInputWidth, dInput, 0, xWidth);
            }
        }
    }
}
