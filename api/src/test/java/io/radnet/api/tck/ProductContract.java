package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertExactly;

import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Matrix products: GEMM in all four transpose combinations with β ∈ {0, 1, −0.5}, the
 * allocating product, and the batched per-row products of hypernetworks.
 */
public interface ProductContract extends ContractFixture {

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("io.radnet.api.tck.SeededInputs#productShapes")
    default void gemmMatchesThePlainLoopForEveryTransposeAndBeta(int m, int k, int n) {
        long seed = 1000L * m + 100L * k + n;
        for (Transpose ta : Transpose.values()) {
            for (Transpose tb : Transpose.values()) {
                for (double beta : new double[] {0.0, 1.0, -0.5}) {
                    boolean transA = ta == Transpose.TRANSPOSED;
                    boolean transB = tb == Transpose.TRANSPOSED;
                    int ar = transA ? k : m;
                    int ac = transA ? m : k;
                    int br = transB ? n : k;
                    int bc = transB ? k : n;
                    double[][] a = SeededInputs.matrix(seed, ar, ac);
                    double[][] b = SeededInputs.matrix(seed + 1, br, bc);
                    double[][] c = SeededInputs.matrix(seed + 2, m, n);
                    Tensor ta0 = random(seed, ar, ac);
                    Tensor tb0 = random(seed + 1, br, bc);
                    Tensor tc = random(seed + 2, m, n);
                    backend().gemm(1.75, ta0, ta, tb0, tb, beta, tc);
                    double[][] expected = Reference.gemm(1.75, Reference.op(a, transA, ar, ac),
                            Reference.op(b, transB, br, bc), beta, c, m, k, n);
                    String what = "gemm " + ta + "/" + tb + " beta=" + beta + " m=" + m + " k=" + k + " n=" + n;
                    assertClose(expected, tc, Tolerances.OP_RELATIVE, what);
                    assertExactly(a, ta0, what + " leaves A alone");
                    assertExactly(b, tb0, what + " leaves B alone");
                }
            }
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("io.radnet.api.tck.SeededInputs#productShapes")
    default void gemmWithBetaZeroIgnoresWhatCHeld(int m, int k, int n) {
        double[][] a = SeededInputs.matrix(31, m, k);
        double[][] b = SeededInputs.matrix(32, k, n);
        Tensor c = backend().filled(m, n, Double.NaN);
        backend().gemm(-2.0, random(31, m, k), Transpose.NONE, random(32, k, n), Transpose.NONE, 0.0, c);
        assertClose(Reference.gemm(-2.0, a, b, 0.0, null, m, k, n), c, Tolerances.OP_RELATIVE,
                "gemm with beta = 0 over a NaN-filled C");
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("io.radnet.api.tck.SeededInputs#productShapes")
    default void matmulAllocatesTheProduct(int m, int k, int n) {
        double[][] a = SeededInputs.matrix(33, m, k);
        double[][] b = SeededInputs.matrix(34, n, k);
        Tensor c = backend().matmul(random(33, m, k), Transpose.NONE, random(34, n, k), Transpose.TRANSPOSED);
        assertClose(Reference.gemm(1.0, a, Reference.op(b, true, n, k), 0.0, null, m, k, n), c,
                Tolerances.OP_RELATIVE, "matmul A·Bᵀ");
        Tensor plain = backend().matmul(random(33, m, k), backend().transpose(random(34, n, k)));
        assertClose(c.toRows(), plain, Tolerances.OP_RELATIVE, "matmul A·B");
    }

    @ParameterizedTest(name = "batch={0} p={1} q={2}")
    @MethodSource("io.radnet.api.tck.SeededInputs#productShapes")
    default void batchedMatVecAppliesEachRowsOwnMatrix(int batch, int p, int q) {
        double[][] w = SeededInputs.matrix(35, batch, p * q);
        double[][] x = SeededInputs.matrix(36, batch, q);
        double[][] xt = SeededInputs.matrix(37, batch, p);
        Tensor weights = random(35, batch, p * q);
        Tensor out = backend().filled(batch, p, Double.NaN);
        backend().batchedMatVec(weights, Transpose.NONE, random(36, batch, q), out);
        Tensor outT = backend().filled(batch, q, Double.NaN);
        backend().batchedMatVec(weights, Transpose.TRANSPOSED, random(37, batch, p), outT);
        double[][] expected = new double[batch][p];
        double[][] expectedT = new double[batch][q];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    double mij = w[s][i * q + j]; // M_s is p×q, row-major in row s
                    expected[s][i] += mij * x[s][j];
                    expectedT[s][j] += mij * xt[s][i];
                }
            }
        }
        assertClose(expected, out, Tolerances.OP_RELATIVE, "batchedMatVec M_s·x_s");
        assertClose(expectedT, outT, Tolerances.OP_RELATIVE, "batchedMatVec M_sᵀ·x_s");
        assertExactly(w, weights, "batchedMatVec leaves the matrices alone");
    }

    @ParameterizedTest(name = "batch={0} p={1} q={2}")
    @MethodSource("io.radnet.api.tck.SeededInputs#productShapes")
    default void rowwiseOuterIsThePerRowOuterProductInRowMajorOrder(int batch, int p, int q) {
        double[][] a = SeededInputs.matrix(38, batch, p);
        double[][] b = SeededInputs.matrix(39, batch, q);
        Tensor out = backend().filled(batch, p * q, Double.NaN);
        backend().rowwiseOuter(random(38, batch, p), random(39, batch, q), out);
        double[][] expected = new double[batch][p * q];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < q; j++) {
                    expected[s][i * q + j] = a[s][i] * b[s][j];
                }
            }
        }
        assertClose(expected, out, Tolerances.OP_RELATIVE, "rowwiseOuter");
    }
}
