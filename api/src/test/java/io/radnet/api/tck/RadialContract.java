package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.NonFiniteValueException;
import io.radnet.api.RadialProfile;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused radial rescaling of columns, ρ_s(v) = η(|v| + s)·v/|v|, and its backward pass,
 * against a plain per-column reference: the definition for the forward pass, and for the
 * backward pass the transposed Jacobian applied one column at a time, checked in turn against
 * central finite differences of the forward pass.
 */
public interface RadialContract extends ContractFixture {

    /** The radial sigmoid η(r) = 1/(1 + e^{−r}), as the radial paper's experiments use it. */
    RadialProfile SIGMOID = new RadialProfile() {
        @Override
        public double value(double r) {
            return 1.0 / (1.0 + Math.exp(-r));
        }

        @Override
        public double derivative(double r) {
            double h = value(r);
            return h * (1.0 - h);
        }
    };

    /** Squashing η(r) = r²/(r² + 1): η(0) = 0, so ρ is smooth at 0 with Jacobian η′(s)·I there. */
    RadialProfile SQUASH = new RadialProfile() {
        @Override
        public double value(double r) {
            return r * r / (r * r + 1.0);
        }

        @Override
        public double derivative(double r) {
            double d = r * r + 1.0;
            return 2.0 * r / (d * d);
        }
    };

    /** ρ_s of one column by the definition. */
    private static double[] rho(RadialProfile profile, double shift, double[] v) {
        double r = 0.0;
        for (double x : v) {
            r = Math.hypot(r, x);
        }
        double[] out = new double[v.length];
        if (r >= Double.MIN_NORMAL) {
            for (int j = 0; j < v.length; j++) {
                out[j] = profile.value(r + shift) / r * v[j];
            }
        }
        return out;
    }

    private Tensor tensorOf(double[][] m, int rows, int cols) {
        double[] flat = new double[rows * cols];
        for (int j = 0; j < rows; j++) {
            System.arraycopy(m[j], 0, flat, j * cols, cols);
        }
        return backend().fromRowMajor(rows, cols, flat);
    }

