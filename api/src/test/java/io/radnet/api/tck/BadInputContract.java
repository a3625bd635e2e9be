package io.radnet.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.QrMode;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad input gets the documented exception, with a message that names the operation and
 * what was wrong (shapes, backend, value and position), and leaves every tensor untouched.
 */
public interface BadInputContract extends ContractFixture {

    /** One bad call: its description, the exception it must throw, and message fragments. */
    record BadCall(String description, Class<? extends Throwable> expected, Executable call, String... fragments) {
    }

    /** Seeded tensors shared by the bad calls; each call must leave all of them as they were. */
    final class Operands {
        final Tensor a34;
        final Tensor b34;
        final Tensor a43;
        final Tensor a35;
        final Tensor c34;
        final Tensor sq;
        final Tensor sq2;
        final Tensor v3;
        final Tensor v4;
        final Tensor nan;
        final Tensor empty30;
        final Tensor foreign34;
        /** Closed at once; not in {@link #all}, since reading it is itself refused. */
        final Tensor closed34;
        final List<Tensor> all = new ArrayList<>();

        Operands(Backend b, Backend other) {
            a34 = keep(SeededInputs.tensor(b, 81, 3, 4));
            b34 = keep(SeededInputs.tensor(b, 82, 3, 4));
            a43 = keep(SeededInputs.tensor(b, 83, 4, 3));
            a35 = keep(SeededInputs.tensor(b, 84, 3, 5));
            c34 = keep(SeededInputs.tensor(b, 85, 3, 4));
            sq = keep(SeededInputs.tensor(b, 86, 3, 3));
            sq2 = keep(SeededInputs.tensor(b, 90, 3, 3));
            v3 = keep(SeededInputs.tensor(b, 87, 1, 3));
            v4 = keep(SeededInputs.tensor(b, 88, 4, 1));
            nan = keep(b.fromRows(new double[][] {{1, 2, 3}, {4, 5, Double.NaN}, {7, 8, 9}}));
            empty30 = keep(b.zeros(3, 0));
            foreign34 = keep(SeededInputs.tensor(other, 89, 3, 4));
            closed34 = SeededInputs.tensor(b, 91, 3, 4);
            closed34.close();
            closed34.close();
        }

        private Tensor keep(Tensor t) {
            all.add(t);
            return t;
        }
    }

