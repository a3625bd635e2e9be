package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Theorems 2.1 and 2.2 checked exactly: F = s·0.ξ₁…ξₙ + b digit for digit on every cube (d = 1,
 * n = 8 and d = 2, n = 4, beyond double precision; d = 1, n = 10 takes ~20 s of CPU and is checked
 * by {@code radnet approximate}, which verifies every cube whenever it evaluates exactly), the bounds only where they say more than
 * the output range, the sizes against the paper's formulas, and the checks failing when one
 * weight is perturbed.
 */
class IntrinsicExactTest {
    /** A 3-Lipschitz wave on [0, 1]. */
    private static final VectorFunction WAVE = VectorFunction.scalar(1, x -> Math.sin(3 * x[0]));
    /** A 2-Lipschitz function on [0, 1]² (gradient norm ≤ √2·√2). */
    private static final VectorFunction BUMP = VectorFunction.scalar(2, x -> Math.sin(x[0] + x[1]) + Math.cos(x[0] - x[1]));

    private static List<Integer> wrongCubes(ExactNetwork network, IntrinsicConstruction c) {
        IntrinsicConstruction.Verification v = c.verify(network, new double[0][]);
        assertEquals(c.cubes(), v.cubesChecked());
        return v.disagreeing();
    }

    /** The digits are ⌊f̃(x_β)·2ⁿ⌋: 0 ≤ f̃(x_β)·2ⁿ − ξ &lt; 1, as (10) of the paper needs. */
    private static void assertDigitsTruncate(IntrinsicConstruction c, VectorFunction f) {
        double s = c.scale();
        double b = c.shift()[0];
        int cells = 1 << c.bits();
        for (int j = 0; j < c.cubes(); j++) {
            double scaled = (f.apply(c.cubeCorner(j))[0] - b) / s * cells;
            long digits = c.storedDigits(0, j);
            assertTrue(scaled - digits >= 0 && scaled - digits < 1, "cube " + j + ": f̃·2ⁿ = " + scaled
                    + ", stored " + digits);
        }
    }

    @Test
    void oneVariableEightBitsIsExactOnEveryCube() {
        IntrinsicConstruction c = IntrinsicParameterNetwork.construct(WAVE, BoxDomain.unitCube(1), Modulus.lipschitz(3), 8);
        assertEquals(256, c.cubes());
        assertFalse(c.fitsDoubles(), "2^9 digits per a_ℓ do not fit a double");
        assertDigitsTruncate(c, WAVE);
        assertEquals(List.of(), wrongCubes(c.network(), c));
    }

    @Test
    void twoVariablesFourBitsIsExactOnEveryCube() {
        IntrinsicConstruction c = IntrinsicParameterNetwork.construct(BUMP, BoxDomain.unitCube(2), Modulus.lipschitz(2), 4);
        assertEquals(256, c.cubes());
        assertFalse(c.fitsDoubles());
        assertDigitsTruncate(c, BUMP);
        assertEquals(List.of(), wrongCubes(c.network(), c));
    }

    @Test
    void everyPerturbedWeightIsCaught() {
        IntrinsicConstruction c = IntrinsicParameterNetwork.construct(BUMP, BoxDomain.unitCube(2), Modulus.lipschitz(2), 3);
        ExactNetwork network = c.network();
        List<ExactAffine> layers = network.layers();
        int linear = 6;
        Rational a1 = layers.get(linear - 1).weight(0, 0);
        Rational lastDigit = Rational.powerOfTwo(-2 * c.cubes());
        ExactNetwork flipped = network.withLayer(linear, layers.get(linear - 1).withWeight(0, 0,
                a1.add(a1.multiply(Rational.powerOfTwo(2 * c.cubes())).numerator().testBit(0) ? lastDigit.negate() : lastDigit)));
        assertEquals(List.of(c.cubes() - 1), wrongCubes(flipped, c), "the last digit of a₁ is θ_{J,1}: cube J − 1 only");
        int firstTooth = linear + 1;
        ExactAffine tooth = layers.get(firstTooth - 1);
        assertEquals(List.of(), wrongCubes(network.withLayer(firstTooth, tooth.withWeight(0, 0, Rational.ZERO)), c),
                "σ(y/2^{2J+1} − ½) is 0 on the cubes (y/2^{2J+1} ≤ ⅙), so its weight is free there");
        ExactNetwork shrunk = network.withLayer(firstTooth, tooth.withWeight(1, 0,
                tooth.weight(1, 0).multiply(Rational.ONE.add(Rational.powerOfTwo(-20)))));
        assertFalse(wrongCubes(shrunk, c).isEmpty(), "the sawtooth amplifies a relative change of 2⁻²⁰");
        int output = network.depth();
        ExactAffine last = layers.get(output - 1);
        ExactNetwork shifted = network.withLayer(output, last.withBias(0, last.bias(0).add(Rational.powerOfTwo(-200))));
        assertEquals(c.cubes(), wrongCubes(shifted, c).size(), "a change of b by 2⁻²⁰⁰, below any double's reach");
        ExactAffine ramps = layers.get(1);
        ExactNetwork ramped = network.withLayer(2, ramps.withBias(0, ramps.bias(0).add(Rational.of(1, 2))));
        assertFalse(wrongCubes(ramped, c).isEmpty(), "a ramp moved by half its width");
    }

