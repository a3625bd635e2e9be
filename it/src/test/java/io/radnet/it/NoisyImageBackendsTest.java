package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment4;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference's noisy-image script 4 at a small size (three 64-dimensional originals, 6 copies
 * each, 10 epochs, held out 5 copies each) on every available backend: the same seed gives the
 * same final and test losses as on EJML, to 1e-10 relative (the noise and the initialisations
 * are drawn on the host; only the arithmetic differs).
 */
class NoisyImageBackendsTest {
    private static final double AGREEMENT_TOLERANCE = 1e-10;
    private static final RadialExperiment4.Settings SMALL = new RadialExperiment4.Settings(2, 6, 10, 5, 0.8);

    /** EJML's run, computed once for every backend's comparison. */
    private static RadialExperiment4.Result ejml;

    static List<String> names() {
        return AvailableBackends.names().toList();
    }

    private static double[][] originals() {
        SplittableRandom random = new SplittableRandom(19);
        double[][] rows = new double[3][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.doubles(64, 0.0, 1.0).toArray();
        }
        return rows;
    }

    private static RadialExperiment4.Result run(Backend backend) {
        return new RadialExperiment4(backend, ExperimentListener.NONE).run(originals(), SMALL);
    }

    @ParameterizedTest
    @MethodSource("names")
    void bothModelsTrainAsOnEjml(String name) {
        if (ejml == null) {
            ejml = run(Backends.get("ejml"));
        }
        RadialExperiment4.Result expected = ejml;
        RadialExperiment4.Result actual = run(Backends.get(name));

        for (int s = 0; s < SMALL.seeds(); s++) {
            assertClose(expected.radial().finalLoss().perSeed()[s], actual.radial().finalLoss().perSeed()[s],
                    name + " radial final loss, seed " + (s + 1));
            assertClose(expected.relu().finalLoss().perSeed()[s], actual.relu().finalLoss().perSeed()[s],
                    name + " ReLU final loss, seed " + (s + 1));
            assertClose(expected.radial().testLoss().perSeed()[s], actual.radial().testLoss().perSeed()[s],
                    name + " radial test loss, seed " + (s + 1));
            assertClose(expected.relu().testLoss().perSeed()[s], actual.relu().testLoss().perSeed()[s],
                    name + " ReLU test loss, seed " + (s + 1));
            assertEquals(expected.radial().finalAccuracy().perSeed()[s], actual.radial().finalAccuracy().perSeed()[s],
                    name + " radial accuracy, seed " + (s + 1));
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, AGREEMENT_TOLERANCE * Math.abs(expected), what);
    }
}
