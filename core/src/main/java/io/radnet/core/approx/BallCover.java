package io.radnet.core.approx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A cover of a box K ⊂ ℝⁿ by N open balls B_r(c_i) of one radius r, centred at the cells of a
 * regular grid, such that a target with Lipschitz constant R varies by less than the budget ε
 * on every ball (radial paper, §4.1: f(B_r(c_i) ∩ K) ⊆ B_ε(f(c_i))).
 *
 * <p><b>Construction.</b> Axis j of K is cut into k_j equal cells; c_i are the cell centres and
 * δ = ½·√Σ_j (w_j/k_j)² is half the cell diagonal (w_j = b_j − a_j), so every closed cell lies in
 * the closed ball of radius δ about its centre. The balls get the radius r = δ·(1 + τ) with the
 * relative margin τ = {@value #MARGIN}: they then cover K even when open, and a network that
 * decides membership in floating point, with an error below τ·r, still only captures points x
 * with |x − c_i| &lt; r·(1 + τ). The k_j are the least with R·r·(1 + τ) ≤ ε, i.e.
 * k_j = ⌈w_j·R·√n·(1 + τ)²/(2ε)⌉ (and at least 1). For a captured point,
 * |f(x) − f(c_i)| ≤ R·|x − c_i| &lt; R·r·(1 + τ) = {@link #variationBound()} ≤ ε.
 *
 * <p><b>Count.</b> On the unit cube N = ⌈R√n(1+τ)²/(2ε)⌉ⁿ, which equals footnote 2's bound
 * ⌈R√n/(2ε)⌉ⁿ unless R√n/(2ε) lies within a factor (1+τ)² below an integer. When R√n/(2ε) is an
 * integer, the footnote's count is not achievable with the strict inequality the theorem needs
 * (for n = 1 and f(x) = R·x, k open intervals of length 2ε/R cannot cover [0, 1]), so one more
 * cell per axis is then the least possible.
 *
 * <p>The cover depends on K, R and ε only, never on the values of f. Radii are not required to be
 * below 1: the networks built on a cover rescale their input (see {@link StepReluBallCover}).
 */
public final class BallCover {
    /** The relative margin τ of the radius and of the capture test. */
    public static final double MARGIN = 1e-6;
    /** The most balls a cover may have. */
    public static final long MAX_BALLS = 50_000_000L;

    private final BoxDomain box;
    private final double lipschitz;
    private final int[] cellsPerAxis;
    private final double radius;
    private final long count;

    private BallCover(BoxDomain box, double lipschitz, int[] cellsPerAxis) {
        this.box = box;
        this.lipschitz = lipschitz;
        this.cellsPerAxis = cellsPerAxis;
        double acc = 0.0;
        long n = 1;
        for (int j = 0; j < cellsPerAxis.length; j++) {
            double side = box.width(j) / cellsPerAxis[j];
            acc += side * side;
            n *= cellsPerAxis[j];
        }
        this.radius = 0.5 * Math.sqrt(acc) * (1.0 + MARGIN);
        this.count = n;
    }

    /**
     * @param box K
     * @param lipschitz R ≥ 0, finite: |f(x) − f(y)| ≤ R·|x − y| (Euclidean norms) for x, y in K
     *     enlarged by the radius (to be safe: on all of ℝⁿ)
     * @param epsilon the budget ε &gt; 0, finite
     * @return the cover with the fewest cells per axis such that {@link #variationBound()} ≤ ε
     * @throws IllegalArgumentException if ε ≤ 0 or not finite, R &lt; 0 or not finite, or the
     *     cover would need more than {@value #MAX_BALLS} balls
     */
    public static BallCover forLipschitz(BoxDomain box, double lipschitz, double epsilon) {
        Objects.requireNonNull(box, "box");
        requireEpsilon(epsilon);
        requireLipschitz(lipschitz);
        int n = box.dimension();
        double factor = (1.0 + MARGIN) * (1.0 + MARGIN);
        int[] k = new int[n];
        double balls = 1.0;
        for (int j = 0; j < n; j++) {
            double cells = Math.ceil(box.width(j) * lipschitz * Math.sqrt(n) * factor / (2.0 * epsilon));
            balls *= Math.max(1.0, cells);
            if (balls > MAX_BALLS) {
                throw tooMany(box, lipschitz, epsilon, "more than " + MAX_BALLS);
            }
            k[j] = (int) Math.max(1.0, cells);
        }
        BallCover cover = new BallCover(box, lipschitz, k);
        while (cover.variationBound() > epsilon) {
            int widest = 0;
            for (int j = 1; j < n; j++) {
                if (box.width(j) / k[j] > box.width(widest) / k[widest]) {
                    widest = j;
                }
            }
            k[widest]++;
            cover = new BallCover(box, lipschitz, k.clone());
            if (cover.count > MAX_BALLS) {
                throw tooMany(box, lipschitz, epsilon, cover.count + "");
            }
        }
        return cover;
    }

    private static IllegalArgumentException tooMany(BoxDomain box, double lipschitz, double epsilon, String what) {
        return new IllegalArgumentException("a ball cover of " + box + " for Lipschitz constant " + lipschitz
                + " and ε = " + epsilon + " needs " + what + " balls; the limit is " + MAX_BALLS
                + " (raise ε or shrink the domain)");
    }

    static void requireEpsilon(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ε must be a positive finite number, got " + epsilon);
        }
    }

    static void requireLipschitz(double lipschitz) {
        if (!Double.isFinite(lipschitz) || lipschitz < 0) {
            throw new IllegalArgumentException("the Lipschitz constant must be finite and non-negative, got " + lipschitz);
        }
    }

    /**
     * Footnote 2 of the radial paper: N(f, [0,1]ⁿ, ε) ≤ ⌈R√n/(2ε)⌉ⁿ.
     *
     * @param lipschitz R ≥ 0
     * @param n the dimension, ≥ 1
     * @param epsilon ε &gt; 0
     * @return ⌈R√n/(2ε)⌉ⁿ (at least 1), as a double since it may exceed a long
     */
    public static double footnoteBound(double lipschitz, int n, double epsilon) {
        requireEpsilon(epsilon);
        requireLipschitz(lipschitz);
        return Math.pow(Math.max(1.0, Math.ceil(lipschitz * Math.sqrt(n) / (2.0 * epsilon))), n);
    }

    /** @return K */
    public BoxDomain box() {
        return box;
    }

    /** @return R */
    public double lipschitz() {
        return lipschitz;
    }

    /** @return N, the number of balls */
    public int size() {
        return (int) count;
    }

    /** @return k₁ … k_n, cells per axis */
    public int[] cellsPerAxis() {
        return cellsPerAxis.clone();
    }

    /** @return r, the common radius of the balls */
    public double radius() {
        return radius;
    }

    /** @return R·r·(1 + τ): the bound on |f(x) − f(c_i)| for every point a network may capture into ball i */
    public double variationBound() {
        return lipschitz * radius * (1.0 + MARGIN);
    }

    /**
     * @param i ball index, 0 ≤ i &lt; N, in lexicographic order of the cells (last axis fastest)
     * @return c_i, a new array
     */
    public double[] centre(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("ball index must be in 0.." + (count - 1) + ", got " + i);
        }
        double[] c = new double[cellsPerAxis.length];
        int rest = i;
        for (int j = cellsPerAxis.length - 1; j >= 0; j--) {
            int t = rest % cellsPerAxis[j];
            rest /= cellsPerAxis[j];
            c[j] = box.lower()[j] + (t + 0.5) * box.width(j) / cellsPerAxis[j];
        }
        return c;
    }

    @Override
    public String toString() {
        return "BallCover(" + count + " balls " + Arrays.toString(cellsPerAxis) + " of radius " + radius + " on " + box + ")";
    }
}
