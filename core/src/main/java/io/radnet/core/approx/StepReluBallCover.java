package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.RadialNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Theorem 3 of the radial paper (§4.1): a Step-ReLU radial network with widths
 * (n, n+1, …, n+N, m) approximating an asymptotically affine f: ℝⁿ → ℝᵐ within ε on all of ℝⁿ.
 *
 * <p><b>Construction.</b> Take a {@link BallCover} of K with budget ε and rescale by
 * u = (x − o)/λ, o the centre of K, so that every ball has radius ρ = ½ (centres
 * ĉ_i = (c_i − o)/λ), and let
 * h = √(1 − ρ²) = √3/2. With e_1 … e_N the unit vectors that extend ℝⁿ to ℝ^{n+N}, the paper's
 * maps are T_i: ℝ^{n+i−1} → ℝ^{n+i}, z ↦ z − ĉ_i + h·e_i and S_i: ℝ^{n+i} → ℝ^{n+i},
 * z ↦ z − (1 + 1/h)⟨e_i, z⟩e_i + ĉ_i + e_i. Layer 1 is T_1((x − o)/λ), layer i+1 is T_{i+1}∘S_i, the
 * activation of hidden layer i is Step-ReLU on ℝ^{n+i} (v ↦ v if |v| ≥ 1, else 0), and the
 * last layer is Φ∘S_N with Φ(u + Σ t_i e_i) = L(λu + o) + Σ t_i (f(c_i) − L(c_i)).
 *
 * <p><b>Why it works.</b> A point still at (u, 0) (not yet captured) has
 * |T_i(u)|² = |u − ĉ_i|² + h², which is below 1 exactly when |u − ĉ_i| &lt; ρ: Step-ReLU sends
 * it to 0 and S_i(0) = ĉ_i + e_i; otherwise S_i∘T_i is the identity on it. A captured point
 * ĉ_j + e_j (j &lt; i) has |T_i(ĉ_j + e_j)|² ≥ 1 + h² &gt; 1 and is kept, and S_i∘T_i fixes it.
 * So a point x lying in some ball ends at ĉ_i + e_i for the first such ball i, and
 * F(x) = Φ(ĉ_i + e_i) = f(c_i), with |f(x) − f(c_i)| ≤ {@link BallCover#variationBound()} &lt; ε;
 * a point in no ball ends at ((x − o)/λ, 0) and F(x) = L(x) exactly. Hence |F − f| &lt; ε on K (the
 * balls cover K), and on ℝⁿ whenever |f − L| &lt; ε outside the balls (f asymptotically affine
 * with K large enough; f − L supported in K suffices).
 *
 * <p><b>Numerics.</b> The ball radius has the cover's relative margin τ, so rounding in the
 * capture test (|T_i(u)|² against 1, with quantities of size 1 thanks to the rescaling) cannot
 * uncover a point of K nor capture a point farther than r(1 + τ); the certified bound adds
 * {@link ScaledCover#ROUNDING}·(1 + max |f(c_i)| + max |L(c_i)|) for the output layer's rounding.
 *
 * <p>Only the last layer depends on the target; layers 1 … N depend on K, R and ε only.
 */
public final class StepReluBallCover {
    /** The most parameters a Theorem 3 network may have (its size grows like N³/3). */
    public static final long MAX_PARAMETERS = 20_000_000L;
    private static final double RHO = 0.5;

    private StepReluBallCover() {
    }

    /**
     * Theorem 3 for an asymptotically affine target with affine part L.
     *
     * @param backend where the network lives
     * @param target f: ℝⁿ → ℝᵐ
     * @param box K, with |f − L| &lt; ε outside K for the guarantee on all of ℝⁿ
     * @param modulus ω, a modulus of continuity (e.g. {@link Modulus#lipschitz}) of f on ℝⁿ (at least on K enlarged by the
     *     cover's radius)
     * @param epsilon ε &gt; 0
     * @param affinePart L: ℝⁿ → ℝᵐ ({@link AffineMap#zero} for a compactly supported f, K ⊇ supp f)
     * @return the network (widths n, n+1, …, n+N, m; Step-ReLU) and its certificate
     * @throws IllegalArgumentException if an input is invalid, the dimensions disagree, or the
     *     network would exceed {@value #MAX_PARAMETERS} parameters
     */
    public static Approximation<RadialNetwork> build(Backend backend, VectorFunction target, BoxDomain box,
                                                     Modulus modulus, double epsilon, AffineMap affinePart) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(affinePart, "affinePart");
        BallCover.requireEpsilon(epsilon);
        requireSameDimensions(target, affinePart);
        long maxBalls = maxBalls(target.inputDimension(), target.outputDimension());
        ScaledCover sc = ScaledCover.of(target, box, modulus, epsilon * (1.0 - 1e-9), RHO, maxBalls,
                "Theorem 3 (hidden widths n+1 … n+N)");
        int n = target.inputDimension();
        int m = target.outputDimension();
        int balls = sc.size();
        double lambda = sc.scale();
        double h = Math.sqrt(1.0 - RHO * RHO);
        List<Affine> layers = new ArrayList<>();
        Affine first = Affine.zero(n + 1, n);
        for (int j = 0; j < n; j++) {
            first.w()[j][j] = 1.0 / lambda;
            first.b()[j] = -sc.origin()[j] / lambda - sc.centres()[0][j];
        }
        first.b()[n] = h;
        layers.add(first);
        for (int i = 1; i < balls; i++) {
            // T_{i+1} ∘ S_i: ℝ^{n+i} → ℝ^{n+i+1}; e_i is coordinate n+i−1
            Affine layer = Affine.zero(n + i + 1, n + i);
            for (int j = 0; j < n + i; j++) {
                layer.w()[j][j] = 1.0;
            }
            layer.w()[n + i - 1][n + i - 1] = -1.0 / h;
            for (int j = 0; j < n; j++) {
                layer.b()[j] = sc.centres()[i - 1][j] - sc.centres()[i][j];
            }
            layer.b()[n + i - 1] = 1.0;
            layer.b()[n + i] = h;
            layers.add(layer);
        }
        // Φ ∘ S_N: ℝ^{n+N} → ℝ^m
        Affine last = Affine.zero(m, n + balls);
        double largestAffine = 0.0;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                last.w()[r][j] = lambda * affinePart.matrixEntry(r, j);
            }
        }
        double[] cN = null;
        for (int i = 0; i < balls; i++) {
            double[] c = sc.cover().centre(i);
            double[] lc = affinePart.apply(c);
            for (int r = 0; r < m; r++) {
                last.w()[r][n + i] = sc.values()[i][r] - lc[r];
                largestAffine = Math.max(largestAffine, Math.abs(lc[r]));
            }
            cN = c;
        }
        double[] lcN = affinePart.apply(cN);
        for (int r = 0; r < m; r++) {
            // Φ(S_N(0)) = Φ(ĉ_N + e_N) = L(c_N) + (f(c_N) − L(c_N)); the e_N column is scaled by −1/h
            last.b()[r] = lcN[r] + last.w()[r][n + balls - 1];
            last.w()[r][n + balls - 1] *= -1.0 / h;
        }
        layers.add(last);
        RadialNetwork network = new RadialNetwork(Affine.toParam(layers, backend), RadialProfiles.stepRelu(), false);
        int[] widths = network.widths();
        int[] dependent = new int[m * (n + balls) + m];
        int k = 0;
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n + balls; j++) {
                dependent[k++] = Affine.weightIndex(widths, widths.length - 1, r, j);
            }
            dependent[k++] = Affine.biasIndex(widths, widths.length - 1, r);
        }
        double bound = sc.cover().variationBound() + sc.allowance() + ScaledCover.ROUNDING * largestAffine;
        Certificate certificate = new Certificate("Theorem 3 (Step-ReLU ball cover)", bound,
                "on K = " + box + " and on every ball of the cover; F = L exactly outside the balls", widths, balls,
                dependent, box::contains, affinePart);
        return new Approximation<>(network, certificate);
    }

    private static long maxBalls(int n, int m) {
        // Σ_{i=1..N} (n+i)(n+i) + m(n+N+1) ≤ MAX_PARAMETERS, solved for N by growing it
        long balls = 0;
        long params = (long) m * (n + 1);
        while (true) {
            long next = balls + 1;
            long add = (n + next) * (n + next) + m;
            if (params + add > MAX_PARAMETERS) {
                return balls;
            }
            params += add;
            balls = next;
        }
    }

    static void requireSameDimensions(VectorFunction target, AffineMap affinePart) {
        Objects.requireNonNull(target, "target");
        if (affinePart.inputDimension() != target.inputDimension()
                || affinePart.outputDimension() != target.outputDimension()) {
            throw new IllegalArgumentException("the affine part maps ℝ^" + affinePart.inputDimension() + " → ℝ^"
                    + affinePart.outputDimension() + " but the target ℝ^" + target.inputDimension() + " → ℝ^"
                    + target.outputDimension());
        }
    }
}
