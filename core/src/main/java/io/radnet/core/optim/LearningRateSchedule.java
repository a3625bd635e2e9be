package io.radnet.core.optim;

/**
 * A learning rate η_t for every optimizer step t = 0, 1, 2, … (t counts the steps already
 * taken, so the first step uses η_0). Schedules are indexed by <em>optimizer step</em>; in
 * full-batch training one step is one epoch. To change the rate once per epoch of minibatch
 * training, wrap an epoch-indexed schedule with {@link #perEpoch}.
 *
 * <p>The factories below mirror PyTorch's schedulers ({@code StepLR}, {@code ExponentialLR},
 * {@code CosineAnnealingLR}) in their closed forms. Implementations must return a finite
 * rate ≥ 0 for every t ≥ 0; an optimizer rejects anything else with an
 * {@link IllegalArgumentException} naming the step.
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * @param step t ≥ 0, the number of optimizer steps already taken
     * @return η_t, finite and ≥ 0
     */
    double rate(int step);

    /**
     * η_t = η.
     *
     * @param rate η, finite and &gt; 0
     * @return the constant schedule
     * @throws IllegalArgumentException if η is not positive and finite
     */
    static LearningRateSchedule constant(double rate) {
        return new Schedules.Constant(Schedules.requireRate("learning rate", rate));
    }

    /**
     * Step decay (PyTorch's {@code StepLR}): η_t = η_0·γ^⌊t/s⌋.
     *
     * @param initial η_0, finite and &gt; 0
     * @param stepSize s ≥ 1, the number of steps between decays
     * @param gamma γ ∈ (0, 1], the decay factor
     * @return the schedule
     * @throws IllegalArgumentException naming the bad value
     */
    static LearningRateSchedule stepDecay(double initial, int stepSize, double gamma) {
        Schedules.requireRate("initial learning rate", initial);
        if (stepSize < 1) {
            throw new IllegalArgumentException("step decay needs a step size of at least 1, got " + stepSize);
        }
        return new Schedules.StepDecay(initial, stepSize, Schedules.requireDecayFactor(gamma));
    }

    /**
     * Exponential decay (PyTorch's {@code ExponentialLR}): η_t = η_0·γ^t.
     *
     * @param initial η_0, finite and &gt; 0
     * @param gamma γ ∈ (0, 1], the decay factor per step
     * @return the schedule
     * @throws IllegalArgumentException naming the bad value
     */
    static LearningRateSchedule exponentialDecay(double initial, double gamma) {
        Schedules.requireRate("initial learning rate", initial);
        return new Schedules.ExponentialDecay(initial, Schedules.requireDecayFactor(gamma));
    }

    /**
     * Cosine annealing from η_max down to η_min over T steps (the closed form of PyTorch's
     * {@code CosineAnnealingLR}): η_t = η_min + (η_max − η_min)·(1 + cos(π·t/T))/2 for
     * 0 ≤ t ≤ T, and η_t = η_min for t &gt; T (PyTorch's scheduler would rise again; this one
     * stays at the minimum).
     *
     * @param max η_max, finite and &gt; 0
     * @param min η_min, finite, 0 ≤ η_min ≤ η_max
     * @param period T ≥ 1
     * @return the schedule
     * @throws IllegalArgumentException naming the bad value
     */
    static LearningRateSchedule cosineAnnealing(double max, double min, int period) {
        Schedules.requireRate("maximum learning rate", max);
        if (!(min >= 0 && min <= max)) {
            throw new IllegalArgumentException("cosine annealing needs 0 ≤ minimum ≤ maximum learning rate, got minimum "
                    + min + " and maximum " + max);
        }
        if (period < 1) {
            throw new IllegalArgumentException("cosine annealing needs a period of at least 1 step, got " + period);
        }
        return new Schedules.CosineAnnealing(max, min, period);
    }

    /**
     * Turns an epoch-indexed schedule into a step-indexed one: η_t = byEpoch.rate(⌊t/m⌋) for
     * m steps (minibatches) per epoch, so the rate changes once per epoch.
     *
     * @param byEpoch a schedule indexed by epoch 0, 1, …
     * @param stepsPerEpoch m ≥ 1 (see {@link io.radnet.core.data.Dataset#batchesPerEpoch})
     * @return the step-indexed schedule
     * @throws IllegalArgumentException if m &lt; 1
     */
    static LearningRateSchedule perEpoch(LearningRateSchedule byEpoch, int stepsPerEpoch) {
        java.util.Objects.requireNonNull(byEpoch, "byEpoch");
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("an epoch needs at least 1 step, got " + stepsPerEpoch);
        }
        return new Schedules.PerEpoch(byEpoch, stepsPerEpoch);
    }
}
