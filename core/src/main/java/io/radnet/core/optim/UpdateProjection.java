package io.radnet.core.optim;

import io.radnet.core.network.ParameterVector;
import java.util.Objects;

/**
 * A projection P of parameter space applied to every optimizer update before it is added:
 * θ ← θ + P(Δ). It makes any {@link Optimizer} run projected; with
 * {@link GradientDescent} it is projected gradient descent, θ ← θ − η·P(∇L) (radial paper, §6,
 * Theorem 7), because P is linear.
 *
 * <p>Implementations must be linear maps of the parameter space into itself, computed in place and
 * without allocation on the hot path; the compression package supplies the masks that zero
 * blocks of every W_i and b_i ({@link #masked(ParameterVector)}).
 */
@FunctionalInterface
public interface UpdateProjection {
    /**
     * Replaces the update by its projection, in place: update ← P(update).
     *
     * @param update Δ, a point of the optimized parameters' space; overwritten
     */
    void project(ParameterVector update);

    /**
     * The coordinate projection Δ ↦ M ∘ Δ (entrywise product with a mask of the same space,
     * typically 0/1 entries that keep some blocks of each W_i and b_i and zero the rest).
     *
     * @param mask M, finite entries; kept by reference (later changes to it take effect)
     * @return the projection
     * @throws IllegalArgumentException if M holds NaN or ∞
     */
    static UpdateProjection masked(ParameterVector mask) {
        Objects.requireNonNull(mask, "mask");
        if (!mask.allFinite()) {
            throw new IllegalArgumentException("a projection mask must hold finite values only: " + mask);
        }
        return update -> {
            Optimizer.requireSameSpace("the projection mask", mask, "the update", update);
            update.setEntrywiseProduct(update, mask);
        };
    }
}
