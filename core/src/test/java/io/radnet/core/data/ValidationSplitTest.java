package io.radnet.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.Arrays;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The seeded validation split: sizes, a partition of the samples in their order, a function of the seed. */
class ValidationSplitTest {
    private static final Backend EJML = Backends.get("ejml");

    /** Sample s has input (s, −s) and target 10·s, so a row names its sample. */
    private static Dataset numbered(int n) {
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int s = 0; s < n; s++) {
            x[s] = new double[] {s, -s};
            y[s] = new double[] {10.0 * s};
        }
        return Dataset.fromRows(EJML, x, y);
    }

    private static double[] samples(Dataset d) {
        double[] x = d.inputs().toRowMajor();
        double[] ids = new double[d.size()];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = x[2 * r];
            assertEquals(-ids[r], x[2 * r + 1], 0.0);
            assertEquals(10 * ids[r], d.targets().toRowMajor()[r], 0.0);
        }
        return ids;
    }

    @Test
    void theValidationPartHoldsTheCeilingOfTheFractionAndBothPartsPartitionTheSamplesInOrder() {
        ValidationSplit split = ValidationSplit.of(numbered(23), 0.2, 5);
        assertEquals(5, split.validation().size(), "⌈0.2 · 23⌉ = 5");
        assertEquals(18, split.training().size());
        double[] validation = samples(split.validation());
        double[] training = samples(split.training());
        double[] all = DoubleStream.concat(Arrays.stream(validation), Arrays.stream(training)).sorted().toArray();
        assertArrayEquals(DoubleStream.iterate(0, s -> s + 1).limit(23).toArray(), all, 0.0);
        assertArrayEquals(Arrays.stream(validation).sorted().toArray(), validation, 0.0);
        assertArrayEquals(Arrays.stream(training).sorted().toArray(), training, 0.0);
    }

    @Test
    void theSplitIsAFunctionOfTheSeed() {
        double[] a = samples(ValidationSplit.of(numbered(40), 0.25, 9).validation());
        double[] b = samples(ValidationSplit.of(numbered(40), 0.25, 9).validation());
        double[] c = samples(ValidationSplit.of(numbered(40), 0.25, 10).validation());
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c), "another seed holds out other samples");
    }

    @Test
    void aFractionOutsideTheOpenIntervalOrOneThatLeavesNothingToTrainOnIsRefused() {
        assertEquals("the validation fraction must be in (0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(5), 1.0, 0)).getMessage());
        assertEquals("the validation fraction must be in (0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(5), Double.NaN, 0))
                        .getMessage());
        assertEquals("a validation fraction of 0.9 holds out 2 of the 2 samples and leaves none to train on",
                assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(numbered(2), 0.9, 0)).getMessage());
    }
}
