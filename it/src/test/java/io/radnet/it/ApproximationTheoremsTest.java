package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.approx.AffineMap;
import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoundedWidthApproximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.IntrinsicParameterNetwork;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.StepReluBallCover;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.network.FeedForwardNetwork;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The constructive approximators meet their certified bounds on dense grids of K (and, for
 * Theorems 3 and 4, at points far outside K, where F equals the affine part exactly), for
 * smooth, Lipschitz-but-not-smooth and vector-valued targets in one and two variables, on
 * every available backend.
 */
class ApproximationTheoremsTest {
    /** A target with its domain, Lipschitz constant and affine part. */
    record Target(String name, VectorFunction f, BoxDomain box, double lipschitz, AffineMap affine) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static double bump(double r2) {
        return r2 < 1 ? (1 - r2) * (1 - r2) : 0.0;
    }

    private static final BoxDomain LINE = new BoxDomain(new double[] {-1.25}, new double[] {1.25});
    private static final BoxDomain SQUARE = new BoxDomain(new double[] {-1.1, -1.1}, new double[] {1.1, 1.1});
    /** sup |d/dr (1 − r²)²| = 4r(1 − r²) at r = 1/√3. */
    private static final double BUMP_LIPSCHITZ = 8 / (3 * Math.sqrt(3));

    static final List<Target> TARGETS = List.of(
            new Target("smooth bump, n=1", VectorFunction.scalar(1, x -> bump(x[0] * x[0])), LINE, BUMP_LIPSCHITZ,
                    AffineMap.zero(1, 1)),
            new Target("hat (Lipschitz, not smooth), n=1", VectorFunction.scalar(1, x -> Math.max(0, 1 - Math.abs(x[0]))),
                    LINE, 1.0, AffineMap.zero(1, 1)),
            new Target("asymptotically affine 2x+1+hat, n=1",
                    VectorFunction.scalar(1, x -> 2 * x[0] + 1 + Math.max(0, 1 - Math.abs(x[0]))), LINE, 3.0,
                    new AffineMap(new double[][] {{2.0}}, new double[] {1.0})),
            new Target("vector-valued (hat, bump), n=1", VectorFunction.of(1, 2,
                    x -> new double[] {Math.max(0, 1 - Math.abs(x[0])), bump(x[0] * x[0])}), LINE,
                    Math.hypot(1.0, BUMP_LIPSCHITZ), AffineMap.zero(1, 2)),
            new Target("smooth bump, n=2", VectorFunction.scalar(2, x -> bump(x[0] * x[0] + x[1] * x[1])), SQUARE,
                    BUMP_LIPSCHITZ, AffineMap.zero(2, 1)),
            new Target("pyramid (Lipschitz, not smooth), n=2",
                    VectorFunction.scalar(2, x -> Math.max(0, 1 - Math.abs(x[0]) - Math.abs(x[1]))), SQUARE,
                    Math.sqrt(2), AffineMap.zero(2, 1)));

    static Stream<Arguments> backendsAndTargets() {
        return AvailableBackends.names().flatMap(b -> TARGETS.stream().map(t -> Arguments.of(b, t)));
    }

    private static double epsilon(Target t) {
        return t.box().dimension() == 1 ? 0.05 : 0.25;
    }

    private static int gridPerAxis(Target t) {
        return t.box().dimension() == 1 ? 5001 : 161;
    }

