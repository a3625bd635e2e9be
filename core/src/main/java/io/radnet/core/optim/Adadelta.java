package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adadelta (Zeiler), as PyTorch's {@code torch.optim.Adadelta} (with a learning rate and
 * coupled L2 weight decay). For step t with learning rate η, decay ρ, ε and weight decay λ:
 * <pre>
 *   g   = ∇L(θ) + λ·θ
 *   v_t = ρ·v_{t−1} + (1 − ρ)·g∘g                  (square average)
 *   d   = √(u_{t−1} + ε) / √(v_t + ε) ∘ g            (entrywise)
 *   u_t = ρ·u_{t−1} + (1 − ρ)·d∘d                  (accumulated delta)
 *   Δ   = −η·d
 * </pre>
 * with v_0 = u_0 = 0. Defaults: η = 1.0, ρ = 0.9, ε = 1e-6, λ = 0.
 */
public final class Adadelta extends Optimizer {
    private final double rho;
    private final double eps;
    private final double weightDecay;
    private ParameterVector squareAverage;
    private ParameterVector accumulatedDelta;
    private ParameterVector scratch;
    private ParameterVector decayed;

    private Adadelta(Builder builder) {
        super(builder.builtSchedule(), builder.builtProjection());
        this.rho = builder.rho;
        this.eps = builder.eps;
        this.weightDecay = builder.builtWeightDecay();
    }

    /** @return a builder with PyTorch's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return ρ, the decay of both running averages */
    public double rho() {
        return rho;
    }

    /** @return ε */
    public double eps() {
        return eps;
    }

    /** @return the coupled weight decay λ */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        ParameterVector g = decayedGradient(parameters, weightDecay, gradient, decayed);
        // the class comment's formulas in order; d is formed in the update buffer, which becomes Δ = −η·d last
        scratch.setEntrywiseProduct(g, g);
        squareAverage.scale(rho);
        squareAverage.axpy(1.0 - rho, scratch);
        scratch.setPlusScalar(squareAverage, eps);
        scratch.setMapped(scratch, SQRT);
        update.setPlusScalar(accumulatedDelta, eps);
        update.setMapped(update, SQRT);
        update.setZipped(update, scratch, DIVIDE);
        update.setEntrywiseProduct(update, g);
        scratch.setEntrywiseProduct(update, update);
        accumulatedDelta.scale(rho);
        accumulatedDelta.axpy(1.0 - rho, scratch);
        update.scale(-learningRate);
    }

    @Override
    protected void allocateState(ParameterVector like) {
        squareAverage = like.zerosLike();
        accumulatedDelta = like.zerosLike();
        scratch = like.zerosLike();
        decayed = weightDecay != 0.0 ? like.zerosLike() : null;
    }

    @Override
    protected void discardState() {
        squareAverage = null;
        accumulatedDelta = null;
        scratch = null;
        decayed = null;
    }

    @Override
    protected boolean keepsHistory() {
        return true;
    }

    /** The running averages of g² and of Δx². */
    @Override
    protected Map<String, ParameterVector> stateVectors() {
        Map<String, ParameterVector> vectors = new LinkedHashMap<>();
        vectors.put("squareAverage", squareAverage);
        vectors.put("accumulatedDelta", accumulatedDelta);
        return vectors;
    }

    @Override
    public String toString() {
        return "Adadelta(" + schedule() + ", rho " + rho + ", eps " + eps + ", weight decay " + weightDecay
                + (projection() != null ? ", projected" : "") + ")";
    }

    /** Settings of {@link Adadelta}: learning rate 1.0, ρ 0.9, ε 1e-6, weight decay 0. */
    public static final class Builder extends Optimizer.Builder<Builder, Adadelta> {
        private double rho = 0.9;
        private double eps = 1e-6;

        private Builder() {
            super(1.0, 0.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param value ρ ∈ [0, 1], the decay of the running averages (default 0.9)
         * @return this builder
         * @throws IllegalArgumentException if ρ is outside [0, 1]
         */
        public Builder rho(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("rho must be in [0, 1], got " + value);
            }
            this.rho = value;
            return this;
        }

        /**
         * @param epsilon ε &gt; 0, finite (default 1e-6)
         * @return this builder
         * @throws IllegalArgumentException if ε is not positive and finite
         */
        public Builder eps(double epsilon) {
            this.eps = requirePositive("eps", epsilon);
            return this;
        }

        @Override
        public Adadelta build() {
            return new Adadelta(this);
        }
    }
}