    @Test
    void sizesMeetThePapersFormulas() {
        for (int[] dn : new int[][] {{1, 1}, {1, 4}, {1, 10}, {2, 1}, {2, 4}, {3, 2}}) {
            int d = dn[0];
            int n = dn[1];
            IntrinsicConstruction c = IntrinsicParameterNetwork.construct(VectorFunction.scalar(d, x -> x[0]),
                    BoxDomain.unitCube(d), Modulus.lipschitz(1), n);
            long cells = 1L << n;
            long cubes = 1L << (d * n);
            assertEquals(d * (d + 1) + 2 * d * (cells - 1) * (d + 1) + 2 * d * (cells - 1) + 1 + 2 * (cubes - 1) + cubes,
                    c.phiOneParameters(), "φ₁, d = " + d + ", n = " + n);
            assertTrue(c.phiOneParameters() <= 1L << (d * n + 4), "φ₁ ∈ H_{2^{dn+4}}: " + c.phiOneParameters());
            assertTrue(c.phiTwoParameters() <= (1L << (d * n + 5)) * n, "φ₂ ∈ H_{2^{dn+5}n}: " + c.phiTwoParameters());
            assertEquals(12L * n * (cubes + 1) + 1, c.phiTwoParameters(), "φ₂ = n·(4 + 6·2J + 6 + 2) + 1");
            int[] widths = c.network().widths();
            assertEquals(5 + 1 + (2 * cubes + 3) + 1, widths.length - 1, "φ₁ 5, L 1, φ₂ 2J + 3, output 1 layers");
            assertEquals(2 * cubes + 1, widths.length - 1 - 5 - 1 - 2 - 1, "the sawtooth: 2J + 1 layers of h");
        }
        IntrinsicConstruction single = IntrinsicParameterNetwork.construct(VectorFunction.scalar(2, x -> x[0]),
                BoxDomain.unitCube(2), Modulus.lipschitz(1), 1);
        assertEquals(single.phiOneParameters() + 2 + single.phiTwoParameters() + 2, single.certificate().parameterCount(),
                "with m = n = 1 the network is φ₁, L, φ₂ and s·(·) + b, dense");
    }

    /** The bound says something only below s/2: the constant b + s/2 is within s/2 of f everywhere on K. */
    private static void assertBelowHalfTheRange(IntrinsicConstruction c) {
        assertTrue(c.certificate().bound() < c.scale() / 2, c + ": bound " + c.certificate().bound()
                + " is not below s/2 = " + c.scale() / 2 + ", so no network could fail it");
    }

    private static double maxError(VectorFunction f, double[][] points, double[][] values) {
        double worst = 0;
        for (int i = 0; i < points.length; i++) {
            worst = Math.max(worst, Math.abs(values[i][0] - f.apply(points[i])[0]));
        }
        return worst;
    }

    @Test
    void theoremTwoPointOneHoldsInLpWithNarrowedStrips() {
        for (int p : new int[] {1, 2, 4}) {
            IntrinsicConstruction c = IntrinsicParameterNetwork.constructLp(WAVE, BoxDomain.unitCube(1),
                    Modulus.lipschitz(3), 4, p);
            assertBelowHalfTheRange(c);
            assertTrue(Math.scalb(15.0, -c.deltaExponent()) <= Math.pow(2, -4.0 * p), "d(K−1)δ ≤ 2^{−pn}");
            double[][] grid = BoxDomain.unitCube(1).grid(4001);
            double[][] values = c.evaluate(grid);
            double lp = IntrinsicConstruction.lpError(WAVE, grid, values, p);
            assertTrue(lp <= c.certificate().bound(), "p = " + p + ": ‖F − f‖ = " + lp + " > " + c.certificate().bound());
            double[][] outside = java.util.Arrays.stream(grid).filter(c.certificate()::isGuaranteedAt)
                    .toArray(double[][]::new);
            assertTrue(maxError(WAVE, outside, c.evaluate(outside)) <= c.certificate().bound());
        }
        IntrinsicConstruction twoD = IntrinsicParameterNetwork.constructLp(BUMP, BoxDomain.unitCube(2),
                Modulus.lipschitz(2), 3, 2);
        assertBelowHalfTheRange(twoD);
        double[][] grid = BoxDomain.unitCube(2).grid(81);
        assertTrue(IntrinsicConstruction.lpError(BUMP, grid, twoD.evaluate(grid), 2) <= twoD.certificate().bound());
    }

