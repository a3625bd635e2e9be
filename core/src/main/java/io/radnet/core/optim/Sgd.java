package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum and coupled weight
 * decay, as PyTorch's {@code torch.optim.SGD}. For step t with learning rate η, momentum μ,
 * dampening τ and weight decay λ:
 * <pre>
 *   g   = ∇L(θ) + λ·θ
 *   b_t = g                        if t = 1
 *   b_t = μ·b_{t−1} + (1 − τ)·g    otherwise          (only when μ ≠ 0)
 *   d   = g + μ·b_t  (Nesterov),  b_t (μ ≠ 0),  g (μ = 0)
 *   Δ   = −η·d
 * </pre>
 * With μ = λ = 0 this is plain gradient descent. Nesterov momentum requires μ &gt; 0 and τ = 0
 * (as PyTorch).
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private ParameterVector momentumBuffer;
    private ParameterVector work;
    private boolean momentumStarted;

    private Sgd(Builder builder) {
        super(builder.builtSchedule(), builder.builtProjection());
        this.momentum = builder.momentum;
        this.dampening = builder.dampening;
        this.nesterov = builder.nesterov;
        this.weightDecay = builder.builtWeightDecay();
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a positive momentum and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
    }

    /**
     * @param learningRate η, finite and &gt; 0
     * @return a builder with momentum 0, dampening 0, no Nesterov, no weight decay
     * @throws IllegalArgumentException if η is not positive and finite
     */
    public static Builder builder(double learningRate) {
        return new Builder().learningRate(learningRate);
    }

    /** @return the momentum μ */
    public double momentum() {
        return momentum;
    }

    /** @return the dampening τ */
    public double dampening() {
        return dampening;
    }

    /** @return whether Nesterov momentum is used */
    public boolean nesterov() {
        return nesterov;
    }

    /** @return the coupled weight decay λ */
    public double weightDecay() {
        return weightDecay;
    }

    /** Computes d (the step is −η·d) and advances the momentum; returns the vector holding d. */
    private ParameterVector direction(ParameterVector parameters, ParameterVector gradient) {
        ParameterVector g = decayedGradient(parameters, weightDecay, gradient, work);
        if (momentum == 0.0) {
            return g;
        }
        if (momentumStarted) {
            momentumBuffer.scale(momentum);
            momentumBuffer.axpy(1.0 - dampening, g);
        } else {
            momentumBuffer.copyFrom(g);
        }
        momentumStarted = true;
        if (!nesterov) {
            return momentumBuffer;
        }
        if (g != work) {
            work.copyFrom(g);
        }
        work.axpy(momentum, momentumBuffer);
        return work;
    }

    @Override
    protected boolean applyDirectly(ParameterVector parameters, ParameterVector gradient, double learningRate, int t) {
        parameters.axpy(-learningRate, direction(parameters, gradient));
        return true;
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        update.setScaled(-learningRate, direction(parameters, gradient));
    }

    @Override
    protected void allocateState(ParameterVector like) {
        momentumBuffer = momentum != 0.0 ? like.zerosLike() : null;
        work = weightDecay != 0.0 || nesterov ? like.zerosLike() : null;
        momentumStarted = false;
    }

    @Override
    protected void discardState() {
        momentumBuffer = null;
        work = null;
        momentumStarted = false;
    }

    @Override
    protected boolean keepsHistory() {
        return momentum != 0.0;
    }

    /** The momentum buffer b_t, when μ ≠ 0. */
    @Override
    protected Map<String, ParameterVector> stateVectors() {
        return momentum != 0.0 ? Map.of("momentum", momentumBuffer) : Map.of();
    }

    /** b_t was started by the restored steps iff there were any. */
    @Override
    protected void stateImported() {
        momentumStarted = steps() > 0;
    }

    @Override
    public String toString() {
        return "Sgd(" + schedule() + ", momentum " + momentum + ", dampening " + dampening + (nesterov ? ", Nesterov" : "")
                + ", weight decay " + weightDecay + (projection() != null ? ", projected" : "") + ")";
    }

    /** Settings of {@link Sgd}. */
    public static final class Builder extends Optimizer.Builder<Builder, Sgd> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder() {
            super(Double.NaN, 0.0);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @param mu the momentum μ ∈ [0, 1)
         * @return this builder
         * @throws IllegalArgumentException if μ is outside [0, 1)
         */
        public Builder momentum(double mu) {
            this.momentum = requireUnitInterval("momentum", mu);
            return this;
        }

        /**
         * @param tau the dampening τ ∈ [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if τ is outside [0, 1]
         */
        public Builder dampening(double tau) {
            if (!(tau >= 0 && tau <= 1)) {
                throw new IllegalArgumentException("dampening must be in [0, 1], got " + tau);
            }
            this.dampening = tau;
            return this;
        }

        /**
         * @param enabled whether to use Nesterov momentum (needs momentum &gt; 0, dampening 0)
         * @return this builder
         */
        public Builder nesterov(boolean enabled) {
            this.nesterov = enabled;
            return this;
        }

        @Override
        public Sgd build() {
            return new Sgd(this);
        }
    }
}
