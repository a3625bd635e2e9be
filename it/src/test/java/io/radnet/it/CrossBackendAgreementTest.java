package io.radnet.it;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.Backends;
import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.tck.SeededInputs;
import io.radnet.api.tck.Tolerances;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same seeded inputs through every available backend agree with EJML, the reference
 * backend: products and entrywise ops to a relative Frobenius error of 1e-12, QR factors of
 * full-rank inputs after sign canonicalisation. A user switching backends gets the same
 * numbers.
 *
 * <p>The shapes include the reduced network's 14641 × 6 and a 1024 × 260 matrix, large enough
 * that ND4J runs its entrywise arithmetic as native ops (from 262144 entries), and small ones
 * where it uses Java loops, so both of its paths are compared.
 */
class CrossBackendAgreementTest {
    private static final Backend EJML = Backends.get("ejml");

    /** Runs on the backend under test, returns the result converted to EJML. */
    private static Tensor onEjml(Backend backend, Tensor t) {
        return EJML.copyOf(t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void productsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        for (int[] mkn : new int[][] {{1, 1, 1}, {7, 3, 5}, {64, 64, 64}, {200, 13, 150}, {14641, 5, 6}, {6, 14641, 2}}) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            for (Transpose ta : Transpose.values()) {
                for (Transpose tb : Transpose.values()) {
                    int[] aShape = ta == Transpose.NONE ? new int[] {m, k} : new int[] {k, m};
                    int[] bShape = tb == Transpose.NONE ? new int[] {k, n} : new int[] {n, k};
                    Tensor a = SeededInputs.tensor(b, 1, aShape[0], aShape[1]);
                    Tensor bt = SeededInputs.tensor(b, 2, bShape[0], bShape[1]);
                    Tensor c = SeededInputs.tensor(b, 3, m, n);
                    b.gemm(0.5, a, ta, bt, tb, -1.0, c);
                    Tensor ce = SeededInputs.tensor(EJML, 3, m, n);
                    EJML.gemm(0.5, SeededInputs.tensor(EJML, 1, aShape[0], aShape[1]), ta,
                            SeededInputs.tensor(EJML, 2, bShape[0], bShape[1]), tb, -1.0, ce);
                    assertClose(ce.toRows(), onEjml(b, c), Tolerances.OP_RELATIVE,
                            name + " gemm " + m + "x" + k + "x" + n + " " + ta + "·" + tb);
                }
            }
        }
    }

    /** Entrywise ops, broadcasts and reductions, each on fresh copies of the same inputs. */
    private static Map<String, BiConsumer<Backend, Tensor[]>> ops() {
        Map<String, BiConsumer<Backend, Tensor[]>> ops = new LinkedHashMap<>();
        // t[0], t[1]: m × n inputs; t[2]: m × n output; t[3]: 1 × n; t[4]: m × 1
        ops.put("add", (be, t) -> be.add(t[0], t[1], t[2]));
        ops.put("subtract", (be, t) -> be.subtract(t[0], t[1], t[0]));
        ops.put("hadamard", (be, t) -> be.hadamard(t[0], t[1], t[1]));
        ops.put("scale", (be, t) -> be.scale(-1.7, t[0], t[2]));
        ops.put("addScalar", (be, t) -> be.addScalar(t[0], 0.25, t[0]));
        ops.put("axpy", (be, t) -> be.axpy(-0.3, t[1], t[0]));
        ops.put("map", (be, t) -> be.map(t[0], Math::tanh, t[2]));
        ops.put("zip", (be, t) -> be.zip(t[0], t[1], Math::atan2, t[2]));
        ops.put("addRowVector", (be, t) -> be.addRowVector(t[0], t[3], t[2]));
        ops.put("addColumnVector", (be, t) -> be.addColumnVector(t[0], t[4], t[0]));
        ops.put("scaleRows", (be, t) -> be.scaleRows(t[0], t[4], t[2]));
        ops.put("scaleColumns", (be, t) -> be.scaleColumns(t[0], t[3], t[0]));
        ops.put("rowNorms", (be, t) -> be.rowNorms(t[0], t[4]));
        ops.put("columnNorms", (be, t) -> be.columnNorms(t[0], t[3]));
        ops.put("rowSums", (be, t) -> be.rowSums(t[0], t[4]));
        ops.put("columnSums", (be, t) -> be.columnSums(t[1], t[3]));
        ops.put("rowDots", (be, t) -> be.rowDots(t[0], t[1], t[4]));
        ops.put("columnDots", (be, t) -> be.columnDots(t[0], t[1], t[3]));
        ops.put("rowMaxima", (be, t) -> be.rowMaxima(t[1], t[4]));
        ops.put("transpose", (be, t) -> be.copyReshaped(be.transpose(t[0]), t[2]));
        return ops;
    }