    private static double[] column(double[][] m, int k) {
        double[] c = new double[m.length];
        for (int j = 0; j < m.length; j++) {
            c[j] = m[j][k];
        }
        return c;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void radialColumnsRescalesEveryColumnAlongItself(int rows, int cols) {
        double[][] z = SeededInputs.matrix(61, rows, cols);
        if (cols > 1 && rows > 0) {
            for (int j = 0; j < rows; j++) {
                z[j][1] = 0.0; // a zero sample: ρ(0) = 0
            }
        }
        for (RadialProfile profile : new RadialProfile[] {SIGMOID, SQUASH}) {
            double shift = 0.25;
            double[][] expected = new double[rows][cols];
            double[][] expectedState = new double[3][cols];
            for (int k = 0; k < cols; k++) {
                double[] v = column(z, k);
                double[] rv = rho(profile, shift, v);
                double r = 0.0;
                for (double x : v) {
                    r = Math.hypot(r, x);
                }
                for (int j = 0; j < rows; j++) {
                    expected[j][k] = rv[j];
                }
                boolean zero = r < Double.MIN_NORMAL;
                expectedState[0][k] = r;
                expectedState[1][k] = zero ? 0.0 : profile.value(r + shift) / r;
                expectedState[2][k] = zero ? profile.derivative(shift) : profile.derivative(r + shift);
            }
            Tensor tz = tensorOf(z, rows, cols);
            Tensor out = backend().filled(rows, cols, Double.NaN);
            Tensor state = backend().filled(3, cols, Double.NaN);
            backend().radialColumns(tz, profile, shift, out, state);
            assertClose(expected, out, Tolerances.OP_RELATIVE, "radialColumns");
            assertClose(expectedState, state, Tolerances.OP_RELATIVE, "radialColumns state");
            assertExactly(z, tz, "radialColumns leaves z alone");
            backend().radialColumns(tz, profile, shift, tz, state);
            assertClose(expected, tz, Tolerances.OP_RELATIVE, "radialColumns in place");
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void radialColumnsBackwardIsTheTransposedJacobian(int rows, int cols) {
        double[][] z = SeededInputs.matrix(62, rows, cols);
        double[][] g = SeededInputs.matrix(63, rows, cols);
        if (cols > 1 && rows > 0) {
            for (int j = 0; j < rows; j++) {
                z[j][1] = 0.0;
            }
        }
        double shift = -0.5;
        for (RadialProfile profile : new RadialProfile[] {SIGMOID, SQUASH}) {
            double[][] expected = new double[rows][cols];
            double expectedShiftGradient = 0.0;
            for (int k = 0; k < cols; k++) {
                double[] v = column(z, k);
                double r = 0.0;
                for (double x : v) {
                    r = Math.hypot(r, x);
                }
                for (int j = 0; j < rows; j++) {
                    if (r < Double.MIN_NORMAL) {
                        expected[j][k] = profile.derivative(shift) * g[j][k];
                        continue;
                    }
                    // (Jᵀg)_j = Σ_i ∂ρ_i/∂v_j · g_i with ∂ρ_i/∂v_j = c δ_ij + (η′ − c) u_i u_j
                    double c = profile.value(r + shift) / r;
                    double slope = profile.derivative(r + shift);
                    double sum = 0.0;
                    for (int i = 0; i < rows; i++) {
                        sum += ((i == j ? c : 0.0) + (slope - c) * (v[i] / r) * (v[j] / r)) * g[i][k];
                    }
                    expected[j][k] = sum;
                }
                if (r >= Double.MIN_NORMAL) {
                    double ug = 0.0;
                    for (int i = 0; i < rows; i++) {
                        ug += v[i] / r * g[i][k];
                    }
                    expectedShiftGradient += profile.derivative(r + shift) * ug;
                }
            }
            Tensor tz = tensorOf(z, rows, cols);
            Tensor tg = tensorOf(g, rows, cols);
            Tensor out = backend().zeros(rows, cols);
            Tensor state = backend().zeros(3, cols);
            backend().radialColumns(tz, profile, shift, out, state);
            Tensor dz = backend().filled(rows, cols, Double.NaN);
            double shiftGradient = backend().radialColumnsBackward(tz, state, tg, dz);
            assertClose(expected, dz, Tolerances.OP_RELATIVE, "radialColumnsBackward");
            assertCloseScalar(expectedShiftGradient, shiftGradient, Tolerances.OP_RELATIVE, "shift gradient");
            backend().radialColumnsBackward(tz, state, tg, tg);
            assertClose(expected, tg, Tolerances.OP_RELATIVE, "radialColumnsBackward into g");
        }
    }

    @Test
    default void theBackwardPassMatchesFiniteDifferencesOfTheForwardPass() {
        int rows = 5;
        int cols = 3;
        double[][] z = SeededInputs.matrix(64, rows, cols);
        double[][] g = SeededInputs.matrix(65, rows, cols);
        double shift = 0.3;
        Tensor state = backend().zeros(3, cols);
        Tensor out = backend().zeros(rows, cols);
        Tensor tz = backend().fromRows(z);
        backend().radialColumns(tz, SIGMOID, shift, out, state);
        Tensor dz = backend().zeros(rows, cols);
        double shiftGradient = backend().radialColumnsBackward(tz, state, backend().fromRows(g), dz);
        double h = 1e-6;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double[][] plus = SeededInputs.matrix(64, rows, cols);
                double[][] minus = SeededInputs.matrix(64, rows, cols);
                plus[i][k] += h;
                minus[i][k] -= h;
                double fd = (loss(plus, g, shift) - loss(minus, g, shift)) / (2 * h);
                assertCloseScalar(fd, dz.get(i, k), 1e-8, "∂L/∂z at (" + i + ", " + k + ")");
            }
        }
        double fdShift = (loss(z, g, shift + h) - loss(z, g, shift - h)) / (2 * h);
        assertCloseScalar(fdShift, shiftGradient, 1e-8, "∂L/∂s");
    }

    /** L = Σ g ∘ ρ_s(z), through the backend. */
    private double loss(double[][] z, double[][] g, double shift) {
        Tensor out = backend().zeros(z.length, z[0].length);
        backend().radialColumns(backend().fromRows(z), SIGMOID, shift, out, backend().zeros(3, z[0].length));
        return backend().dot(out, backend().fromRows(g));
    }

    @Test
    default void tinyAndHugeColumnsKeepTheirDirection() {
        double[][] z = {{3e-200, 3e200, 5e-320}, {4e-200, 4e200, 0.0}};
        Tensor out = backend().zeros(2, 3);
        Tensor state = backend().zeros(3, 3);
        backend().radialColumns(backend().fromRows(z), SIGMOID, 0.0, out, state);
        assertCloseScalar(5e-200, state.get(0, 0), 1e-14, "norm of a tiny column (its sum of squares underflows)");
        assertCloseScalar(5e200, state.get(0, 1), 1e-14, "norm of a huge column (its sum of squares overflows)");
        // η(5e-200) = 1/2 and η(5e200) = 1: ρ(v) = η(r)·v/r
        assertClose(new double[][] {{0.3, 0.6, 0.0}, {0.4, 0.8, 0.0}}, out, 1e-14,
                "tiny and huge columns keep their direction; a subnormal one is treated as 0");
        assertEquals(SIGMOID.derivative(0.0), state.get(2, 2), "the slope of a zero column is η′(s)");
    }

    @Test
    default void badArgumentsAreRefusedWithTheirNames() {
        Tensor z = random(66, 4, 5);
        Tensor out = backend().zeros(4, 5);
        Tensor state = backend().zeros(3, 5);
        ShapeMismatchException wrongState = assertThrows(ShapeMismatchException.class,
                () -> backend().radialColumns(z, SIGMOID, 0.0, out, backend().zeros(3, 4)));
        assertTrue(wrongState.getMessage().contains("state"), wrongState.getMessage());
        assertThrows(ShapeMismatchException.class,
                () -> backend().radialColumns(z, SIGMOID, 0.0, backend().zeros(5, 4), state));
        NonFiniteValueException shift = assertThrows(NonFiniteValueException.class,
                () -> backend().radialColumns(z, SIGMOID, Double.NaN, out, state));
        assertTrue(shift.getMessage().contains("shift"), shift.getMessage());
        assertThrows(NullPointerException.class, () -> backend().radialColumns(z, null, 0.0, out, state));
        IllegalArgumentException aliased = assertThrows(IllegalArgumentException.class,
                () -> backend().radialColumnsBackward(z, state, out, z));
        assertTrue(aliased.getMessage().contains("dz"), aliased.getMessage());
        assertThrows(ShapeMismatchException.class,
                () -> backend().radialColumnsBackward(z, state, backend().zeros(4, 4), out));
    }
}
