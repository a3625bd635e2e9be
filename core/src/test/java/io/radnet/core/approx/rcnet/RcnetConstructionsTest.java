package io.radnet.core.approx.rcnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The RCNet constructions against their statements: each check returns the largest violation
 * of its construction's claim on a grid (0 when the claim holds), so that the same check can be
 * shown to fail once a weight of g is perturbed.
 */
class RcnetConstructionsTest {
    private static final Backend EJML = Backends.get("ejml");
    private static final double EXACT = 1e-9;
    private static final VectorFunction IDENTITY_1D = VectorFunction.scalar(1, x -> x[0]);

    /** max over x in the good set of |F(x) − ⌊x⌋| for Lemma C.1 with δ = 0.1, n = 6. */
    private static double floorViolation(RcnetApproximation a) {
        List<double[]> points = new ArrayList<>();
        for (int l = 0; l < 6; l++) {
            for (int i = 0; i <= 40; i++) {
                points.add(new double[] {l + (1 - 0.1) * i / 40.0});
            }
        }
        double[][] x = points.toArray(double[][]::new);
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i][0] - Math.floor(x[i][0])));
        }
        return worst;
    }

    /** max over x ∈ [k, k + 1 − δ·1{k ≤ n−2}] of |F(x) − k| for Proposition 3.1 with δ = 0.05, n = 5, m = 8. */
    private static double cubesViolation(RcnetApproximation a) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double end = k + 1 - (k <= 3 ? 0.05 : 0);
            for (int i = 0; i <= 40; i++) {
                points.add(new double[] {k + (end - k) * i / 40.0});
            }
        }
        double[][] x = points.toArray(double[][]::new);
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i][0] - Math.min(4, Math.floor(x[i][0]))));
        }
        return worst;
    }

    private static final int[] BITS = {1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0,
        1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0};

    /** max over k = 0 … R of |F(k, bin 0.θ) − Σ_{ℓ≤k} θ_ℓ| for Lemma D.1 with 47 bits. */
    private static double prefixViolation(RcnetApproximation a) {
        double beta = RcnetConstructions.binary(BITS);
        double[][] x = new double[BITS.length + 1][];
        for (int k = 0; k <= BITS.length; k++) {
            x[k] = new double[] {k, beta};
        }
        double[][] y = a.evaluate(x);
        double worst = 0;
        int sum = 0;
        for (int k = 0; k <= BITS.length; k++) {
            sum += k == 0 ? 0 : BITS[k - 1];
            worst = Math.max(worst, Math.abs(y[k][0] - sum));
        }
        return worst;
    }

    private static final double[] VALUES = values();

    private static double[] values() {
        double[] y = new double[40];
        for (int k = 0; k < y.length; k++) {
            y[k] = 1 + Math.sin(k / 4.0);
        }
        return y;
    }

    private static final double FIT_EPSILON = 0.25;

    /** max over k of |F(k) − y_k| − ε for Proposition 3.2 (≤ 0 when the claim holds). */
    private static double fitViolation(RcnetApproximation a) {
        double[][] x = new double[VALUES.length][];
        for (int k = 0; k < x.length; k++) {
            x[k] = new double[] {k};
        }
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int k = 0; k < x.length; k++) {
            worst = Math.max(worst, Math.abs(y[k][0] - VALUES[k]) - FIT_EPSILON * (1 + 1e-12));
        }
        return Math.max(0, worst);
    }

    /** max over a grid of x, y ∈ [−M, M]^2, t ∈ {±1, ±3} of the selector's deviation from (x or y, t). */
    private static double selectorViolation(RcnetApproximation a) {
        List<double[]> points = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double t = (random.nextBoolean() ? 1 : -1) * (1 + 2 * random.nextInt(2));
            points.add(new double[] {random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextDouble(-3, 3),
                random.nextDouble(-3, 3), t});
        }
        double[][] x = points.toArray(double[][]::new);
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            int from = x[i][4] >= 1 ? 0 : 2;
            worst = Math.max(worst, Math.abs(y[i][0] - x[i][from]));
            worst = Math.max(worst, Math.abs(y[i][1] - x[i][from + 1]));
            worst = Math.max(worst, Math.abs(y[i][2] - x[i][4]));
        }
        return worst;
    }

    private static ReluBlock randomBlock(long seed, int d, int width) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w1 = new double[width][d];
        double[] c1 = new double[width];
        double[][] w2 = new double[d][width];
        double[] c2 = new double[d];
        for (int i = 0; i < width; i++) {
            c1[i] = random.nextDouble(-0.5, 0.5);
            for (int j = 0; j < d; j++) {
                w1[i][j] = random.nextDouble(-0.6, 0.6);
                w2[j][i] = random.nextDouble(-0.6, 0.6);
            }
        }
        for (int j = 0; j < d; j++) {
            c2[j] = random.nextDouble(-0.5, 0.5);
        }
        return new ReluBlock(new double[][][] {w1, w2}, new double[][] {c1, c2});
    }

    private static final ReluBlock FIRST = randomBlock(1, 3, 4);
    private static final ReluBlock SECOND = new ReluBlock(new double[][][] {
        randomBlock(2, 3, 5).weight(0), randomBlock(3, 5, 4).weight(0), randomBlock(2, 3, 4).weight(1)},
        new double[][] {randomBlock(2, 3, 5).bias(0), randomBlock(3, 5, 4).bias(0), randomBlock(2, 3, 4).bias(1)});

    /** max over random x ∈ [−1, 1]^3 of |F(x) − g₂^{∘3} ∘ g₁^{∘4}(x)| for Lemma E.1. */
    private static double mergeViolation(RcnetApproximation a) {
        SplittableRandom random = new SplittableRandom(9);
        double[][] x = new double[100][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {random.nextDouble(-1, 1), random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
        }
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double[] v = x[i];
            for (int k = 0; k < 4; k++) {
                v = FIRST.apply(v);
            }
            for (int k = 0; k < 3; k++) {
                v = SECOND.apply(v);
            }
            for (int j = 0; j < 3; j++) {
                worst = Math.max(worst, Math.abs(y[i][j] - v[j]));
            }
        }
        return worst;
    }

    /**
     * For f(x) = x, ω(t) = t and r = 16 (K = 16, ε = ω(1/K) = 1/16, all dyadic), the proof of
     * Theorem A.1 gives on each cube Q_k = [k/K, (k+1)/K − δ] exactly F = ε⌊f̃(x_k)/ε⌋ + f(0) − ω(1)
     * = k/16: max of |F(x) − ⌊16x⌋/16| over a grid outside the trifling region.
     */
    private static double staircaseViolation(RcnetApproximation a) {
        int points = 201;
        double[][] x = new double[points][];
        for (int i = 0; i < points; i++) {
            x[i] = new double[] {i / (points - 1.0)};
        }
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < points; i++) {
            if (a.certificate().isGuaranteedAt(x[i])) {
                worst = Math.max(worst, Math.abs(y[i][0] - Math.min(15, Math.floor(16 * x[i][0])) / 16));
            }
        }
        return worst;
    }

    /**
     * Theorem 1.3 (Appendix A.3) on the given points: F is Theorem A.2's d-fold mid of Theorem A.1's
     * network ϕ₀ at x + Σ s_i δ e_i, s_i ∈ {−1, 0, 1}, and of each triple along an axis at most one
     * point is in the trifling region or outside [0,1]^d, so F(x) lies between the least and the
     * largest of ϕ₀'s cube values (read at the cube centres) over the cubes of those 3^d points;
     * returns the largest distance of F from that range.
     */
    private static double midHullViolation(RcnetApproximation a, VectorFunction f, Modulus omega, int r, double delta,
                                           double[][] x) {
        int d = f.inputDimension();
        int cubes = RcnetConstructions.cubesPerAxis(r, d);
        RcnetApproximation a1 = RcnetConstructions.theoremA1(EJML, f, omega, r, delta);
        int total = (int) Math.pow(cubes, d);
        double[][] centres = new double[total][d];
        for (int c = 0; c < total; c++) {
            int rest = c;
            for (int axis = d - 1; axis >= 0; axis--) {
                centres[c][axis] = (rest % cubes + 0.5) / cubes;
                rest /= cubes;
            }
        }
        double[][] cubeValue = a1.evaluate(centres);
        double[][] y = a.evaluate(x);
        double worst = 0;
        int shifts = (int) Math.pow(3, d);
        for (int p = 0; p < x.length; p++) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < shifts; s++) {
                int index = 0;
                int rest = s;
                for (int axis = 0; axis < d; axis++) {
                    double t = x[p][axis] + (rest % 3 - 1) * delta;
                    rest /= 3;
                    index = index * cubes + (int) Math.min(cubes - 1, Math.floor(cubes * Math.max(0, Math.min(1, t))));
                }
                low = Math.min(low, cubeValue[index][0]);
                high = Math.max(high, cubeValue[index][0]);
            }
            worst = Math.max(worst, Math.max(low - y[p][0], y[p][0] - high));
        }
        return worst;
    }

    /** @return the candidates where the certificate claims something (outside the excluded region) */
    private static double[][] guaranteed(RcnetApproximation a, List<double[]> candidates) {
        return candidates.stream().filter(a.certificate()::isGuaranteedAt).toArray(double[][]::new);
    }

    /** The n-point grid of [0, 1]. */
    private static double[][] grid(int n) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i / (n - 1.0)};
        }
        return x;
    }

    private static Map<String, RcnetApproximation> constructions() {
        Map<String, RcnetApproximation> all = new LinkedHashMap<>();
        all.put("Lemma C.1", RcnetConstructions.floorByComposition(EJML, 0.1, 6));
        all.put("Proposition 3.1", RcnetConstructions.floorOnCubes(EJML, 0.05, 5, 8));
        all.put("Lemma D.1", RcnetConstructions.prefixSums(EJML, BITS));
        all.put("Proposition 3.2", RcnetConstructions.pointFitting(EJML, FIT_EPSILON, VALUES, 45));
        all.put("Lemma E.2", RcnetConstructions.selector(EJML, 3, 2));
        all.put("Lemma E.1", RcnetConstructions.merge(EJML, FIRST, 4, SECOND, 3, 1));
        all.put("Theorem A.1", RcnetConstructions.theoremA1(EJML, IDENTITY_1D, Modulus.lipschitz(1), 16, 1.0 / 64));
        all.put("Theorem 1.1", RcnetConstructions.theorem11(EJML, IDENTITY_1D, Modulus.lipschitz(1), 16, 2));
        all.put("Theorem 1.3", RcnetConstructions.theorem13(EJML, IDENTITY_1D, Modulus.lipschitz(1), 13));
        return all;
    }

    private static Map<String, ToDoubleFunction<RcnetApproximation>> checks() {
        Map<String, ToDoubleFunction<RcnetApproximation>> all = new LinkedHashMap<>();
        all.put("Lemma C.1", RcnetConstructionsTest::floorViolation);
        all.put("Proposition 3.1", RcnetConstructionsTest::cubesViolation);
        all.put("Lemma D.1", RcnetConstructionsTest::prefixViolation);
        all.put("Proposition 3.2", RcnetConstructionsTest::fitViolation);
        all.put("Lemma E.2", RcnetConstructionsTest::selectorViolation);
        all.put("Lemma E.1", RcnetConstructionsTest::mergeViolation);
        all.put("Theorem A.1", RcnetConstructionsTest::staircaseViolation);
        all.put("Theorem 1.1", RcnetConstructionsTest::staircaseViolation);
        all.put("Theorem 1.3", a -> midHullViolation(a, IDENTITY_1D, Modulus.lipschitz(1), 13, 1.0 / 64, grid(401)));
        return all;
    }

    @Test
    void everyConstructionMeetsItsStatementAndFailsItOnceAWeightOfGIsPerturbed() {
        Map<String, RcnetApproximation> built = constructions();
        Map<String, ToDoubleFunction<RcnetApproximation>> checks = checks();
        for (Map.Entry<String, RcnetApproximation> e : built.entrySet()) {
            RcnetApproximation a = e.getValue();
            double violation = checks.get(e.getKey()).applyAsDouble(a);
            assertTrue(violation <= EXACT, e.getKey() + " violates its statement by " + violation);
            if (e.getKey().equals("Theorem 1.3")) {
                // the largest weight of g's first layer lies in one of the three copies, whose value mid discards
                perturbLargestBlockWeight(a);
                double absorbed = checks.get(e.getKey()).applyAsDouble(a);
                assertTrue(absorbed <= EXACT, "mid did not absorb a perturbed copy: " + absorbed);
                perturbMidPassThrough(a);
            } else {
                perturbLargestBlockWeight(a);
            }
            double perturbed = checks.get(e.getKey()).applyAsDouble(a);
            assertTrue(perturbed > EXACT, e.getKey() + " still passes with a perturbed weight (" + perturbed + ")");
        }
    }

    /**
     * Theorem 1.3's g ends with Lemma E.1's output layer, whose row 0 (the coordinate L₂ reads) adds
     * the selector neuron of mid's output in column 1 with weight 1: makes it 1.01.
     */
    private static void perturbMidPassThrough(RcnetApproximation a) {
        Param p = a.network().parameters();
        Tensor w = p.weight(p.depth() - 1);
        assertEquals(1.0, w.get(0, 1), 0.0);
        double[] values = w.toRowMajor();
        values[1] = 1.01;
        try (Tensor changed = EJML.fromRowMajor(w.rows(), w.cols(), values)) {
            EJML.copy(changed, w);
        }
    }

    /** Adds 1 % (at least 0.01) to the entry of g's first layer of largest magnitude. */
    private static void perturbLargestBlockWeight(RcnetApproximation a) {
        Param p = a.network().parameters();
        Tensor w = p.weight(2);
        double[] values = w.toRowMajor();
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = Math.abs(values[i]) > Math.abs(values[best]) ? i : best;
        }
        values[best] += Math.max(0.01, 0.01 * Math.abs(values[best]));
        try (Tensor changed = EJML.fromRowMajor(w.rows(), w.cols(), values)) {
            EJML.copy(changed, w);
        }
    }

    @Test
    void theorem11HasTheStatedSizesAndItsBoundMeansSomething() {
        int r = 13;
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, IDENTITY_1D, Modulus.lipschitz(1), r, 2);
        RcnetCertificate c = a.certificate();
        // f = x on [0, 1]: the constant 1/2 is within 1/2 everywhere, so only a bound below 1/2 says anything
        assertTrue(c.bound() < 0.5, "the bound " + c.bound() + " is no better than a constant");
        assertEquals(6.0 / r, c.bound(), 1e-15);
        assertEquals(69 + 48, c.blockWidth());
        assertTrue(java.util.Arrays.stream(c.activeWidths()).allMatch(w -> w <= 69 + 48));
        assertEquals(5, c.blockDepth());
        assertEquals(3 * r + 1, c.compositions());
        assertEquals(3 * r + 1, a.network().repetitions());
        assertEquals(5 + 5, c.stateDimension());
        assertArrayEquals(new int[] {1, 10, 117, 117, 117, 117, 117, 10, 1}, a.network().parameters().widths());
        assertTrue(a.network().hasAffineEnd());
        // Lᵖ (p = 2) over a fine grid including the trifling region
        int n = 401;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i / (n - 1.0)};
        }
        double[][] y = a.evaluate(x);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i][0] - x[i][0];
            sum += e * e * (i == 0 || i == n - 1 ? 0.5 : 1) / (n - 1);
        }
        assertTrue(Math.sqrt(sum) <= c.lpBound(), "L2 error " + Math.sqrt(sum) + " > " + c.lpBound());
    }

    @Test
    void theorem11InTwoDimensionsMeetsItsBoundOutsideTheTriflingRegion() {
        VectorFunction f = VectorFunction.scalar(2, x -> Math.sin(3 * x[0]) * x[1]);
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, f, Modulus.lipschitz(Math.sqrt(10)), 9, 2);
        assertEquals(69 * 2 + 48, a.certificate().blockWidth());
        assertEquals(15, a.certificate().stateDimension());
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            for (int j = 0; j <= 12; j++) {
                points.add(new double[] {i / 12.0, j / 12.0});
            }
        }
        double[][] x = guaranteed(a, points);
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i][0] - f.apply(x[i])[0]));
        }
        // K = 3: the construction's own bound 2ω(√2/3) is what holds pointwise
        assertTrue(worst <= 2 * Math.sqrt(10) * Math.sqrt(2) / 3, "error " + worst);
    }

    /**
     * Theorem 1.1 for f(x) = x with K cubes: on each guaranteed point of an n-point grid F(x) is the
     * staircase ⌊Kx⌋/K (f at the cube's corner), up to the rounding of ε = 1/K in L₂; returns the
     * largest deviation from it (the staircase is within 1/K of f, below the certificate's 6/r).
     */
    private static double staircaseDeviation(RcnetApproximation a, int cubes, int n) {
        double[][] x = guaranteed(a, List.of(grid(n)));
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double stair = Math.min(cubes - 1, Math.floor(cubes * x[i][0])) / cubes;
            worst = Math.max(worst, Math.abs(y[i][0] - stair));
        }
        return worst;
    }

    @Test
    void storedBitsBeyondADoubleAreHeldExactlyAndEvaluatedExactly() {
        int r = 27;
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, IDENTITY_1D, Modulus.lipschitz(1), r, 2);
        RcnetCertificate c = a.certificate();
        assertEquals(2 * r - 1, c.storedBits());
        assertEquals("exact", a.evaluator());
        assertTrue(!a.hasDoubleNetwork());
        assertThrows(IllegalStateException.class, a::network);
        assertEquals(3 * r + 1, a.exact().compositions());
        assertEquals(69 + 48, c.blockWidth());
        assertEquals(6.0 / r, c.bound(), 1e-15);
        double deviation = staircaseDeviation(a, r, 61);
        assertTrue(deviation <= 1e-12, "F deviates from the staircase by " + deviation);
        // the same check fails once the largest weight of g's first layer moves by 1 %
        ExactAffine first = a.exact().block().layers().get(0);
        int bestRow = 0;
        int bestCol = 0;
        for (int row = 0; row < first.rows(); row++) {
            for (int col = 0; col < first.cols(); col++) {
                if (first.weight(row, col).abs().compareTo(first.weight(bestRow, bestCol).abs()) > 0) {
                    bestRow = row;
                    bestCol = col;
                }
            }
        }
        Rational largest = first.weight(bestRow, bestCol);
        ExactCompositionNetwork perturbed = a.exact().withBlockLayer(1, first.withWeight(bestRow, bestCol,
                largest.add(largest.abs().multiply(Rational.of(1, 100)))));
        RcnetApproximation broken = new RcnetApproximation(null, perturbed, c);
        assertTrue(staircaseDeviation(broken, r, 61) > 1e-3, "a perturbed network still fits the staircase");
    }

    @Test
    void theExactFormComputesTheStaircaseExactlyWhereTheDoubleNetworkRoundsItsMergedBiases() {
        int r = 24;
        RcnetApproximation a = RcnetConstructions.theorem11(EJML, IDENTITY_1D, Modulus.lipschitz(1), r, 2);
        assertEquals("double", a.evaluator());
        double[][] x = new double[41][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[] {i / 40.0};
        }
        double[][] viaDoubles = a.evaluate(x);
        double[][] viaExact = a.exact().applyRounded(x);
        for (int i = 0; i < x.length; i++) {
            if (a.certificate().isGuaranteedAt(x[i])) {
                // the double network's merged biases o + c are rounded at the offsets' scale (~1e8)
                assertEquals(viaExact[i][0], viaDoubles[i][0], 1e-6, "at x = " + x[i][0]);
            }
        }
        RcnetApproximation exactOnly = new RcnetApproximation(null, a.exact(), a.certificate());
        assertTrue(staircaseDeviation(exactOnly, r, 41) <= 1e-12);
    }

    @Test
    void theorem13HasTheStatedSizesAndMeetsItsBoundEverywhere() {
        int r = 13;
        RcnetApproximation a = RcnetConstructions.theorem13(EJML, IDENTITY_1D, Modulus.lipschitz(1), r);
        RcnetCertificate c = a.certificate();
        assertEquals(6.0 / r, c.bound(), 1e-15);
        assertTrue(c.bound() < 0.5, "the bound " + c.bound() + " is no better than a constant");
        assertEquals(3 * r + 2 - 1, c.compositions());
        assertEquals(3 + 2, c.blockDepth());
        assertEquals(3 * (5 + 4) - 1, c.stateDimension());
        assertEquals(4096, c.theoremWidth());
        assertTrue(c.blockWidth() <= c.theoremWidth(), "width " + c.blockWidth());
        assertTrue(c.excluded().get(0).isEmpty(), "Theorem 1.3 excludes nothing");
        assertTrue(c.claim().contains("δ = " + 1.0 / 64), c.claim());
        double[][] x = grid(1001);
        double[][] y = a.evaluate(x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(y[i][0] - x[i][0]));
        }
        // what the construction proves: 2ω(√d/K) + d·ω(δ), δ = 1/64
        assertTrue(worst <= 2.0 / r + 1.0 / 64, "sup error " + worst + " on the whole of [0, 1]");
        assertTrue(worst <= c.bound());
    }

    @Test
    void theorem13InTwoDimensionsIsTheMidOfMidsOfTheoremA1sCubeValues() {
        VectorFunction f = VectorFunction.scalar(2, x -> Math.sin(3 * x[0]) * x[1]);
        Modulus omega = Modulus.lipschitz(Math.sqrt(10));
        int r = 9;
        RcnetApproximation a = RcnetConstructions.theorem13(EJML, f, omega, r);
        RcnetCertificate c = a.certificate();
        assertEquals(3 * r + 4 - 1, c.compositions());
        assertEquals(3 + 4, c.blockDepth());
        assertEquals(9 * (10 + 4) - 1, c.stateDimension());
        assertTrue(c.blockWidth() <= 2 * Math.pow(4, 7), "width " + c.blockWidth());
        double delta = 1.0 / 16;
        assertTrue(c.claim().contains("δ = " + delta), c.claim());
        // per axis: the ends, points inside the trifling intervals [k/3 − δ, k/3] and next to them
        double[] axis = {0, 0.05, 0.28, 0.31, 1.0 / 3, 0.5, 0.62, 0.66, 0.7, 0.97, 1};
        double[][] x = new double[axis.length * axis.length][];
        for (int i = 0; i < axis.length; i++) {
            for (int j = 0; j < axis.length; j++) {
                x[i * axis.length + j] = new double[] {axis[i], axis[j]};
            }
        }
        double violation = midHullViolation(a, f, omega, r, delta, x);
        assertTrue(violation <= EXACT, "F leaves the range of the mids by " + violation);
    }
}
