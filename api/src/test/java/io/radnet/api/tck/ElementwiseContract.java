package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertExactly;

import io.radnet.api.Tensor;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entrywise operations, each into a separate output and in place (output = an input).
 */
public interface ElementwiseContract extends ContractFixture {

    /** Reference: out[i][j] = f(a[i][j], b[i][j]). */
    private static double[][] entrywise(double[][] a, double[][] b, int rows, int cols, DoubleBinaryOperator f) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = f.applyAsDouble(a[i][j], b[i][j]);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void addSubtractAndHadamardWorkIntoAnOutputAndInPlace(int rows, int cols) {
        double[][] a = SeededInputs.matrix(41, rows, cols);
        double[][] b = SeededInputs.matrix(42, rows, cols);
        Tensor ta = random(41, rows, cols);
        Tensor tb = random(42, rows, cols);
        Tensor out = backend().filled(rows, cols, Double.NaN);

        backend().add(ta, tb, out);
        assertClose(entrywise(a, b, rows, cols, Double::sum), out, Tolerances.OP_RELATIVE, "add");
        backend().subtract(ta, tb, out);
        assertClose(entrywise(a, b, rows, cols, (x, y) -> x - y), out, Tolerances.OP_RELATIVE, "subtract");
        backend().hadamard(ta, tb, out);
        assertClose(entrywise(a, b, rows, cols, (x, y) -> x * y), out, Tolerances.OP_RELATIVE, "hadamard");
        assertExactly(a, ta, "inputs untouched");
        assertExactly(b, tb, "inputs untouched");

        backend().subtract(ta, tb, ta);
        assertClose(entrywise(a, b, rows, cols, (x, y) -> x - y), ta, Tolerances.OP_RELATIVE, "subtract in place (out = a)");
        Tensor tc = random(41, rows, cols);
        backend().subtract(tc, tb, tb);
        assertClose(entrywise(a, b, rows, cols, (x, y) -> x - y), tb, Tolerances.OP_RELATIVE, "subtract in place (out = b)");
        Tensor sq = random(41, rows, cols);
        backend().hadamard(sq, sq, sq);
        assertClose(entrywise(a, a, rows, cols, (x, y) -> x * y), sq, Tolerances.OP_RELATIVE, "hadamard a∘a in place");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void scaleAddScalarAndAxpy(int rows, int cols) {
        double[][] a = SeededInputs.matrix(43, rows, cols);
        double[][] y = SeededInputs.matrix(44, rows, cols);
        Tensor ta = random(43, rows, cols);
        Tensor out = backend().filled(rows, cols, Double.NaN);
        backend().scale(-3.5, ta, out);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> -3.5 * x), out, Tolerances.OP_RELATIVE, "scale");
        backend().addScalar(ta, 0.25, out);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> x + 0.25), out, Tolerances.OP_RELATIVE, "addScalar");
        Tensor ty = random(44, rows, cols);
        backend().axpy(0.75, ta, ty);
        assertClose(entrywise(a, y, rows, cols, (x, z) -> z + 0.75 * x), ty, Tolerances.OP_RELATIVE, "axpy");
        assertExactly(a, ta, "axpy leaves x alone");
        backend().axpy(2.0, ta, ta);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> 3.0 * x), ta, Tolerances.OP_RELATIVE, "axpy with x = y");
        backend().scale(0.5, ta, ta);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> 1.5 * x), ta, Tolerances.OP_RELATIVE, "scale in place");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @MethodSource("io.radnet.api.tck.SeededInputs#shapes")
    default void mapAndZipApplyTheFunctionToEveryEntry(int rows, int cols) {
        double[][] a = SeededInputs.matrix(45, rows, cols);
        double[][] b = SeededInputs.matrix(46, rows, cols);
        Tensor ta = random(45, rows, cols);
        Tensor out = backend().filled(rows, cols, Double.NaN);
        backend().map(ta, Math::tanh, out);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> Math.tanh(x)), out, Tolerances.OP_RELATIVE, "map tanh");
        backend().zip(ta, random(46, rows, cols), Math::atan2, out);
        assertClose(entrywise(a, b, rows, cols, Math::atan2), out, Tolerances.OP_RELATIVE, "zip atan2");
        backend().map(ta, x -> x * x + 1.0, ta);
        assertClose(entrywise(a, a, rows, cols, (x, z) -> x * x + 1.0), ta, Tolerances.OP_RELATIVE, "map in place");
    }
}
