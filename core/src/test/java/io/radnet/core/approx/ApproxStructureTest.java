package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Structural claims of the constructions: only the certified parameters depend on the target,
 * and QR-compress keeps the constructed radial networks' functions (and so their bounds).
 */
class ApproxStructureTest {
    private static final BoxDomain SQUARE = new BoxDomain(new double[] {-1, -0.5}, new double[] {1, 1.5});
    /** Both targets are 2-Lipschitz on ℝ² (gradients of norm ≤ 2). */
    private static final VectorFunction F = VectorFunction.of(2, 2,
            x -> new double[] {Math.sin(x[0] + x[1]), Math.abs(x[0]) - Math.cos(x[1])});
    private static final VectorFunction G = VectorFunction.of(2, 2,
            x -> new double[] {Math.max(0, 1 - Math.abs(x[0] - x[1])), Math.tanh(x[0])});
    private static final double R = 2.0;
    private static final Modulus OMEGA = Modulus.lipschitz(R);

    /** Asserts that the flattened parameters of the two networks differ only at the given indices. */
    private static void differOnlyAt(Approximation<?> f, Approximation<?> g, String what) {
        assertArrayEquals(f.certificate().targetDependentParameters(), g.certificate().targetDependentParameters());
        int[] dependent = f.certificate().targetDependentParameters();
        double[] pf = f.network().parameters().flatten();
        double[] pg = g.network().parameters().flatten();
        assertEquals(pf.length, pg.length, what + ": same architecture");
        int differing = 0;
        for (int i = 0; i < pf.length; i++) {
            if (pf[i] != pg[i]) {
                differing++;
                assertTrue(Arrays.binarySearch(dependent, i) >= 0, what + ": parameter " + i + " differs ("
                        + pf[i] + " vs " + pg[i] + ") but is not certified as target-dependent");
            }
        }
        assertTrue(differing > 0, what + ": the targets differ, so some parameter must");
        assertTrue(dependent.length < pf.length, what + ": not every parameter depends on the target");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void twoTargetsGiveNetworksThatDifferOnlyInTheCertifiedParameters(String name) {
        Backend b = Backends.get(name);
        AffineMap zero = AffineMap.zero(2, 2);
        differOnlyAt(StepReluBallCover.build(b, F, SQUARE, OMEGA, 1.0, zero),
                StepReluBallCover.build(b, G, SQUARE, OMEGA, 1.0, zero), "Theorem 3");
        differOnlyAt(BoundedWidthApproximation.build(b, F, SQUARE, OMEGA, 0.5, zero),
                BoundedWidthApproximation.build(b, G, SQUARE, OMEGA, 0.5, zero), "Theorem 4");
        differOnlyAt(BoundedWidthApproximation.buildOnCompact(b, F, SQUARE, OMEGA, 0.5),
                BoundedWidthApproximation.buildOnCompact(b, G, SQUARE, OMEGA, 0.5), "compact variant");
        var fi = IntrinsicParameterNetwork.build(b, F, SQUARE, OMEGA, 2);
        var gi = IntrinsicParameterNetwork.build(b, G, SQUARE, OMEGA, 2);
        differOnlyAt(fi, gi, "intrinsic parameters");
        assertEquals(2 * (2 + 2), fi.certificate().targetDependentParameters().length, "m·(n + 2) intrinsic parameters");
        assertTrue(fi.network().parameters().size() > 40 * fi.certificate().targetDependentParameters().length,
                "the intrinsic parameters are a small part of the network");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void boxesFarFromTheOriginKeepTheBound(String name) {
        Backend b = Backends.get(name);
        BoxDomain far = new BoxDomain(new double[] {1e5 - 1.5}, new double[] {1e5 + 1.5});
        VectorFunction hat = VectorFunction.scalar(1, x -> Math.max(0, 1 - Math.abs(x[0] - 1e5)));
        AffineMap zero = AffineMap.zero(1, 1);
        for (Approximation<?> a : new Approximation<?>[] {StepReluBallCover.build(b, hat, far, Modulus.lipschitz(1), 0.03, zero),
                BoundedWidthApproximation.build(b, hat, far, Modulus.lipschitz(1), 0.03, zero),
                BoundedWidthApproximation.buildOnCompact(b, hat, far, Modulus.lipschitz(1), 0.03)}) {
            double error = a.maxError(hat, far.grid(20_001));
            assertTrue(error <= a.certificate().bound(), a.certificate().construction() + ": " + error);
            assertTrue(error > 0.9 * a.certificate().bound() * 0.75, "the hat nearly attains the cover's part of the bound");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theIntrinsicBoundFailsOnlyInsideTheExcludedStrips(String name) {
        Backend b = Backends.get(name);
        VectorFunction wave = VectorFunction.scalar(1, x -> Math.sin(6 * x[0]));
        BoxDomain unit = BoxDomain.unitCube(1);
        var a = IntrinsicParameterNetwork.build(b, wave, unit, Modulus.lipschitz(6), 4);
        double[][] grid = unit.grid(4001);
        double[][] values = a.evaluate(grid);
        double worstInStrips = 0;
        for (int i = 0; i < grid.length; i++) {
            double error = Math.abs(values[i][0] - wave.apply(grid[i])[0]);
            double u = grid[i][0];
            boolean inStrip = false;
            for (int k = 1; k < 16; k++) {
                inStrip |= u > k / 16.0 - 1 / 64.0 && u < k / 16.0;
            }
            if (inStrip) {
                assertTrue(!a.certificate().isGuaranteedAt(grid[i]), "x = " + u + " lies in a strip");
                worstInStrips = Math.max(worstInStrips, error);
            } else if (a.certificate().isGuaranteedAt(grid[i])) {
                assertTrue(error <= a.certificate().bound(), "x = " + u + ": " + error);
            }
        }
        assertTrue(worstInStrips > a.certificate().bound(), "the strips are really excluded: inside them the ramps of the "
                + "step function give " + worstInStrips + " > " + a.certificate().bound());
    }

    /** Sample points of K at least 10⁻⁸ from every ball's boundary sphere (the capture decision is exact there). */
    private static double[][] awayFromSpheres(BallCover cover, long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[count][];
        int found = 0;
        while (found < count) {
            double[] x = {random.nextDouble(-1, 1), random.nextDouble(-0.5, 1.5)};
            boolean clear = true;
            for (int i = 0; i < cover.size() && clear; i++) {
                double[] c = cover.centre(i);
                clear = Math.abs(Math.hypot(x[0] - c[0], x[1] - c[1]) - cover.radius()) > 1e-8;
            }
            if (clear) {
                points[found++] = x;
            }
        }
        return points;
    }

    private static void compressesLosslessly(Approximation<RadialNetwork> a, BallCover cover, boolean expectReduced,
                                             String what) {
        CompressedNetwork c = QrCompression.compress(a.network());
        assertEquals(expectReduced, c.reduced(), what + ": reduced widths " + Arrays.toString(c.reducedWidths()));
        FeedForwardNetwork rotated = new RadialNetwork(QrCompression.compressWithSymmetry(a.network()).transformed(),
                a.network().profiles(), false);
        Approximation<RadialNetwork> compressed = new Approximation<>(c.network(), a.certificate());
        Approximation<FeedForwardNetwork> transformed = new Approximation<>(rotated, a.certificate());
        double[][] points = awayFromSpheres(cover, 3, 2000);
        double[][] original = a.evaluate(points);
        for (Approximation<?> other : new Approximation<?>[] {compressed, transformed}) {
            double[][] values = other.evaluate(points);
            for (int i = 0; i < points.length; i++) {
                for (int r = 0; r < values[i].length; r++) {
                    assertEquals(original[i][r], values[i][r], 1e-9, what + ": same function at " + Arrays.toString(points[i]));
                }
            }
            double[][] grid = SQUARE.grid(101);
            assertTrue(other.maxError(F, grid) <= a.certificate().bound(), what + ": the bound survives compression");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void qrCompressionKeepsTheoremThreeNetworksExactAndShrinksTheoremFour(String name) {
        Backend b = Backends.get(name);
        var theorem3 = StepReluBallCover.build(b, F, SQUARE, OMEGA, 1.0, AffineMap.zero(2, 2));
        compressesLosslessly(theorem3, BallCover.forLipschitz(SQUARE, R, 1 - 1e-9), false, "Theorem 3 (widths n+i are already minimal)");
        var theorem4 = BoundedWidthApproximation.build(b, F, SQUARE, OMEGA, 1.0, AffineMap.zero(2, 2));
        BallCover cover4 = BallCover.forLipschitz(SQUARE, R, 0.75 * (1 - 1e-9));
        assertEquals(cover4.size(), theorem4.certificate().balls());
        compressesLosslessly(theorem4, cover4, true, "Theorem 4 (first hidden width n+m+1 shrinks to n+1)");
    }
}
