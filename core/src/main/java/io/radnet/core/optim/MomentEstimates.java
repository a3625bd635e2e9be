package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state shared by Adam, AdamW and RAdam: exponential moving averages of the gradient
 * (m, first moment) and of its square (v, second moment), updated as PyTorch does:
 * m_t = β₁·m_{t−1} + (1 − β₁)·g, v_t = β₂·v_{t−1} + (1 − β₂)·g∘g.
 */
abstract class MomentEstimates extends Optimizer {
    final double beta1;
    final double beta2;
    final double eps;
    final double weightDecay;
    ParameterVector m;
    ParameterVector v;
    ParameterVector scratch;
    ParameterVector decayed;

    MomentEstimates(AdamBuilder<?, ?> builder) {
        super(builder.builtSchedule(), builder.builtProjection());
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.eps = builder.eps;
        this.weightDecay = builder.builtWeightDecay();
    }

    /**
     * Updates m and v with the gradient g.
     *
     * @param g the (possibly weight-decayed) gradient
     */
    final void updateMoments(ParameterVector g) {
        m.scale(beta1);
        m.axpy(1.0 - beta1, g);
        scratch.setEntrywiseProduct(g, g);
        v.scale(beta2);
        v.axpy(1.0 - beta2, scratch);
    }

    /**
     * out ← m / (√v·c + ε), entrywise.
     *
     * @param c the factor of √v
     * @param out the destination
     */
    final void normalizedMoment(double c, ParameterVector out) {
        scratch.setMapped(v, SQRT);
        if (c != 1.0) {
            scratch.scale(c);
        }
        scratch.setPlusScalar(scratch, eps);
        out.setZipped(m, scratch, DIVIDE);
    }

    /**
     * @param t the step number
     * @return 1 − β^t
     */
    static double biasCorrection(double beta, int t) {
        return 1.0 - Math.pow(beta, t);
    }

    @Override
    protected void allocateState(ParameterVector like) {
        m = like.zerosLike();
        v = like.zerosLike();
        scratch = like.zerosLike();
        decayed = weightDecay != 0.0 ? like.zerosLike() : null;
    }

    @Override
    protected void discardState() {
        m = null;
        v = null;
        scratch = null;
        decayed = null;
    }

    @Override
    protected boolean keepsHistory() {
        return true;
    }

    /** The moment estimates m_t and v_t. */
    @Override
    protected Map<String, ParameterVector> stateVectors() {
        Map<String, ParameterVector> vectors = new LinkedHashMap<>();
        vectors.put("m", m);
        vectors.put("v", v);
        return vectors;
    }

    /** @return β₁, the decay of the first-moment average */
    public final double beta1() {
        return beta1;
    }

    /** @return β₂, the decay of the second-moment average */
    public final double beta2() {
        return beta2;
    }

    /** @return ε, added to the denominator */
    public final double eps() {
        return eps;
    }

    /** @return the weight decay λ */
    public final double weightDecay() {
        return weightDecay;
    }

    String describe() {
        return schedule() + ", betas (" + beta1 + ", " + beta2 + "), eps " + eps + ", weight decay " + weightDecay
                + (projection() != null ? ", projected" : "");
    }

    /**
     * Settings shared by the Adam family: betas and ε.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    abstract static class AdamBuilder<B extends AdamBuilder<B, O>, O extends Optimizer> extends Optimizer.Builder<B, O> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;

        AdamBuilder(double defaultRate, double defaultWeightDecay) {
            super(defaultRate, defaultWeightDecay);
        }

        /**
         * @param b1 β₁ ∈ [0, 1), the decay of the gradient average (default 0.9)
         * @param b2 β₂ ∈ [0, 1), the decay of the squared-gradient average (default 0.999)
         * @return this builder
         * @throws IllegalArgumentException naming a beta outside [0, 1)
         */
        public final B betas(double b1, double b2) {
            this.beta1 = requireUnitInterval("beta1", b1);
            this.beta2 = requireUnitInterval("beta2", b2);
            return self();
        }

        /**
         * @param epsilon ε &gt; 0, finite, added to the denominator (default 1e-8)
         * @return this builder
         * @throws IllegalArgumentException if ε is not positive and finite
         */
        public final B eps(double epsilon) {
            this.eps = requirePositive("eps", epsilon);
            return self();
        }
    }
}
