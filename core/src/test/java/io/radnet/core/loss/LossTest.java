package io.radnet.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Mean squared error and softmax cross-entropy: values, gradients, stability, bad input. */
class LossTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void meanSquaredErrorIsTheMeanOverAllEntries(String name) {
        Backend b = Backends.get(name);
        Tensor p = b.fromRows(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor y = b.fromRows(new double[][] {{1, 0}, {0, 4}, {5, 7}});
        Tensor g = b.zeros(3, 2);
        double expected = (0 + 4 + 9 + 0 + 0 + 1) / 6.0;
        assertEquals(expected, new MeanSquaredError().value(p, y), 1e-15);
        assertEquals(expected, new MeanSquaredError().valueAndGradient(p, y, g), 1e-15);
        assertArrayEquals(new double[] {0, 4 / 6.0, 6 / 6.0, 0, 0, -2 / 6.0}, g.toRowMajor(), 1e-15, "2(P − Y)/(batch·k)");
    }

    /**
     * As a {@link io.radnet.api.RowLoss}, the mean squared error gives EJML's valueAndGradient
     * bit for bit whatever ranges of rows it is handed (in increasing order), and refuses ranges
     * and arrays that do not fit.
     */
    @Test
    void meanSquaredErrorByRangesOfRowsIsItsWholeBatchValueBitForBit() {
        Backend b = Backends.get("ejml");
        int batch = 37;
        int outputs = 3;
        SplittableRandom random = new SplittableRandom(5);
        double[] prediction = random.doubles(batch * outputs, -3, 3).toArray();
        double[] target = random.doubles(batch * outputs, -3, 3).toArray();
        MeanSquaredError mse = new MeanSquaredError();
        Tensor gradient = b.zeros(batch, outputs);
        double expected = mse.valueAndGradient(b.fromRowMajor(batch, outputs, prediction),
                b.fromRowMajor(batch, outputs, target), gradient);
        int[] ends = {0, 1, 16, 16, 30, 37};
        double[] byRanges = new double[batch * outputs];
        double sum = 0.0;
        for (int k = 1; k < ends.length; k++) {
            sum = mse.addRows(sum, prediction, target, byRanges, outputs, batch, ends[k - 1], ends[k]);
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(mse.value(sum, outputs, batch)));
        assertArrayEquals(gradient.toRowMajor(), byRanges, "the gradient, bit for bit");
        assertEquals(outputs, mse.targetColumns(outputs));
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> mse.addRows(0.0, prediction, target, byRanges, outputs, batch, 5, 4));
        assertEquals("mse: rows 5 to 4 of a batch of 37 × 3 do not fit arrays of 111, 111 and 111 entries",
                backwards.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> mse.addRows(0.0, prediction, target, byRanges, outputs, batch + 1, 0, batch + 1));
        assertThrows(IllegalArgumentException.class,
                () -> mse.addRows(0.0, prediction, new double[3], byRanges, outputs, batch, 0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void crossEntropyMatchesLogSoftmaxAndItsGradient(String name) {
        Backend b = Backends.get(name);
        double[][] logits = {{2.0, -1.0, 0.5}, {0.0, 0.0, 0.0}};
        int[] labels = {0, 2};
        Tensor p = b.fromRows(logits);
        Tensor y = b.fromRows(new double[][] {{0}, {2}});
        Tensor g = b.zeros(2, 3);
        double loss = new SoftmaxCrossEntropy().valueAndGradient(p, y, g);
        double expected = 0;
        double[] expectedGradient = new double[6];
        for (int s = 0; s < 2; s++) {
            double z = 0;
            for (double v : logits[s]) {
                z += Math.exp(v);
            }
            expected += (Math.log(z) - logits[s][labels[s]]) / 2;
            for (int j = 0; j < 3; j++) {
                expectedGradient[s * 3 + j] = (Math.exp(logits[s][j]) / z - (j == labels[s] ? 1 : 0)) / 2;
            }
        }
        assertEquals(expected, loss, 1e-15);
        assertArrayEquals(expectedGradient, g.toRowMajor(), 1e-15);
        assertEquals(Math.log(3), new SoftmaxCrossEntropy().value(b.zeros(1, 3), b.zeros(1, 1)), 1e-15,
                "uniform logits cost log k");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void crossEntropyGivesTheSameBitsWhateverShapesCameBefore(String name) {
        Backend b = Backends.get(name);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tensor wide = b.fromRows(new double[][] {{0.3, -2.0, 1.5, 0.25}, {4.0, 0.0, -1.0, 2.0}, {0.1, 0.2, 0.3, 0.4}});
        Tensor wideLabels = b.fromRows(new double[][] {{2}, {0}, {3}});
        Tensor narrow = b.fromRows(new double[][] {{1.0, -1.0}});
        Tensor narrowLabels = b.fromRows(new double[][] {{1}});
        Tensor first = b.zeros(3, 4);
        double firstValue = loss.valueAndGradient(wide, wideLabels, first);
        Tensor narrowGradient = b.zeros(1, 2);
        double narrowValue = new SoftmaxCrossEntropy().valueAndGradient(narrow, narrowLabels, narrowGradient);
        Tensor again = b.zeros(3, 4);
        assertEquals(firstValue, loss.valueAndGradient(wide, wideLabels, again), 0.0, "the loss after another shape");
        assertArrayEquals(first.toRowMajor(), again.toRowMajor(), 0.0, "the gradient after another shape");
        assertEquals(firstValue, loss.value(wide, wideLabels), 0.0, "the value without a gradient");
        assertEquals(2 + Math.log(1 + Math.exp(-2.0)), narrowValue, 1e-15, "logsumexp(1, −1) + 1 for logits (1, −1), label 1");
        assertArrayEquals(new double[] {1 / (1 + Math.exp(-2.0)), -1 / (1 + Math.exp(-2.0))}, narrowGradient.toRowMajor(),
                1e-15, "softmax − e_y for the narrow batch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void crossEntropyIsStableForHugeLogits(String name) {
        Backend b = Backends.get(name);
        Tensor p = b.fromRows(new double[][] {{1000, 0, -1000}, {-1e300, 1e300, 0}});
        Tensor g = b.zeros(2, 3);
        double loss = new SoftmaxCrossEntropy().valueAndGradient(p, b.fromRows(new double[][] {{0}, {0}}), g);
        assertEquals(1e300, loss, 1e285, "log-sum-exp with the maximum subtracted");
        assertTrue(b.allFinite(g), "finite gradient");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void badTargetsAreRejected(String name) {
        Backend b = Backends.get(name);
        Tensor p = b.zeros(2, 3);
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().value(p, b.fromRows(new double[][] {{1}, {3}})));
        assertTrue(label.getMessage().contains("label 3.0 of sample 1") && label.getMessage().contains("0..2"),
                label.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().value(p, b.fromRows(new double[][] {{0.5}, {1}})), "fractional label");
        assertThrows(ShapeMismatchException.class, () -> new SoftmaxCrossEntropy().value(p, b.zeros(2, 3)));
        ShapeMismatchException mse = assertThrows(ShapeMismatchException.class,
                () -> new MeanSquaredError().value(p, b.zeros(3, 2)));
        assertTrue(mse.getMessage().contains("2x3") && mse.getMessage().contains("3x2"), mse.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().valueAndGradient(p, b.zeros(2, 3), p));
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().value(b.zeros(0, 3), b.zeros(0, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void eachLossValidatesItsOwnTargets(String name) {
        Backend b = Backends.get(name);
        new MeanSquaredError().requireValidTargets(b.zeros(5, 3), 3);
        IllegalArgumentException columns = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().requireValidTargets(b.zeros(5, 2), 3));
        assertTrue(columns.getMessage().contains("2 columns") && columns.getMessage().contains("n_L is 3"),
                columns.getMessage());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        ce.requireValidTargets(b.fromRows(new double[][] {{0}, {2}, {1}}), 3);
        IllegalArgumentException oneColumn = assertThrows(IllegalArgumentException.class,
                () -> ce.requireValidTargets(b.zeros(3, 3), 3));
        assertTrue(oneColumn.getMessage().contains("one column of class indices"), oneColumn.getMessage());
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> ce.requireValidTargets(b.fromRows(new double[][] {{0}, {3}}), 3));
        assertTrue(label.getMessage().contains("label 3.0 of sample 1") && label.getMessage().contains("0..2"),
                label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ce.requireValidTargets(b.fromRows(new double[][] {{0.5}}), 3));
    }
}
