package io.radnet.api;

/**
 * A pointwise activation σ: ℝ → ℝ with its derivative σ′, applied to every entry of a tensor
 * (multilayer perceptrons, hypernetworks, repeated-composition networks).
 *
 * <p>Implementations must be pure functions of x. Where σ is not differentiable (ReLU at 0)
 * {@link #derivative(double)} returns a documented one-sided value.
 */
public interface PointwiseActivation {
    /**
     * @param x a pre-activation
     * @return σ(x)
     */
    double apply(double x);

    /**
     * @param x a pre-activation
     * @return σ′(x)
     */
    double derivative(double x);
}
