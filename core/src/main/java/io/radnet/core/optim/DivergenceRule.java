package io.radnet.core.optim;

/**
 * When a {@link Trainer} declares a finite run diverged. After every epoch e of a run, with
 * ℓ_e the epoch's loss (as {@link EpochEvent#loss()} defines it), ℓ* = min_{k&lt;e} ℓ_k the best
 * loss of the run's earlier epochs and θ the parameters after the epoch's updates, training
 * stops with {@link TrainingDivergedException} when
 * <ul>
 *   <li>ℓ_e &gt; max(growthFactor · ℓ*, lossFloor): the loss grew far beyond the best seen and
 *       is not merely a small number that grew (round-off around an exact fit), or</li>
 *   <li>max_j |θ_j| &gt; parameterLimit: a parameter left the range in which any model of
 *       this library is trained.</li>
 * </ul>
 * NaN or ∞ in the loss or the parameters is always divergence, whatever the rule. An adaptive
 * optimizer (Adam, RAdam, Adadelta) with far too large a learning rate keeps its loss and
 * parameters finite for many epochs while they grow by dozens of orders of magnitude; this
 * rule stops it in the first epoch that crosses a threshold.
 *
 * <p>The {@linkplain #DEFAULT default} is growth factor 10⁶, loss floor 10³ and parameter limit
 * 10¹²; {@link Double#POSITIVE_INFINITY} turns a threshold off ({@link #NON_FINITE_ONLY} turns
 * all three off, leaving only the NaN-or-∞ check).
 *
 * @param growthFactor how many times the best loss of the run an epoch's loss may reach, ≥ 1
 *     (or +∞)
 * @param lossFloor the loss below which growth never counts as divergence, ≥ 0 (or +∞)
 * @param parameterLimit the largest magnitude a parameter may reach, &gt; 0 (or +∞)
 */
public record DivergenceRule(double growthFactor, double lossFloor, double parameterLimit) {
    /** Growth factor 10⁶, loss floor 10³, parameter limit 10¹². */
    public static final DivergenceRule DEFAULT = new DivergenceRule(1e6, 1e3, 1e12);

    /** Only a NaN or infinite loss or parameter is divergence. */
    public static final DivergenceRule NON_FINITE_ONLY =
            new DivergenceRule(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /**
     * @throws IllegalArgumentException if the growth factor is below 1 or NaN, the loss floor
     *     negative or NaN, or the parameter limit not positive or NaN
     */
    public DivergenceRule {
        if (!(growthFactor >= 1.0)) {
            throw new IllegalArgumentException("the divergence rule's loss growth factor must be at least 1 (or Infinity"
                    + " to turn the check off), got " + growthFactor);
        }
        if (!(lossFloor >= 0.0)) {
            throw new IllegalArgumentException("the divergence rule's loss floor must be at least 0 (or Infinity), got "
                    + lossFloor);
        }
        if (!(parameterLimit > 0.0)) {
            throw new IllegalArgumentException("the divergence rule's parameter limit must be positive (or Infinity"
                    + " to turn the check off), got " + parameterLimit);
        }
    }

    /**
     * @param loss ℓ_e, the epoch's finite loss
     * @param bestLoss ℓ*, the smallest loss of the run's earlier epochs (+∞ in the first epoch)
     * @return whether ℓ_e &gt; max(growthFactor · ℓ*, lossFloor)
     */
    public boolean lossDiverged(double loss, double bestLoss) {
        return loss > lossFloor && loss > growthFactor * bestLoss;
    }

    /**
     * @param largestMagnitude max_j |θ_j| of finite parameters
     * @return whether it exceeds the parameter limit
     */
    public boolean parametersDiverged(double largestMagnitude) {
        return largestMagnitude > parameterLimit;
    }
}
