package io.radnet.core.approx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.RadialNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every construction's network survives a model file: saved as safetensors and as JSON and
 * loaded back on the same backend, it has bitwise the same parameters, kind, widths and
 * activation, computes bitwise the same outputs, and still meets the certificate's bound on a
 * dense grid of K (and, for Theorems 3 and 4 with a compactly supported target, far outside K).
 * The radial ones are QR-compressed after loading, and the compressed network, saved and loaded
 * again, still meets the bound.
 */
class ApproxModelFilesTest {
    /** A 2-Lipschitz map ℝ² → ℝ² (gradients of norm ≤ 2), smooth in one component, not in the other. */
    private static final VectorFunction F = VectorFunction.of(2, 2,
            x -> new double[] {Math.sin(x[0] + x[1]), Math.abs(x[0]) - Math.cos(x[1])});
    private static final BoxDomain SQUARE = new BoxDomain(new double[] {-1, -0.5}, new double[] {1, 1.5});
    /** A 1-Lipschitz hat that vanishes outside [−1, 1], so the radial bounds hold on all of ℝ. */
    private static final VectorFunction HAT = VectorFunction.scalar(1, x -> Math.max(0, 1 - Math.abs(x[0])));
    private static final BoxDomain INTERVAL = new BoxDomain(new double[] {-1.5}, new double[] {1.5});
    /** A 6-Lipschitz wave on [0, 1], where the intrinsic network's normalising bias is −0.0. */
    private static final VectorFunction WAVE = VectorFunction.scalar(1, x -> Math.sin(6 * x[0]));

    @TempDir
    Path dir;

    /** A constructed network with its target, domain and how densely to check it. */
    private record Case(String name, Approximation<?> approximation, VectorFunction target, BoxDomain box,
                        int perAxis) {
    }

