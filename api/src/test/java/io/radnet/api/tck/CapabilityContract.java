package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.DefaultKernels;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capability of the backend under test agrees with its default in {@link DefaultKernels},
 * run on the same backend's tensors: bitwise where the operation moves or picks entries or
 * rounds once per entry (transposes, gathers, reshapes, broadcasts, row-wise outer products,
 * maxima, finiteness), to {@link Tolerances#OP_RELATIVE} where it sums (products, sums, dots,
 * norms, the radial rescaling), to {@link Tolerances#QR_UNIQUENESS} for the QR right product.
 * A capability the backend does not override is its default, and passes trivially; one it
 * overrides must compute the same.
 */
public interface CapabilityContract extends ContractFixture {

    private static void same(Tensor expected, Tensor actual, String what) {
        assertExactly(expected.toRows(), actual, what + " agrees bitwise with its default");
    }

    private static void close(Tensor expected, Tensor actual, double tolerance, String what) {
        assertClose(expected.toRows(), actual, tolerance, what + " agrees with its default");
    }

    private Tensor vector(long seed, int length, boolean asRow) {
        return asRow ? random(seed, 1, length) : random(seed, length, 1);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void layoutCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(61, rows, cols);
        Tensor expected = backend().zeros(cols, rows);
        DefaultKernels.transpose(backend(), a, expected);
        same(expected, backend().transpose(a), "transpose");

        int[] indices = {rows - 1, 0, rows / 2, rows - 1};
        Tensor gathered = backend().zeros(indices.length, cols);
        DefaultKernels.gatherRows(backend(), a, indices, gathered);
        Tensor actual = backend().zeros(indices.length, cols);
        backend().gatherRows(a, indices, actual);
        same(gathered, actual, "gatherRows");

        Tensor reshaped = backend().zeros(cols, rows);
        DefaultKernels.copyReshaped(backend(), a, reshaped);
        Tensor actualReshaped = backend().zeros(cols, rows);
        backend().copyReshaped(a, actualReshaped);
        same(reshaped, actualReshaped, "copyReshaped");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void broadcastCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(62, rows, cols);
        for (boolean asRow : new boolean[] {true, false}) {
            String o = asRow ? " (1xn vector)" : " (nx1 vector)";
            Tensor byColumn = vector(63, cols, asRow);
            Tensor byRow = vector(64, rows, asRow);
            Tensor expected = backend().zeros(rows, cols);
            Tensor actual = backend().zeros(rows, cols);
            DefaultKernels.addRowVector(backend(), a, byColumn, expected);
            backend().addRowVector(a, byColumn, actual);
            same(expected, actual, "addRowVector" + o);
            DefaultKernels.addColumnVector(backend(), a, byRow, expected);
            backend().addColumnVector(a, byRow, actual);
            same(expected, actual, "addColumnVector" + o);
            DefaultKernels.scaleRows(backend(), a, byRow, expected);
            backend().scaleRows(a, byRow, actual);
            same(expected, actual, "scaleRows" + o);
            DefaultKernels.scaleColumns(backend(), a, byColumn, expected);
            backend().scaleColumns(a, byColumn, actual);
            same(expected, actual, "scaleColumns" + o);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void reductionCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor a = random(65, rows, cols);
        Tensor b = random(66, rows, cols);
        for (boolean asRow : new boolean[] {true, false}) {
            String o = asRow ? " (1xn vector)" : " (nx1 vector)";
            Tensor perRow = asRow ? backend().zeros(1, rows) : backend().zeros(rows, 1);
            Tensor perRowDefault = asRow ? backend().zeros(1, rows) : backend().zeros(rows, 1);
            Tensor perColumn = asRow ? backend().zeros(1, cols) : backend().zeros(cols, 1);
            Tensor perColumnDefault = asRow ? backend().zeros(1, cols) : backend().zeros(cols, 1);

            backend().rowSums(a, perRow);
            DefaultKernels.rowSums(backend(), a, perRowDefault);
            close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowSums" + o);
            backend().columnSums(a, perColumn);
            DefaultKernels.columnSums(backend(), a, perColumnDefault);
            close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnSums" + o);
            backend().rowDots(a, b, perRow);
            DefaultKernels.rowDots(backend(), a, b, perRowDefault);
            close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowDots" + o);
            backend().columnDots(a, b, perColumn);
            DefaultKernels.columnDots(backend(), a, b, perColumnDefault);
            close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnDots" + o);
            backend().rowMaxima(a, perRow);
            DefaultKernels.rowMaxima(backend(), a, perRowDefault);
            same(perRowDefault, perRow, "rowMaxima" + o);
            for (double magnitude : new double[] {1.0, 0x1p700, 0x1p-700}) {
                Tensor scaled = backend().zeros(rows, cols);
                backend().scale(magnitude, a, scaled);
                String m = o + " at magnitude " + magnitude;
                backend().rowNorms(scaled, perRow);
                DefaultKernels.rowNorms(backend(), scaled, perRowDefault);
                close(perRowDefault, perRow, Tolerances.OP_RELATIVE, "rowNorms" + m);
                backend().columnNorms(scaled, perColumn);
                DefaultKernels.columnNorms(backend(), scaled, perColumnDefault);
                close(perColumnDefault, perColumn, Tolerances.OP_RELATIVE, "columnNorms" + m);
                assertCloseScalar(DefaultKernels.norm(backend(), scaled) / magnitude,
                        backend().norm(scaled) / magnitude, Tolerances.OP_RELATIVE, "norm" + m);
            }
        }
        assertCloseScalar(DefaultKernels.sum(backend(), a), backend().sum(a), Tolerances.OP_RELATIVE, "sum");
        assertEquals(DefaultKernels.allFinite(backend(), a), backend().allFinite(a), "allFinite");
    }

    @Test
    default void nonFiniteEntriesReduceAsTheirDefaults() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Tensor a = random(67, 4, 5);
            a.set(2, 3, bad);
            assertEquals(DefaultKernels.allFinite(backend(), a), backend().allFinite(a), "allFinite with " + bad);
            assertEquals(DefaultKernels.norm(backend(), a), backend().norm(a), "norm with " + bad);
            Tensor maxima = backend().zeros(4, 1);
            Tensor maximaDefault = backend().zeros(4, 1);
            backend().rowMaxima(a, maxima);
            DefaultKernels.rowMaxima(backend(), a, maximaDefault);
            same(maximaDefault, maxima, "rowMaxima with " + bad);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void batchedProductCapabilitiesAgreeWithTheirDefaults(int batch, int p) {
        int q = 3;
        Tensor x = random(68, batch, q);
        Tensor matrices = random(69, batch, p * q);
        for (Transpose trans : Transpose.values()) {
            Tensor expected = backend().zeros(batch, p);
            Tensor actual = backend().zeros(batch, p);
            DefaultKernels.batchedMatVec(backend(), matrices, trans, x, expected);
            backend().batchedMatVec(matrices, trans, x, actual);
            close(expected, actual, Tolerances.OP_RELATIVE, "batchedMatVec (" + trans + ")");
        }
        Tensor a = random(70, batch, p);
        Tensor expected = backend().zeros(batch, p * q);
        Tensor actual = backend().zeros(batch, p * q);
        DefaultKernels.rowwiseOuter(backend(), a, x, expected);
        backend().rowwiseOuter(a, x, actual);
        same(expected, actual, "rowwiseOuter");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void qrRightProductAgreesWithItsDefault(int rows, int cols) {
        Tensor a = random(71, rows, cols);
        Tensor c = random(72, 3, rows);
        int k = Math.min(rows, cols);
        Tensor r = backend().zeros(k, cols);
        Tensor cq = backend().zeros(3, k);
        Tensor rDefault = backend().zeros(k, cols);
        Tensor cqDefault = backend().zeros(3, k);
        backend().qrRightProduct(a, c, r, cq);
        DefaultKernels.qrRightProduct(backend(), a, c, rDefault, cqDefault);
        close(rDefault, r, Tolerances.QR_UNIQUENESS, "qrRightProduct's R");
        close(cqDefault, cq, Tolerances.QR_UNIQUENESS, "qrRightProduct's C·Q");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void adamUpdateAgreesBitwiseWithItsDefault(int rows, int cols) {
        Tensor theta = random(80, rows, cols);
        Tensor m = random(81, rows, cols);
        Tensor v = random(82, rows, cols);
        backend().map(v, Math::abs, v);
        Tensor thetaDefault = backend().copy(theta);
        Tensor mDefault = backend().copy(m);
        Tensor vDefault = backend().copy(v);
        AdamCoefficients[] steps = {new AdamCoefficients(0.9, 0.999, 1e-8, 1.0 / Math.sqrt(1 - 0.999), 1e-3 / (1 - 0.9)),
            new AdamCoefficients(0.8, 0.99, 1e-6, 1.0, 0.05), new AdamCoefficients(0.0, 0.0, 1e-8, 3.5, 0.0)};
        for (int step = 0; step < steps.length; step++) {
            Tensor g = random(83 + step, rows, cols);
            backend().adamUpdate(theta, g, m, v, steps[step]);
            DefaultKernels.adamUpdate(backend(), thetaDefault, g, mDefault, vDefault, steps[step]);
            same(thetaDefault, theta, "adamUpdate's parameters after step " + (step + 1));
            same(mDefault, m, "adamUpdate's first moment after step " + (step + 1));
            same(vDefault, v, "adamUpdate's second moment after step " + (step + 1));
        }
        Tensor before = backend().copy(theta);
        assertThrows(IllegalArgumentException.class,
                () -> backend().adamUpdate(theta, m, m, v, steps[0]), "the gradient given as the first moment");
        same(before, theta, "the parameters after a refused adamUpdate");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#nonEmptyShapes")
    default void radialCapabilitiesAgreeWithTheirDefaults(int rows, int cols) {
        Tensor z = random(73, rows, cols);
        // a column treated as v = 0 takes the zero-norm branch of both
        backend().copyBlock(backend().zeros(rows, 1), 0, 0, rows, 1, z, 0, cols / 2);
        Tensor g = random(74, rows, cols);
        for (RadialProfile profile : new RadialProfile[] {RadialContract.SIGMOID, RadialContract.SQUASH}) {
            double shift = 0.25;
            Tensor out = backend().zeros(rows, cols);
            Tensor state = backend().zeros(3, cols);
            Tensor outDefault = backend().zeros(rows, cols);
            Tensor stateDefault = backend().zeros(3, cols);
            backend().radialColumns(z, profile, shift, out, state);
            DefaultKernels.radialColumns(backend(), z, profile, shift, outDefault, stateDefault);
            close(outDefault, out, Tolerances.OP_RELATIVE, "radialColumns");
            close(stateDefault, state, Tolerances.OP_RELATIVE, "radialColumns' state");

            Tensor dz = backend().zeros(rows, cols);
            Tensor dzDefault = backend().zeros(rows, cols);
            double shiftGradient = backend().radialColumnsBackward(z, state, g, dz);
            double shiftGradientDefault = DefaultKernels.radialColumnsBackward(backend(), z, state, g, dzDefault);
            close(dzDefault, dz, Tolerances.OP_RELATIVE, "radialColumnsBackward");
            assertCloseScalar(shiftGradientDefault, shiftGradient, Tolerances.OP_RELATIVE,
                    "radialColumnsBackward's shift gradient");
        }
    }
}