    @Test
    void theoremTwoPointTwoHoldsEverywhereWhereTheoremTwoPointOneFailsInTheStrips() {
        BoxDomain unit = BoxDomain.unitCube(1);
        IntrinsicConstruction uniform = IntrinsicParameterNetwork.constructUniform(WAVE, unit, Modulus.lipschitz(3), 4);
        IntrinsicConstruction strips = IntrinsicParameterNetwork.construct(WAVE, unit, Modulus.lipschitz(3), 4);
        assertBelowHalfTheRange(uniform);
        double[][] grid = unit.grid(4001);
        double uniformError = maxError(WAVE, grid, uniform.evaluate(grid));
        double stripsError = maxError(WAVE, grid, strips.evaluate(grid));
        assertTrue(uniformError <= uniform.certificate().bound(), uniformError + " > " + uniform.certificate().bound());
        assertTrue(stripsError > uniform.certificate().bound(), "without the medians the strips break the bound: "
                + stripsError);
        assertEquals(List.of(), uniform.verify(uniform.network(), new double[0][]).disagreeing());
        IntrinsicConstruction twoD = IntrinsicParameterNetwork.constructUniform(BUMP, BoxDomain.unitCube(2),
                Modulus.lipschitz(2), 3);
        assertBelowHalfTheRange(twoD);
        assertEquals(9 * 3 + 2 + 1, twoD.certificate().targetDependentParameters().length, "3^d·n + 2 (two weights s)");
        double[][] square = BoxDomain.unitCube(2).grid(61);
        double error = maxError(BUMP, square, twoD.evaluate(square));
        assertTrue(error <= twoD.certificate().bound(), error + " > " + twoD.certificate().bound());
    }

    @Test
    void theoremTwoPointThreeStoresEveryDigitInOneParameter() {
        BoxDomain unit = BoxDomain.unitCube(1);
        IntrinsicConstruction c = IntrinsicParameterNetwork.constructThreeParameters(WAVE, unit, Modulus.lipschitz(3), 3);
        IntrinsicConstruction other = IntrinsicParameterNetwork.constructThreeParameters(
                VectorFunction.scalar(1, x -> Math.cos(2 * x[0])), unit, Modulus.lipschitz(3), 3);
        assertBelowHalfTheRange(c);
        assertEquals(3, c.certificate().targetDependentParameters().length, "s, v and b");
        assertTrue(c.packedParameter().orElseThrow().denominator().bitLength() - 1 <= 2 * 8 * 3,
                "v has at most 2J·n = 48 binary digits");
        List<ExactAffine> mine = c.network().layers();
        List<ExactAffine> theirs = other.network().layers();
        assertEquals(mine.size(), theirs.size());
        int differing = 0;
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                differing++;
                assertTrue(i == 0 || i == mine.size() - 1, "layer " + (i + 1) + " differs, but only v (layer 1) and s, b"
                        + " (the output layer) depend on the target");
            }
        }
        assertTrue(differing > 0);
        assertEquals(List.of(), c.verify(c.network(), new double[0][]).disagreeing(), "F = s·0.ξ₁…ξₙ + b on every cube");
        double[][] grid = unit.grid(1001);
        double error = maxError(WAVE, grid, c.evaluate(grid));
        assertTrue(error <= c.certificate().bound(), error + " > " + c.certificate().bound());
        ExactAffine first = mine.get(0);
        int vRow = first.rows() - 1;
        Rational lastDigit = Rational.powerOfTwo(-48);
        ExactNetwork perturbed = c.network().withLayer(1, first.withBias(vRow, first.bias(vRow).add(lastDigit)));
        assertFalse(c.verify(perturbed, new double[0][]).disagreeing().isEmpty(), "one more unit in v's last digit");
    }
}
