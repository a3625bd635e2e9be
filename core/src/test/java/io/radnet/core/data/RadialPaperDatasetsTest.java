package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The radial paper's synthetic data, exactly as its reference scripts build them. */
class RadialPaperDatasetsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void experimentOneIsExpOfMinusXSquaredOn121GridPoints(String backend) {
        Backend b = Backends.get(backend);
        Dataset d = RadialPaperDatasets.experiment1(b);
        assertEquals(121, d.size());
        assertEquals(1, d.inputWidth());
        assertEquals(1, d.targetWidth());
        assertEquals(-3.0, d.inputs().get(0, 0), 0.0);
        assertEquals(-2.95, d.inputs().get(1, 0), 1e-15);
        assertEquals(0.0, d.inputs().get(60, 0), 0.0);
        assertEquals(3.0, d.inputs().get(120, 0), 0.0);
        for (int i = 0; i < 121; i++) {
            double x = -3.0 + i / 20.0;
            assertEquals(x, d.inputs().get(i, 0), 0.0, "x_" + i);
            assertEquals(Math.exp(-x * x), d.targets().get(i, 0), 0.0, "y_" + i);
        }
        assertEquals(1.0, d.targets().get(60, 0), 0.0, "y(0) = 1");
        assertEquals(Math.exp(-9), d.targets().get(0, 0), 1e-18);
        assertEquals(121, RadialPaperDatasets.experiment2(b).size(), "experiment 2 uses experiment 1's data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void experimentThreeIsTheSigmoidOnThe121By121GridWithIOuterAndJInner(String backend) {
        Backend b = Backends.get(backend);
        Dataset d = RadialPaperDatasets.experiment3(b);
        assertEquals(14_641, d.size());
        assertEquals(2, d.inputWidth());
        assertEquals(2, d.targetWidth());
        double[] x = d.inputs().toRowMajor();
        double[] y = d.targets().toRowMajor();
        for (int i = 0; i < 121; i++) {
            for (int j = 0; j < 121; j++) {
                int r = 121 * i + j;
                double xi = -3.0 + i / 20.0;
                double xj = -3.0 + j / 20.0;
                assertEquals(xi, x[2 * r], 0.0);
                assertEquals(xj, x[2 * r + 1], 0.0);
                assertEquals(1 / (1 + Math.exp(-xi)), y[2 * r], 0.0);
                assertEquals(1 / (1 + Math.exp(-xj)), y[2 * r + 1], 0.0);
            }
        }
        // first rows as torch.cartesian_prod(grid, grid): (−3, −3), (−3, −2.95), …; last (3, 3)
        assertEquals(-2.95, d.inputs().get(1, 1), 1e-15);
        assertEquals(-3.0, d.inputs().get(1, 0), 0.0);
        assertEquals(-2.95, d.inputs().get(121, 0), 1e-15);
        assertEquals(3.0, d.inputs().get(14_640, 0), 0.0);
        assertEquals(3.0, d.inputs().get(14_640, 1), 0.0);
        assertEquals(0.5, d.targets().get(60 * 121 + 60, 0), 0.0, "σ(0) = 1/2 at the centre");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void gridIndicesOutsideZeroTo120AreRejected(String backend) {
        assertThrows(IllegalArgumentException.class, () -> RadialPaperDatasets.gridPoint(121));
        assertThrows(IllegalArgumentException.class, () -> RadialPaperDatasets.gridPoint(-1));
        assertEquals(Backends.get(backend), RadialPaperDatasets.experiment1(Backends.get(backend)).backend());
    }
}
