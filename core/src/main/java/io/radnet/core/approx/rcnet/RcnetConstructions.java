package io.radnet.core.approx.rcnet;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.Param;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The constructions of "On Enhancing Expressive Power via Compositions of Single Fixed-Size ReLU
 * Network" (Zhang, Lu, Zhao; Appendices A–E), each returning a real {@link RepeatedCompositionNetwork}
 * L₂ ∘ g^{∘r} ∘ L₁ whose block g ends with an affine layer, and a {@link RcnetCertificate}.
 *
 * <p>Where the paper's realization would lose the stored bits to rounding, the block is realized
 * differently with the same size and the same function on the inputs the statement speaks of,
 * so that the double-precision network meets the statement: the bit extraction of Lemma D.1
 * computes θ = σ(1 − σ(2^{R−1} − 2^R β)) exactly (integers below 2^53) instead of adding 2^R-sized
 * ReLU values to β, compares the counter k − ℓ with a ramp on [−3/4, −1/4] instead of [−2^{−R}, 0]
 * (the counter is an integer up to the floor's rounding), and the merge of Lemma E.1 selects with
 * per-coordinate offsets switched by exact 0/1 phase indicators instead of adding M·t (see
 * {@link Stage.Merged}). Where Theorem A.1 or 1.1 stores bit strings of more than 52 bits (K^d &gt; 26),
 * those two biases are exact dyadic rationals that no double holds, the network exists only with
 * exact weights ({@link RcnetApproximation#exact()}) and its values are computed exactly; the
 * merge's bounds then treat the stored strings as any value in [0, 1] ({@link Stage.StoredBits},
 * {@link Stage.BitReader}).
 */
public final class RcnetConstructions {
    /** The most binary digits Lemma D.1 stores in one double weight exactly. */
    public static final int MAX_STORED_BITS = 52;
    /**
     * The most binary digits Theorems A.1 and 1.1 store exactly (K^d ≤ 500): Lemma D.1's block
     * multiplies by 2^R, a double; the exact evaluation's cost grows with R.
     */
    public static final int MAX_EXACT_STORED_BITS = 999;

    private RcnetConstructions() {
    }

    /** An affine map v ↦ W v + c. */
    record AffineLayer(double[][] weight, double[] bias) {
        double[] apply(double[] x) {
            double[] y = bias.clone();
            for (int r = 0; r < y.length; r++) {
                for (int c = 0; c < x.length; c++) {
                    y[r] += weight[r][c] * x[c];
                }
            }
            return y;
        }

        double[][] bound(double[][] box) {
            return new ReluBlock(new double[][][] {weight}, new double[][] {bias}).bound(box);
        }
    }

    /** L₂ ∘ g^{∘r} ∘ L₁ under construction, with the stage structure of g. */
    record Built(AffineLayer input, Stage block, int compositions, AffineLayer output) {
    }

    /**
     * @param bits θ₁ … θ_R, each 0 or 1
     * @return bin 0.θ₁…θ_R, exactly
     */
    static Rational binaryExact(int[] bits) {
        BigInteger numerator = BigInteger.ZERO;
        for (int bit : bits) {
            numerator = numerator.shiftLeft(1).add(BigInteger.valueOf(bit));
        }
        return Rational.dyadic(numerator, bits.length);
    }

    // ---------------------------------------------------------------- Lemma C.1 and Proposition 3.1

    /**
     * The block g ∈ NN{9, 1; ℝ⁵ → ℝ⁵} of Lemma C.1: g(x₁, …, x₅) = (σ(x₁ + x₄), σ(x₂ + 2x₃ + 1),
     * σ(x₃) + 1, σ(x₄), σ(x₅) + h(x₁, x₂, x₃)) with h(kx, k², k) = h_k(x), the trapezoid equal to k
     * on [k, k + 1 − δ] and 0 outside (k − δ, k + 1).
     */
    static ReluBlock floorBlock(double delta) {
        double s = 1.0 / delta;
        double[][] w1 = {
            {s, -s, 1, 0, 0}, {s, -s, 0, 0, 0}, {-s, s, s, 0, 0}, {-s, s, s - 1, 0, 0}, {0, 0, 1, 0, 0},
            {1, 0, 0, 1, 0}, {0, 1, 2, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}};
        double[] c1 = {0, 0, 0, 0, 0, 0, 1, 0, 0};
        double[][] w2 = {
            {0, 0, 0, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 1, 0, 0}, {0, 0, 0, 0, 1, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 1, 0}, {1, -1, 1, -1, -1, 0, 0, 0, 1}};
        double[] c2 = {0, 0, 1, 0, 0};
        return new ReluBlock(new double[][][] {w1, w2}, new double[][] {c1, c2});
    }

    /**
     * Lemma C.1: L₂ ∘ g^{∘(n−1)} ∘ L₁(x) = ⌊x⌋ for x ∈ ⋃_{ℓ=0}^{n−1} [ℓ, ℓ + 1 − δ], with
     * g ∈ NN{9, 1; ℝ⁵ → ℝ⁵}, L₁(x) = (x, 1, 1, x, 0) and L₂ = the fifth coordinate.
     *
     * @param backend the backend of the network
     * @param delta δ ∈ (0, 1)
     * @param n n ≥ 2
     * @return the network and its certificate (bound 0: exact up to rounding)
     */
    public static RcnetApproximation floorByComposition(Backend backend, double delta, int n) {
        requireOpenUnit("δ", delta);
        if (n < 2) {
            throw new IllegalArgumentException("Lemma C.1 needs n ≥ 2, got " + n);
        }
        Built built = new Built(new AffineLayer(new double[][] {{1}, {0}, {0}, {1}, {0}}, new double[] {0, 1, 1, 0, 0}),
                new Stage.Leaf(floorBlock(delta)), n - 1, new AffineLayer(new double[][] {{0, 0, 0, 0, 1}}, new double[1]));
        List<double[]> gaps = new ArrayList<>();
        gaps.add(new double[] {Double.NEGATIVE_INFINITY, -Double.MIN_VALUE});
        for (int l = 0; l < n; l++) {
            gaps.add(new double[] {Math.nextUp(l + 1 - delta), Math.nextDown(l + 1.0)});
        }
        gaps.add(new double[] {n, Double.POSITIVE_INFINITY});
        return finish(backend, built, "Lemma C.1 (floor by composition)",
                "F(x) = ⌊x⌋ for x in [ℓ, ℓ + 1 − δ], ℓ = 0 … " + (n - 1) + ", δ = " + delta, 0.0, Double.NaN, Double.NaN,
                9, 1, 0, List.of(gaps), 0);
    }

    /**
     * Proposition 3.1: L₂ ∘ g^{∘(m−1)} ∘ L₁(x) = k for x ∈ [k, k + 1 − δ·1{k ≤ n−2}],
     * k = 0 … n − 1, with Lemma C.1's g for δ̃ = (1 − δ)δ/n and L₁ = Lemma C.1's L₁ ∘ L₀,
     * L₀(x) = (n − δ − δ̃)/n · x + δ.
     *
     * @param backend the backend
     * @param delta δ ∈ (0, 1)
     * @param n 2 ≤ n ≤ m
     * @param m the number of compositions plus one
     * @return the network and its certificate
     */
    public static RcnetApproximation floorOnCubes(Backend backend, double delta, int n, int m) {
        requireOpenUnit("δ", delta);
        if (n < 2 || m < n) {
            throw new IllegalArgumentException("Proposition 3.1 needs 2 ≤ n ≤ m, got n = " + n + ", m = " + m);
        }
        double inner = (1 - delta) * delta / n;
        double slope = (n - delta - inner) / n;
        Built built = new Built(new AffineLayer(new double[][] {{slope}, {0}, {0}, {slope}, {0}},
                new double[] {delta, 1, 1, delta, 0}), new Stage.Leaf(floorBlock(inner)), m - 1,
                new AffineLayer(new double[][] {{0, 0, 0, 0, 1}}, new double[1]));
        List<double[]> gaps = new ArrayList<>();
        gaps.add(new double[] {Double.NEGATIVE_INFINITY, -Double.MIN_VALUE});
        for (int k = 1; k < n; k++) {
            gaps.add(new double[] {Math.nextUp(k - delta), Math.nextDown((double) k)});
        }
        gaps.add(new double[] {Math.nextUp((double) n), Double.POSITIVE_INFINITY});
        return finish(backend, built, "Proposition 3.1 (floor on cubes)", "F(x) = k for x in [k, k + 1 − δ·1{k ≤ n − 2}], k = 0 … "
                + (n - 1) + ", δ = " + delta, 0.0, Double.NaN, Double.NaN, 9, 1, 0, List.of(gaps), 0);
    }

    // ---------------------------------------------------------------- Lemma D.1 and Proposition 3.2

    /**
     * The block g ∈ NN{8, 2; ℝ³ → ℝ³} of Lemma D.1 for R stored bits, on states (k − ℓ, β_ℓ, S):
     * g(x₁, x₂, x₃) = (x₁ − 1, 2x₂ − θ, x₃ + θ·T(x₁)) with θ = 1{x₂ ≥ 1/2} read as
     * σ(1 − σ(2^{R−1} − 2^R x₂)) (exact for x₂ a multiple of 2^{−R}) and T(x₁) = σ(2x₁ + 3/2) −
     * σ(2x₁ + 1/2) (1 for x₁ ≥ −1/4, 0 for x₁ ≤ −3/4). Hidden widths 7 and 6.
     */
    static ReluBlock prefixSumBlock(int bits) {
        double scale = Math.scalb(1.0, bits);
        double[][] w1 = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -scale, 0}, {2, 0, 0}, {2, 0, 0}, {0, 0, 1}};
        double[] c1 = {0, 0, 0, scale / 2, 1.5, 0.5, 0};
        double[][] w2 = {
            {1, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0, 0}, {0, 0, 0, -1, 0, 0, 0},
            {0, 0, 0, -2, 1, -1, 0}, {0, 0, 0, 0, 0, 0, 1}};
        double[] c2 = {0, 0, 0, 1, 0, 0};
        double[][] w3 = {{1, -1, 0, 0, 0, 0}, {0, 0, 2, -1, 0, 0}, {0, 0, 0, 0, 1, 1}};
        double[] c3 = {-1, 0, 0};
        return new ReluBlock(new double[][][] {w1, w2, w3}, new double[][] {c1, c2, c3});
    }

    /**
     * @param bits θ₁ … θ_R, each 0 or 1
     * @return bin 0.θ₁…θ_R, exact
     */
    static double binary(int[] bits) {
        double value = 0;
        for (int i = 0; i < bits.length; i++) {
            value += bits[i] == 1 ? Math.scalb(1.0, -(i + 1)) : 0.0;
        }
        return value;
    }

    private static void requireBits(int[] bits) {
        if (bits.length < 1 || bits.length > MAX_STORED_BITS) {
            throw new IllegalArgumentException("Lemma D.1 stores 1 to " + MAX_STORED_BITS + " bits in a double, got "
                    + bits.length + " (more need the exact evaluator)");
        }
        for (int b : bits) {
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("a stored bit must be 0 or 1, got " + b);
            }
        }
    }

    /**
     * Lemma D.1: L₂ ∘ g^{∘R} ∘ L₁(k, bin 0.θ₁…θ_R) = Σ_{ℓ ≤ k} θ_ℓ for k = 0 … R, with
     * g ∈ NN{8, 2; ℝ³ → ℝ³}, L₁(k, β) = (k − 1, β, 0), L₂ = the third coordinate; g, L₁, L₂ do
     * not depend on the bits. The returned network has the bits' number built in: it maps
     * (k, β) for any β = bin 0.θ₁…θ_R.
     *
     * @param backend the backend
     * @param bits R = bits.length ∈ [1, 52] bits, each 0 or 1; they only fix R here
     * @return the network on ℝ² and its certificate (exact)
     */
    public static RcnetApproximation prefixSums(Backend backend, int[] bits) {
        requireBits(bits);
        int r = bits.length;
        Built built = new Built(new AffineLayer(new double[][] {{1, 0}, {0, 1}, {0, 0}}, new double[] {-1, 0, 0}),
                new Stage.Leaf(prefixSumBlock(r)), r, new AffineLayer(new double[][] {{0, 0, 1}}, new double[1]));
        return finish(backend, built, "Lemma D.1 (prefix sums of stored bits)",
                "F(k, bin 0.θ₁…θ_R) = θ₁ + … + θ_k for k = 0 … " + r + " and any bits (R = " + r + ")", 0.0, Double.NaN,
                Double.NaN, 8, 2, r, List.of(), 0);
    }

    /** The coordinates of Proposition 3.2's state (S_c, β_c, β_d, S_d, x_c, x_d) in its host space. */
    record FitLayout(int sumC, int bitsC, int bitsD, int sumD, int counterC, int counterD) {
        static final FitLayout STANDALONE = new FitLayout(0, 1, 2, 3, 4, 5);
    }

    /** Proposition 3.2's data: a_k = a₀ + Σ_{i≤k} c_i − Σ_{i≤k} d_i with |ε a_k − y_k| ≤ ε. */
    record FitData(double epsilon, long first, int[] up, int[] down) {
        static FitData of(double epsilon, double[] y) {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("ε must be positive and finite, got " + epsilon);
            }
            int n = y.length;
            int bits = Math.max(1, n - 1);
            int[] up = new int[bits];
            int[] down = new int[bits];
            long previous = (long) Math.floor(y[0] / epsilon);
            long first = previous;
            for (int i = 1; i < n; i++) {
                if (!(Math.abs(y[i] - y[i - 1]) <= epsilon * (1 + 1e-12))) {
                    throw new IllegalArgumentException("Proposition 3.2 needs |y_k − y_{k−1}| ≤ ε = " + epsilon
                            + ", but |y_" + i + " − y_" + (i - 1) + "| = " + Math.abs(y[i] - y[i - 1]));
                }
                long a = Math.max(previous - 1, Math.min(previous + 1, (long) Math.floor(y[i] / epsilon)));
                up[i - 1] = a > previous ? 1 : 0;
                down[i - 1] = a < previous ? 1 : 0;
                previous = a;
            }
            return new FitData(epsilon, first, up, down);
        }
    }

    /**
     * Proposition 3.2's block: two Lemma D.1 blocks side by side, placed by the layout in ℝ^dimension;
     * with exact bit strings their bounds keep Lemma D.1's invariants ({@link Stage.BitReader}).
     */
    static Stage fitStage(int dimension, int bits, FitLayout at, boolean exactBits) {
        Stage half = exactBits ? new Stage.BitReader(prefixSumBlock(bits)) : new Stage.Leaf(prefixSumBlock(bits));
        return new Stage.Embedded(dimension, new Stage[] {half, half}, new int[][] {
            {at.counterC(), at.bitsC(), at.sumC()}, {at.counterD(), at.bitsD(), at.sumD()}});
    }

    /**
     * Proposition 3.2: |L₂ ∘ g^{∘(m−1)} ∘ L₁(k) − y_k| ≤ ε for k = 0 … n − 1, given
     * |y_k − y_{k−1}| ≤ ε, with g ∈ NN{16, 2; ℝ⁶ → ℝ⁶} (two Lemma D.1 blocks reading the bits of
     * the rises c_i and falls d_i of a_k = ⌊y_k/ε⌋), L₁(x) = (0, bin 0.c, bin 0.d, 0, x − 1, x − 1)
     * and L₂ = ε(a₀ + S_c − S_d).
     *
     * @param backend the backend
     * @param epsilon ε &gt; 0
     * @param values y₀ … y_{n−1}, n ≥ 1, n − 1 ≤ 52
     * @param m n ≤ m, m ≥ 2: the network composes g m − 1 times
     * @return the network on ℝ and its certificate (bound ε at the integers 0 … n − 1)
     */
    public static RcnetApproximation pointFitting(Backend backend, double epsilon, double[] values, int m) {
        Objects.requireNonNull(values, "values");
        int n = values.length;
        if (n < 1 || m < Math.max(2, n)) {
            throw new IllegalArgumentException("Proposition 3.2 needs 1 ≤ n ≤ m and m ≥ 2, got n = " + n + ", m = " + m);
        }
        FitData fit = FitData.of(epsilon, values);
        requireBits(fit.up());
        FitLayout at = FitLayout.STANDALONE;
        double[][] w = new double[6][1];
        double[] c = new double[6];
        w[at.counterC()][0] = 1;
        w[at.counterD()][0] = 1;
        c[at.counterC()] = -1;
        c[at.counterD()] = -1;
        c[at.bitsC()] = binary(fit.up());
        c[at.bitsD()] = binary(fit.down());
        Built built = new Built(new AffineLayer(w, c), fitStage(6, fit.up().length, at, false), m - 1,
                fitOutput(6, fit, at, 0.0));
        return finish(backend, built, "Proposition 3.2 (point fitting)", "|F(k) − y_k| ≤ ε = " + epsilon + " for k = 0 … "
                + (n - 1), epsilon, Double.NaN, Double.NaN, 16, 2, fit.up().length, List.of(), 0);
    }

    private static AffineLayer fitOutput(int dimension, FitData fit, FitLayout at, double shift) {
        double[][] w = new double[1][dimension];
        w[0][at.sumC()] = fit.epsilon();
        w[0][at.sumD()] = -fit.epsilon();
        return new AffineLayer(w, new double[] {fit.epsilon() * fit.first() + shift});
    }

    // ---------------------------------------------------------------- Lemmas E.2 and E.1

    /**
     * Lemma E.2: ϕ ∈ NN{2d + 2, 1; ℝ^{2d+1} → ℝ^{d+1}}, ϕ(x, y, t) = (z, t) with z = x for t ≥ 1
     * and z = y for t ≤ −1, for x, y ∈ [−M, M]^d: z_j = σ(x_j + Mt) + σ(y_j − Mt) − Mσ(t) − Mσ(−t).
     * As an RCNet: g = ϕ padded to ℝ^{2d+1} (the last d coordinates 0), one composition, L₁ and L₂
     * the identity and the projection on the first d + 1 coordinates.
     *
     * @param backend the backend
     * @param bound M &gt; 0
     * @param d d ≥ 1
     * @return the network and its certificate (exact where stated)
     */
    public static RcnetApproximation selector(Backend backend, double bound, int d) {
        if (!(bound > 0) || !Double.isFinite(bound) || d < 1) {
            throw new IllegalArgumentException("Lemma E.2 needs M > 0 finite and d ≥ 1, got M = " + bound + ", d = " + d);
        }
        int n = 2 * d + 1;
        double[][] w1 = new double[2 * d + 2][n];
        for (int j = 0; j < d; j++) {
            w1[j][j] = 1;
            w1[j][2 * d] = bound;
            w1[d + j][d + j] = 1;
            w1[d + j][2 * d] = -bound;
        }
        w1[2 * d][2 * d] = 1;
        w1[2 * d + 1][2 * d] = -1;
        double[][] w2 = new double[n][2 * d + 2];
        for (int j = 0; j < d; j++) {
            w2[j][j] = 1;
            w2[j][d + j] = 1;
            w2[j][2 * d] = -bound;
            w2[j][2 * d + 1] = -bound;
        }
        w2[d][2 * d] = 1;
        w2[d][2 * d + 1] = -1;
        ReluBlock block = new ReluBlock(new double[][][] {w1, w2}, new double[][] {new double[2 * d + 2], new double[n]});
        double[][] project = new double[d + 1][n];
        for (int j = 0; j < d; j++) {
            project[j][j] = 1;
        }
        project[d][d] = 1;
        Built built = new Built(new AffineLayer(identity(n), new double[n]), new Stage.Leaf(block), 1,
                new AffineLayer(project, new double[d + 1]));
        return finish(backend, built, "Lemma E.2 (selector)", "F(x, y, t) = (x, t) for t ≥ 1 and (y, t) for t ≤ −1, x, y ∈ [−"
                + bound + ", " + bound + "]^" + d, 0.0, Double.NaN, Double.NaN, 2 * d + 2, 1, 0, List.of(), 0);
    }

    /**
     * Lemma E.1: Φ ∈ NN{N₁ + N₂ + 2d, max(L₁, L₂) + 1; ℝ^{d+1} → ℝ^{d+1}} with
     * Φ^{∘(r₁+r₂)}(x, 2r₁ + 1) = (g₂^{∘r₂} ∘ g₁^{∘r₁}(x), 1 − 2r₂) for x ∈ [−A, A]^d (realized as in
     * {@link Stage.Merged}). As an RCNet: L₁(x) = (x, 2r₁ + 1), L₂ = the projection on x.
     *
     * @param backend the backend
     * @param first g₁: ℝ^d → ℝ^d
     * @param firstSteps r₁ ≥ 1
     * @param second g₂: ℝ^d → ℝ^d
     * @param secondSteps r₂ ≥ 1
     * @param range A &gt; 0
     * @return the network and its certificate (exact)
     */
    public static RcnetApproximation merge(Backend backend, ReluBlock first, int firstSteps, ReluBlock second,
                                           int secondSteps, double range) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        int d = first.inputDimension();
        if (first.outputDimension() != d || second.inputDimension() != d || second.outputDimension() != d) {
            throw new IllegalArgumentException("Lemma E.1 composes two maps of one ℝ^d, got " + first + " and " + second);
        }
        if (firstSteps < 1 || secondSteps < 1 || !(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("Lemma E.1 needs r₁, r₂ ≥ 1 and A > 0, got " + firstSteps + ", "
                    + secondSteps + ", " + range);
        }
        double[][] box = {new double[d + 1], new double[d + 1]};
        Arrays.fill(box[0], -range);
        Arrays.fill(box[1], range);
        box[0][d] = 2.0 * firstSteps + 1;
        box[1][d] = 2.0 * firstSteps + 1;
        Stage merged = new Stage.Merged(new Stage.Leaf(first), firstSteps, new Stage.Leaf(second), secondSteps, box);
        double[][] in = new double[d + 1][d];
        for (int j = 0; j < d; j++) {
            in[j][j] = 1;
        }
        double[] inBias = new double[d + 1];
        inBias[d] = 2.0 * firstSteps + 1;
        double[][] out = new double[d][d + 1];
        for (int j = 0; j < d; j++) {
            out[j][j] = 1;
        }
        Built built = new Built(new AffineLayer(in, inBias), merged, firstSteps + secondSteps,
                new AffineLayer(out, new double[d]));
        return finish(backend, built, "Lemma E.1 (merge of two compositions)", "F(x) = g₂^{∘" + secondSteps + "} ∘ g₁^{∘"
                + firstSteps + "}(x) for x in [−" + range + ", " + range + "]^" + d, 0.0, Double.NaN, Double.NaN,
                first.width() + second.width() + 2 * d, Math.max(first.depth(), second.depth()) + 1, 0, List.of(), 0);
    }

    // ---------------------------------------------------------------- Theorems A.1 and 1.1

    /** K = ⌊r^{1/d}⌋, computed in integers. */
    static int cubesPerAxis(int r, int d) {
        int k = (int) Math.floor(Math.pow(r, 1.0 / d));
        while (k > 1 && Math.pow(k, d) > r) {
            k--;
        }
        while (Math.pow(k + 1, d) <= r) {
            k++;
        }
        return Math.max(1, k);
    }

    /** The state of Theorem A.1 for d inputs: 5d + 1 coordinates, then the counters t₁, t₂. */
    private static FitLayout fitLayout(int d) {
        return new FitLayout(0, 1, 2, 3, 4, d >= 2 ? 9 : 5);
    }

    /** Theorem A.1's network and the numbers its certificate and Theorem 1.1 need. */
    record TheoremA1(Built built, double epsilon, int cubes, double delta, int bits, double offset, double shiftedBound) {
    }

    /**
     * Builds Theorem A.1: L₂ ∘ g^{∘(3r−1)} ∘ L₁ on ℝ^{5d+3} with |F − f| ≤ 2ω(√d/K) (≤ 5√d ω(r^{−1/d}))
     * outside the trifling region Ω([0,1]^d, K, δ), K = ⌊r^{1/d}⌋, its merges valid for inputs in [0,1]^d.
     */
    static TheoremA1 theoremA1Parts(VectorFunction target, Modulus omega, int r, double delta) {
        return theoremA1Parts(target, omega, r, delta, 0.0);
    }

    /**
     * Theorem A.1 as {@link #theoremA1Parts(VectorFunction, Modulus, int, double)}, its merges valid
     * for inputs in [−margin, 1 + margin]^d (the statement still speaks of [0,1]^d only).
     */
    static TheoremA1 theoremA1Parts(VectorFunction target, Modulus omega, int r, double delta, double margin) {
        int d = target.inputDimension();
        int cubes = cubesPerAxis(r, d);
        double root = Math.sqrt(d);
        double f0 = target.apply(new double[d])[0];
        double spread = omega.at(root);
        double epsilon = omega.at(root / cubes);
        if (!(epsilon > 0) || !Double.isFinite(epsilon) || !Double.isFinite(spread) || !Double.isFinite(f0)) {
            throw new IllegalArgumentException("Theorem A.1 needs ω(√d/K) > 0 and finite values, got ω(√d/K) = " + epsilon
                    + ", ω(√d) = " + spread + ", f(0) = " + f0);
        }
        int points = 2 * (int) Math.round(Math.pow(cubes, d));
        int bits = Math.max(1, points - 1);
        if (bits > MAX_EXACT_STORED_BITS) {
            throw new IllegalArgumentException("r = " + r + " gives K = " + cubes + " cubes per axis and K^d = "
                    + points / 2 + "; its " + bits + " stored bits exceed the " + MAX_EXACT_STORED_BITS
                    + " the exact construction stores (K^d ≤ 500)");
        }
        boolean exactBits = bits > MAX_STORED_BITS;
        int dim = 5 * d + 1;
        // Step 3: the values y_j = h(j / 2K^d) of the piecewise linear h through (L̂₃(β), f̃(x_β)) and (1, f̃(1))
        double[] y = new double[points];
        int blocks = points / (2 * cubes);
        for (int j = 0; j < points; j++) {
            int i = j / (2 * cubes);
            int k = j % (2 * cubes);
            if (k < cubes) {
                y[j] = shifted(target, cellCorner(i, k, cubes, d), f0, spread);
            } else {
                double left = shifted(target, cellCorner(i, cubes - 1, cubes, d), f0, spread);
                double right = i + 1 < blocks ? shifted(target, cellCorner(i + 1, 0, cubes, d), f0, spread)
                        : shifted(target, filled(d, 1.0), f0, spread);
                y[j] = left + (right - left) * (k - (cubes - 1)) / (cubes + 1.0);
            }
        }
        FitData fit = FitData.of(epsilon, y);
        FitLayout at = fitLayout(d);
        // Step 2: Φ₁ by Proposition 3.1 on each axis (n = K, m = r, δ̃ = Kδ)
        double coarse = cubes * delta;
        double inner = cubes >= 2 ? (1 - coarse) * coarse / cubes : 0.5;
        double slope = cubes >= 2 ? (cubes - coarse - inner) / cubes * cubes : 0.0;
        double shiftIn = cubes >= 2 ? coarse : 0.0;
        Stage floor = new Stage.Leaf(floorBlock(inner));
        Stage[] floors = new Stage[d];
        int[][] floorAt = new int[d][];
        for (int i = 0; i < d; i++) {
            floors[i] = floor;
            floorAt[i] = new int[] {5 * i, 5 * i + 1, 5 * i + 2, 5 * i + 3, 5 * i + 4};
        }
        Stage floorStage = new Stage.Embedded(dim, floors, floorAt);
        // ĝ: the floors' outputs β ↦ j = Σ_i 2K^{d−i} β_i + β_d ↦ Lemma D.1's L₁(j, ·) for both bit strings
        double[][] jump = new double[dim][dim];
        double[] jumpBias = new double[dim];
        for (int i = 0; i < d; i++) {
            double coefficient = i == d - 1 ? 1.0 : 2.0 * Math.pow(cubes, d - 1 - i);
            jump[at.counterC()][5 * i + 4] = coefficient;
            jump[at.counterD()][5 * i + 4] = coefficient;
        }
        jumpBias[at.counterC()] = -1;
        jumpBias[at.counterD()] = -1;
        Stage jumpStage;
        if (exactBits) {
            Rational[] exactBias = new Rational[dim];
            exactBias[at.bitsC()] = binaryExact(fit.up());
            exactBias[at.bitsD()] = binaryExact(fit.down());
            jumpBias[at.bitsC()] = exactBias[at.bitsC()].toDouble();
            jumpBias[at.bitsD()] = exactBias[at.bitsD()].toDouble();
            jumpStage = new Stage.StoredBits(affineBlock(jump, jumpBias, exactBias), new int[] {at.bitsC(), at.bitsD()});
        } else {
            jumpBias[at.bitsC()] = binary(fit.up());
            jumpBias[at.bitsD()] = binary(fit.down());
            jumpStage = new Stage.Leaf(affineBlock(jump, jumpBias, null));
        }
        // Proposition 3.3: merge (floors r − 1 times, ĝ once), then Proposition 3.2's block 2r − 1 times
        double[][] input = new double[dim + 2][d];
        double[] inputBias = new double[dim + 2];
        for (int i = 0; i < d; i++) {
            input[5 * i][i] = slope;
            input[5 * i + 3][i] = slope;
            inputBias[5 * i] = shiftIn;
            inputBias[5 * i + 1] = 1;
            inputBias[5 * i + 2] = 1;
            inputBias[5 * i + 3] = shiftIn;
        }
        inputBias[dim] = 2.0 * (r - 1) + 1;
        inputBias[dim + 1] = 2.0 * r + 1;
        AffineLayer in = new AffineLayer(input, inputBias);
        double[][] inputs = {filled(d, 0.0 - margin), filled(d, 1.0 + margin)};
        double[][] box = in.bound(inputs);
        double[][] innerBox = {Arrays.copyOf(box[0], dim + 1), Arrays.copyOf(box[1], dim + 1)};
        Stage first = new Stage.Merged(floorStage, r - 1, jumpStage, 1, innerBox);
        int[] all = new int[dim];
        for (int j = 0; j < dim; j++) {
            all[j] = j;
        }
        Stage fitting = new Stage.Embedded(dim + 1, new Stage[] {fitStage(dim, bits, at, exactBits)}, new int[][] {all});
        Stage block = new Stage.Merged(first, r, fitting, 2 * r - 1, box);
        double offset = f0 - spread;
        Built built = new Built(in, block, 3 * r - 1, fitOutput(dim + 2, fit, at, offset));
        return new TheoremA1(built, epsilon, cubes, delta, bits, offset, 2 * epsilon);
    }

    private static double shifted(VectorFunction target, double[] x, double f0, double spread) {
        double value = target.apply(x)[0] - f0 + spread;
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("the target is not finite at " + Arrays.toString(x));
        }
        return value;
    }

    /** x_β = β/K for the index β with digits (β₁ … β_{d−1}) = i in base K and β_d = k. */
    private static double[] cellCorner(int i, int k, int cubes, int d) {
        double[] x = new double[d];
        x[d - 1] = (double) k / cubes;
        int rest = i;
        for (int axis = d - 2; axis >= 0; axis--) {
            x[axis] = (double) (rest % cubes) / cubes;
            rest /= cubes;
        }
        return x;
    }

    /**
     * An affine map u ↦ W u + c as a depth-1 ReLU block σ(W u + c) − σ(−W u − c) (constant rows need no
     * neuron); exact (or null) gives the constant rows' values where the double c rounds them.
     */
    static ReluBlock affineBlock(double[][] w, double[] c, Rational[] exact) {
        int n = w.length;
        int cols = w[0].length;
        List<Integer> active = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (Arrays.stream(w[r]).anyMatch(v -> v != 0)) {
                active.add(r);
            }
        }
        double[][] hidden = new double[2 * active.size()][cols];
        double[] hiddenBias = new double[2 * active.size()];
        double[][] out = new double[n][2 * active.size()];
        double[] outBias = new double[n];
        Rational[] outExact = new Rational[n];
        for (int r = 0; r < n; r++) {
            outBias[r] = active.contains(r) ? 0.0 : c[r];
            if (exact != null && !active.contains(r)) {
                outExact[r] = exact[r];
            } else if (exact != null && exact[r] != null) {
                throw new IllegalArgumentException("row " + r + " reads its input; only a constant row holds an exact value");
            }
        }
        for (int a = 0; a < active.size(); a++) {
            int r = active.get(a);
            for (int k = 0; k < cols; k++) {
                hidden[2 * a][k] = w[r][k];
                hidden[2 * a + 1][k] = -w[r][k];
            }
            hiddenBias[2 * a] = c[r];
            hiddenBias[2 * a + 1] = -c[r];
            out[r][2 * a] = 1;
            out[r][2 * a + 1] = -1;
        }
        return new ReluBlock(new double[][][] {hidden, out}, new double[][] {hiddenBias, outBias},
                new Rational[][] {null, outExact});
    }

    /** g₂(x) = min(σ(x + M), 2M) − M = σ(σ(x + M)) − σ(σ(x + M) − 2M) − M: the clipping of Theorem 1.1's proof. */
    static ReluBlock clipBlock(double bound) {
        return new ReluBlock(new double[][][] {{{1}}, {{1}, {1}}, {{1, -1}}},
                new double[][] {{bound}, {0, -2 * bound}, {-bound}});
    }

    /**
     * Theorem A.1 of the RCNet paper: g ∈ NN{39d + 24, 3; ℝ^{5d+3} → ℝ^{5d+3}} and affine L₁, L₂ with
     * |L₂ ∘ g^{∘(3r−1)} ∘ L₁(x) − f(x)| ≤ 5√d ω(r^{−1/d}) for x ∈ [0,1]^d outside the trifling region
     * Ω([0,1]^d, K, δ) = {x : some x_j ∈ [k/K − δ, k/K], k = 1 … K − 1}, K = ⌊r^{1/d}⌋.
     *
     * @param backend the backend
     * @param target f: [0,1]^d → ℝ, continuous
     * @param omega a modulus of continuity of f (Euclidean distances)
     * @param r r ≥ 1
     * @param delta δ ∈ (0, 1/(3K)]
     * @return the network and its certificate
     */
    public static RcnetApproximation theoremA1(Backend backend, VectorFunction target, Modulus omega, int r,
                                               double delta) {
        requireTarget(target, omega, r);
        int d = target.inputDimension();
        int cubes = cubesPerAxis(r, d);
        if (!(delta > 0) || delta > 1.0 / (3 * cubes)) {
            throw new IllegalArgumentException("Theorem A.1 needs δ in (0, 1/(3K)] = (0, " + 1.0 / (3 * cubes)
                    + "], got " + delta);
        }
        TheoremA1 parts = theoremA1Parts(target, omega, r, delta);
        double theorem = 5 * Math.sqrt(d) * omega.at(Math.pow(r, -1.0 / d));
        requireWithin(parts.shiftedBound(), theorem, omega);
        return finish(backend, parts.built(), "Theorem A.1 (RCNet paper)", "|F − f| ≤ 5√d·ω(r^{−1/d}) on [0,1]^" + d
                + " outside the trifling region Ω([0,1]^d, K = " + cubes + ", δ = " + delta + ")", theorem, Double.NaN,
                Double.NaN, 39 * d + 24, 3, parts.bits(), trifling(d, cubes, delta), 0);
    }

    /**
     * Theorem 1.1 of the RCNet paper: g ∈ NN{69d + 48, 5; ℝ^{5d+5} → ℝ^{5d+5}} and affine L₁, L₂ with
     * ‖L₂ ∘ g^{∘(3r+1)} ∘ L₁ − f‖_{Lᵖ([0,1]^d)} ≤ 6√d ω(r^{−1/d}); the network is Theorem A.1's
     * followed by the clipping g₂ = min(max(·, −M), M), M = |f(0)| + ω(√d) + 2ω(√d/K), merged by
     * Proposition 3.3, and |F − f| ≤ 6√d ω(r^{−1/d}) holds at every point outside the trifling region
     * (whose measure is at most dKδ, δ the largest power of 2 with dKδ(2M)ᵖ ≤ ω(r^{−1/d})ᵖ and
     * δ ≤ 1/(3K)). g's hidden layers are padded with zero neurons to the theorem's width 69d + 48.
     *
     * @param backend the backend
     * @param target f: [0,1]^d → ℝ, continuous
     * @param omega a modulus of continuity of f (Euclidean distances; the construction checks the
     *     inequalities between its values that the proof uses)
     * @param r r ≥ 1
     * @param p p ∈ [1, ∞), the exponent of the Lᵖ statement (it fixes δ)
     * @return the network and its certificate
     */
    public static RcnetApproximation theorem11(Backend backend, VectorFunction target, Modulus omega, int r, double p) {
        requireTarget(target, omega, r);
        if (!(p >= 1) || !Double.isFinite(p)) {
            throw new IllegalArgumentException("Theorem 1.1 needs p in [1, ∞), got " + p);
        }
        int d = target.inputDimension();
        int cubes = cubesPerAxis(r, d);
        double rate = omega.at(Math.pow(r, -1.0 / d));
        double theorem = 6 * Math.sqrt(d) * rate;
        double f0 = target.apply(new double[d])[0];
        double clip = Math.abs(f0) + omega.at(Math.sqrt(d)) + 2 * omega.at(Math.sqrt(d) / cubes);
        double allowed = Math.pow(rate / (2 * clip), p) / (d * cubes);
        double delta = Math.min(1.0 / (4 * cubes), Math.scalb(1.0, Math.getExponent(allowed)));
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Theorem 1.1 needs δ > 0 with dKδ(2M)^p ≤ ω(r^{−1/d})^p, but that δ is "
                    + allowed + " (below a double's range); choose a smaller p");
        }
        TheoremA1 parts = theoremA1Parts(target, omega, r, delta);
        requireWithin(parts.shiftedBound(), 5 * Math.sqrt(d) * rate, omega);
        Built built = theorem11Parts(parts, d, r, clip);
        double lp = Math.pow(Math.pow(rate, p) + Math.pow(parts.shiftedBound(), p), 1 / p);
        return finish(backend, built, "Theorem 1.1 (RCNet paper)", "|F − f| ≤ 6√d·ω(r^{−1/d}) = " + theorem + " on [0,1]^"
                + d + " outside the trifling region Ω([0,1]^d, K = " + cubes + ", δ = " + delta + "), and ‖F − f‖_L"
                + p + " ≤ " + theorem + " (F clipped to [−M, M], M = " + clip + ")", theorem, Math.min(lp, theorem), p,
                69 * d + 48, 5, parts.bits(), trifling(d, cubes, delta), 69 * d + 48);
    }

    /** Theorem 1.1's network from Theorem A.1's: the value L̂₂ and the clipping merged by Proposition 3.3. */
    static Built theorem11Parts(TheoremA1 parts, int d, int r, double clip) {
        Built a1 = parts.built();
        int dim = 5 * d + 3;
        int valueAt = 4;
        double[][] value = new double[dim][dim];
        double[] valueBias = new double[dim];
        value[valueAt] = a1.output().weight()[0].clone();
        valueBias[valueAt] = a1.output().bias()[0];
        Stage valueStage = new Stage.Leaf(affineBlock(value, valueBias, null));
        double[][] input = new double[dim + 2][];
        double[] inputBias = new double[dim + 2];
        for (int j = 0; j < dim; j++) {
            input[j] = a1.input().weight()[j].clone();
            inputBias[j] = a1.input().bias()[j];
        }
        input[dim] = new double[d];
        input[dim + 1] = new double[d];
        inputBias[dim] = 2.0 * (3 * r - 1) + 1;
        inputBias[dim + 1] = 2.0 * (3 * r) + 1;
        AffineLayer in = new AffineLayer(input, inputBias);
        double[][] box = in.bound(new double[][] {new double[d], filled(d, 1.0)});
        double[][] innerBox = {Arrays.copyOf(box[0], dim + 1), Arrays.copyOf(box[1], dim + 1)};
        Stage first = new Stage.Merged(a1.block(), 3 * r - 1, valueStage, 1, innerBox);
        Stage clipping = new Stage.Embedded(dim + 1, new Stage[] {new Stage.Leaf(clipBlock(clip))},
                new int[][] {{valueAt}});
        Stage block = new Stage.Merged(first, 3 * r, clipping, 1, box);
        double[][] out = new double[1][dim + 2];
        out[0][valueAt] = 1;
        return new Built(in, block, 3 * r + 1, new AffineLayer(out, new double[1]));
    }

    /**
     * Theorem 1.3 of the RCNet paper (the L∞ statement): g and affine L₁, L₂ with
     * |L₂ ∘ g^{∘(3r+2d−1)} ∘ L₁(x) − f(x)| ≤ 6√d ω(r^{−1/d}) at every x ∈ [0,1]^d, nothing excluded.
     * Appendix A.3: Theorem A.1's network ϕ₀ (valid outside the trifling region Ω(K, δ) with
     * d·ω(δ) ≤ ω(r^{−1/d})) is lifted d times by Theorem A.2, ϕ_{i+1}(x) = mid(ϕ_i(x − δe_{i+1}),
     * ϕ_i(x), ϕ_i(x + δe_{i+1})): at most one of the three points is in Ω or outside [0,1]^d, the
     * other two are within 2ω(√d/K) + i·ω(δ) of f(x), and so is the middle value. Each lift is
     * Proposition 3.3 twice ({@link #midLift}): three copies of g_i side by side, then the three
     * values, then mid (a ReLU network of width 8 and depth 2), so g_{i+1} has state dimension
     * 3d_i + 2 = 3^{i+1}(5d + 4) − 1, depth L_i + 2 = 3 + 2(i + 1) and r_i + 2 compositions. The
     * theorem's width 4^{d+5}·d is reported; g keeps the width it uses (no padding).
     *
     * @param backend the backend
     * @param target f: [0,1]^d → ℝ, continuous
     * @param omega a modulus of continuity of f (Euclidean distances)
     * @param r r ≥ 1
     * @return the network and its certificate (bound 6√d ω(r^{−1/d}) everywhere on [0,1]^d)
     */
    public static RcnetApproximation theorem13(Backend backend, VectorFunction target, Modulus omega, int r) {
        requireTarget(target, omega, r);
        int d = target.inputDimension();
        int cubes = cubesPerAxis(r, d);
        double rate = omega.at(Math.pow(r, -1.0 / d));
        double theorem = 6 * Math.sqrt(d) * rate;
        double delta = Math.scalb(1.0, Math.getExponent(1.0 / (4 * cubes)));
        while (delta > 0 && !(d * omega.at(delta) <= rate)) {
            delta /= 2;
        }
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Theorem 1.3 needs δ > 0 with d·ω(δ) ≤ ω(r^{−1/d}) = " + rate
                    + ", but ω does not fall below it");
        }
        double margin = d * delta;
        TheoremA1 parts = theoremA1Parts(target, omega, r, delta, margin);
        double proved = parts.shiftedBound() + d * omega.at(delta);
        requireWithin(parts.shiftedBound(), 5 * Math.sqrt(d) * rate, omega);
        double[][] inputs = {filled(d, -margin), filled(d, 1.0 + margin)};
        Built built = parts.built();
        for (int axis = 0; axis < d; axis++) {
            built = midLift(built, axis, delta, inputs);
        }
        List<List<double[]>> nothing = new ArrayList<>();
        for (int axis = 0; axis < d; axis++) {
            nothing.add(List.of());
        }
        return finish(backend, built, "Theorem 1.3 (RCNet paper)", "|F − f| ≤ 6√d·ω(r^{−1/d}) = " + theorem
                + " at every point of [0,1]^" + d + " (mid of Theorem A.1's network at x and x ± δe_i, K = " + cubes
                + ", δ = " + delta + "; proved here " + proved + ")", theorem, theorem, Double.POSITIVE_INFINITY,
                (int) Math.min(Integer.MAX_VALUE, Math.pow(4, d + 5) * d), 3 + 2 * d, parts.bits(), nothing, 0);
    }

    /**
     * Theorem A.2's step along an axis as an RCNet (Proposition 3.3 twice): from ϕ = L₂ ∘ g^{∘r'} ∘ L₁
     * on ℝ^D, ϕ'(x) = mid(ϕ(x − δe), ϕ(x), ϕ(x + δe)) = L₂' ∘ g'^{∘(r'+2)} ∘ L₁'(x) with
     * L₁'(x) = (L₁(x − δe), L₁(x), L₁(x + δe), 2r' + 1, 2r' + 3), g' = merge(merge(g × g × g, r',
     * values, 1), r' + 1, mid, 1) on ℝ^{3D+2}, the values ϕ of each copy written to its first
     * coordinate, and L₂' the first coordinate.
     *
     * @param inner ϕ
     * @param axis the axis e
     * @param delta δ
     * @param inputs {lower, upper} of the inputs x the merges must be valid for
     */
    static Built midLift(Built inner, int axis, double delta, double[][] inputs) {
        int dim = inner.block().dimension();
        int d = inner.input().weight()[0].length;
        Stage copies = new Stage.Embedded(3 * dim, new Stage[] {inner.block(), inner.block(), inner.block()},
                new int[][] {range(0, dim), range(dim, 2 * dim), range(2 * dim, 3 * dim)});
        double[][] value = new double[3 * dim][3 * dim];
        double[] valueBias = new double[3 * dim];
        double[] read = inner.output().weight()[0];
        for (int copy = 0; copy < 3; copy++) {
            System.arraycopy(read, 0, value[copy * dim], copy * dim, dim);
            valueBias[copy * dim] = inner.output().bias()[0];
        }
        Stage values = new Stage.Leaf(affineBlock(value, valueBias, null));
        double[][] input = new double[3 * dim + 2][];
        double[] inputBias = new double[3 * dim + 2];
        for (int copy = 0; copy < 3; copy++) {
            for (int j = 0; j < dim; j++) {
                input[copy * dim + j] = inner.input().weight()[j].clone();
                inputBias[copy * dim + j] = inner.input().bias()[j] + (copy - 1) * delta * inner.input().weight()[j][axis];
            }
        }
        int steps = inner.compositions();
        input[3 * dim] = new double[d];
        input[3 * dim + 1] = new double[d];
        inputBias[3 * dim] = 2.0 * steps + 1;
        inputBias[3 * dim + 1] = 2.0 * (steps + 1) + 1;
        AffineLayer in = new AffineLayer(input, inputBias);
        double[][] box = in.bound(inputs);
        double[][] innerBox = {Arrays.copyOf(box[0], 3 * dim + 1), Arrays.copyOf(box[1], 3 * dim + 1)};
        Stage first = new Stage.Merged(copies, steps, values, 1, innerBox);
        Stage middle = new Stage.Embedded(3 * dim + 1, new Stage[] {new Stage.Leaf(midBlock())},
                new int[][] {{0, dim, 2 * dim}});
        Stage block = new Stage.Merged(first, steps + 1, middle, 1, box);
        double[][] out = new double[1][3 * dim + 2];
        out[0][0] = 1;
        return new Built(in, block, steps + 2, new AffineLayer(out, new double[1]));
    }

    /**
     * mid: ℝ³ → ℝ³, (a, b, c) ↦ (mid(a, b, c), 0, 0) with mid = a + b + c − max − min, as a ReLU
     * network of widths 8 and 6: m = max(a, b) = σ(a − b) + b, n = min(a, b) = b − σ(b − a),
     * max(m, c) = σ(m − c) + c, min(n, c) = c − σ(c − n), every identity u = σ(u) − σ(−u).
     */
    static ReluBlock midBlock() {
        // hidden 1: σ(a − b), σ(b − a), σ(a), σ(−a), σ(b), σ(−b), σ(c), σ(−c)
        double[][] w1 = {{1, -1, 0}, {-1, 1, 0}, {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        // hidden 2: σ(m − c), σ(c − n), σ(c), σ(−c), σ(s), σ(−s) with s = a + b + c
        double[][] w2 = {
            {1, 0, 0, 0, 1, -1, -1, 1}, {0, 1, 0, 0, -1, 1, 1, -1}, {0, 0, 0, 0, 0, 0, 1, -1}, {0, 0, 0, 0, 0, 0, -1, 1},
            {0, 0, 1, -1, 1, -1, 1, -1}, {0, 0, -1, 1, -1, 1, -1, 1}};
        // mid = s − σ(m − c) − 2c + σ(c − n)
        double[][] w3 = {{-1, 1, -2, 2, 1, -1}, new double[6], new double[6]};
        return new ReluBlock(new double[][][] {w1, w2, w3}, new double[][] {new double[8], new double[6], new double[3]});
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    private static void requireWithin(double proved, double theorem, Modulus omega) {
        if (!(proved <= theorem * (1 + 1e-12))) {
            throw new IllegalArgumentException("the modulus " + omega + " is not subadditive enough for the theorem: "
                    + "2ω(√d/K) = " + proved + " exceeds the theorem's " + theorem);
        }
    }

    private static void requireTarget(VectorFunction target, Modulus omega, int r) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(omega, "omega");
        if (target.outputDimension() != 1) {
            throw new IllegalArgumentException("the RCNet theorems approximate a scalar f, got " + target.outputDimension()
                    + " outputs");
        }
        if (r < 1) {
            throw new IllegalArgumentException("the number of compositions r must be at least 1, got " + r);
        }
    }

    private static List<List<double[]>> trifling(int d, int cubes, double delta) {
        List<double[]> axis = new ArrayList<>();
        for (int k = 1; k < cubes; k++) {
            axis.add(new double[] {(double) k / cubes - delta, (double) k / cubes});
        }
        List<List<double[]>> all = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            all.add(axis);
        }
        return all;
    }

    private static void requireOpenUnit(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in (0, 1), got " + value);
        }
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /**
     * Converts the construction into an {@link ExactCompositionNetwork} and, when every weight is a
     * double, a {@link RepeatedCompositionNetwork}, with g's activations (ReLU, …, ReLU, identity),
     * g's hidden layers padded with zero neurons to {@code padTo} when positive, and attaches the
     * certificate.
     */
    private static RcnetApproximation finish(Backend backend, Built built, String name, String claim, double bound,
                                             double lpBound, double p, int theoremWidth, int theoremDepth, int storedBits,
                                             List<List<double[]>> excluded, int padTo) {
        Objects.requireNonNull(backend, "backend");
        ReluBlock g = built.block().net;
        int[] active = g.hiddenWidths();
        int hidden = g.depth();
        int m = g.inputDimension();
        int[] widths = new int[hidden + 4];
        widths[0] = built.input().weight()[0].length;
        widths[1] = m;
        for (int l = 0; l < hidden; l++) {
            widths[l + 2] = Math.max(active[l], padTo);
        }
        widths[hidden + 2] = m;
        widths[hidden + 3] = built.output().bias().length;
        int blockWidth = Arrays.stream(widths, 2, hidden + 2).max().orElse(0);
        RcnetCertificate certificate = new RcnetCertificate(name, claim, bound, lpBound, p, m, active, blockWidth, hidden,
                built.compositions(), theoremWidth, theoremDepth, storedBits, excluded);
        List<ExactAffine> exactBlock = new ArrayList<>();
        boolean[] relu = new boolean[hidden + 1];
        for (int l = 0; l <= hidden; l++) {
            exactBlock.add(g.exactLayer(l, widths[l + 2], widths[l + 1]));
            relu[l] = l < hidden;
        }
        ExactCompositionNetwork exact = new ExactCompositionNetwork(
                ExactAffine.ofDoubles(built.input().weight(), built.input().bias()), ExactNetwork.of(exactBlock, relu),
                built.compositions(), ExactAffine.ofDoubles(built.output().weight(), built.output().bias()));
        if (storedBits > MAX_STORED_BITS) {
            return new RcnetApproximation(null, exact, certificate);
        }
        Param param = Param.zeros(backend, widths, false);
        fill(backend, param, 1, built.input().weight(), built.input().bias());
        for (int l = 0; l <= hidden; l++) {
            fill(backend, param, l + 2, g.weight(l), g.bias(l));
        }
        fill(backend, param, hidden + 3, built.output().weight(), built.output().bias());
        List<PointwiseActivation> activations = new ArrayList<>();
        for (int l = 0; l < hidden; l++) {
            activations.add(PointwiseActivations.relu());
        }
        activations.add(PointwiseActivations.identity());
        RepeatedCompositionNetwork network = new RepeatedCompositionNetwork(param, hidden + 1, built.compositions(),
                activations);
        return new RcnetApproximation(network, exact, certificate);
    }

    /** Writes W (rows × cols, possibly smaller than the layer: the rest stays 0) and c into layer i of param. */
    private static void fill(Backend backend, Param param, int layer, double[][] w, double[] c) {
        int rows = param.width(layer);
        int cols = param.width(layer - 1);
        double[] flat = new double[rows * cols];
        for (int r = 0; r < w.length; r++) {
            System.arraycopy(w[r], 0, flat, r * cols, w[r].length);
        }
        double[] bias = Arrays.copyOf(c, rows);
        try (Tensor weight = backend.fromRowMajor(rows, cols, flat); Tensor b = backend.fromRowMajor(1, rows, bias)) {
            backend.copy(weight, param.weight(layer));
            backend.copy(b, param.bias(layer));
        }
    }
}
