package io.radnet.core.approx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A cover of a box K ⊂ ℝⁿ by N open balls B_r(c_i) of one radius r, centred at the cells of a
 * regular grid, such that a target with Lipschitz constant R (or modulus of continuity ω)
 * varies by less than the budget ε on every ball (radial paper, §4.1:
 * f(B_r(c_i) ∩ K) ⊆ B_ε(f(c_i))).
 *
 * <p><b>Construction.</b> Axis j of K is cut into k_j equal cells; c_i are the cell centres and
 * δ = ½·√Σ_j (w_j/k_j)² is half the cell diagonal (w_j = b_j − a_j), so every closed cell lies in
 * the closed ball of radius δ about its centre. The balls get the radius r = δ·(1 + τ) with the
 * relative margin τ = {@value #MARGIN}: they then cover K even when open, and a network that
 * decides membership in floating point, with an error below τ·r, still only captures points x
 * with |x − c_i| &lt; r·(1 + τ). The k_j are the least with R·r·(1 + τ) ≤ ε, i.e.
 * k_j = ⌈w_j·R·√n·(1 + τ)²/(2ε)⌉ (and at least 1). For a captured point,
 * |f(x) − f(c_i)| ≤ R·|x − c_i| &lt; R·r·(1 + τ) = {@link #variationBound()} ≤ ε. For a general
 * modulus ω the common cell side h is the largest (found by bisection) with
 * ω(h·√n·(1 + τ)²/2) ≤ ε, k_j = ⌈w_j/h⌉, and the bound is ω(r·(1 + τ)).
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
    private final Modulus modulus;
    private final int[] cellsPerAxis;
    private final double radius;
    private final long count;

    private BallCover(BoxDomain box, Modulus modulus, int[] cellsPerAxis) {
        this.box = box;
        this.modulus = modulus;
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
        return of(box, Modulus.lipschitz(lipschitz), epsilon);
    }

    /**
     * @param box K
     * @param modulus ω of f on K enlarged by the radius (to be safe: on all of ℝⁿ)
     * @param epsilon the budget ε &gt; 0, finite
     * @return a cover with {@link #variationBound()} ≤ ε: the fewest cells per axis for a
     *     Lipschitz modulus, the largest common cell side found by bisection otherwise
     * @throws IllegalArgumentException if ε ≤ 0 or not finite, or the cover would need more
     *     than {@value #MAX_BALLS} balls
     */
    public static BallCover of(BoxDomain box, Modulus modulus, double epsilon) {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(modulus, "modulus");
        requireEpsilon(epsilon);
        int n = box.dimension();
        double factor = (1.0 + MARGIN) * (1.0 + MARGIN);
        double side = modulus.lipschitzConstant().isPresent()
                ? 2.0 * epsilon / (modulus.lipschitzConstant().getAsDouble() * Math.sqrt(n) * factor)
                : largestSide(box, modulus, epsilon, factor);
        int[] k = new int[n];
        double balls = 1.0;
        for (int j = 0; j < n; j++) {
            double cells = Math.max(1.0, Math.ceil(box.width(j) / side));
            balls *= cells;
            if (balls > MAX_BALLS) {
                throw tooMany(box, modulus, epsilon, "more than " + MAX_BALLS);
            }
            k[j] = (int) cells;
        }
        BallCover cover = new BallCover(box, modulus, k);
        while (cover.variationBound() > epsilon) {
            int widest = 0;
            for (int j = 1; j < n; j++) {
                if (box.width(j) / k[j] > box.width(widest) / k[widest]) {
                    widest = j;
                }
            }
            k[widest]++;
            cover = new BallCover(box, modulus, k.clone());
            if (cover.count > MAX_BALLS) {
                throw tooMany(box, modulus, epsilon, cover.count + "");
            }
        }
        return cover;
    }

    /** The largest h with ω(h·√n·factor/2) ≤ ε, between the side of MAX_BALLS cells and the widest side. */
    private static double largestSide(BoxDomain box, Modulus modulus, double epsilon, double factor) {
        int n = box.dimension();
        double volume = 1.0;
        double widest = 0.0;
        for (int j = 0; j < n; j++) {
            volume *= box.width(j);
            widest = Math.max(widest, box.width(j));
        }
        double scale = Math.sqrt(n) * factor / 2.0;
        if (modulus.at(widest * scale) <= epsilon) {
            return widest;
        }
        double low = Math.pow(volume / MAX_BALLS, 1.0 / n);
        if (modulus.at(low * scale) > epsilon) {
            throw tooMany(box, modulus, epsilon, "more than " + MAX_BALLS);
        }
        double high = widest;
        for (int iteration = 0; iteration < 200 && high - low > 1e-15 * high; iteration++) {
            double mid = 0.5 * (low + high);
            if (modulus.at(mid * scale) <= epsilon) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static IllegalArgumentException tooMany(BoxDomain box, Modulus modulus, double epsilon, String what) {
        return new IllegalArgumentException("a ball cover of " + box + " for the modulus " + modulus
                + " and ε = " + epsilon + " needs " + what + " balls; the limit is " + MAX_BALLS
                + " (raise ε or shrink the domain)");
    }

    static void requireEpsilon(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ε must be a positive finite number, got " + epsilon);
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
        Modulus.lipschitz(lipschitz); // validates R
        return Math.pow(Math.max(1.0, Math.ceil(lipschitz * Math.sqrt(n) / (2.0 * epsilon))), n);
    }

    /** @return K */
    public BoxDomain box() {
        return box;
    }

    /** @return the modulus of continuity the cover was made for */
    public Modulus modulus() {
        return modulus;
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

    /** @return ω(r·(1 + τ)) (R·r·(1 + τ) for a Lipschitz modulus): the bound on |f(x) − f(c_i)| for every point a network may capture into ball i */
    public double variationBound() {
        return modulus.at(radius * (1.0 + MARGIN));
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
