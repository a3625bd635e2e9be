package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.RadialNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Theorem 4 of the radial paper (§4.2): a Step-ReLU radial network of N hidden layers, all of
 * width n + m + 1, approximating an asymptotically affine f: ℝⁿ → ℝᵐ within ε on all of ℝⁿ;
 * and the compact-domain variant with every hidden width max(n, m) + 1, within ε on K.
 *
 * <p><b>Set-up.</b> A {@link BallCover} of K with budget ¾ε, rescaled by u = (x − o)/λ (o the
 * centre of K) to balls of radius ρ (centres ĉ_i = (c_i − o)/λ). The values are quantised: with
 * s = ε/(2√m), k_i = round((f(c_i) − L(o))/s) ∈ ℤᵐ, so |L(o) + s·k_i − f(c_i)| ≤ s√m/2 = ε/4.
 * (The paper's sketch, with o = 0, uses y_i = (f(c_i) − L(0))/s with s below the smallest gap
 * between distinct values; in floating point nearly equal values would force s → 0 and
 * unbounded weights, so radnet puts the values on the lattice sℤᵐ instead, where distinct
 * values are at least s apart.)
 *
 * <p><b>Theorem 4, width n + m + 1.</b> Points of ℝ^{n+m+1} are triples (a, y, θ). A point not
 * yet captured ("live") is ((x − o)/λ, 0, 0); a point captured by ball i is u_i = (0, k_i, 1). With
 * ρ = ½ and h = √(1 − ρ²), ball i uses the invertible linear map
 * Q_i(a, y, θ) = (a + θ·ĉ_i, 2(y − θ·k_i), −h·θ) and the affine maps
 * T_i(z) = Q_i(z − u_i), S_i(w) = Q_i⁻¹(w) + u_i, so S_i∘T_i = id. Layer 1 is T_1((x − o)/λ, 0, 0),
 * layer i+1 is T_{i+1}∘S_i, hidden activations are Step-ReLU, the last layer is Φ∘S_N with
 * Φ(a, y, θ) = L(λa + o) + s·y, which takes a live point to L(x) and u_i to L(o) + s·k_i.
 *
 * <p><b>The argument</b> (the details the paper leaves out). Hidden layer i sees T_i(z) for the
 * state z, and Step-ReLU either keeps it (|T_i(z)| ≥ 1, then S_i restores z) or sends it to 0
 * (then S_i(0) = u_i).
 * <ol>
 *   <li>A live point: T_i(u, 0, 0) = (u − ĉ_i, 0, h) has norm² |u − ĉ_i|² + h², below 1
 *       exactly when x lies in ball i. So it is captured by the first ball containing it and
 *       stays live otherwise.</li>
 *   <li>A captured point u_j: T_i(u_j) = Q_i(0, k_j − k_i, 0) = (0, 2(k_j − k_i), 0). If
 *       k_j ≠ k_i its norm is at least 2, so it is kept; if k_j = k_i it is sent to
 *       S_i(0) = u_i = u_j, the same point. Hence a captured point is never moved to another
 *       value, whatever the order of the balls and whatever s: the lattice spacing (values
 *       differ by whole multiples of s) and the factor 2 in Q_i leave a margin of 1 in the
 *       norm that absorbs rounding. This is the choice of s "such that different balls do not
 *       interfere".</li>
 *   <li>So F(x) = L(o) + s·k_i for the first ball i containing x, and
 *       |F(x) − f(x)| ≤ |f(x) − f(c_i)| + |f(c_i) − L(o) − s·k_i| &lt; ¾ε + ¼ε = ε; a point
 *       in no ball gets F(x) = L(x) exactly. As for Theorem 3, |F − f| &lt; ε on all of ℝⁿ
 *       when |f − L| &lt; ε outside the balls.</li>
 * </ol>
 *
 * <p><b>Compact variant, width max(n, m) + 1.</b> With d = max(n, m), points of ℝ^{d+1} are
 * (v, θ); a live point is (u padded with zeros, 0), a captured one u_i = (κ_i, 1) with
 * κ_i = (k_i padded), k_i = round(f(c_i)/s) (L = 0). With ρ = ¼ and h = √(1 − 4ρ²), ball i
 * uses Q_i(v, θ) = (2(v − θ·(κ_i − ĉ_i)), −h·θ) (ĉ_i padded): a live point has
 * |T_i|² = 4|u − ĉ_i|² + h² &lt; 1 exactly inside ball i, and a captured point has
 * T_i(u_j) = (2(κ_j − κ_i), 0), of norm 0 (same value) or at least 2. The last layer is
 * (v, θ) ↦ s·(v₁ … v_m). Every point of K lies in a ball, so |F − f| &lt; ε on K; outside K
 * nothing is claimed.
 *
 * <p>Both carry the cover's margin τ in the capture test, and the certified bound adds
 * {@link ScaledCover#ROUNDING}·(1 + max |f(c_i)|) for the output's rounding.
 */
public final class BoundedWidthApproximation {
    /** The most balls (hidden layers) these constructions build. */
    public static final long MAX_BALLS = 200_000L;
    private static final double LATTICE_LIMIT = 0x1p50;

    private BoundedWidthApproximation() {
    }

    /**
     * Theorem 4: every hidden width n + m + 1.
     *
     * @param backend where the network lives
     * @param target f: ℝⁿ → ℝᵐ
     * @param box K, with |f − L| &lt; ε outside K for the guarantee on ℝⁿ
     * @param modulus ω, a modulus of continuity (e.g. {@link Modulus#lipschitz}) of f on ℝⁿ
     * @param epsilon ε &gt; 0
     * @param affinePart L
     * @return the network (widths n, n+m+1 (N times), m) and its certificate
     * @throws IllegalArgumentException on invalid input or more than {@value #MAX_BALLS} balls
     */
    public static Approximation<RadialNetwork> build(Backend backend, VectorFunction target, BoxDomain box,
                                                     Modulus modulus, double epsilon, AffineMap affinePart) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(affinePart, "affinePart");
        BallCover.requireEpsilon(epsilon);
        StepReluBallCover.requireSameDimensions(target, affinePart);
        int n = target.inputDimension();
        int m = target.outputDimension();
        double rho = 0.5;
        ScaledCover sc = ScaledCover.of(target, box, modulus, 0.75 * epsilon * (1.0 - 1e-9), rho, MAX_BALLS,
                "Theorem 4 (bounded width)");
        double s = epsilon / (2.0 * Math.sqrt(m));
        double[] base = affinePart.apply(sc.origin());
        double[][] k = lattice(sc, base, s);
        double h = Math.sqrt(1.0 - rho * rho);
        int dim = n + m + 1;
        int balls = sc.size();
        List<Affine> q = new ArrayList<>();
        List<Affine> qInverse = new ArrayList<>();
        List<double[]> anchors = new ArrayList<>();
        for (int i = 0; i < balls; i++) {
            Affine qi = Affine.zero(dim, dim);
            Affine inv = Affine.zero(dim, dim);
            for (int j = 0; j < n; j++) {
                qi.w()[j][j] = 1.0;
                qi.w()[j][n + m] = sc.centres()[i][j];
                inv.w()[j][j] = 1.0;
                inv.w()[j][n + m] = sc.centres()[i][j] / h;
            }
            for (int r = 0; r < m; r++) {
                qi.w()[n + r][n + r] = 2.0;
                qi.w()[n + r][n + m] = -2.0 * k[i][r];
                inv.w()[n + r][n + r] = 0.5;
                inv.w()[n + r][n + m] = -k[i][r] / h;
            }
            qi.w()[n + m][n + m] = -h;
            inv.w()[n + m][n + m] = -1.0 / h;
            double[] u = new double[dim];
            System.arraycopy(k[i], 0, u, n, m);
            u[n + m] = 1.0;
            q.add(qi);
            qInverse.add(inv);
            anchors.add(u);
        }
        Affine output = Affine.zero(m, dim);
        for (int r = 0; r < m; r++) {
            for (int j = 0; j < n; j++) {
                output.w()[r][j] = sc.scale() * affinePart.matrixEntry(r, j);
            }
            output.w()[r][n + r] = s;
            output.b()[r] = base[r];
        }
        RadialNetwork network = chain(backend, firstLayer(sc, dim, 1.0, h), q, qInverse, anchors, output);
        return certify(network, sc, s, m, n, "Theorem 4 (bounded width n+m+1)",
                "on K = " + box + " and on every ball of the cover; F = L exactly outside the balls", affinePart);
    }

    /**
     * The compact-domain variant: every hidden width max(n, m) + 1, the bound on K only.
     *
     * @param backend where the network lives
     * @param target f: K → ℝᵐ (evaluated at the ball centres only)
     * @param box K
     * @param modulus ω, a modulus of continuity (e.g. {@link Modulus#lipschitz}) of f on K
     * @param epsilon ε &gt; 0
     * @return the network (widths n, max(n,m)+1 (N times), m) and its certificate
     * @throws IllegalArgumentException on invalid input or more than {@value #MAX_BALLS} balls
     */
    public static Approximation<RadialNetwork> buildOnCompact(Backend backend, VectorFunction target, BoxDomain box,
                                                              Modulus modulus, double epsilon) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(target, "target");
        BallCover.requireEpsilon(epsilon);
        int n = target.inputDimension();
        int m = target.outputDimension();
        int d = Math.max(n, m);
        double rho = 0.25;
        ScaledCover sc = ScaledCover.of(target, box, modulus, 0.75 * epsilon * (1.0 - 1e-9), rho, MAX_BALLS,
                "Theorem 4, compact variant (width max(n,m)+1)");
        double s = epsilon / (2.0 * Math.sqrt(m));
        double[][] k = lattice(sc, new double[m], s);
        double h = Math.sqrt(1.0 - 4.0 * rho * rho);
        int dim = d + 1;
        int balls = sc.size();
        List<Affine> q = new ArrayList<>();
        List<Affine> qInverse = new ArrayList<>();
        List<double[]> anchors = new ArrayList<>();
        for (int i = 0; i < balls; i++) {
            double[] u = new double[dim];
            System.arraycopy(k[i], 0, u, 0, m);
            u[d] = 1.0;
            Affine qi = Affine.zero(dim, dim);
            Affine inv = Affine.zero(dim, dim);
            for (int j = 0; j < d; j++) {
                double shift = u[j] - (j < n ? sc.centres()[i][j] : 0.0);
                qi.w()[j][j] = 2.0;
                qi.w()[j][d] = -2.0 * shift;
                inv.w()[j][j] = 0.5;
                inv.w()[j][d] = -shift / h;
            }
            qi.w()[d][d] = -h;
            inv.w()[d][d] = -1.0 / h;
            q.add(qi);
            qInverse.add(inv);
            anchors.add(u);
        }
        Affine output = Affine.zero(m, dim);
        for (int r = 0; r < m; r++) {
            output.w()[r][r] = s;
        }
        RadialNetwork network = chain(backend, firstLayer(sc, dim, 2.0, h), q, qInverse, anchors, output);
        return certify(network, sc, s, m, 0, "Theorem 4, compact variant (width max(n,m)+1)",
                "on K = " + box + " only; nothing is claimed outside K", null);
    }

    /**
     * @return k_i = round((f(c_i) − base)/s) per ball, checked to be far inside the exactly
     *     representable integers
     */
    private static double[][] lattice(ScaledCover sc, double[] base, double s) {
        double[][] k = new double[sc.size()][base.length];
        for (int i = 0; i < sc.size(); i++) {
            for (int r = 0; r < base.length; r++) {
                double t = (sc.values()[i][r] - base[r]) / s;
                if (!(Math.abs(t) < LATTICE_LIMIT)) {
                    throw new IllegalArgumentException("the target's value " + sc.values()[i][r] + " at a ball centre is "
                            + Math.abs(t) + " lattice steps of s = " + s + " from " + base[r]
                            + ", more than the 2^50 that double arithmetic keeps exact; raise ε");
                }
                k[i][r] = Math.rint(t);
            }
        }
        return k;
    }

    /**
     * Layer 1, T_1(live(x)) = (α·((x − o)/λ − ĉ_1), 0, …, 0, h) with α the factor of Q_1 on the
     * position coordinates, written out rather than composed so that it is bit-for-bit
     * independent of the target's values (composing would round κ_1 − κ_1 + … differently).
     */
    private static Affine firstLayer(ScaledCover sc, int dim, double alpha, double h) {
        int n = sc.origin().length;
        Affine first = Affine.zero(dim, n);
        for (int j = 0; j < n; j++) {
            first.w()[j][j] = alpha / sc.scale();
            first.b()[j] = alpha * (-sc.origin()[j] / sc.scale() - sc.centres()[0][j]);
        }
        first.b()[dim - 1] = h;
        return first;
    }

    /**
     * The Step-ReLU network with layers first = T_1∘live, T_{i+1}∘S_i (i = 1 … N−1) and
     * output∘S_N, where T_i(z) = Q_i(z − u_i) and S_i(w) = Q_i⁻¹(w) + u_i.
     */
    private static RadialNetwork chain(Backend backend, Affine first, List<Affine> q, List<Affine> qInverse,
                                       List<double[]> anchors, Affine output) {
        List<Affine> layers = new ArrayList<>();
        layers.add(first);
        for (int i = 0; i + 1 < q.size(); i++) {
            Affine s = translate(qInverse.get(i), anchors.get(i), 1.0);
            layers.add(q.get(i + 1).after(translate(s, anchors.get(i + 1), -1.0)));
        }
        int last = q.size() - 1;
        layers.add(output.after(translate(qInverse.get(last), anchors.get(last), 1.0)));
        return new RadialNetwork(Affine.toParam(layers, backend), RadialProfiles.stepRelu(), false);
    }

    /** @return the map z ↦ a(z) + sign·u */
    private static Affine translate(Affine a, double[] u, double sign) {
        double[] b = a.b().clone();
        for (int r = 0; r < b.length; r++) {
            b[r] += sign * u[r];
        }
        return new Affine(a.w(), b);
    }

    /**
     * The certificate: bound R·r(1+τ) + s√m/2 + rounding allowance. Target-dependent are, in
     * layers 2 … N, the θ-column and the bias of the value rows (rows firstValueRow … D−2,
     * where the lattice points k_i enter), and the whole output layer.
     */
    private static Approximation<RadialNetwork> certify(RadialNetwork network, ScaledCover sc, double s, int m,
                                                        int firstValueRow, String name, String region,
                                                        AffineMap affineOutside) {
        int[] widths = network.widths();
        int theta = widths[1] - 1;
        List<Integer> dependent = new ArrayList<>();
        for (int layer = 2; layer <= sc.size(); layer++) {
            for (int r = firstValueRow; r < theta; r++) {
                dependent.add(Affine.weightIndex(widths, layer, r, theta));
                dependent.add(Affine.biasIndex(widths, layer, r));
            }
        }
        int last = widths.length - 1;
        for (int r = 0; r < widths[last]; r++) {
            for (int c = 0; c < widths[last - 1]; c++) {
                dependent.add(Affine.weightIndex(widths, last, r, c));
            }
            dependent.add(Affine.biasIndex(widths, last, r));
        }
        double bound = sc.cover().variationBound() + s * Math.sqrt(m) / 2.0 + sc.allowance();
        BoxDomain box = sc.cover().box();
        Certificate certificate = new Certificate(name, bound, region, widths, sc.size(),
                dependent.stream().mapToInt(Integer::intValue).toArray(), box::contains, affineOutside);
        return new Approximation<>(network, certificate);
    }
}
