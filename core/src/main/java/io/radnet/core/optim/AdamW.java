package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;

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
    protected void allocateState(ParameterVector like) {
        m = like.zerosLike();
        v = like.zerosLike();
        scratch = like.zerosLike();
        decayed = null;
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        updateMoments(gradient);
        double stepSize = learningRate / biasCorrection(beta1, t);
        normalizedMoment(1.0 / Math.sqrt(biasCorrection(beta2, t)), update);
        update.scale(-stepSize);
        if (weightDecay != 0.0) {
            update.axpy(-learningRate * weightDecay, parameters);
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
