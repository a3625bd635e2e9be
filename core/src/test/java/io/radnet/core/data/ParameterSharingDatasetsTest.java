package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import org.junit.jupiter.api.Test;

/**
 * The hypernetwork targets and the RCNet data sets: their defining properties on seeded
 * samples, determinism per seed, and the errors for bad arguments.
 */
class ParameterSharingDatasetsTest {
    private final Backend b = Backends.get("ejml");

    @Test
    void typeOneIsAConvexCombinationOfTheEntriesOfX() {
        HypernetworkTargets target = HypernetworkTargets.create(HypernetworkTargets.Type.I, 5, 3, 7);
        Dataset data = target.sample(b, 200, 8);
        double[] in = data.inputs().toRowMajor();
        double[] y = data.targets().toRowMajor();
        for (int s = 0; s < 200; s++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 5; k++) {
                min = Math.min(min, in[s * 8 + k]);
                max = Math.max(max, in[s * 8 + k]);
            }
            assertTrue(y[s] >= min - 1e-12 && y[s] <= max + 1e-12, "sample " + s);
        }
    }

    @Test
    void targetsAreDeterministicPerSeedAndDependOnBothInputs() {
        for (HypernetworkTargets.Type type : HypernetworkTargets.Type.values()) {
            HypernetworkTargets a = HypernetworkTargets.create(type, 4, 4, 1);
            HypernetworkTargets again = HypernetworkTargets.create(type, 4, 4, 1);
            assertArrayEquals(a.sample(b, 50, 2).targets().toRowMajor(), again.sample(b, 50, 2).targets().toRowMajor());
            double[] x = {0.3, -1.2, 0.8, 2.0};
            double[] i = {1.0, 0.5, -0.7, 0.1};
            double[] other = {-1.0, 0.2, 0.9, -0.4};
            assertNotEquals(a.value(x, i), a.value(x, other), type + " depends on I");
            assertNotEquals(a.value(x, i), a.value(other, i), type + " depends on x");
            assertNotEquals(a.value(x, i), HypernetworkTargets.create(type, 4, 4, 2).value(x, i), "another seed");
        }
        assertEquals(HypernetworkTargets.Type.III, HypernetworkTargets.Type.parse("3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HypernetworkTargets.create(HypernetworkTargets.Type.III, 4, 5, 1));
        assertTrue(e.getMessage().contains("d_x = 4, d_I = 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HypernetworkTargets.create(HypernetworkTargets.Type.I, 2, 2, 1)
                .value(new double[3], new double[2]));
        assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("got 3"), e.getMessage());
    }

    @Test
    void theRcNetTargetIsThePapersFormula() {
        double x1 = 0.37;
        double x2 = 0.81;
        double pi = Math.PI;
        double expected = 0.3 * Math.sin(2 * pi * x1 + 2 * pi * x1 * x1) * Math.cos(2 * pi * x1 + 4 * pi * x1 * x1)
                + 0.2 * Math.sin(2 * pi * x1 + 4 * pi * x1 * x2) * Math.cos(4 * pi * x2 + 6 * pi * x1 * x1)
                + 0.2 * Math.sin(4 * pi * x2 + 8 * pi * x2 * x1) * Math.cos(2 * pi * x1 + 8 * pi * x2 * x2)
                + 0.3 * Math.sin(4 * pi * x2 + 4 * pi * x2 * x2) * Math.cos(4 * pi * x2 + 6 * pi * x2 * x2);
        assertEquals(expected, RcNetDatasets.target(x1, x2), 1e-15);
        Dataset data = RcNetDatasets.approximation(b, 100, 3);
        double[] x = data.inputs().toRowMajor();
        for (int s = 0; s < 100; s++) {
            assertTrue(x[2 * s] >= 0 && x[2 * s] < 1 && x[2 * s + 1] >= 0 && x[2 * s + 1] < 1);
            assertEquals(RcNetDatasets.target(x[2 * s], x[2 * s + 1]), data.targets().get(s, 0), 0.0);
        }
    }

    @Test
    void spiralSamplesLieWithinTheBandOfTheirSpiral() {
        int halfTurns = 6;
        Dataset data = RcNetDatasets.twoSpirals(b, 100, halfTurns, 5);
        double scale = 2.0 * (halfTurns + 2);
        for (int s = 0; s < 100; s++) {
            int label = (int) data.targets().get(s, 0);
            assertEquals(s % 2, label);
            double u = data.inputs().get(s, 0) * scale - halfTurns - 2;
            double v = data.inputs().get(s, 1) * scale - halfTurns - 2;
            double nearest = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= 100_000; k++) {
                double theta = halfTurns * Math.PI * k / 100_000;
                double r = label + theta / Math.PI;
                nearest = Math.min(nearest, Math.hypot(u - r * Math.cos(theta), v - r * Math.sin(theta)));
            }
            assertTrue(nearest / scale <= RcNetDatasets.SPIRAL_BAND + 1e-4, "sample " + s + " is " + nearest / scale
                    + " from its spiral");
        }
        Dataset standardized = RcNetDatasets.standardized(data, data);
        for (int c = 0; c < 2; c++) {
            double mean = 0;
            double squares = 0;
            for (int s = 0; s < 100; s++) {
                mean += standardized.inputs().get(s, c) / 100;
            }
            for (int s = 0; s < 100; s++) {
                squares += Math.pow(standardized.inputs().get(s, c) - mean, 2) / 100;
            }
            assertEquals(0.0, mean, 1e-12);
            assertEquals(1.0, squares, 1e-12);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RcNetDatasets.twoSpirals(b, 7, 2, 1));
        assertTrue(e.getMessage().contains("got 7"), e.getMessage());
    }
}
