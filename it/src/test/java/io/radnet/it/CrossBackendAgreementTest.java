package io.radnet.it;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.tck.SeededInputs;
import io.radnet.api.tck.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same seeded inputs through every available backend agree with EJML, the reference
 * backend: products and entrywise ops to a relative Frobenius error of 1e-12, QR factors of
 * full-rank inputs after sign canonicalisation. A user switching backends gets the same
 * numbers.
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
        for (int[] mkn : new int[][] {{1, 1, 1}, {7, 3, 5}, {64, 64, 64}, {200, 13, 150}, {14641, 5, 6}}) {
            int m = mkn[0];
            int k = mkn[1];
            int n = mkn[2];
            Tensor a = SeededInputs.tensor(b, 1, m, k);
            Tensor bt = SeededInputs.tensor(b, 2, n, k);
            Tensor c = SeededInputs.tensor(b, 3, m, n);
            b.gemm(0.5, a, Transpose.NONE, bt, Transpose.TRANSPOSED, -1.0, c);
            Tensor ce = SeededInputs.tensor(EJML, 3, m, n);
            EJML.gemm(0.5, SeededInputs.tensor(EJML, 1, m, k), Transpose.NONE, SeededInputs.tensor(EJML, 2, n, k),
                    Transpose.TRANSPOSED, -1.0, ce);
            assertClose(ce.toRows(), onEjml(b, c), Tolerances.OP_RELATIVE, name + " gemm " + m + "x" + k + "x" + n);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void entrywiseOpsAndReductionsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        int rows = 301;
        int cols = 17;
        Tensor x = SeededInputs.tensor(b, 4, rows, cols);
        Tensor y = SeededInputs.tensor(b, 5, rows, cols);
        Tensor xe = SeededInputs.tensor(EJML, 4, rows, cols);
        Tensor ye = SeededInputs.tensor(EJML, 5, rows, cols);
        b.hadamard(x, y, x);
        EJML.hadamard(xe, ye, xe);
        b.axpy(-0.3, y, x);
        EJML.axpy(-0.3, ye, xe);
        b.map(x, Math::tanh, x);
        EJML.map(xe, Math::tanh, xe);
        assertClose(xe.toRows(), onEjml(b, x), Tolerances.OP_RELATIVE, name + " hadamard, axpy, map");
        Tensor norms = b.zeros(rows, 1);
        Tensor normsE = EJML.zeros(rows, 1);
        b.rowNorms(x, norms);
        EJML.rowNorms(xe, normsE);
        assertClose(normsE.toRows(), onEjml(b, norms), Tolerances.OP_RELATIVE, name + " rowNorms");
        Tensor sums = b.zeros(1, cols);
        Tensor sumsE = EJML.zeros(1, cols);
        b.columnSums(x, sums);
        EJML.columnSums(xe, sumsE);
        assertClose(sumsE.toRows(), onEjml(b, sums), Tolerances.OP_RELATIVE, name + " columnSums");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void qrFactorsOfFullRankInputsAgreeWithEjml(String name) {
        Backend b = Backends.get(name);
        for (int[] shape : new int[][] {{1, 1}, {6, 6}, {40, 7}, {7, 40}, {128, 128}}) {
            for (QrMode mode : QrMode.values()) {
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
    void everyAvailableBackendRejectsTensorsOfAnother(String name) {
        Backend b = Backends.get(name);
        for (Backend other : Backends.available()) {
            if (other != b) {
                Tensor foreign = other.zeros(2, 2);
                assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> b.sum(foreign)).getMessage().contains("copyOf"));
            }
        }
        assertTrue(Backends.available().contains(EJML), "EJML is always available");
    }
}
