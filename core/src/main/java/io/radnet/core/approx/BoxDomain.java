package io.radnet.core.approx;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A closed box K = [a₁, b₁] × … × [a_n, b_n] ⊂ ℝⁿ with finite a_j &lt; b_j, the compact set
 * on which the constructions approximate a target.
 */
public final class BoxDomain {
    private final double[] lower;
    private final double[] upper;

    /**
     * @param lower a₁ … a_n, finite, not modified
     * @param upper b₁ … b_n, finite, not modified
     * @throws IllegalArgumentException if n = 0, the lengths differ, a bound is not finite, or
     *     some a_j ≥ b_j (an empty, degenerate or inverted interval), naming the coordinate
     */
    public BoxDomain(double[] lower, double[] upper) {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (lower.length == 0) {
            throw new IllegalArgumentException("the domain needs at least one interval, got none");
        }
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("the domain has " + lower.length + " lower and " + upper.length
                    + " upper bounds");
        }
        for (int j = 0; j < lower.length; j++) {
            if (!Double.isFinite(lower[j]) || !Double.isFinite(upper[j])) {
                throw new IllegalArgumentException("interval " + (j + 1) + " of the domain must have finite bounds, got ["
                        + lower[j] + ", " + upper[j] + "]");
            }
            if (!(lower[j] < upper[j])) {
                throw new IllegalArgumentException("interval " + (j + 1) + " of the domain is "
                        + (lower[j] == upper[j] ? "degenerate" : "inverted (empty)") + ": [" + lower[j] + ", "
                        + upper[j] + "] needs lower < upper");
            }
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    /**
     * @param n the dimension, ≥ 1
     * @return the unit cube [0, 1]ⁿ
     */
    public static BoxDomain unitCube(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the dimension of a cube must be at least 1, got " + n);
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        return new BoxDomain(new double[n], ones);
    }

    /** @return n */
    public int dimension() {
        return lower.length;
    }

    /** @return a copy of a₁ … a_n */
    public double[] lower() {
        return lower.clone();
    }

    /** @return a copy of b₁ … b_n */
    public double[] upper() {
        return upper.clone();
    }

    /**
     * @param j coordinate index, 0 ≤ j &lt; n
     * @return b_j − a_j &gt; 0
     */
    public double width(int j) {
        return upper[j] - lower[j];
    }

    /** @return the Euclidean diameter √Σ(b_j − a_j)² */
    public double diameter() {
        double acc = 0.0;
        for (int j = 0; j < lower.length; j++) {
            acc += width(j) * width(j);
        }
        return Math.sqrt(acc);
    }

    /**
     * @param x a point of ℝⁿ
     * @return whether a_j ≤ x_j ≤ b_j for every j
     */
    public boolean contains(double[] x) {
        requirePoint(x);
        for (int j = 0; j < lower.length; j++) {
            if (!(x[j] >= lower[j] && x[j] <= upper[j])) {
                return false;
            }
        }
        return true;
    }

    void requirePoint(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != lower.length) {
            throw new IllegalArgumentException("a point of this " + lower.length + "-dimensional domain needs "
                    + lower.length + " coordinates, got " + x.length);
        }
    }

    /**
     * The regular grid with k points per axis, a_j + (b_j − a_j)·t/(k − 1) for t = 0 … k − 1
     * (corners included), in lexicographic order with the last coordinate fastest.
     *
     * @param perAxis k ≥ 2
     * @return kⁿ points
     * @throws IllegalArgumentException if k &lt; 2 or kⁿ exceeds 10⁸
     */
    public double[][] grid(int perAxis) {
        if (perAxis < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per axis, got " + perAxis);
        }
        double count = Math.pow(perAxis, lower.length);
        if (count > 1e8) {
            throw new IllegalArgumentException("a grid of " + perAxis + " points per axis in " + lower.length
                    + " dimensions has " + count + " points, more than the 10^8 allowed");
        }
        double[][] points = new double[(int) count][lower.length];
        int[] index = new int[lower.length];
        for (double[] p : points) {
            for (int j = 0; j < lower.length; j++) {
                p[j] = index[j] == perAxis - 1 ? upper[j] : lower[j] + width(j) * index[j] / (perAxis - 1);
            }
            for (int j = lower.length - 1; j >= 0 && ++index[j] == perAxis; j--) {
                index[j] = 0;
            }
        }
        return points;
    }

    /**
     * Seeded random points far outside K: each lies at distance between D and 10·D from the
     * centre of K in a uniformly random direction, where D = 2·diameter(K) + 10, so every point
     * is at distance at least 1.5·diameter + 10 from K.
     *
     * @param count how many, ≥ 1
     * @param seed the seed
     * @return the points
     */
    public double[][] farOutside(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of far points must be at least 1, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double d = 2.0 * diameter() + 10.0;
        double[][] points = new double[count][lower.length];
        for (double[] p : points) {
            double norm;
            do {
                norm = 0.0;
                for (int j = 0; j < p.length; j++) {
                    p[j] = random.nextGaussian();
                    norm += p[j] * p[j];
                }
                norm = Math.sqrt(norm);
            } while (norm == 0.0);
            double radius = d * (1.0 + 9.0 * random.nextDouble());
            for (int j = 0; j < p.length; j++) {
                p[j] = 0.5 * (lower[j] + upper[j]) + radius * p[j] / norm;
            }
        }
        return points;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < lower.length; j++) {
            s.append(j == 0 ? "" : " × ").append('[').append(lower[j]).append(", ").append(upper[j]).append(']');
        }
        return s.toString();
    }
}
