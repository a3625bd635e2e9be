package io.radnet.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import org.junit.jupiter.api.Test;

/** Probabilities, predicted classes, accuracy and the confusion matrix on hand-checked logits. */
class ClassificationTest {
    private static final Backend EJML = Backends.get("ejml");
    private final Tensor logits = EJML.fromRows(new double[][] {
        {2.0, 1.0, 0.0}, {0.0, 3.0, 3.0}, {1000.0, 0.0, 1001.0}, {-1.0, -1.0, -2.0}, {0.5, 0.2, 0.1}});
    private final Tensor labels = EJML.fromRows(new double[][] {{0}, {2}, {2}, {1}, {0}});

    @Test
    void theProbabilitiesAreTheSoftmaxOfEachRowWithoutOverflow() {
        double[] q = Classification.probabilities(logits).toRowMajor();
        double z = Math.exp(2) + Math.exp(1) + 1;
        assertArrayEquals(new double[] {Math.exp(2) / z, Math.exp(1) / z, 1 / z}, java.util.Arrays.copyOfRange(q, 0, 3),
                1e-15);
        double e = Math.exp(-1);
        assertArrayEquals(new double[] {e / (1 + e), 0.0, 1 / (1 + e)}, java.util.Arrays.copyOfRange(q, 6, 9), 1e-15);
        for (int r = 0; r < 5; r++) {
            assertEquals(1.0, q[3 * r] + q[3 * r + 1] + q[3 * r + 2], 1e-15);
        }
    }

    @Test
    void thePredictedClassIsTheFirstLargestLogitAndTheConfusionMatrixCountsTrueAgainstPredicted() {
        assertArrayEquals(new int[] {0, 1, 2, 0, 0}, Classification.predictedClasses(logits));
        assertEquals(3.0 / 5, Classification.accuracy(logits, labels), 0.0);
        long[][] c = Classification.confusion(logits, labels);
        assertArrayEquals(new long[] {2, 0, 0}, c[0]);
        assertArrayEquals(new long[] {1, 0, 0}, c[1]);
        assertArrayEquals(new long[] {0, 1, 1}, c[2]);
    }

    @Test
    void labelsThatAreNotClassIndicesAreRefused() {
        Tensor bad = EJML.fromRows(new double[][] {{0}, {3}, {2}, {1}, {0}});
        assertEquals("classification: label 3.0 of sample 1 is not a class index in 0..2",
                assertThrows(IllegalArgumentException.class, () -> Classification.confusion(logits, bad)).getMessage());
    }
}
