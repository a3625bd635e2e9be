package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.network.Mlp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ReLU network F = s·(φ₂ ∘ L ∘ φ₁) + b of "Deep network approximation in terms of intrinsic
 * parameters" (Theorem 2.1, proof in Appendix A.2 and B), in which only a₁ … a_n, s and b depend
 * on the target: for f on a box K ⊂ ℝᵈ with modulus of continuity ω, outside thin strips,
 * |F − f| ≤ ω'(√d·2⁻ⁿ) + 2^{−n+2}·ω'(√d), where ω'(t) = ω(w·t), w = max_j (b_j − a_j), is a
 * modulus of f in the normalised coordinates u = (x − a)/(b − a) ∈ [0, 1]ᵈ. For a Lipschitz
 * constant λ this is 5·λ·w·√d·2⁻ⁿ.
 *
 * <p><b>The construction</b> (K = 2ⁿ cells per axis, J = Kᵈ cells, δ = 1/(4K), one ReLU after
 * every hidden layer):
 * <ol>
 *   <li>u = (x − a)/(b − a).</li>
 *   <li>φ₁: u ↦ 4^{ϱ(β)} for u in the cube Q_β = Π [β_i/K, (β_i+1)/K − δ], with
 *       ϱ(β) = 1 + Σ_i β_i·K^{i−1} ∈ {1 … J}. The step function g(u_i) = β_i is the sum over
 *       k = 1 … K−1 of σ(4K·u_i − 4k + 1) − σ(4K·u_i − 4k), each 0 or 1 off the ramps
 *       (k/K − δ, k/K); then ϱ = 1 + Σ K^{i−1} g(u_i), and 4^ϱ is the piecewise linear
 *       interpolant t = 4 + Σ_{k=1}^{J−1} c_k·σ(ϱ − k), c₁ = 12, c_k = 9·4^{k−1}.</li>
 *   <li>L(t) = (a₁t, …, a_n t), a_ℓ = Σ_j θ_{j,ℓ}·4^{−j}, where θ_{j,ℓ} is the ℓ-th binary
 *       digit of f̃(x_β) = (f(x_β) − b)/s truncated to n digits, x_β the cube's lowest
 *       corner, s = 2ω'(√d), b = f(a) − ω'(√d) (so f̃ ∈ [0, 1]).</li>
 *   <li>φ₂(y) = Σ_ℓ 2^{−ℓ}·γ(T(y_ℓ)) with the sawtooth T(y) = h^{∘(2J+1)}(y/2^{2J+1}),
 *       h(v) = 1 − 2σ(v − ½) − 2σ(½ − v), and the clamp γ(v) = 3σ(v − ⅓) − 3σ(v − ⅔).
 *       By Lemma B.2, T(4^j a_ℓ) ∈ [0, ⅓] if θ_{j,ℓ} = 0 and ∈ [⅔, 1] if θ_{j,ℓ} = 1, so
 *       γ(T(4^j a_ℓ)) = θ_{j,ℓ} and φ₂(L(4^j)) = Σ 2^{−ℓ} θ_{j,ℓ}.</li>
 *   <li>F = s·φ₂ + b, so |F(x) − f(x)| ≤ |f(x) − f(x_β)| + s·2⁻ⁿ ≤ ω'(√d/K) + 2^{−n+1}ω'(√d),
 *       within the theorem's bound.</li>
 * </ol>
 * A vector-valued f: ℝᵈ → ℝᵐ gets one block L, φ₂, s, b per component (sharing φ₁), so
 * m·(n + 2) parameters depend on f and the Euclidean bound is √m times the scalar one.
 *
 * <p><b>Arithmetic.</b> Each a_ℓ carries 2J = 2^{dn+1} binary digits. A double holds 53, so
 * this class refuses d·n &gt; {@value #MAX_DN} (2J = 64 bits would be silently truncated).
 * Within the limit φ₁ and L are exact on the cubes: 4K·u is a power-of-two scaling, its
 * differences with integers are exact, and all later values are integers below 2⁵³. The
 * sawtooth doubles each rounding error (at most 2⁻⁵⁴ per layer) 2J + 1 times, so the extracted
 * digits err by at most 3·2^{2J−51}; the certified bound adds s·3·2^{2J−50} plus 10⁻¹²·(|b| + s).
 *
 * <p>The bound is guaranteed at x when u = (x − a)/(b − a) lies in [0, 1]ᵈ and no coordinate
 * lies in a strip (k/K − δ − 10⁻¹², k/K + 10⁻¹²), k = 1 … K−1 (the "trifling region").
 */
public final class IntrinsicParameterNetwork {
    /** The largest d·n whose digits 2^{dn+1} fit in a double's 53-bit significand. */
    public static final int MAX_DN = 4;
    private static final double STRIP_MARGIN = 1e-12;

    private IntrinsicParameterNetwork() {
    }

    /**
     * @param backend where the network lives
     * @param target f: ℝᵈ → ℝᵐ, evaluated at the Kᵈ grid corners x_β and at a
     * @param box K = [a, b] ⊂ ℝᵈ
     * @param modulus ω, a modulus of continuity of f on K (Euclidean norms), e.g.
     *     {@link Modulus#lipschitz}(λ)
     * @param bits n ≥ 1, the number of binary digits stored per cube
     * @return the ReLU network and its certificate
     * @throws IllegalArgumentException on invalid input, naming it, and if d·n &gt; {@value #MAX_DN}
     */
    public static Approximation<Mlp> build(Backend backend, VectorFunction target, BoxDomain box, Modulus modulus,
                                           int bits) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(modulus, "modulus");
        int d = box.dimension();
        if (target.inputDimension() != d) {
            throw new IllegalArgumentException("the target takes " + target.inputDimension()
                    + " variables but the domain " + box + " has dimension " + d);
        }
        if (bits < 1) {
            throw new IllegalArgumentException("the number of bits n must be at least 1, got " + bits);
        }
        if ((long) d * bits > MAX_DN) {
            throw new IllegalArgumentException("the intrinsic-parameter network with d = " + d + " and n = " + bits
                    + " stores 2^(d·n+1) = 2^" + ((long) d * bits + 1) + " binary digits in each a_ℓ, but a double carries 53;"
                    + " double arithmetic limits d·n to " + MAX_DN);
        }
        int m = target.outputDimension();
        int cells = 1 << bits;
        int cubes = 1 << (d * bits);
        double widest = 0.0;
        for (int j = 0; j < d; j++) {
            widest = Math.max(widest, box.width(j));
        }
        double omegaDiameter = modulus.at(widest * Math.sqrt(d));
        double s = 2.0 * omegaDiameter;
        double[] lower = box.lower();
        double[] fa = target.apply(lower);
        double[] b = new double[m];
        for (int r = 0; r < m; r++) {
            b[r] = fa[r] - omegaDiameter;
        }
        double[][] a = digits(target, box, bits, cubes, s, b);

        List<Affine> layers = new ArrayList<>();
        Affine normalise = Affine.zero(d, d);
        for (int i = 0; i < d; i++) {
            normalise.w()[i][i] = 1.0 / box.width(i);
            normalise.b()[i] = -lower[i] / box.width(i);
        }
        layers.add(normalise);
        Affine ramps = Affine.zero(2 * d * (cells - 1), d);
        Affine steps = Affine.zero(d * (cells - 1), 2 * d * (cells - 1));
        Affine index = Affine.zero(1, d * (cells - 1));
        index.b()[0] = 1.0;
        for (int i = 0; i < d; i++) {
            for (int k = 1; k < cells; k++) {
                int step = i * (cells - 1) + k - 1;
                ramps.w()[2 * step][i] = 4.0 * cells;
                ramps.b()[2 * step] = -(4.0 * k - 1.0);
                ramps.w()[2 * step + 1][i] = 4.0 * cells;
                ramps.b()[2 * step + 1] = -4.0 * k;
                steps.w()[step][2 * step] = 1.0;
                steps.w()[step][2 * step + 1] = -1.0;
                index.w()[0][step] = Math.pow(cells, i);
            }
        }
        layers.add(ramps);
        layers.add(steps);
        layers.add(index);
        Affine knots = Affine.zero(cubes - 1, 1);
        Affine power = Affine.zero(1, cubes - 1);
        power.b()[0] = 4.0;
        for (int k = 1; k < cubes; k++) {
            knots.w()[k - 1][0] = 1.0;
            knots.b()[k - 1] = -k;
            power.w()[0][k - 1] = k == 1 ? 12.0 : 9.0 * Math.pow(4.0, k - 1);
        }
        layers.add(knots);
        layers.add(power);
        int blocks = m * bits;
        Affine linear = Affine.zero(blocks, 1);
        for (int r = 0; r < m; r++) {
            for (int l = 0; l < bits; l++) {
                linear.w()[r * bits + l][0] = a[r][l];
            }
        }
        layers.add(linear);
        Affine firstTooth = Affine.zero(2 * blocks, blocks);
        double shrink = Math.scalb(1.0, -(2 * cubes + 1));
        for (int q = 0; q < blocks; q++) {
            firstTooth.w()[2 * q][q] = shrink;
            firstTooth.b()[2 * q] = -0.5;
            firstTooth.w()[2 * q + 1][q] = -shrink;
            firstTooth.b()[2 * q + 1] = 0.5;
        }
        layers.add(firstTooth);
        for (int tooth = 0; tooth < 2 * cubes; tooth++) {
            layers.add(readV(blocks, 1.0, -0.5, -1.0, 0.5));
        }
        layers.add(readV(blocks, 1.0, -1.0 / 3.0, 1.0, -2.0 / 3.0));
        Affine extract = Affine.zero(m, 2 * blocks);
        for (int r = 0; r < m; r++) {
            for (int l = 0; l < bits; l++) {
                double weight = 3.0 * Math.scalb(1.0, -(l + 1));
                extract.w()[r][2 * (r * bits + l)] = weight;
                extract.w()[r][2 * (r * bits + l) + 1] = -weight;
            }
        }
        layers.add(extract);
        Affine output = Affine.zero(m, m);
        for (int r = 0; r < m; r++) {
            output.w()[r][r] = s;
            output.b()[r] = b[r];
        }
        layers.add(output);

        Mlp network = new Mlp(Affine.toParam(layers, backend), PointwiseActivations.relu());
        int[] widths = network.widths();
        int linearLayer = 7;
        int[] dependent = new int[m * (bits + 2)];
        int p = 0;
        for (int q = 0; q < blocks; q++) {
            dependent[p++] = Affine.weightIndex(widths, linearLayer, q, 0);
        }
        for (int r = 0; r < m; r++) {
            dependent[p++] = Affine.weightIndex(widths, widths.length - 1, r, r);
            dependent[p++] = Affine.biasIndex(widths, widths.length - 1, r);
        }
        double perComponent = modulus.at(widest * Math.sqrt(d) * Math.scalb(1.0, -bits))
                + Math.scalb(1.0, -bits + 2) * omegaDiameter;
        double largestB = 0.0;
        for (double v : b) {
            largestB = Math.max(largestB, Math.abs(v));
        }
        double allowance = s * 3.0 * Math.scalb(1.0, 2 * cubes - 50) + ScaledCover.ROUNDING * (largestB + s);
        double bound = Math.sqrt(m) * (perComponent + allowance);
        double delta = 1.0 / (4.0 * cells);
        Certificate certificate = new Certificate("Intrinsic parameters (Theorem 2.1, n = " + bits + ")", bound,
                "on K = " + box + " outside the strips of relative width δ = 1/(4·2^n) = " + delta
                        + " below each grid line k/2^n; nothing is claimed in the strips or outside K",
                widths, 0, dependent, x -> outsideStrips(box, cells, delta, x), null);
        return new Approximation<>(network, certificate);
    }

    /**
     * A layer reading v = 1 − 2p − 2q from the pairs (p, q) of the previous layer (one pair per
     * block) and writing the pair (σ(e₁·v + c₁), σ(e₂·v + c₂)) per block.
     */
    private static Affine readV(int blocks, double e1, double c1, double e2, double c2) {
        Affine layer = Affine.zero(2 * blocks, 2 * blocks);
        for (int q = 0; q < blocks; q++) {
            layer.w()[2 * q][2 * q] = -2.0 * e1;
            layer.w()[2 * q][2 * q + 1] = -2.0 * e1;
            layer.b()[2 * q] = e1 + c1;
            layer.w()[2 * q + 1][2 * q] = -2.0 * e2;
            layer.w()[2 * q + 1][2 * q + 1] = -2.0 * e2;
            layer.b()[2 * q + 1] = e2 + c2;
        }
        return layer;
    }

    /**
     * The intrinsic parameters a_{r,ℓ} = Σ_j θ_{j,ℓ}·4^{−j} of each component r: θ_{j,ℓ} is
     * digit ℓ of ⌊f̃_r(x_β)·2ⁿ⌋ (capped at 2ⁿ − 1, f̃_r clamped to [0, 1]) for j = ϱ(β). Summed
     * exactly as the integer Σ_j θ_{j,ℓ}·4^{J−j} &lt; 2^{2J} and scaled by 4^{−J}.
     */
    private static double[][] digits(VectorFunction target, BoxDomain box, int bits, int cubes, double s,
                                     double[] b) {
        int d = box.dimension();
        int cells = 1 << bits;
        int m = target.outputDimension();
        long[][] packed = new long[m][bits];
        double[] lower = box.lower();
        for (int j = 1; j <= cubes; j++) {
            double[] corner = new double[d];
            int rest = j - 1;
            for (int i = 0; i < d; i++) {
                corner[i] = lower[i] + box.width(i) * (rest % cells) / cells;
                rest /= cells;
            }
            double[] value = target.apply(corner);
            for (int r = 0; r < m; r++) {
                double scaled = s == 0.0 ? 0.0 : Math.min(1.0, Math.max(0.0, (value[r] - b[r]) / s));
                long truncated = Math.min(cells - 1, (long) Math.floor(scaled * cells));
                for (int l = 0; l < bits; l++) {
                    long digit = (truncated >> (bits - 1 - l)) & 1L;
                    packed[r][l] += digit << (2 * (cubes - j));
                }
            }
        }
        double[][] a = new double[m][bits];
        for (int r = 0; r < m; r++) {
            for (int l = 0; l < bits; l++) {
                a[r][l] = Math.scalb((double) packed[r][l], -2 * cubes);
            }
        }
        return a;
    }

    /** @return whether u = (x − a)/(b − a) lies in [0, 1]ᵈ and outside every strip (with margin) */
    private static boolean outsideStrips(BoxDomain box, int cells, double delta, double[] x) {
        box.requirePoint(x);
        double[] lower = box.lower();
        for (int i = 0; i < x.length; i++) {
            double u = (x[i] - lower[i]) / box.width(i);
            if (!(u >= 0.0 && u <= 1.0)) {
                return false;
            }
            double cell = Math.floor(u * cells);
            double nextLine = (cell + 1.0) / cells;
            boolean belowNextLine = nextLine < 1.0 && nextLine - u < delta + STRIP_MARGIN;
            boolean justAboveLine = cell >= 1.0 && u - cell / cells < STRIP_MARGIN;
            if (belowNextLine || justAboveLine) {
                return false;
            }
        }
        return true;
    }
}