    /** Asserts the bound on a grid of K, and F = L with |F − f| below the bound far outside K. */
    private static void assertCertified(Approximation<? extends FeedForwardNetwork> a, Target t, double epsilon,
                                        String what) {
        double bound = a.certificate().bound();
        assertTrue(bound < epsilon, what + ": certified bound " + bound + " < ε = " + epsilon);
        double onGrid = a.maxError(t.f(), t.box().grid(gridPerAxis(t)));
        assertTrue(onGrid <= bound, what + ": max |F − f| on the grid = " + onGrid + " ≤ certified " + bound);
        double[][] far = t.box().farOutside(500, 42);
        double[][] values = a.evaluate(far);
        for (int i = 0; i < far.length; i++) {
            double[] l = t.affine().apply(far[i]);
            for (int r = 0; r < l.length; r++) {
                assertEquals(l[r], values[i][r], 1e-12 * (1 + Math.abs(l[r])), what + ": F = L at " + Arrays.toString(far[i]));
            }
        }
        double outside = a.maxError(t.f(), far);
        assertTrue(outside <= bound, what + ": max |F − f| far outside K = " + outside + " ≤ " + bound);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndTargets")
    void theorem3MeetsItsBoundOnTheGridAndFarOutside(String backend, Target t) {
        Backend b = Backends.get(backend);
        double epsilon = epsilon(t);
        var a = StepReluBallCover.build(b, t.f(), t.box(), Modulus.lipschitz(t.lipschitz()), epsilon, t.affine());
        int n = t.box().dimension();
        int balls = a.certificate().balls();
        int[] widths = a.network().widths();
        assertEquals(balls + 2, widths.length);
        for (int i = 1; i <= balls; i++) {
            assertEquals(n + i, widths[i], "hidden width n + i");
        }
        assertCertified(a, t, epsilon, backend + " Theorem 3, " + t);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndTargets")
    void theorem4MeetsItsBoundWithEveryHiddenWidthNPlusMPlusOne(String backend, Target t) {
        Backend b = Backends.get(backend);
        double epsilon = epsilon(t) / 2;
        var a = BoundedWidthApproximation.build(b, t.f(), t.box(), Modulus.lipschitz(t.lipschitz()), epsilon, t.affine());
        assertHiddenWidths(a, t.f().inputDimension() + t.f().outputDimension() + 1);
        assertCertified(a, t, epsilon, backend + " Theorem 4, " + t);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndTargets")
    void compactVariantMeetsItsBoundOnKWithWidthMaxNMPlusOne(String backend, Target t) {
        Backend b = Backends.get(backend);
        double epsilon = epsilon(t) / 2;
        var a = BoundedWidthApproximation.buildOnCompact(b, t.f(), t.box(), Modulus.lipschitz(t.lipschitz()), epsilon);
        assertHiddenWidths(a, Math.max(t.f().inputDimension(), t.f().outputDimension()) + 1);
        double bound = a.certificate().bound();
        assertTrue(bound < epsilon);
        double onGrid = a.maxError(t.f(), t.box().grid(gridPerAxis(t)));
        assertTrue(onGrid <= bound, backend + " compact variant, " + t + ": max |F − f| on K = " + onGrid + " ≤ " + bound);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndTargets")
    void intrinsicParameterNetworkMeetsTheoremTwoPointOneOutsideTheStrips(String backend, Target t) {
        Backend b = Backends.get(backend);
        int d = t.box().dimension();
        for (int bits = 1; bits * d <= IntrinsicParameterNetwork.MAX_DN; bits++) {
            var a = IntrinsicParameterNetwork.build(b, t.f(), t.box(), Modulus.lipschitz(t.lipschitz()), bits);
            double scalar = 5 * t.lipschitz() * maxWidth(t.box()) * Math.sqrt(d) * Math.scalb(1.0, -bits);
            double bound = a.certificate().bound();
            double m = t.f().outputDimension();
            assertTrue(bound <= Math.sqrt(m) * scalar * (1 + 1e-4), "bound ≈ √m·5λ√d·2⁻ⁿ, got " + bound);
            double[][] grid = Arrays.stream(t.box().grid(gridPerAxis(t))).filter(a.certificate()::isGuaranteedAt)
                    .toArray(double[][]::new);
            assertTrue(grid.length > gridPerAxis(t) / 2, "most of the grid lies outside the strips");
            double err = a.maxError(t.f(), grid);
            assertTrue(err <= bound, backend + " intrinsic n=" + bits + ", " + t + ": max |F − f| = " + err + " ≤ " + bound);
            assertEquals(t.f().outputDimension() * (bits + 2), a.certificate().targetDependentParameters().length);
        }
    }

    private static void assertHiddenWidths(Approximation<?> a, int width) {
        int[] widths = a.network().widths();
        assertEquals(a.certificate().balls(), widths.length - 2, "one hidden layer per ball");
        for (int i = 1; i < widths.length - 1; i++) {
            assertEquals(width, widths[i], "every hidden width is " + width);
        }
    }

    private static double maxWidth(BoxDomain box) {
        double w = 0;
        for (int j = 0; j < box.dimension(); j++) {
            w = Math.max(w, box.width(j));
        }
        return w;
    }
}
