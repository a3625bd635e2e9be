package io.radnet.core.approx;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a construction guarantees about the network it built: |F(x) − f(x)| ≤ {@link #bound()}
 * (Euclidean norm in ℝᵐ) for every x with {@link #isGuaranteedAt(double[])}, the sizes, and the
 * positions — in the order of {@link io.radnet.core.network.Param#flatten()} — of the
 * parameters whose values depend on the target. Two targets given to the same construction
 * with the same domain and constants yield networks that agree in every other parameter.
 */
public final class Certificate {
    private final String construction;
    private final double bound;
    private final String region;
    private final int[] widths;
    private final int balls;
    private final int[] targetDependent;
    private final Predicate<double[]> guaranteed;
    private final AffineMap affineOutside;

    Certificate(String construction, double bound, String region, int[] widths, int balls, int[] targetDependent,
                Predicate<double[]> guaranteed, AffineMap affineOutside) {
        this.construction = Objects.requireNonNull(construction, "construction");
        this.bound = bound;
        this.region = Objects.requireNonNull(region, "region");
        this.widths = widths.clone();
        this.balls = balls;
        this.targetDependent = targetDependent.clone();
        Arrays.sort(this.targetDependent);
        this.guaranteed = Objects.requireNonNull(guaranteed, "guaranteed");
        this.affineOutside = affineOutside;
    }

    /** @return the construction's name, e.g. "Theorem 3 (Step-ReLU ball cover)" */
    public String construction() {
        return construction;
    }

    /** @return the guaranteed bound on |F(x) − f(x)| in the region of {@link #isGuaranteedAt} */
    public double bound() {
        return bound;
    }

    /** @return a sentence saying where the bound holds and what holds elsewhere */
    public String region() {
        return region;
    }

    /** @return the network's widths n₀ … n_L */
    public int[] widths() {
        return widths.clone();
    }

    /** @return L, the number of affine layers */
    public int depth() {
        return widths.length - 1;
    }

    /** @return the number of hidden layers, L − 1 */
    public int hiddenLayers() {
        return widths.length - 2;
    }

    /** @return Σ n_i·(n_{i−1} + 1), the number of weights and biases */
    public long parameterCount() {
        long count = 0;
        for (int i = 1; i < widths.length; i++) {
            count += (long) widths[i] * (widths[i - 1] + 1);
        }
        return count;
    }

    /** @return N, the number of balls of the cover, or 0 for a construction without one */
    public int balls() {
        return balls;
    }

    /** @return the sorted flattened indices of the parameters that depend on the target */
    public int[] targetDependentParameters() {
        return targetDependent.clone();
    }

    /**
     * @param x a point of ℝⁿ
     * @return whether the bound is guaranteed at x
     */
    public boolean isGuaranteedAt(double[] x) {
        return guaranteed.test(x.clone());
    }

    /**
     * @return for the constructions on all of ℝⁿ (Theorems 3 and 4), the affine part L that F
     *     equals exactly outside the union of the balls (so |F − f| = |L − f| there, which the
     *     asymptotic hypothesis makes small); empty for constructions on a compact domain
     */
    public Optional<AffineMap> affinePartOutsideBalls() {
        return Optional.ofNullable(affineOutside);
    }

    @Override
    public String toString() {
        return construction + ": |F − f| ≤ " + bound + " " + region + "; widths " + Arrays.toString(widths) + ", "
                + parameterCount() + " parameters, " + targetDependent.length + " depend on the target";
    }
}
