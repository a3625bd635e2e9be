package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The embedding method q([x, e(I)]) (hypernetworks paper, §2, eq. (1)), the baseline the
 * hypernetwork is compared with: an embedding network e: ℝ^{d_I} → ℝ^E and a primary network
 * q: ℝ^{d_x + E} → ℝ^{out} on the concatenation of x and the embedding. Both are trained; the
 * parameters are the point (θ_e, θ_q) of the product space ({@link ParameterVector#product}).
 *
 * <p>Input rows are [x | I] as for {@link HyperNetwork}. Backward: q's pass gives ∂L/∂θ_q and
 * ∂L/∂[x, e]; the last E columns are back-propagated through e.
 *
 * <p>Parameter counts in the paper's notation: N_e = |θ_e| ({@link #embeddingParameterCount()}),
 * N_q = |θ_q| ({@link #primaryParameterCount()}); everything trained is N_e + N_q.
 */
public final class EmbeddingNetwork extends CompositeNetwork {
    private final int xWidth;
    private final Network embedding;
    private final Network primary;
    private final ParameterVector parameters;

    /**
     * @param xWidth d_x ≥ 1, the number of leading input columns that go to q directly
     * @param embedding e, adopted
     * @param primary q, adopted; its input width must be d_x + e's output width
     * @throws IllegalArgumentException naming the widths if they do not fit, or if e and q live
     *     on different backends
     */
    public EmbeddingNetwork(int xWidth, Network embedding, Network primary) {
        super(Objects.requireNonNull(embedding, "embedding").backend());
        Objects.requireNonNull(primary, "primary");
        if (xWidth < 1) {
            throw new IllegalArgumentException("the width d_x of x must be at least 1, got " + xWidth);
        }
        if (primary.inputWidth() != xWidth + embedding.outputWidth()) {
            throw new IllegalArgumentException("the primary network q takes " + primary.inputWidth()
                    + " inputs but x has " + xWidth + " columns and the embedding e outputs " + embedding.outputWidth()
                    + "; q needs " + (xWidth + embedding.outputWidth()));
        }
        requireSameBackend(embedding.backend(), primary, "primary network q");
        this.xWidth = xWidth;
        this.embedding = embedding;
        this.primary = primary;
        this.parameters = ParameterVector.product(List.of(embedding.parameters(), primary.parameters()));
    }

    /** @return e */
    public Network embedding() {
        return embedding;
    }

    /** @return q */
    public Network primary() {
        return primary;
    }

    /** @return N_e, the number of parameters of e */
    public int embeddingParameterCount() {
        return embedding.parameters().size();
    }

    /** @return N_q, the number of parameters of q */
    public int primaryParameterCount() {
        return primary.parameters().size();
    }

    /** @return (θ_e, θ_q), live */
    @Override
    public ParameterVector parameters() {
        return parameters;
    }

    /** @return d_x + d_I */
    @Override
    public int inputWidth() {
        return xWidth + embedding.inputWidth();
    }

    @Override
    public int outputWidth() {
        return primary.outputWidth();
    }

    @Override
    String inputLayout() {
        return "x: " + xWidth + " columns, then I: " + embedding.inputWidth();
    }

    @Override
    Pass newPass(int batch) {
        return new EmbeddingPass(batch);
    }

    @Override
    public String toString() {
        return "EmbeddingNetwork(e = " + embedding + ", q = " + primary + ")";
    }

    private final class EmbeddingPass extends Pass {
        private final TrainingPass embeddingPass;
        private final TrainingPass primaryPass;
        private final int dI = embedding.inputWidth();
        private final int size = embedding.outputWidth();
        private final Tensor embeddingInput;
        private final Tensor primaryInput;
        private Tensor primaryInputGradient;
        private Tensor embeddingGradient;
        private Tensor embeddingInputGradient;

        EmbeddingPass(int batch) {
            super(batch);
            Backend b = backend();
            embeddingPass = embedding.trainingPass(batch);
            primaryPass = primary.trainingPass(batch);
            embeddingInput = b.zeros(batch, dI);
            primaryInput = b.zeros(batch, xWidth + size);
        }

        @Override
        Tensor forwardChecked(Tensor x) {
            Backend b = backend();
            b.copyBlock(x, 0, 0, batch, xWidth, primaryInput, 0, 0);
            b.copyBlock(x, 0, xWidth, batch, dI, embeddingInput, 0, 0);
            Tensor e = embeddingPass.forward(embeddingInput);
            b.copyBlock(e, 0, 0, batch, size, primaryInput, 0, xWidth);
            return primaryPass.forward(primaryInput);
        }

        @Override
        void backwardChecked(Tensor dOutput, ParameterVector gradient, boolean accumulate, Tensor dInput) {
            Backend b = backend();
            if (primaryInputGradient == null) {
                primaryInputGradient = b.zeros(batch, xWidth + size);
                embeddingGradient = b.zeros(batch, size);
                embeddingInputGradient = b.zeros(batch, dI);
            }
            if (!accumulate) {
                gradient.fillZero();
            }
            ParameterVector embeddingSum = gradient.factors().get(0);
            ParameterVector primarySum = gradient.factors().get(1);
            primaryPass.backwardAccumulating(dOutput, primarySum, primaryInputGradient);
            b.copyBlock(primaryInputGradient, 0, xWidth, batch, size, embeddingGradient, 0, 0);
            embeddingPass.backwardAccumulating(embeddingGradient, embeddingSum, dInput == null ? null : embeddingInputGradient);
            if (dInput != null) {
                b.copyBlock(primaryInputGradient, 0, 0, batch, xWidth, dInput, 0, 0);
                b.copyBlock(embeddingInputGradient, 0, 0, batch, dI, dInput, 0, xWidth);
            }
        }
    }
}