    private static List<BadCall> shapeErrors(Backend b, Operands o) {
        return List.of(
                new BadCall("copy between different shapes", ShapeMismatchException.class,
                        () -> b.copy(o.a34, o.a43), "copy", "3x4", "4x3"),
                new BadCall("qrRightProduct with C of the wrong width", ShapeMismatchException.class,
                        () -> b.qrRightProduct(o.a43, o.a35, o.sq, o.c34), "qrRightProduct", "3x5", "4 columns"),
                new BadCall("qrCompressionStep with a next matrix of the wrong shape", ShapeMismatchException.class,
                        () -> b.qrCompressionStep(o.a43, o.c34, null, o.sq, o.a35), "qrCompressionStep", "next",
                        "3x3", "3x5"),
                new BadCall("transpose into a non-transposed shape", ShapeMismatchException.class,
                        () -> b.transpose(o.a34, o.c34), "transpose", "4x3", "3x4"),
                new BadCall("copyBlock leaving the source", ShapeMismatchException.class,
                        () -> b.copyBlock(o.a34, 2, 2, 2, 3, o.c34, 0, 0), "copyBlock", "2x3", "(2, 2)", "3x4"),
                new BadCall("copyBlock leaving the destination", ShapeMismatchException.class,
                        () -> b.copyBlock(o.a34, 0, 0, 3, 3, o.a43, 2, 0), "copyBlock", "dst", "4x3"),
                new BadCall("copyBlock with a negative size", ShapeMismatchException.class,
                        () -> b.copyBlock(o.a34, 0, 0, -1, 2, o.c34, 0, 0), "copyBlock", "non-negative"),
                new BadCall("gatherRows with an index past the end", ShapeMismatchException.class,
                        () -> b.gatherRows(o.a34, new int[] {0, 3, 1}, o.c34), "gatherRows", "indices[1] = 3", "3x4"),
                new BadCall("gatherRows into the wrong shape", ShapeMismatchException.class,
                        () -> b.gatherRows(o.a34, new int[] {0, 1}, o.c34), "gatherRows", "2x4", "3x4"),
                new BadCall("copyReshaped with a different number of entries", ShapeMismatchException.class,
                        () -> b.copyReshaped(o.a34, o.a35), "copyReshaped", "12", "15"),
                new BadCall("gemm with different inner dimensions", ShapeMismatchException.class,
                        () -> b.gemm(1, o.a34, Transpose.NONE, o.a35, Transpose.NONE, 0, o.c34),
                        "gemm", "3x4", "3x5", "inner dimensions 4 and 3"),
                new BadCall("gemm into a C of the wrong shape", ShapeMismatchException.class,
                        () -> b.gemm(1, o.a34, Transpose.NONE, o.a43, Transpose.NONE, 0, o.c34), "gemm", "3x3", "3x4"),
                new BadCall("matmul with different inner dimensions", ShapeMismatchException.class,
                        () -> b.matmul(o.a34, o.a35), "inner dimensions", "3x4", "3x5"),
                new BadCall("batchedMatVec with matrices of the wrong size", ShapeMismatchException.class,
                        () -> b.batchedMatVec(o.a34, Transpose.NONE, o.sq, o.sq2), "batchedMatVec", "3x4", "9"),
                new BadCall("rowwiseOuter into the wrong shape", ShapeMismatchException.class,
                        () -> b.rowwiseOuter(o.sq, o.v3, o.a34), "rowwiseOuter", "3x3", "1x3", "same number of rows"),
                new BadCall("qr into a Q of the wrong shape", ShapeMismatchException.class,
                        () -> b.qr(o.a34, QrMode.COMPLETE, o.a34.backend().zeros(3, 4), b.zeros(3, 4)),
                        "qr", "Q", "3x3", "3x4"),
                new BadCall("add of different shapes", ShapeMismatchException.class,
                        () -> b.add(o.a34, o.a43, o.c34), "add", "3x4", "4x3"),
                new BadCall("scale into a different shape", ShapeMismatchException.class,
                        () -> b.scale(2, o.a34, o.a43), "scale", "3x4", "4x3"),
                new BadCall("axpy of different shapes", ShapeMismatchException.class,
                        () -> b.axpy(2, o.a34, o.a35), "axpy", "3x4", "3x5"),
                new BadCall("map into a different shape", ShapeMismatchException.class,
                        () -> b.map(o.a34, Math::abs, o.sq), "map", "3x4", "3x3"),
                new BadCall("addRowVector with a vector as long as the rows", ShapeMismatchException.class,
                        () -> b.addRowVector(o.a34, o.v3, o.c34), "addRowVector", "length 4", "1x3"),
                new BadCall("scaleRows with a vector as long as the columns", ShapeMismatchException.class,
                        () -> b.scaleRows(o.a34, o.v4, o.c34), "scaleRows", "length 3", "4x1"),
                new BadCall("rowSums into a vector of the wrong length", ShapeMismatchException.class,
                        () -> b.rowSums(o.a34, o.v4), "rowSums", "length 3", "4x1"),
                new BadCall("columnNorms into a vector of the wrong length", ShapeMismatchException.class,
                        () -> b.columnNorms(o.a34, o.v3), "columnNorms", "length 4", "1x3"),
                new BadCall("columnSums into a matrix", ShapeMismatchException.class,
                        () -> b.columnSums(o.a34, o.c34), "columnSums", "3x4"),
                new BadCall("rowDots of different shapes", ShapeMismatchException.class,
                        () -> b.rowDots(o.a34, o.a43, o.v3), "rowDots", "3x4", "4x3"),
                new BadCall("rowMaxima of rows without columns", ShapeMismatchException.class,
                        () -> b.rowMaxima(o.empty30, o.v3), "rowMaxima", "3x0"),
                new BadCall("dot of different shapes", ShapeMismatchException.class,
                        () -> b.dot(o.a34, o.a43), "dot", "3x4", "4x3"),
                new BadCall("fromRowMajor with too few entries", ShapeMismatchException.class,
                        () -> b.fromRowMajor(2, 3, new double[5]), "fromRowMajor", "length 5", "2x3"),
                new BadCall("fromRows with ragged rows", ShapeMismatchException.class,
                        () -> b.fromRows(new double[][] {{1, 2, 3}, {4, 5}}), "fromRows", "row 1", "length 2"),
                new BadCall("zeros with a negative dimension", ShapeMismatchException.class,
                        () -> b.zeros(-1, 3), "zeros", "-1x3"),
                new BadCall("zeros too large for one array", ShapeMismatchException.class,
                        () -> b.zeros(100_000, 100_000), "zeros", "100000x100000"),
                new BadCall("get outside the tensor", ShapeMismatchException.class,
                        () -> o.a34.get(3, 0), "get", "(3, 0)", "3x4"),
                new BadCall("set outside the tensor", ShapeMismatchException.class,
                        () -> o.a34.set(0, -1, 1.0), "set", "(0, -1)", "3x4"),
                new BadCall("toRowMajor into an array of the wrong length", ShapeMismatchException.class,
                        () -> o.a34.toRowMajor(new double[11]), "toRowMajor", "11", "3x4"),
                new BadCall("setRowMajor from an array of the wrong length", ShapeMismatchException.class,
                        () -> o.a34.setRowMajor(new double[13]), "setRowMajor", "13", "3x4"));
    }

