package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;

/**
 * Deterministic (full-batch) gradient descent, as the radial paper trains:
 * θ_t = θ_{t−1} − η_t·g_t, i.e. Δ_t = −η_t·g_t.
 *
 * <p>With an {@link UpdateProjection} P this is projected gradient descent (radial paper, §6):
 * θ_t = θ_{t−1} − η_t·P(g_t). Without one, a step is a single {@code axpy} per tensor
 * (θ ← θ − η·g), with no buffer. No weight decay and no history: for momentum or weight decay
 * use {@link Sgd}.
 */
public final class GradientDescent extends Optimizer {
    /**
     * @param learningRate η, finite and &gt; 0
     * @throws IllegalArgumentException if η is not positive and finite
     */
    public GradientDescent(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), null);
    }

    /**
     * @param schedule the learning rates η_t
     * @param projection P, or null for plain gradient descent
     */
    public GradientDescent(LearningRateSchedule schedule, UpdateProjection projection) {
        super(schedule, projection);
    }

    /**
     * Projected gradient descent θ ← θ − η·P(∇L).
     *
     * @param learningRate η, finite and &gt; 0
     * @param projection P
     * @return the optimizer
     * @throws IllegalArgumentException if η is not positive and finite
     */
    public static GradientDescent projected(double learningRate, UpdateProjection projection) {
        java.util.Objects.requireNonNull(projection, "projection");
        return new GradientDescent(LearningRateSchedule.constant(learningRate), projection);
    }

    @Override
    protected boolean applyDirectly(ParameterVector parameters, ParameterVector gradient, double learningRate, int t) {
        parameters.axpy(-learningRate, gradient);
        return true;
    }

    @Override
    protected void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                 double learningRate, int t, ParameterVector update) {
        update.setScaled(-learningRate, gradient);
    }

    @Override
    protected void allocateState(ParameterVector like) {
        // gradient descent keeps no state
    }

    @Override
    protected void discardState() {
        // gradient descent keeps no state
    }

    @Override
    protected boolean keepsHistory() {
        return false;
    }

    @Override
    public String toString() {
        return "GradientDescent(" + schedule() + (projection() != null ? ", projected" : "") + ")";
    }
}
