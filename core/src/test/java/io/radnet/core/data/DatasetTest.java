package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.Backends;
import java.util.ServiceLoader;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A data set is non-empty, row-aligned, finite and on one backend; it says so when it is not. */
class DatasetTest {
    private static void rejects(String expectedInMessage, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "the message should contain '" + expectedInMessage + "': " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void holdsItsTensorsAndDescribesTheirShape(String backend) {
        Backend b = Backends.get(backend);
        Dataset d = Dataset.fromRows(b, new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[][] {{7}, {8}, {9}});
        assertEquals(3, d.size());
        assertEquals(2, d.inputWidth());
        assertEquals(1, d.targetWidth());
        assertEquals(b, d.backend());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {7, 8, 9}, d.targets().toRowMajor(), 0.0);
        assertEquals(1, d.batchesPerEpoch(3));
        assertEquals(2, d.batchesPerEpoch(2));
        assertEquals(3, d.batchesPerEpoch(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void badDataAreRejectedWithTheirShapes(String backend) {
        Backend b = Backends.get(backend);
        rejects("at least one sample", () -> Dataset.of(b.zeros(0, 2), b.zeros(0, 1)));
        rejects("one target row per input row", () -> Dataset.of(b.zeros(3, 2), b.zeros(2, 1)));
        rejects("3x0", () -> Dataset.of(b.zeros(3, 2), b.zeros(3, 0)));
        rejects("NaN at (1, 0)",
                () -> Dataset.fromRows(b, new double[][] {{1}, {Double.NaN}}, new double[][] {{0}, {1}}));
        rejects("targets", () -> Dataset.fromRows(b, new double[][] {{1}, {2}},
                new double[][] {{0}, {Double.POSITIVE_INFINITY}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void inputsAndTargetsMustShareABackend(String backend) {
        Backend b = Backends.get(backend);
        Backend other = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(backend)).findFirst().orElseThrow().create();
        rejects("convert one with Backend.copyOf", () -> Dataset.of(b.zeros(2, 1), other.zeros(2, 1)));
        Dataset d = Dataset.of(b.filled(2, 1, 1.0), b.filled(2, 1, 2.0));
        Dataset copied = d.copyTo(other);
        assertEquals(other, copied.backend());
        assertArrayEquals(d.targets().toRowMajor(), copied.targets().toRowMajor(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aSubsetHoldsTheChosenRowsInOrder(String backend) {
        Backend b = Backends.get(backend);
        Dataset d = Dataset.fromRows(b, new double[][] {{0}, {10}, {20}, {30}}, new double[][] {{0}, {1}, {2}, {3}});
        Dataset s = d.subset(new int[] {3, 1, 1});
        assertArrayEquals(new double[] {30, 10, 10}, s.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {3, 1, 1}, s.targets().toRowMajor(), 0.0);
        rejects("rows[1] = 4", () -> d.subset(new int[] {0, 4}));
        rejects("at least one row", () -> d.subset(new int[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aClassSubsetKeepsTheSamplesOfThoseClassesInOrder(String backend) {
        Backend b = Backends.get(backend);
        double[][] x = {{0.0}, {1.0}, {2.0}, {3.0}, {4.0}, {5.0}};
        double[][] y = {{3}, {0}, {4}, {1}, {0}, {9}};
        Dataset data = Dataset.fromRows(b, x, y);
        Dataset low = data.ofClasses(0, 1, 1);
        assertArrayEquals(new double[] {1.0, 3.0, 4.0}, low.inputs().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0}, low.targets().toRowMajor(), 0.0, "labels keep their values");
        assertEquals(6, data.size(), "the data set itself is unchanged");
        rejects("name at least one class", () -> data.ofClasses());
        rejects("must be non-negative, got -1", () -> data.ofClasses(-1));
        rejects("none of the 6 samples belongs to the classes [7]", () -> data.ofClasses(7));
        Dataset twoTargets = Dataset.fromRows(b, x, new double[][] {{0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}, {0, 1}});
        rejects("one target column of class indices", () -> twoTargets.ofClasses(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void inputsAreStandardisedByOneMeanAndDeviationOfAllEntries(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = Dataset.fromRows(b, new double[][] {{0, 2}, {4, 6}}, new double[][] {{1}, {0}});
        double[] moments = data.inputMeanAndDeviation();
        assertEquals(3.0, moments[0], 1e-15, "(0 + 2 + 4 + 6)/4");
        assertEquals(Math.sqrt(5.0), moments[1], 1e-15, "√((9 + 1 + 1 + 9)/4)");
        Dataset standard = data.standardizedInputs(moments[0], moments[1]);
        double s = Math.sqrt(5.0);
        assertArrayEquals(new double[] {-3 / s, -1 / s, 1 / s, 3 / s}, standard.inputs().toRowMajor(), 1e-15);
        assertArrayEquals(new double[] {1, 0}, standard.targets().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {0, 2, 4, 6}, data.inputs().toRowMajor(), 0.0, "the data set is unchanged");
        rejects("a positive finite deviation, got mean 1.0 and deviation 0.0", () -> data.standardizedInputs(1.0, 0.0));
    }
}