    private static List<BadCall> mixedBackends(Backend b, Operands o) {
        Tensor f = o.foreign34;
        String[] frag = {"belongs to another instance of backend '" + b.name() + "'", "copyOf"};
        return List.of(
                new BadCall("copy from a foreign tensor", BackendMismatchException.class, () -> b.copy(f, o.c34), frag),
                new BadCall("fill a foreign tensor", BackendMismatchException.class, () -> b.fill(f, 1.0), frag),
                new BadCall("transpose a foreign tensor", BackendMismatchException.class, () -> b.transpose(f), frag),
                new BadCall("copyBlock into a foreign tensor", BackendMismatchException.class,
                        () -> b.copyBlock(o.a34, 0, 0, 1, 1, f, 0, 0), frag),
                new BadCall("gatherRows from a foreign tensor", BackendMismatchException.class,
                        () -> b.gatherRows(f, new int[] {0, 1, 2}, o.c34), frag),
                new BadCall("gemm into a foreign C", BackendMismatchException.class,
                        () -> b.gemm(1, o.sq, Transpose.NONE, o.a34, Transpose.NONE, 0, f), "gemm", "C", frag[0]),
                new BadCall("gemm with a foreign B", BackendMismatchException.class,
                        () -> b.gemm(1, o.sq, Transpose.NONE, f, Transpose.NONE, 0, o.c34), "gemm", "B", frag[0]),
                new BadCall("batchedMatVec with foreign x", BackendMismatchException.class,
                        () -> b.batchedMatVec(o.a34, Transpose.NONE, f, o.c34), frag),
                new BadCall("qr of a foreign tensor", BackendMismatchException.class,
                        () -> b.qr(f, QrMode.ECONOMY), "qr", frag[0]),
                new BadCall("add a foreign tensor", BackendMismatchException.class,
                        () -> b.add(o.a34, f, o.c34), "add", frag[0]),
                new BadCall("zip with a foreign tensor", BackendMismatchException.class,
                        () -> b.zip(f, o.a34, Double::sum, o.c34), frag),
                new BadCall("axpy into a foreign tensor", BackendMismatchException.class,
                        () -> b.axpy(1, o.a34, f), frag),
                new BadCall("scaleColumns by a foreign vector", BackendMismatchException.class,
                        () -> b.scaleColumns(o.sq, f, o.sq), frag),
                new BadCall("rowNorms into a foreign vector", BackendMismatchException.class,
                        () -> b.rowNorms(o.a34, f), frag),
                new BadCall("sum of a foreign tensor", BackendMismatchException.class, () -> b.sum(f), frag),
                new BadCall("norm of a foreign tensor", BackendMismatchException.class, () -> b.norm(f), frag),
                new BadCall("dot with a foreign tensor", BackendMismatchException.class, () -> b.dot(o.a34, f), frag));
    }

