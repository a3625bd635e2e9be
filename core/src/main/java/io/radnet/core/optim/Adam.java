package io.radnet.core.optim;

import io.radnet.api.AdamCoefficients;
import io.radnet.core.network.ParameterVector;

/**
 * Adam (Kingma and Ba) with coupled L2 weight decay, as PyTorch's {@code torch.optim.Adam}. For
 * step t with learning rate η, betas β₁, β₂, ε and weight decay λ:
 * <pre>
 *   g   = ∇L(θ) + λ·θ
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g
 *   v_t = β₂·v_{t−1} + (1 − β₂)·g∘g
 *   Δ   = −(η / (1 − β₁^t)) · m_t / (√v_t / √(1 − β₂^t) + ε)
 * </pre>
 * with m_0 = v_0 = 0. Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0. For decoupled
 * weight decay use {@link AdamW}.
 */
public final class Adam extends MomentEstimates {
    private Adam(Builder builder) {
        super(builder);
    }

    /** @return a builder with PyTorch's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Without a projection the step is fused: one {@link ParameterVector#adamUpdate} pass per
     * tensor updates m, v and θ together (the weight decay g + λ·θ included), the same arithmetic
     * entry by entry as {@link #computeUpdate} followed by θ ← θ + Δ, so both give the same bits.
     */
    @Override
    protected boolean applyDirectly(ParameterVector parameters, ParameterVector gradient, double learningRate, int t) {
        parameters.adamUpdate(gradient, m, v, new AdamCoefficients(beta1, beta2, eps,
                1.0 / Math.sqrt(biasCorrection(beta2, t)), learningRate / biasCorrection(beta1, t), weightDecay));
        return true;
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        updateMoments(decayedGradient(parameters, weightDecay, gradient, decayed));
        double stepSize = learningRate / biasCorrection(beta1, t);
        normalizedMoment(1.0 / Math.sqrt(biasCorrection(beta2, t)), update);
        update.scale(-stepSize);
    }

    @Override
    public String toString() {
        return "Adam(" + describe() + ")";
    }

    /** Settings of {@link Adam}: learning rate 1e-3, betas (0.9, 0.999), ε 1e-8, weight decay 0. */
    public static final class Builder extends AdamBuilder<Builder, Adam> {
        private Builder() {
            super(1e-3, 0.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
