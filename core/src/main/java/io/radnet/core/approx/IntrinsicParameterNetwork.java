package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.Mlp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ReLU network F = s·(φ₂ ∘ L ∘ φ₁) + b of "Deep network approximation in terms of intrinsic
 * parameters" (Theorems 2.1 and 2.2, proofs in Appendix A.2, A.3 and B), in which only a₁ … a_n,
 * s and b depend on the target, built with exact dyadic weights and checked by exact evaluation
 * ({@link IntrinsicConstruction}). For f on a box K ⊂ ℝᵈ with modulus of continuity ω the bound is
 * ω'(√d·2⁻ⁿ) + 2^{−n+2}·ω'(√d), where ω'(t) = ω(w·t), w = max_j (b_j − a_j), is a modulus of f in
 * the normalised coordinates u = (x − a)/(b − a) ∈ [0, 1]ᵈ; for a Lipschitz constant λ this is
 * 5·λ·w·√d·2⁻ⁿ. It holds
 * <ul>
 *   <li>{@link #construct}: pointwise on K outside the strips (Theorem A.1 scaled by s), with
 *       δ = 1/(4K);</li>
 *   <li>{@link #constructLp}: in addition in Lᵖ(K) for the uniform probability measure on K
 *       (Theorem 2.1): δ = 2^{−e} with d·(K − 1)·δ ≤ 2^{−pn}, so the strips, where
 *       |F − f| ≤ s, add at most s·2⁻ⁿ to the Lᵖ norm;</li>
 *   <li>{@link #constructUniform}: everywhere on K (Theorem 2.2), through the median
 *       mid(ψ(x − δe_i), ψ(x), ψ(x + δe_i)) taken axis by axis over 3ᵈ shifted copies.</li>
 * </ul>
 *
 * <p><b>The construction</b> (K = 2ⁿ cells per axis, J = Kᵈ cubes, δ = 2^{−e} ≤ 1/(4K), one
 * ReLU after every layer but the last; all weights are dyadic rationals except 1/(b_i − a_i)):
 * <ol>
 *   <li>u = (x − a)/(b − a) (+ δ·t for the shifted copy t ∈ {−1, 0, 1}ᵈ of Theorem 2.2).</li>
 *   <li>φ₁: u ↦ 4^{ϱ(β)} for u in the cube Q_β = Π [β_i/K, (β_i+1)/K − δ], with
 *       ϱ(β) = 1 + Σ_i β_i·K^{i−1} ∈ {1 … J}: one layer of ramps σ(2^e(u_i − k/K) + 1) and
 *       σ(2^e(u_i − k/K)), k = 1 … K−1, whose differences are 1 for u_i ≥ k/K and 0 for
 *       u_i ≤ k/K − δ; the next layer sums them into ϱ; then 4^ϱ is the piecewise linear
 *       interpolant t = 4 + Σ_{k=1}^{J−1} c_k·σ(ϱ − k), c₁ = 12, c_k = 9·4^{k−1}.</li>
 *   <li>L(t) = (a₁t, …, a_n t), a_ℓ = Σ_j θ_{j,ℓ}·4^{−j} (2J binary digits), where θ_{j,ℓ} is
 *       the ℓ-th binary digit ξ_{β,ℓ} of f̃(x_β) = (f(x_β) − b)/s truncated to n digits, x_β the
 *       cube's lowest corner, s = 2ω'(√d), b = f(a) − ω'(√d) (so f̃ ∈ [0, 1]).</li>
 *   <li>φ₂(y) = Σ_ℓ 2^{−ℓ}·γ(T(y_ℓ)) with the sawtooth T(y) = h^{∘(2J+1)}(y/2^{2J+1}),
 *       h(v) = 1 − 2σ(v − ½) − 2σ(½ − v), and the clamp γ(v) = 4σ(v − ⅜) − 4σ(v − ⅝) (any
 *       clamp that is 0 on [0, ⅓] and 1 on [⅔, 1] serves; this one is dyadic). By Lemma B.2,
 *       T(4^j a_ℓ) ∈ [0, ⅓] if θ_{j,ℓ} = 0 and ∈ [⅔, 1] if θ_{j,ℓ} = 1, so
 *       φ₂(L(4^j)) = 0.ξ_{β,1}…ξ_{β,n} exactly, and φ₂ ∈ [0, 1) everywhere.</li>
 *   <li>F = s·φ₂ + b, so F(x) = s·0.ξ_{β,1}…ξ_{β,n} + b exactly on Q_β and
 *       |F(x) − f(x)| ≤ ω'(√d/K) + s·2⁻ⁿ there; everywhere on K, F and f lie in [b, b + s].</li>
 * </ol>
 * A vector-valued f: ℝᵈ → ℝᵐ gets one block L, φ₂, s, b per component (sharing φ₁), so
 * m·(n + 2) parameters depend on f (m·(3ᵈ·n + 2) for Theorem 2.2, whose 3ᵈ copies repeat L) and
 * the Euclidean bound is √m times the scalar one.
 *
 * <p><b>Arithmetic.</b> Each a_ℓ carries 2J = 2^{dn+1} binary digits. {@link IntrinsicConstruction}
 * evaluates the network exactly for d·n ≤ {@value #MAX_EXACT_DN}. A double holds 53 digits, so
 * {@link #build} (the double network) refuses d·n &gt; {@value #MAX_DN}. Within that limit φ₁ and L
 * are exact in doubles on the cubes (power-of-two scalings, integers below 2⁵³), the sawtooth
 * doubles each rounding error (at most 2⁻⁵⁴ per layer) 2J + 1 times, so the extracted digits err
 * by at most 3·2^{2J−51}; the double certificate adds s·3·2^{2J−50} plus 10⁻¹²·(|b| + s) and
 * widens each strip by 10⁻¹² in u.
 */
public final class IntrinsicParameterNetwork {
    /** The largest d·n whose digits 2^{dn+1} fit in a double's 53-bit significand. */
    public static final int MAX_DN = 4;
    /** The largest d·n built for exact evaluation: the sawtooth then has 2^{13} + 1 layers. */
    public static final int MAX_EXACT_DN = 12;
    /** The most copies·components·bits (3ᵈ·m·n, the width of φ₂ over two) a network may have. */
    static final long MAX_BLOCKS = 1L << 16;

    private IntrinsicParameterNetwork() {
    }

    /**
     * Theorem 2.1 (and Theorem A.1 scaled) with δ = 1/(4K): the bound holds pointwise on K
     * outside the strips, which have total measure at most d·(K−1)·δ &lt; d/4.
     *
     * @param target f: ℝᵈ → ℝᵐ, evaluated at the Kᵈ grid corners x_β and at a
     * @param box K = [a, b] ⊂ ℝᵈ
     * @param modulus ω, a modulus of continuity of f on K (Euclidean norms)
     * @param bits n ≥ 1, the number of binary digits stored per cube
     * @return the exact network, its certificate and its checks
     * @throws IllegalArgumentException on invalid input, naming it, and if d·n &gt; {@value #MAX_EXACT_DN}
     */
    public static IntrinsicConstruction construct(VectorFunction target, BoxDomain box, Modulus modulus, int bits) {
        validate(target, box, modulus, bits);
        return assemble(target, box, modulus, bits, bits + 2, 1, Double.NaN);
    }

    /**
     * Theorem 2.1 in Lᵖ: as {@link #construct}, with the strips narrowed to δ = 2^{−e}, e the least
     * integer ≥ n + 2 with d·(K − 1)·2^{−e} ≤ 2^{−pn}. The strips then have measure at most 2^{−pn}
     * (relative to K) and |F − f| ≤ s there, so ‖F − f‖_{Lᵖ} ≤ (bound outside + s·2⁻ⁿ) ≤ the bound.
     *
     * @param target f
     * @param box K
     * @param modulus ω
     * @param bits n ≥ 1
     * @param p the exponent, 1 ≤ p &lt; ∞
     * @return the exact network, its certificate and its checks
     * @throws IllegalArgumentException on invalid input, naming it
     */
    public static IntrinsicConstruction constructLp(VectorFunction target, BoxDomain box, Modulus modulus, int bits,
                                                    double p) {
        validate(target, box, modulus, bits);
        if (!(p >= 1.0) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("the Lᵖ exponent p must be finite and at least 1, got " + p);
        }
        int d = box.dimension();
        double needed = p * bits + Math.log((double) d * ((1L << bits) - 1)) / Math.log(2.0);
        int exponent = Math.max(bits + 2, (int) Math.ceil(needed));
        while (Math.scalb((double) d * ((1L << bits) - 1), -exponent) > Math.pow(2.0, -p * bits)) {
            exponent++;
        }
        if (exponent > 60_000) {
            throw new IllegalArgumentException("the strips for p = " + p + " and n = " + bits + " would need δ = 2^-"
                    + exponent + "; choose a smaller p or n");
        }
        return assemble(target, box, modulus, bits, exponent, 1, p);
    }

    /**
     * Theorem 2.2: the median network over the 3ᵈ copies shifted by δ·t, t ∈ {−1, 0, 1}ᵈ, with
     * δ = 2^{−e} the largest power of two ≤ 1/(4K) with d·ω'(δ) ≤ s·2⁻ⁿ (Lemma A.2: at most one of
     * x − δe_i, x, x + δe_i lies in a strip, so the median is within the bound), certified on all
     * of K: ω'(√d·2⁻ⁿ) + s·2⁻ⁿ + d·ω'(δ) ≤ ω'(√d·2⁻ⁿ) + 2^{−n+2}ω'(√d).
     *
     * @param target f
     * @param box K
     * @param modulus ω
     * @param bits n ≥ 1
     * @return the exact network, its certificate and its checks
     * @throws IllegalArgumentException on invalid input, naming it, or if ω does not fall below
     *     s·2⁻ⁿ/d at any δ ≥ 2^{−1000}
     */
    public static IntrinsicConstruction constructUniform(VectorFunction target, BoxDomain box, Modulus modulus,
                                                         int bits) {
        validate(target, box, modulus, bits);
        int d = box.dimension();
        long copies = 1;
        for (int i = 0; i < d; i++) {
            copies *= 3;
            if (copies * target.outputDimension() * bits > MAX_BLOCKS) {
                throw new IllegalArgumentException("Theorem 2.2 with d = " + d + ", m = " + target.outputDimension()
                        + " and n = " + bits + " needs 3^d·m·n sawtooth blocks, more than " + MAX_BLOCKS);
            }
        }
        double widest = widest(box);
        double s = 2.0 * modulus.at(widest * Math.sqrt(d));
        int exponent = bits + 2;
        while (d * modulus.at(widest * Math.scalb(1.0, -exponent)) > Math.scalb(s, -bits)) {
            exponent++;
            if (exponent > 1000) {
                throw new IllegalArgumentException("the modulus " + modulus + " does not fall below s·2^-n/d = "
                        + Math.scalb(s, -bits) / d + " at any shift δ ≥ 2^-1000");
            }
        }
        return assemble(target, box, modulus, bits, exponent, (int) copies, Double.NaN);
    }

    /**
     * Theorem 2.3: F(x) = s·ϕ(x, v) + b with three target-dependent parameters: v ∈ [0, 1) enters
     * as one bias and holds a₁ … a_n in its 2J·n binary digits (Lemma A.3), s and b as before.
     * ϕ is Theorem 2.2's median network in which the product a_ℓ·t of L is formed inside the
     * network: a ReLU bit extractor reads v one digit per layer (r ↦ 2r − β with
     * β = σ(2^k(r − ½) + 1) − σ(2^k(r − ½)), k the digits left, exact since r is a multiple of
     * 2^{−k}) and sums the digits into a₁ … a_n; then a_ℓ·4^ϱ = Σ_j 4^j·σ(a_ℓ + I_j(ϱ) − 1) with the
     * hats I_j(ϱ) = σ(ϱ−j+1) − 2σ(ϱ−j) + σ(ϱ−j−1), exact for integer ϱ (on the cubes; elsewhere
     * the clamp keeps φ₂ in [0, 1] and the medians discard it). The paper's approximate product
     * ψ_η (Lemma A.4) is not needed: on the cubes this product is exact, so the bound is Theorem
     * 2.2's, certified everywhere on K.
     *
     * @param target f: ℝᵈ → ℝ (one output, as the theorem)
     * @param box K
     * @param modulus ω
     * @param bits n ≥ 1
     * @return the exact network, its certificate (3 target-dependent parameters) and its checks
     * @throws IllegalArgumentException on invalid input, naming it
     */
    public static IntrinsicConstruction constructThreeParameters(VectorFunction target, BoxDomain box, Modulus modulus,
                                                                 int bits) {
        validate(target, box, modulus, bits);
        if (target.outputDimension() != 1) {
            throw new IllegalArgumentException("Theorem 2.3 approximates a scalar target; this one has "
                    + target.outputDimension() + " components");
        }
        IntrinsicConstruction uniform = constructUniform(target, box, modulus, bits);
        int d = box.dimension();
        int copies = 1;
        for (int i = 0; i < d; i++) {
            copies *= 3;
        }
        int cells = 1 << bits;
        int cubes = 1 << (d * bits);
        int digits = 2 * cubes;
        int total = digits * bits;
        int deltaExponent = uniform.deltaExponent();
        Rational delta = Rational.powerOfTwo(-deltaExponent);
        long[][] stored = new long[1][cubes];
        BigInteger v = BigInteger.ZERO;
        for (int j = 0; j < cubes; j++) {
            stored[0][j] = uniform.storedDigits(0, j);
        }
        for (int l = 0; l < bits; l++) {
            v = v.shiftLeft(digits).or(packedDigits(stored[0], l, bits, cubes));
        }
        Rational packed = Rational.dyadic(v, total);

        List<ExactAffine> layers = new ArrayList<>();
        ExactAffine normalise = normalise(box, copies, delta);
        ExactAffine.Builder first = ExactAffine.builder(copies * d + 1, d);
        copyInto(first, normalise);
        first.bias(copies * d, packed);
        layers.add(first.build());
        ExactAffine ramps = ramps(d, copies, cells, deltaExponent, bits);
        ExactAffine.Builder second = ExactAffine.builder(ramps.rows() + 1, copies * d + 1);
        copyInto(second, ramps);
        second.weight(ramps.rows(), copies * d, Rational.ONE);
        layers.add(second.build());
        ExactAffine index = index(d, copies, cells);
        ExactAffine.Builder third = ExactAffine.builder(copies + 1, ramps.rows() + 1);
        copyInto(third, index);
        third.weight(copies, ramps.rows(), Rational.ONE);
        layers.add(third.build());
        // State of an extraction layer: ϱ_c (c < copies), A0, A1, the remainder r, the sums a_1 … a_n.
        int width = copies + 3 + bits;
        List<Term> remainder = List.of(new Term(copies, Rational.ONE));
        List<List<Term>> sums = new ArrayList<>();
        for (int l = 0; l < bits; l++) {
            sums.add(List.of());
        }
        for (int t = 1; t <= total; t++) {
            int inputWidth = layers.get(layers.size() - 1).rows();
            ExactAffine.Builder layer = ExactAffine.builder(width, inputWidth);
            for (int c = 0; c < copies; c++) {
                layer.weight(c, c, Rational.ONE);
            }
            Rational slope = Rational.powerOfTwo(total - t + 1);
            Rational[] row = zeros(inputWidth);
            addForm(row, remainder, slope);
            setRow(layer, copies, row);
            layer.bias(copies, Rational.ONE.subtract(slope.shift(-1)));
            setRow(layer, copies + 1, row);
            layer.bias(copies + 1, slope.shift(-1).negate());
            row = zeros(inputWidth);
            addForm(row, remainder, Rational.ONE);
            setRow(layer, copies + 2, row);
            for (int l = 0; l < bits; l++) {
                row = zeros(inputWidth);
                addForm(row, sums.get(l), Rational.ONE);
                setRow(layer, copies + 3 + l, row);
            }
            layers.add(layer.build());
            List<Term> bit = List.of(new Term(copies, Rational.ONE), new Term(copies + 1, Rational.of(-1)));
            remainder = List.of(new Term(copies + 2, Rational.of(2)), new Term(copies, Rational.of(-1)),
                    new Term(copies + 1, Rational.ONE));
            List<List<Term>> next = new ArrayList<>();
            for (int l = 0; l < bits; l++) {
                List<Term> sum = new ArrayList<>(List.of(new Term(copies + 3 + l, Rational.ONE)));
                if ((t - 1) / digits == l) {
                    Rational place = Rational.powerOfTwo(-((t - 1) % digits + 1));
                    for (Term term : bit) {
                        sum.add(new Term(term.neuron(), term.coefficient().multiply(place)));
                    }
                }
                next.add(sum);
            }
            sums = next;
        }
        int knotsPerCopy = cubes + 2;
        ExactAffine.Builder knots = ExactAffine.builder(copies * knotsPerCopy + bits, width);
        for (int c = 0; c < copies; c++) {
            for (int k = 0; k < knotsPerCopy; k++) {
                knots.weight(c * knotsPerCopy + k, c, Rational.ONE).bias(c * knotsPerCopy + k, Rational.of(-k));
            }
        }
        for (int l = 0; l < bits; l++) {
            Rational[] row = zeros(width);
            addForm(row, sums.get(l), Rational.ONE);
            setRow(knots, copies * knotsPerCopy + l, row);
        }
        layers.add(knots.build());
        ExactAffine.Builder products = ExactAffine.builder(copies * bits * cubes, copies * knotsPerCopy + bits);
        for (int c = 0; c < copies; c++) {
            for (int l = 0; l < bits; l++) {
                for (int j = 1; j <= cubes; j++) {
                    int row = (c * bits + l) * cubes + j - 1;
                    products.weight(row, copies * knotsPerCopy + l, Rational.ONE)
                            .weight(row, c * knotsPerCopy + j - 1, Rational.ONE)
                            .weight(row, c * knotsPerCopy + j, Rational.of(-2))
                            .weight(row, c * knotsPerCopy + j + 1, Rational.ONE)
                            .bias(row, Rational.of(-1));
                }
            }
        }
        layers.add(products.build());
        int blocks = copies * bits;
        ExactAffine.Builder tooth = ExactAffine.builder(2 * blocks, blocks * cubes);
        for (int q = 0; q < blocks; q++) {
            tooth.bias(2 * q, Rational.of(-1, 2)).bias(2 * q + 1, Rational.of(1, 2));
            for (int j = 1; j <= cubes; j++) {
                Rational weight = Rational.powerOfTwo(2 * j - 2 * cubes - 1);
                tooth.weight(2 * q, q * cubes + j - 1, weight).weight(2 * q + 1, q * cubes + j - 1, weight.negate());
            }
        }
        layers.add(tooth.build());
        ExactAffine teeth = readV(blocks, Rational.ONE, Rational.of(-1, 2), Rational.of(-1), Rational.of(1, 2));
        for (int t = 0; t < 2 * cubes; t++) {
            layers.add(teeth);
        }
        layers.add(readV(blocks, Rational.ONE, Rational.of(-3, 8), Rational.ONE, Rational.of(-5, 8)));
        layers.add(extract(copies, 1, bits));
        List<List<Term>> psi = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            psi.add(List.of(new Term(c, Rational.ONE)));
        }
        for (int remaining = copies; remaining > 1; remaining /= 3) {
            psi = midLevel(layers, psi, remaining / 3, 1);
        }
        int last = layers.get(layers.size() - 1).rows();
        ExactAffine.Builder median = ExactAffine.builder(1, last);
        Rational[] row = zeros(last);
        addForm(row, psi.get(0), Rational.ONE);
        setRow(median, 0, row);
        layers.add(median.build());
        layers.add(output(List.of(List.of(new Term(0, Rational.ONE))), 1, uniform.scale(), uniform.shift()));
        return new IntrinsicConstruction(ExactNetwork.reluMlp(layers), target, box, modulus, bits, deltaExponent, copies,
                Double.NaN, uniform.scale(), uniform.shift(), stored, -1, packed);
    }

    private static void copyInto(ExactAffine.Builder builder, ExactAffine layer) {
        for (int r = 0; r < layer.rows(); r++) {
            for (int c = 0; c < layer.cols(); c++) {
                builder.weight(r, c, layer.weight(r, c));
            }
            builder.bias(r, layer.bias(r));
        }
    }

    /**
     * The double network of {@link #construct}: an {@link Mlp} on the backend, certified with the
     * rounding allowance of the class documentation.
     *
     * @param backend where the network lives
     * @param target f: ℝᵈ → ℝᵐ
     * @param box K = [a, b] ⊂ ℝᵈ
     * @param modulus ω, e.g. {@link Modulus#lipschitz}(λ)
     * @param bits n ≥ 1
     * @return the ReLU network and its certificate
     * @throws IllegalArgumentException on invalid input, naming it, and if d·n &gt; {@value #MAX_DN}
     */
    public static Approximation<Mlp> build(Backend backend, VectorFunction target, BoxDomain box, Modulus modulus,
                                           int bits) {
        Objects.requireNonNull(backend, "backend");
        validate(target, box, modulus, bits);
        requireDoubleSize(box.dimension(), bits);
        return construct(target, box, modulus, bits).toDoubleApproximation(backend);
    }

    static void requireDoubleSize(int d, int bits) {
        if ((long) d * bits > MAX_DN) {
            throw new IllegalArgumentException("the intrinsic-parameter network with d = " + d + " and n = " + bits
                    + " stores 2^(d·n+1) = 2^" + ((long) d * bits + 1) + " binary digits in each a_ℓ, but a double carries 53;"
                    + " double arithmetic limits d·n to " + MAX_DN + " (the exact evaluator takes d·n up to "
                    + MAX_EXACT_DN + ")");
        }
    }

    private static void validate(VectorFunction target, BoxDomain box, Modulus modulus, int bits) {
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
        if ((long) d * bits > MAX_EXACT_DN) {
            throw new IllegalArgumentException("the intrinsic-parameter network with d = " + d + " and n = " + bits
                    + " has a sawtooth of 2^(d·n+1) + 1 = 2^" + ((long) d * bits + 1) + " + 1 layers; d·n is limited to "
                    + MAX_EXACT_DN);
        }
        if ((long) target.outputDimension() * bits > MAX_BLOCKS) {
            throw new IllegalArgumentException("m·n = " + (long) target.outputDimension() * bits + " sawtooth blocks exceed "
                    + MAX_BLOCKS);
        }
    }

    static double widest(BoxDomain box) {
        double widest = 0.0;
        for (int j = 0; j < box.dimension(); j++) {
            widest = Math.max(widest, box.width(j));
        }
        return widest;
    }

    /**
     * @param copies 1 (Theorems A.1 and 2.1) or 3ᵈ (Theorem 2.2)
     * @param p the Lᵖ exponent the strips were narrowed for, or NaN
     */
    private static IntrinsicConstruction assemble(VectorFunction target, BoxDomain box, Modulus modulus, int bits,
                                                  int deltaExponent, int copies, double p) {
        int d = box.dimension();
        int m = target.outputDimension();
        int cells = 1 << bits;
        int cubes = 1 << (d * bits);
        double widest = widest(box);
        double omegaDiameter = modulus.at(widest * Math.sqrt(d));
        double s = 2.0 * omegaDiameter;
        double[] fa = target.apply(box.lower());
        double[] b = new double[m];
        for (int r = 0; r < m; r++) {
            b[r] = fa[r] - omegaDiameter;
            if (!Double.isFinite(b[r]) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("s = 2ω(w√d) = " + s + " and b = f(a) − ω(w√d) = " + b[r]
                        + " must be finite");
            }
        }
        long[][] stored = storedDigits(target, box, bits, cubes, s, b);
        Rational delta = Rational.powerOfTwo(-deltaExponent);

        List<ExactAffine> layers = new ArrayList<>();
        layers.add(normalise(box, copies, delta));
        layers.add(ramps(d, copies, cells, deltaExponent, bits));
        layers.add(index(d, copies, cells));
        layers.add(knots(copies, cubes));
        layers.add(power(copies, cubes));
        int linearLayer = layers.size() + 1;
        layers.add(linear(copies, m, bits, cubes, stored));
        int blocks = copies * m * bits;
        layers.add(firstTooth(blocks, cubes));
        ExactAffine tooth = readV(blocks, Rational.ONE, Rational.of(-1, 2), Rational.of(-1), Rational.of(1, 2));
        for (int t = 0; t < 2 * cubes; t++) {
            layers.add(tooth);
        }
        layers.add(readV(blocks, Rational.ONE, Rational.of(-3, 8), Rational.ONE, Rational.of(-5, 8)));
        layers.add(extract(copies, m, bits));
        List<List<Term>> psi = new ArrayList<>();
        for (int q = 0; q < copies * m; q++) {
            psi.add(List.of(new Term(q, Rational.ONE)));
        }
        int remaining = copies;
        while (remaining > 1) {
            psi = midLevel(layers, psi, remaining / 3, m);
            remaining /= 3;
        }
        layers.add(output(psi, layers.get(layers.size() - 1).rows(), s, b));
        ExactNetwork network = ExactNetwork.reluMlp(layers);
        return new IntrinsicConstruction(network, target, box, modulus, bits, deltaExponent, copies, p, s, b, stored,
                linearLayer, null);
    }

    /**
     * The stored digits ⌊f̃_r(x_β)·2ⁿ⌋ (f̃_r clamped to [0, 1], capped at 2ⁿ − 1) of each component r
     * and cube j − 1 = Σ β_i·K^{i−1}.
     */
    private static long[][] storedDigits(VectorFunction target, BoxDomain box, int bits, int cubes, double s,
                                         double[] b) {
        int d = box.dimension();
        int cells = 1 << bits;
        int m = target.outputDimension();
        long[][] stored = new long[m][cubes];
        for (int j = 0; j < cubes; j++) {
            double[] value = target.apply(IntrinsicConstruction.corner(box, bits, j));
            for (int r = 0; r < m; r++) {
                if (!Double.isFinite(value[r])) {
                    throw new IllegalArgumentException("the target is not finite at the cube corner "
                            + Arrays.toString(IntrinsicConstruction.corner(box, bits, j)) + ": " + value[r]);
                }
                double scaled = s == 0.0 ? 0.0 : Math.min(1.0, Math.max(0.0, (value[r] - b[r]) / s));
                stored[r][j] = Math.min(cells - 1, (long) Math.floor(scaled * cells));
            }
        }
        return stored;
    }

    /** u = (x − a)/(b − a) + δ·t for each copy t (copy c = Σ (t_i + 1)·3^i). */
    private static ExactAffine normalise(BoxDomain box, int copies, Rational delta) {
        int d = box.dimension();
        double[] lower = box.lower();
        ExactAffine.Builder layer = ExactAffine.builder(copies * d, d);
        for (int c = 0; c < copies; c++) {
            int rest = c;
            for (int i = 0; i < d; i++) {
                Rational width = Rational.ofDouble(box.width(i));
                int shift = copies == 1 ? 0 : rest % 3 - 1;
                rest /= 3;
                layer.weight(c * d + i, i, Rational.ONE.divide(width));
                layer.bias(c * d + i, Rational.ofDouble(-lower[i]).divide(width).add(delta.multiply(Rational.of(shift))));
            }
        }
        return layer.build();
    }

    /** σ(2^e(u_i − k/K) + 1) and σ(2^e(u_i − k/K)) for every copy, axis i and k = 1 … K − 1. */
    private static ExactAffine ramps(int d, int copies, int cells, int deltaExponent, int bits) {
        ExactAffine.Builder layer = ExactAffine.builder(copies * 2 * d * (cells - 1), copies * d);
        Rational slope = Rational.powerOfTwo(deltaExponent);
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < d; i++) {
                for (int k = 1; k < cells; k++) {
                    int row = 2 * (((c * d) + i) * (cells - 1) + k - 1);
                    Rational edge = Rational.dyadic(BigInteger.valueOf(k), bits - deltaExponent).negate();
                    layer.weight(row, c * d + i, slope).bias(row, edge.add(Rational.ONE));
                    layer.weight(row + 1, c * d + i, slope).bias(row + 1, edge);
                }
            }
        }
        return layer.build();
    }

    /** ϱ = 1 + Σ_i K^{i−1}·Σ_k (ramp₀ − ramp₁) for every copy. */
    private static ExactAffine index(int d, int copies, int cells) {
        ExactAffine.Builder layer = ExactAffine.builder(copies, copies * 2 * d * (cells - 1));
        for (int c = 0; c < copies; c++) {
            layer.bias(c, Rational.ONE);
            Rational place = Rational.ONE;
            for (int i = 0; i < d; i++) {
                for (int k = 1; k < cells; k++) {
                    int column = 2 * (((c * d) + i) * (cells - 1) + k - 1);
                    layer.weight(c, column, place).weight(c, column + 1, place.negate());
                }
                place = place.multiply(Rational.of(cells));
            }
        }
        return layer.build();
    }

    /** σ(ϱ − k), k = 1 … J − 1, for every copy. */
    private static ExactAffine knots(int copies, int cubes) {
        ExactAffine.Builder layer = ExactAffine.builder(copies * (cubes - 1), copies);
        for (int c = 0; c < copies; c++) {
            for (int k = 1; k < cubes; k++) {
                layer.weight(c * (cubes - 1) + k - 1, c, Rational.ONE).bias(c * (cubes - 1) + k - 1, Rational.of(-k));
            }
        }
        return layer.build();
    }

    /** t = 4 + Σ c_k·σ(ϱ − k), c₁ = 12, c_k = 9·4^{k−1}: t(j) = 4^j at the integers j = 1 … J. */
    private static ExactAffine power(int copies, int cubes) {
        ExactAffine.Builder layer = ExactAffine.builder(copies, copies * (cubes - 1));
        for (int c = 0; c < copies; c++) {
            layer.bias(c, Rational.of(4));
            for (int k = 1; k < cubes; k++) {
                Rational coefficient = k == 1 ? Rational.of(12) : Rational.of(BigInteger.valueOf(9).shiftLeft(2 * (k - 1)));
                layer.weight(c, c * (cubes - 1) + k - 1, coefficient);
            }
        }
        return layer.build();
    }

    /** L: t ↦ a_{r,ℓ}·t for every copy, component r and bit ℓ; a_{r,ℓ} = Σ_j θ_{j,ℓ}·4^{−j}. */
    private static ExactAffine linear(int copies, int m, int bits, int cubes, long[][] stored) {
        ExactAffine.Builder layer = ExactAffine.builder(copies * m * bits, copies);
        for (int r = 0; r < m; r++) {
            for (int l = 0; l < bits; l++) {
                Rational a = Rational.dyadic(packedDigits(stored[r], l, bits, cubes), 2 * cubes);
                for (int c = 0; c < copies; c++) {
                    layer.weight((c * m + r) * bits + l, c, a);
                }
            }
        }
        return layer.build();
    }

    /** @return 4^J·a_ℓ = Σ_j θ_{j,ℓ}·4^{J−j}, θ_{j,ℓ} digit ℓ (from the top) of the stored value of cube j − 1 */
    private static BigInteger packedDigits(long[] stored, int l, int bits, int cubes) {
        BigInteger packed = BigInteger.ZERO;
        for (int j = 1; j <= cubes; j++) {
            if (((stored[j - 1] >> (bits - 1 - l)) & 1L) != 0) {
                packed = packed.setBit(2 * (cubes - j));
            }
        }
        return packed;
    }

    /** The pair (σ(y/2^{2J+1} − ½), σ(½ − y/2^{2J+1})) of each block. */
    private static ExactAffine firstTooth(int blocks, int cubes) {
        ExactAffine.Builder layer = ExactAffine.builder(2 * blocks, blocks);
        Rational shrink = Rational.powerOfTwo(-(2 * cubes + 1));
        for (int q = 0; q < blocks; q++) {
            layer.weight(2 * q, q, shrink).bias(2 * q, Rational.of(-1, 2));
            layer.weight(2 * q + 1, q, shrink.negate()).bias(2 * q + 1, Rational.of(1, 2));
        }
        return layer.build();
    }

    /**
     * A layer reading v = 1 − 2p − 2q from the pairs (p, q) of the previous layer (one pair per
     * block) and writing the pair (σ(e₁·v + c₁), σ(e₂·v + c₂)) per block.
     */
    private static ExactAffine readV(int blocks, Rational e1, Rational c1, Rational e2, Rational c2) {
        ExactAffine.Builder layer = ExactAffine.builder(2 * blocks, 2 * blocks);
        Rational minusTwo = Rational.of(-2);
        for (int q = 0; q < blocks; q++) {
            layer.weight(2 * q, 2 * q, minusTwo.multiply(e1)).weight(2 * q, 2 * q + 1, minusTwo.multiply(e1))
                    .bias(2 * q, e1.add(c1));
            layer.weight(2 * q + 1, 2 * q, minusTwo.multiply(e2)).weight(2 * q + 1, 2 * q + 1, minusTwo.multiply(e2))
                    .bias(2 * q + 1, e2.add(c2));
        }
        return layer.build();
    }

    /** ψ₀ = Σ_ℓ 2^{−ℓ}·γ_ℓ = Σ_ℓ 2^{2−ℓ}·(p_ℓ − q_ℓ) of each copy and component. */
    private static ExactAffine extract(int copies, int m, int bits) {
        ExactAffine.Builder layer = ExactAffine.builder(copies * m, 2 * copies * m * bits);
        for (int q = 0; q < copies * m; q++) {
            for (int l = 0; l < bits; l++) {
                Rational weight = Rational.powerOfTwo(1 - l);
                layer.weight(q, 2 * (q * bits + l), weight).weight(q, 2 * (q * bits + l) + 1, weight.negate());
            }
        }
        return layer.build();
    }

    /** A coefficient times a neuron of the last layer: one term of a linear form. */
    private record Term(int neuron, Rational coefficient) {
    }

    private static void addForm(Rational[] row, List<Term> form, Rational factor) {
        for (Term term : form) {
            row[term.neuron()] = row[term.neuron()].add(term.coefficient().multiply(factor));
        }
    }

    private static void setRow(ExactAffine.Builder layer, int rowIndex, Rational[] row) {
        for (int c = 0; c < row.length; c++) {
            layer.weight(rowIndex, c, row[c]);
        }
    }

    private static Rational[] zeros(int width) {
        Rational[] row = new Rational[width];
        Arrays.fill(row, Rational.ZERO);
        return row;
    }

    /**
     * One level of medians mid(A, B, C) of consecutive copies (3g, 3g+1, 3g+2) per component,
     * for values A, B, C ≥ 0 given as linear forms of the last layer's neurons:
     * layer 1: P = σ(A − B), Q = σ(B − A), σ(B), σ(C); layer 2: U = σ(C − B − P) (so
     * min(max(A, B), C) = C − U), μ = σ(B − Q) = min(A, B), σ(C); layer 3: V = σ(C − U − μ), σ(μ);
     * then mid = μ + V (max(μ, min(max(A, B), C)) = mid(A, B, C)).
     *
     * @return the forms of the medians in the neurons of the new last layer
     */
    private static List<List<Term>> midLevel(List<ExactAffine> layers, List<List<Term>> psi, int groups, int m) {
        int width = layers.get(layers.size() - 1).rows();
        ExactAffine.Builder first = ExactAffine.builder(4 * groups * m, width);
        ExactAffine.Builder second = ExactAffine.builder(3 * groups * m, 4 * groups * m);
        ExactAffine.Builder third = ExactAffine.builder(2 * groups * m, 3 * groups * m);
        List<List<Term>> medians = new ArrayList<>();
        Rational one = Rational.ONE;
        Rational minusOne = Rational.of(-1);
        for (int g = 0; g < groups; g++) {
            for (int r = 0; r < m; r++) {
                int q = g * m + r;
                List<Term> a = psi.get((3 * g) * m + r);
                List<Term> bForm = psi.get((3 * g + 1) * m + r);
                List<Term> c = psi.get((3 * g + 2) * m + r);
                Rational[] row = zeros(width);
                addForm(row, a, one);
                addForm(row, bForm, minusOne);
                setRow(first, 4 * q, row);
                row = zeros(width);
                addForm(row, bForm, one);
                addForm(row, a, minusOne);
                setRow(first, 4 * q + 1, row);
                row = zeros(width);
                addForm(row, bForm, one);
                setRow(first, 4 * q + 2, row);
                row = zeros(width);
                addForm(row, c, one);
                setRow(first, 4 * q + 3, row);
                second.weight(3 * q, 4 * q + 3, one).weight(3 * q, 4 * q + 2, minusOne).weight(3 * q, 4 * q, minusOne);
                second.weight(3 * q + 1, 4 * q + 2, one).weight(3 * q + 1, 4 * q + 1, minusOne);
                second.weight(3 * q + 2, 4 * q + 3, one);
                third.weight(2 * q, 3 * q + 2, one).weight(2 * q, 3 * q, minusOne).weight(2 * q, 3 * q + 1, minusOne);
                third.weight(2 * q + 1, 3 * q + 1, one);
                medians.add(List.of(new Term(2 * q + 1, one), new Term(2 * q, one)));
            }
        }
        layers.add(first.build());
        layers.add(second.build());
        layers.add(third.build());
        return medians;
    }

    /** F_r = s·ψ_r + b_r. */
    private static ExactAffine output(List<List<Term>> psi, int width, double s, double[] b) {
        int m = b.length;
        ExactAffine.Builder layer = ExactAffine.builder(m, width);
        Rational scale = Rational.ofDouble(s);
        for (int r = 0; r < m; r++) {
            Rational[] row = zeros(width);
            addForm(row, psi.get(r), scale);
            setRow(layer, r, row);
            layer.bias(r, Rational.ofDouble(b[r]));
        }
        return layer.build();
    }
}
