package io.radnet.api;

/**
 * The scalars of one Adam step (Kingma and Ba, as PyTorch's {@code torch.optim.Adam}) for
 * {@link Backend#adamUpdate}: with the step number t, the learning rate η and the betas,
 * stepSize = η / (1 − β₁^t) and secondMomentScale = 1 / √(1 − β₂^t), the update of every
 * entry is θ ← θ − stepSize · m_t / (secondMomentScale · √v_t + ε). With a weight decay λ &gt; 0
 * the gradient entry g is first replaced by g + λ·θ (PyTorch's coupled {@code weight_decay}),
 * rounded once, before the moments use it.
 *
 * @param beta1 β₁ ∈ [0, 1), the decay of the first-moment average m
 * @param beta2 β₂ ∈ [0, 1), the decay of the second-moment average v
 * @param eps ε &gt; 0, added to the denominator
 * @param secondMomentScale the factor of √v_t, 1 / √(1 − β₂^t), finite and &gt; 0
 * @param stepSize the factor of the normalised moment, η / (1 − β₁^t), finite and ≥ 0
 * @param weightDecay λ, finite and ≥ 0; 0 leaves the gradient as given
 */
public record AdamCoefficients(double beta1, double beta2, double eps, double secondMomentScale, double stepSize,
                               double weightDecay) {
    /**
     * Validates the ranges above.
     *
     * @throws IllegalArgumentException naming the first coefficient outside its range
     */
    public AdamCoefficients {
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("adamUpdate: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("adamUpdate: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(eps > 0.0 && eps < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("adamUpdate: eps must be positive and finite, got " + eps);
        }
        if (!(secondMomentScale > 0.0 && secondMomentScale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("adamUpdate: the second-moment scale must be positive and finite, got "
                    + secondMomentScale);
        }
        if (!(stepSize >= 0.0 && stepSize < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("adamUpdate: the step size must be finite and non-negative, got "
                    + stepSize);
        }
        if (!(weightDecay >= 0.0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("adamUpdate: the weight decay must be finite and non-negative, got "
                    + weightDecay);
        }
    }

    /**
     * The coefficients of a step without weight decay (λ = 0).
     *
     * @throws IllegalArgumentException naming the first coefficient outside its range
     */
    public AdamCoefficients(double beta1, double beta2, double eps, double secondMomentScale, double stepSize) {
        this(beta1, beta2, eps, secondMomentScale, stepSize, 0.0);
    }
}