    private static List<BadCall> nonFiniteAndAliasing(Backend b, Operands o) {
        return List.of(
                new BadCall("gemm with alpha = NaN", NonFiniteValueException.class,
                        () -> b.gemm(Double.NaN, o.sq, Transpose.NONE, o.a34, Transpose.NONE, 0, o.c34),
                        "gemm", "alpha", "NaN"),
                new BadCall("gemm with beta = ∞", NonFiniteValueException.class,
                        () -> b.gemm(1, o.sq, Transpose.NONE, o.a34, Transpose.NONE, Double.POSITIVE_INFINITY, o.c34),
                        "gemm", "beta", "Infinity"),
                new BadCall("scale by NaN", NonFiniteValueException.class, () -> b.scale(Double.NaN, o.a34, o.c34),
                        "scale", "alpha", "NaN"),
                new BadCall("axpy with alpha = −∞", NonFiniteValueException.class,
                        () -> b.axpy(Double.NEGATIVE_INFINITY, o.a34, o.c34), "axpy", "alpha", "-Infinity"),
                new BadCall("addScalar of NaN", NonFiniteValueException.class,
                        () -> b.addScalar(o.a34, Double.NaN, o.c34), "addScalar", "NaN"),
                new BadCall("qr of a matrix holding NaN", NonFiniteValueException.class,
                        () -> b.qr(o.nan, QrMode.COMPLETE), "qr", "NaN", "(1, 2)", "3x3"),
                new BadCall("gemm writing over its own input", IllegalArgumentException.class,
                        () -> b.gemm(1, o.sq, Transpose.NONE, o.sq, Transpose.NONE, 0, o.sq), "gemm", "C", "same tensor"),
                new BadCall("transpose in place", IllegalArgumentException.class,
                        () -> b.transpose(o.sq, o.sq), "transpose", "same tensor"),
                new BadCall("copyBlock within one tensor", IllegalArgumentException.class,
                        () -> b.copyBlock(o.a34, 0, 0, 1, 1, o.a34, 1, 1), "copyBlock", "same tensor"),
                new BadCall("rowwiseOuter over its own input", IllegalArgumentException.class,
                        () -> b.rowwiseOuter(o.sq, o.empty30, o.sq), "rowwiseOuter", "same tensor"),
                new BadCall("qr with Q = R", IllegalArgumentException.class,
                        () -> b.qr(o.a34, QrMode.ECONOMY, o.sq, o.sq), "qr", "same tensor"),
                new BadCall("scaleRows writing over its scale vector", IllegalArgumentException.class,
                        () -> b.scaleRows(o.v4, o.v4, o.v4), "scaleRows", "same tensor"),
                new BadCall("add with a null operand", NullPointerException.class,
                        () -> b.add(o.a34, null, o.c34), "add", "b is null"),
                new BadCall("map with a null function", NullPointerException.class,
                        () -> b.map(o.a34, null, o.c34), "map", "f is null"));
    }

    private static List<BadCall> closedTensors(Backend b, Operands o) {
        return List.of(
                new BadCall("a closed tensor as an operand", IllegalStateException.class,
                        () -> b.add(o.closed34, o.b34, o.c34), "add", "3x4", "closed"),
                new BadCall("a closed tensor as the output", IllegalStateException.class,
                        () -> b.copy(o.a34, o.closed34), "copy", "dst", "closed"),
                new BadCall("a product with a closed factor", IllegalStateException.class,
                        () -> b.matmul(o.a43, o.closed34), "matmul", "closed"),
                new BadCall("QR of a closed tensor", IllegalStateException.class,
                        () -> b.qr(o.closed34, QrMode.ECONOMY), "qr", "closed"),
                new BadCall("copyOf a closed tensor", IllegalStateException.class,
                        () -> b.copyOf(o.closed34), "copyOf", "closed"),
                new BadCall("reading an entry of a closed tensor", IllegalStateException.class,
                        () -> o.closed34.get(0, 0), "get", "3x4", "closed"),
                new BadCall("writing an entry of a closed tensor", IllegalStateException.class,
                        () -> o.closed34.set(0, 0, 1.0), "set", "closed"),
                new BadCall("copying out a closed tensor", IllegalStateException.class,
                        () -> o.closed34.toRowMajor(), "toRowMajor", "closed"),
                new BadCall("filling a closed tensor", IllegalStateException.class,
                        () -> o.closed34.setRowMajor(new double[12]), "setRowMajor", "closed"));
    }

    @TestFactory
    default Stream<DynamicTest> badInputsAreRejectedClearlyAndChangeNothing() {
        Backend b = backend();
        Operands o = new Operands(b, otherBackend());
        List<BadCall> calls = new ArrayList<>(shapeErrors(b, o));
        calls.addAll(mixedBackends(b, o));
        calls.addAll(nonFiniteAndAliasing(b, o));
        calls.addAll(closedTensors(b, o));
        return calls.stream().map(c -> dynamicTest(c.description(), () -> {
            List<double[]> before = o.all.stream().map(Tensor::toRowMajor).toList();
            Throwable thrown = assertThrows(c.expected(), c.call(), c.description());
            String message = String.valueOf(thrown.getMessage());
            for (String fragment : c.fragments()) {
                assertTrue(message.contains(fragment),
                        () -> c.description() + ": message \"" + message + "\" should mention \"" + fragment + "\"");
            }
            for (int i = 0; i < before.size(); i++) {
                double[] after = o.all.get(i).toRowMajor();
                for (int p = 0; p < after.length; p++) {
                    assertEquals(Double.doubleToRawLongBits(before.get(i)[p]), Double.doubleToRawLongBits(after[p]),
                            c.description() + ": operand " + i + " changed at entry " + p);
                }
            }
        }));
    }
}
