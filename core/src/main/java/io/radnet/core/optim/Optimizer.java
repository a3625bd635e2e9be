package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A first-order optimizer: {@link #step(ParameterVector, ParameterVector)} moves the
 * parameters θ (in place) using the gradient g = ∇L(θ), through the operations of
 * {@link ParameterVector}.
 *
 * <p>Every step t = 1, 2, … takes the learning rate η = schedule.rate(t − 1), computes the
 * update Δ_t of the optimizer's formula into a reusable buffer, applies the
 * {@link UpdateProjection} P if one is set, and adds it: θ ← θ + P(Δ_t). Without a
 * projection, optimizers whose update is a multiple of one vector (gradient descent, SGD) add
 * it directly to θ, without the buffer pass.
 *
 * <p>State (momentum, moment estimates, scratch buffers) is allocated at the first step for the
 * parameters' space and reused: a step allocates nothing. The state of optimizers that keep
 * history between steps belongs to the parameter vector object of the first step; stepping
 * another one throws until {@link #reset()} is called. The gradient is never modified.
 *
 * <p>Not thread-safe.
 */
public abstract class Optimizer {
    /** (a, b) ↦ a / b, for {@link io.radnet.api.Backend#zip}. */
    static final DoubleBinaryOperator DIVIDE = (a, b) -> a / b;
    /** t ↦ √t, for {@link io.radnet.api.Backend#map}. */
    static final DoubleUnaryOperator SQRT = Math::sqrt;

    private final LearningRateSchedule schedule;
    private final UpdateProjection projection;
    private int steps;
    private ParameterVector bound;
    private ParameterVector checkedGradient;
    private ParameterVector update;

    /**
     * @param schedule the learning rates η_t
     * @param projection P, or null for none
     */
    protected Optimizer(LearningRateSchedule schedule, UpdateProjection projection) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.projection = projection;
    }

    /**
     * One optimizer step: θ ← θ + P(Δ) with Δ given by the optimizer's formula at learning
     * rate η = schedule.rate({@link #steps()}).
     *
     * @param parameters θ, updated in place
     * @param gradient ∇L(θ), a point of the same space (layout and backend); not modified
     * @throws IllegalArgumentException if the gradient's space differs from the parameters',
     *     if the parameters are not the vector whose state this optimizer holds, or if the
     *     schedule gives a negative or non-finite rate (θ is then unchanged)
     */
    public final void step(ParameterVector parameters, ParameterVector gradient) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(gradient, "gradient");
        if (parameters != bound || gradient != checkedGradient) {
            bind(parameters, gradient);
        }
        double rate = schedule.rate(steps);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the learning-rate schedule " + schedule + " gave " + rate + " at step "
                    + steps + "; a learning rate must be finite and non-negative");
        }
        int t = steps + 1;
        if (projection == null && applyDirectly(parameters, gradient, rate, t)) {
            steps = t;
            return;
        }
        if (update == null) {
            update = parameters.zerosLike();
        }
        computeUpdate(parameters, gradient, rate, t, update);
        if (projection != null) {
            projection.project(update);
        }
        parameters.axpy(1.0, update);
        steps = t;
    }

    private void bind(ParameterVector parameters, ParameterVector gradient) {
        requireSameSpace("the parameters", parameters, "the gradient", gradient);
        if (parameters != bound) {
            if (bound != null && keepsHistory() && steps > 0) {
                throw new IllegalArgumentException("this optimizer holds state (" + getClass().getSimpleName()
                        + " after " + steps + " steps) for another parameter vector; call reset() before optimizing "
                        + parameters);
            }
            if (bound == null || !parameters.sameSpaceAs(bound)) {
                update = null;
                discardState();
                allocateState(parameters);
            }
            bound = parameters;
        }
        checkedGradient = gradient;
    }

    /**
     * Forgets all state (momentum, moments, the step count t): the next step is step 1 again,
     * on any parameter vector.
     */
    public final void reset() {
        steps = 0;
        bound = null;
        checkedGradient = null;
        update = null;
        discardState();
    }

    /**
     * Exports the state that carries history between steps (see {@link OptimizerState} for the
     * buffers of each optimizer), as copies.
     *
     * @return the kind, settings, step count and buffers
     */
    public final OptimizerState exportState() {
        Map<String, double[]> buffers = new LinkedHashMap<>();
        if (steps > 0) {
            stateVectors().forEach((name, vector) -> buffers.put(name, vector.flatten()));
        }
        return new OptimizerState(getClass().getSimpleName(), toString(), steps, buffers);
    }

    /**
     * Restores a state exported by {@link #exportState()} from an optimizer of the same kind and
     * settings, bound to the given parameters: the next step is step t + 1 and computes what the
     * exporting optimizer's next step would have computed, bit for bit.
     *
     * @param parameters θ, the vector the following steps update (its values are not read)
     * @param state the state to restore; not modified
     * @throws IllegalArgumentException if the kind or settings differ from this optimizer's, if
     *     the buffers are not this optimizer's (by name) or have the wrong length for the
     *     parameters' space; this optimizer is then {@link #reset()}
     */
    public final void importState(ParameterVector parameters, OptimizerState state) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(state, "state");
        String kind = getClass().getSimpleName();
        if (!state.kind().equals(kind)) {
            throw new IllegalArgumentException("the saved optimizer is " + state.kind() + " but this one is " + kind);
        }
        if (!state.settings().equals(toString())) {
            throw new IllegalArgumentException("the saved optimizer's settings are " + state.settings() + " but this one's are "
                    + this);
        }
        reset();
        allocateState(parameters);
        bound = parameters;
        Map<String, ParameterVector> vectors = state.steps() > 0 ? stateVectors() : Map.of();
        Map<String, double[]> buffers = state.buffers();
        if (!vectors.keySet().equals(buffers.keySet())) {
            reset();
            throw new IllegalArgumentException("the saved " + kind + " state holds the buffers " + buffers.keySet()
                    + " but after " + state.steps() + " steps it has " + vectors.keySet());
        }
        for (Map.Entry<String, ParameterVector> vector : vectors.entrySet()) {
            double[] values = buffers.get(vector.getKey());
            if (values.length != parameters.size()) {
                reset();
                throw new IllegalArgumentException("the saved " + kind + " buffer '" + vector.getKey() + "' has "
                        + values.length + " values but the parameters have " + parameters.size());
            }
            vector.getValue().setFlattened(values);
        }
        steps = state.steps();
        stateImported();
    }

    /**
     * The buffers that carry history between steps, by name, live (not copies); only asked for
     * after at least one step or when restoring a state of at least one step. The default is
     * none, for optimizers without history; an optimizer that {@link #keepsHistory()} must
     * override it.
     *
     * @return name → buffer, in a fixed order
     * @throws UnsupportedOperationException if the optimizer keeps history but does not say
     *     where
     */
    protected Map<String, ParameterVector> stateVectors() {
        if (keepsHistory()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps history between steps but does not"
                    + " export it");
        }
        return Map.of();
    }

    /**
     * Called after {@link #importState} has filled the buffers and set the step count, for
     * state derived from them. The default does nothing.
     */
    protected void stateImported() {
    }

    /** @return the number of steps taken since construction or {@link #reset()} */
    public final int steps() {
        return steps;
    }

    /** @return the learning rate the next step will use, schedule.rate({@link #steps()}) */
    public final double nextLearningRate() {
        return schedule.rate(steps);
    }

    /** @return the learning-rate schedule */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** @return the projection applied to every update, or null if none */
    public final UpdateProjection projection() {
        return projection;
    }

    /**
     * Computes the update Δ_t of this optimizer's formula and updates its state.
     *
     * @param parameters θ_{t−1}, not to be modified
     * @param gradient g_t, same space, not to be modified
     * @param learningRate η, finite and ≥ 0
     * @param t the step number, 1 for the first step after construction or reset
     * @param update Δ, same space, to be overwritten
     */
    protected abstract void computeUpdate(ParameterVector parameters, ParameterVector gradient,
                                          double learningRate, int t, ParameterVector update);

    /**
     * Applies the step directly to θ when there is no projection, for optimizers whose update
     * is cheap to add without a buffer. The default does nothing and returns false.
     *
     * @param parameters θ, to be updated in place if this returns true
     * @param gradient g_t, not to be modified
     * @param learningRate η
     * @param t the step number
     * @return true if θ was updated (and the state advanced), false to use
     *     {@link #computeUpdate}
     */
    protected boolean applyDirectly(ParameterVector parameters, ParameterVector gradient, double learningRate, int t) {
        return false;
    }

    /**
     * Allocates (or re-zeroes) the state for a new parameter space; called before the first step
     * on a parameter vector.
     *
     * @param like a point of the space to allocate for (read its space only)
     */
    protected abstract void allocateState(ParameterVector like);

    /** Drops the state so that the next {@link #allocateState} starts from zero. */
    protected abstract void discardState();

    /** @return true if the optimizer carries history between steps (momentum, moments) */
    protected abstract boolean keepsHistory();

    /**
     * @param parameters θ
     * @param weightDecay λ ≥ 0
     * @param gradient g
     * @param buffer a point of the space, or null when λ = 0
     * @return g when λ = 0, otherwise buffer ← g + λ·θ (PyTorch's coupled {@code weight_decay})
     */
    static ParameterVector decayedGradient(ParameterVector parameters, double weightDecay, ParameterVector gradient, ParameterVector buffer) {
        if (weightDecay == 0.0) {
            return gradient;
        }
        buffer.copyFrom(gradient);
        buffer.axpy(weightDecay, parameters);
        return buffer;
    }

    /**
     * Checks that two parameter vectors are points of the same space (same layout and backend),
     * without allocating.
     *
     * @param nameA the first vector's role, for the message
     * @param a the first vector
     * @param nameB the second vector's role
     * @param b the second vector
     * @throws IllegalArgumentException naming both spaces if they differ
     */
    static void requireSameSpace(String nameA, ParameterVector a, String nameB, ParameterVector b) {
        if (!a.sameSpaceAs(b)) {
            throw new IllegalArgumentException(nameB + " (" + describe(b) + ") is not in the space of " + nameA + " ("
                    + describe(a) + ")");
        }
    }

    private static String describe(ParameterVector p) {
        return p.describe() + " on '" + p.backend().name() + "'";
    }

    /**
     * @param name the hyperparameter's name
     * @param value its value
     * @return value, if it is finite and ≥ 0
     * @throws IllegalArgumentException otherwise
     */
    static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and non-negative, got " + value);
        }
        return value;
    }

    /**
     * @param name the hyperparameter's name
     * @param value its value
     * @return value, if 0 ≤ value &lt; 1
     * @throws IllegalArgumentException otherwise
     */
    static double requireUnitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * @param name the hyperparameter's name
     * @param value its value
     * @return value, if it is finite and &gt; 0
     * @throws IllegalArgumentException otherwise
     */
    static double requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    /**
     * The settings every optimizer shares: learning rate or schedule, update projection and
     * weight decay.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends Optimizer> {
        private LearningRateSchedule schedule;
        private UpdateProjection projection;
        private double weightDecay;

        /**
         * @param defaultRate the optimizer's default learning rate, or NaN for none
         * @param defaultWeightDecay the optimizer's default weight decay
         */
        protected Builder(double defaultRate, double defaultWeightDecay) {
            this.schedule = Double.isNaN(defaultRate) ? null : LearningRateSchedule.constant(defaultRate);
            this.weightDecay = defaultWeightDecay;
        }

        /** @return this builder, typed */
        protected abstract B self();

        /**
         * Sets a constant learning rate.
         *
         * @param rate η, finite and &gt; 0
         * @return this builder
         * @throws IllegalArgumentException if η is not positive and finite
         */
        public final B learningRate(double rate) {
            this.schedule = LearningRateSchedule.constant(rate);
            return self();
        }

        /**
         * @param schedule the learning rate of every step
         * @return this builder
         */
        public final B schedule(LearningRateSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return self();
        }

        /**
         * @param projection P applied to every update, or null for none
         * @return this builder
         */
        public final B projection(UpdateProjection projection) {
            this.projection = projection;
            return self();
        }

        /**
         * @param lambda the weight decay λ, finite and ≥ 0 (coupled L2 or decoupled, as the
         *     optimizer documents)
         * @return this builder
         * @throws IllegalArgumentException if λ is negative or not finite
         */
        public final B weightDecay(double lambda) {
            this.weightDecay = requireNonNegative("weight decay", lambda);
            return self();
        }

        /** @return the schedule set, checked */
        protected final LearningRateSchedule builtSchedule() {
            if (schedule == null) {
                throw new IllegalStateException("set a learning rate or schedule before build()");
            }
            return schedule;
        }

        /** @return the projection set, or null */
        protected final UpdateProjection builtProjection() {
            return projection;
        }

        /** @return the weight decay set */
        protected final double builtWeightDecay() {
            return weightDecay;
        }

        /**
         * @return a new optimizer with these settings
         * @throws IllegalArgumentException if the settings are inconsistent
         */
        public abstract O build();
    }
}