    private static Tensor[] inputs(Backend b, int m, int n) {
        return new Tensor[] {
            SeededInputs.tensor(b, 4, m, n), SeededInputs.tensor(b, 5, m, n), SeededInputs.tensor(b, 6, m, n),
            SeededInputs.tensor(b, 7, 1, n), SeededInputs.tensor(b, 8, m, 1),
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void entrywiseOpsBroadcastsAndReductionsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        for (int[] shape : new int[][] {{301, 17}, {14641, 6}, {1024, 260}}) {
            int m = shape[0];
            int n = shape[1];
            for (Map.Entry<String, BiConsumer<Backend, Tensor[]>> op : ops().entrySet()) {
                Tensor[] mine = inputs(b, m, n);
                Tensor[] ejml = inputs(EJML, m, n);
                op.getValue().accept(b, mine);
                op.getValue().accept(EJML, ejml);
                for (int i = 0; i < mine.length; i++) {
                    assertClose(ejml[i].toRows(), onEjml(b, mine[i]), Tolerances.OP_RELATIVE,
                            name + " " + op.getKey() + " on " + m + "x" + n + ", tensor " + i);
                }
            }
            Tensor x = SeededInputs.tensor(b, 9, m, n);
            Tensor xe = SeededInputs.tensor(EJML, 9, m, n);
            assertCloseScalar(EJML.sum(xe), b.sum(x), Tolerances.OP_RELATIVE, name + " sum");
            assertCloseScalar(EJML.dot(xe, xe), b.dot(x, x), Tolerances.OP_RELATIVE, name + " dot");
            assertCloseScalar(EJML.norm(xe), b.norm(x), Tolerances.OP_RELATIVE, name + " norm");
            assertEquals(EJML.maxAbs(xe), b.maxAbs(x), name + " maxAbs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void hypernetworkBatchedProductsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        int batch = 257;
        int p = 3;
        int q = 5;
        for (Transpose trans : Transpose.values()) {
            int in = trans == Transpose.NONE ? q : p;
            int outCols = trans == Transpose.NONE ? p : q;
            Tensor out = b.zeros(batch, outCols);
            Tensor outE = EJML.zeros(batch, outCols);
            b.batchedMatVec(SeededInputs.tensor(b, 10, batch, p * q), trans, SeededInputs.tensor(b, 11, batch, in), out);
            EJML.batchedMatVec(SeededInputs.tensor(EJML, 10, batch, p * q), trans,
                    SeededInputs.tensor(EJML, 11, batch, in), outE);
            assertClose(outE.toRows(), onEjml(b, out), Tolerances.OP_RELATIVE, name + " batchedMatVec " + trans);
        }
        Tensor outer = b.zeros(batch, p * q);
        Tensor outerE = EJML.zeros(batch, p * q);
        b.rowwiseOuter(SeededInputs.tensor(b, 12, batch, p), SeededInputs.tensor(b, 13, batch, q), outer);
        EJML.rowwiseOuter(SeededInputs.tensor(EJML, 12, batch, p), SeededInputs.tensor(EJML, 13, batch, q), outerE);
        assertClose(outerE.toRows(), onEjml(b, outer), Tolerances.OP_RELATIVE, name + " rowwiseOuter");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void qrFactorsOfFullRankInputsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        for (int[] shape : new int[][] {{1, 1}, {6, 6}, {40, 7}, {7, 40}, {128, 128}, {14641, 6}}) {
            for (QrMode mode : QrMode.values()) {
                if (mode == QrMode.COMPLETE && shape[0] > 1000) {
                    continue; // a 14641 × 14641 Q is 1.7 GB; the economy factors are what compression uses
                }
                QrFactors f = b.qr(SeededInputs.tensor(b, 6, shape[0], shape[1]), mode);
                QrFactors e = EJML.qr(SeededInputs.tensor(EJML, 6, shape[0], shape[1]), mode);
                int k = Math.min(shape[0], shape[1]);
                String what = name + " qr " + mode + " " + shape[0] + "x" + shape[1];
                // Only the first k columns of Q are determined by A; complete Q's others span the
                // orthogonal complement in a basis of the backend's choosing.
                assertClose(EJML.block(e.q(), 0, 0, shape[0], k).toRows(),
                        EJML.block(onEjml(b, f.q()), 0, 0, shape[0], k), Tolerances.QR_UNIQUENESS, what + " Q");
                assertClose(e.r().toRows(), onEjml(b, f.r()), Tolerances.QR_UNIQUENESS, what + " R");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void everyAvailableBackendRejectsTensorsOfAnotherAndConvertsThemExplicitly(String name) {
        Backend b = Backends.get(name);
        Tensor mine = SeededInputs.tensor(b, 14, 3, 2);
        for (Backend other : Backends.available()) {
            if (other != b) {
                Tensor foreign = SeededInputs.tensor(other, 15, 3, 2);
                BackendMismatchException e = assertThrows(BackendMismatchException.class,
                        () -> b.add(mine, foreign, mine), name + " must reject a tensor of " + other.name());
                assertTrue(e.getMessage().contains("belongs to backend '" + other.name() + "'")
                        && e.getMessage().contains("copyOf"), e.getMessage());
                assertThrows(BackendMismatchException.class, () -> other.sum(mine),
                        other.name() + " must reject a tensor of " + name);
                assertExactly(SeededInputs.matrix(15, 3, 2), b.copyOf(foreign),
                        name + " converts a tensor of " + other.name() + " exactly");
                assertExactly(SeededInputs.matrix(14, 3, 2), other.copyOf(mine),
                        other.name() + " converts a tensor of " + name + " exactly");
            }
        }
        assertTrue(Backends.available().contains(EJML), "EJML is always available");
    }
}
