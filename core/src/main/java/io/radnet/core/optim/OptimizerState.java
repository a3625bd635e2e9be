package io.radnet.core.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of an {@link Optimizer} between two steps, enough to continue bitwise as if never
 * interrupted: its kind and settings (for validation), the step count t and every buffer that
 * carries history between steps, flattened in the order of
 * {@link io.radnet.core.network.ParameterVector#flatten()}.
 *
 * <p>Buffers by optimizer: {@link GradientDescent} none; {@link Sgd} {@code momentum} (the
 * momentum buffer b_t, only when μ ≠ 0); {@link Adam}, {@link AdamW}, {@link RAdam} {@code m}
 * and {@code v} (the moment estimates m_t, v_t); {@link Adadelta} {@code squareAverage} and
 * {@code accumulatedDelta}. Scratch buffers are not state and are not exported.
 *
 * @param kind the optimizer's class name, e.g. {@code Adam}
 * @param settings its description ({@link Optimizer#toString()}: schedule and hyperparameters)
 * @param steps t, the number of steps taken, ≥ 0
 * @param buffers buffer name → its coordinates; copied, iteration order kept
 */
public record OptimizerState(String kind, String settings, int steps, Map<String, double[]> buffers) {
    /**
     * @throws IllegalArgumentException if the step count is negative
     */
    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        if (steps < 0) {
            throw new IllegalArgumentException("an optimizer's step count must be ≥ 0, got " + steps);
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        Objects.requireNonNull(buffers, "buffers").forEach((name, values) -> copy.put(name, values.clone()));
        buffers = Collections.unmodifiableMap(copy);
    }

    /** @return buffer name → a copy of its coordinates */
    @Override
    public Map<String, double[]> buffers() {
        Map<String, double[]> copy = new LinkedHashMap<>();
        buffers.forEach((name, values) -> copy.put(name, values.clone()));
        return copy;
    }
}