    private static List<Case> cases(Backend b) {
        List<Case> cases = new ArrayList<>();
        Modulus two = Modulus.lipschitz(2.0);
        Modulus one = Modulus.lipschitz(1.0);
        cases.add(new Case("theorem3-2d", StepReluBallCover.build(b, F, SQUARE, two, 1.0, AffineMap.zero(2, 2)),
                F, SQUARE, 201));
        cases.add(new Case("theorem3-hat", StepReluBallCover.build(b, HAT, INTERVAL, one, 0.1, AffineMap.zero(1, 1)),
                HAT, INTERVAL, 10_001));
        cases.add(new Case("theorem4-2d", BoundedWidthApproximation.build(b, F, SQUARE, two, 0.5, AffineMap.zero(2, 2)),
                F, SQUARE, 201));
        cases.add(new Case("theorem4-hat", BoundedWidthApproximation.build(b, HAT, INTERVAL, one, 0.1,
                AffineMap.zero(1, 1)), HAT, INTERVAL, 10_001));
        cases.add(new Case("compact-2d", BoundedWidthApproximation.buildOnCompact(b, F, SQUARE, two, 0.5),
                F, SQUARE, 201));
        cases.add(new Case("compact-hat", BoundedWidthApproximation.buildOnCompact(b, HAT, INTERVAL, one, 0.1),
                HAT, INTERVAL, 10_001));
        cases.add(new Case("intrinsic-2d", IntrinsicParameterNetwork.build(b, F, SQUARE, two, 2), F, SQUARE, 201));
        cases.add(new Case("intrinsic-wave", IntrinsicParameterNetwork.build(b, WAVE, BoxDomain.unitCube(1),
                Modulus.lipschitz(6.0), 4), WAVE, BoxDomain.unitCube(1), 10_001));
        return cases;
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static long[] bits(double[][] rows) {
        return bits(Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray());
    }

    /** Asserts the bound on the grid points of K where the certificate guarantees it, and returns how many there were. */
    private static int meetsBound(Approximation<?> a, Case c, String what) {
        double[][] grid = Arrays.stream(c.box().grid(c.perAxis())).filter(a.certificate()::isGuaranteedAt)
                .toArray(double[][]::new);
        double error = a.maxError(c.target(), grid);
        assertTrue(error <= a.certificate().bound(), what + ": max |F − f| = " + error + " on " + grid.length
                + " grid points exceeds the certified " + a.certificate().bound());
        return grid.length;
    }

    private static void savedAndLoaded(FeedForwardNetwork original, FeedForwardNetwork loaded, String what) {
        assertEquals(original.getClass(), loaded.getClass(), what + ": kind");
        assertArrayEquals(original.widths(), loaded.widths(), what + ": widths");
        assertEquals(StateDict.activationOf(original), StateDict.activationOf(loaded), what + ": activation");
        assertEquals(original.trainableShifts(), loaded.trainableShifts(), what + ": trainable shifts");
        assertEquals(original.parameters().hasShifts(), loaded.parameters().hasShifts(), what + ": shifts");
        assertArrayEquals(bits(original.parameters().flatten()), bits(loaded.parameters().flatten()),
                what + ": bitwise the same parameters (signed zeros included)");
        assertEquals(original.backend().name(), loaded.backend().name(), what + ": loaded on the same backend");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyConstructionRoundTripsThroughBothFormatsAndKeepsItsBound(String name) {
        Backend b = Backends.get(name);
        List<Case> cases = cases(b);
        assertTrue(cases.stream().anyMatch(c -> Arrays.stream(c.approximation().network().parameters().flatten())
                .anyMatch(v -> Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0))),
                "some network holds a −0.0, so the bitwise comparison covers signed zeros");
        for (Case c : cases) {
            Approximation<?> a = c.approximation();
            double[][] grid = c.box().grid(c.perAxis());
            double[][] expected = a.evaluate(grid);
            for (String extension : new String[] {".safetensors", ".json"}) {
                String what = c.name() + extension + " on " + name;
                Path file = dir.resolve(c.name() + extension);
                ModelFiles.save(a.network(), file);
                FeedForwardNetwork loaded = ModelFiles.load(file, b, null);
                savedAndLoaded(a.network(), loaded, what);
                Approximation<FeedForwardNetwork> reloaded = new Approximation<>(loaded, a.certificate());
                assertArrayEquals(bits(expected), bits(reloaded.evaluate(grid)), what + ": bitwise the same outputs");
                assertTrue(meetsBound(reloaded, c, what) > grid.length / 2, what + ": the bound is checked on most of K");
                if (a.certificate().affinePartOutsideBalls().isPresent() && c.target() == HAT) {
                    double[][] far = c.box().farOutside(1000, 5);
                    double error = reloaded.maxError(c.target(), far);
                    assertTrue(error <= a.certificate().bound(), what + ": far outside K, " + error);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void loadedRadialConstructionsCompressAndTheCompressedFileKeepsTheBound(String name) {
        Backend b = Backends.get(name);
        int radial = 0;
        for (Case c : cases(b)) {
            Approximation<?> a = c.approximation();
            Path file = dir.resolve(c.name() + ".safetensors");
            ModelFiles.save(a.network(), file);
            FeedForwardNetwork loaded = ModelFiles.load(file, b, null);
            if (!(loaded instanceof RadialNetwork radialNetwork)) {
                assertEquals(StateDict.Kind.MLP, StateDict.kind(loaded), c.name() + ": only the intrinsic network is an MLP");
                continue;
            }
            radial++;
            RadialNetwork reduced = QrCompression.compress(radialNetwork).network();
            int[] widths = loaded.widths();
            int[] reducedWidths = reduced.widths();
            assertEquals(widths.length, reducedWidths.length, c.name() + ": compression keeps the depth");
            for (int i = 0; i < widths.length; i++) {
                assertTrue(reducedWidths[i] <= widths[i], c.name() + ": width " + i + " never grows");
            }
            Path small = dir.resolve(c.name() + "-reduced.json");
            ModelFiles.save(reduced, small);
            FeedForwardNetwork reloaded = ModelFiles.load(small, b, null);
            savedAndLoaded(reduced, reloaded, c.name() + " compressed");
            meetsBound(new Approximation<>(reloaded, a.certificate()), c, c.name() + " compressed, saved and loaded");
        }
        assertEquals(6, radial, "the Theorem 3, Theorem 4 and compact constructions are radial");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theSavedFileDeclaresTheConstructionsArchitecture(String name) {
        Backend b = Backends.get(name);
        for (Case c : cases(b)) {
            var content = StateDict.fromNetwork(c.approximation().network());
            boolean radial = c.approximation().network() instanceof RadialNetwork;
            assertEquals(radial ? "radial" : "mlp", content.metadata().get("kind"), c.name());
            assertEquals(radial ? "step-relu" : "relu", content.metadata().get("activation"), c.name());
            assertEquals(StateDict.widthsString(c.approximation().certificate().widths()),
                    content.metadata().get("widths"), c.name() + ": the certificate's widths");
            assertFalse(content.tensors().stream().anyMatch(t -> t.name().startsWith("act_fns.")),
                    c.name() + ": the constructions have no activation shifts");
        }
    }
}
