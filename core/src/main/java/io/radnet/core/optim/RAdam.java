package io.radnet.core.optim;

import io.radnet.api.AdamCoefficients;
import io.radnet.core.network.ParameterVector;

/**
 * Rectified Adam (Liu et al.), as PyTorch's {@code torch.optim.RAdam}, with coupled L2 weight
 * decay. For step t with learning rate η, betas β₁, β₂, ε and weight decay λ:
 * <pre>
 *   g   = ∇L(θ) + λ·θ
 *   m_t = β₁·m_{t−1} + (1 − β₁)·g,   v_t = β₂·v_{t−1} + (1 − β₂)·g∘g
 *   ρ_∞ = 2/(1 − β₂) − 1,            ρ_t = ρ_∞ − 2t·β₂^t/(1 − β₂^t)
 *   if ρ_t &gt; 5:  r_t = √((ρ_t − 4)(ρ_t − 2)ρ_∞ / ((ρ_∞ − 4)(ρ_∞ − 2)ρ_t))
 *               Δ = −η · r_t · m_t/(1 − β₁^t) · √(1 − β₂^t) / (√v_t + ε)
 *   otherwise:  Δ = −η · m_t/(1 − β₁^t)
 * </pre>
 * Defaults: η = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0. (The RCNet experiments train with
 * RAdam and a decaying learning rate.)
 */
public final class RAdam extends MomentEstimates {
    private RAdam(Builder builder) {
        super(builder);
    }

    /** @return a builder with PyTorch's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param t the step number ≥ 1
     * @return ρ_t, the length of the approximated simple moving average at step t
     */
    double rho(int t) {
        double rhoInfinity = 2.0 / (1.0 - beta2) - 1.0;
        double beta2t = Math.pow(beta2, t);
        return rhoInfinity - 2.0 * t * beta2t / (1.0 - beta2t);
    }

    /**
     * Without a projection, once ρ_t &gt; 5, the step is fused: one {@link ParameterVector#adamUpdate}
     * pass per tensor with second-moment scale 1 and step size η·r_t·√(1 − β₂^t)/(1 − β₁^t)
     * updates m, v and θ together (the weight decay g + λ·θ included, without the separate copy
     * and axpy over the gradient), the same arithmetic entry by entry as {@link #computeUpdate}
     * followed by θ ← θ + Δ (1·√v is √v, and the step's sign is exact), so both give the same
     * bits. While ρ_t ≤ 5 the unfused update runs.
     */
    @Override
    protected boolean applyDirectly(ParameterVector parameters, ParameterVector gradient, double learningRate, int t) {
        double rhoT = rho(t);
        if (!(rhoT > 5.0)) {
            return false;
        }
        double stepSize = learningRate * rectification(rhoT) * Math.sqrt(biasCorrection(beta2, t))
                / biasCorrection(beta1, t);
        parameters.adamUpdate(gradient, m, v, new AdamCoefficients(beta1, beta2, eps, 1.0, stepSize, weightDecay));
        return true;
    }

    /**
     * @param rhoT ρ_t &gt; 5
     * @return r_t, the variance rectification term
     */
    private double rectification(double rhoT) {
        double rhoInfinity = 2.0 / (1.0 - beta2) - 1.0;
        return Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rhoT));
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        updateMoments(decayedGradient(parameters, weightDecay, gradient, decayed));
        double correction1 = biasCorrection(beta1, t);
        double correction2 = biasCorrection(beta2, t);
        double rhoT = rho(t);
        if (rhoT > 5.0) {
            normalizedMoment(1.0, update);
            double factor = -learningRate * rectification(rhoT) * Math.sqrt(correction2) / correction1;
            update.scale(factor);
        } else {
            update.setScaled(-learningRate / correction1, m);
        }
    }

    @Override
    public String toString() {
        return "RAdam(" + describe() + ")";
    }

    /** Settings of {@link RAdam}: learning rate 1e-3, betas (0.9, 0.999), ε 1e-8, weight decay 0. */
    public static final class Builder extends AdamBuilder<Builder, RAdam> {
        private Builder() {
            super(1e-3, 0.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        public RAdam build() {
            return new RAdam(this);
        }
    }
}
