/**
 * Optimizers, learning-rate schedules, the update-projection hook of projected training, and
 * the {@link io.radnet.core.optim.Trainer} that runs epochs with stopping rules and progress
 * events.
 *
 * <p>Every optimizer updates a {@link io.radnet.core.network.Param} in place from a gradient
 * of the same space: it computes an update Δ (into a reusable buffer), applies an optional
 * {@link io.radnet.core.optim.UpdateProjection} P to it, and sets θ ← θ + P(Δ). The formulas
 * follow PyTorch's {@code torch.optim} (1.13) so results are comparable with the radial
 * paper's reference implementation.
 */
package io.radnet.core.optim;
