package io.radnet.core.optim;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.Param;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, as PyTorch's
 * {@code torch.optim.AdamW}. For step t with learning rate η, betas β₁, β₂, ε and weight
 * decay λ, with g = ∇L(θ) (no decay term):
 * <pre>
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g∘g
 *   Δ   = −η·λ·θ − (η / (1 − β₁^t)) · m_t / (√v_t / √(1 − β₂^t) + ε)
 * </pre>
 * so θ_t = (1 − ηλ)·θ_{t−1} − (Adam's step). Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8,
 * λ = 0.01.
 */
public final class AdamW extends MomentEstimates {
    private AdamW(Builder builder) {
        super(builder);
    }

    /** @return a builder with PyTorch's defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void allocateState(Param like) {
        m = like.zerosLike();
        v = like.zerosLike();
        scratch = like.zerosLike();
        decayed = null;
    }

    @Override
    protected void computeUpdate(Param parameters, Param gradient, double learningRate, int t, Param update) {
        updateMoments(gradient);
        double stepSize = learningRate / biasCorrection(beta1, t);
        normalizedMoment(1.0 / Math.sqrt(biasCorrection(beta2, t)), update);
        Backend b = update.backend();
        List<Tensor> delta = update.tensors();
        List<Tensor> theta = parameters.tensors();
        for (int k = 0; k < delta.size(); k++) {
            b.scale(-stepSize, delta.get(k), delta.get(k));
            if (weightDecay != 0.0) {
                b.axpy(-learningRate * weightDecay, theta.get(k), delta.get(k));
            }
        }
    }

    @Override
    public String toString() {
        return "AdamW(" + describe() + ")";
    }

    /** Settings of {@link AdamW}: learning rate 1e-3, betas (0.9, 0.999), ε 1e-8, weight decay 0.01. */
    public static final class Builder extends AdamBuilder<Builder, AdamW> {
        private Builder() {
            super(1e-3, 1e-2);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
