package io.radnet.backend.jblas;

import io.radnet.api.QrMode;
import java.util.Arrays;
import org.jblas.NativeBlas;

/**
 * Householder QR through jblas's LAPACK: {@code dgeqrf} factors A into R and k = min(m, n)
 * reflectors, {@code dorgqr} forms Q from them (both from {@link NativeBlas}, with a workspace
 * sized by LAPACK's own query). The work happens in the output tensors themselves:
 * <ul>
 *   <li>m ≥ n: A is copied into Q (m × n or m × m, leading dimension m), factored there, R is
 *       read off its upper triangle, and {@code dorgqr} turns Q's array into Q in place: the
 *       complete mode runs {@code dorgqr} on the whole m × m array, the economy mode on m × n;
 *   <li>m &lt; n: A is copied into R (m × n in both modes), factored there, the m × m block of
 *       reflectors is copied into Q for {@code dorgqr}, and R's entries below the diagonal are
 *       set to exact zeros.
 * </ul>
 * The only allocations are τ (k entries) and the workspace. A is not modified. Signs are not
 * canonicalised here; {@link io.radnet.api.Backend} does that afterwards. Callers hold
 * {@link JblasBackend#NATIVE_LOCK}.
 */
final class JblasQr {
    private JblasQr() {
    }

    /**
     * A = Q·R for a non-empty, finite A.
     *
     * @param a A, m × n, m, n ≥ 1; not modified
     * @param mode complete (Q m × m, R m × n) or economy (Q m × k, R k × n)
     * @param q Q, overwritten; distinct from a and r
     * @param r R, overwritten with exact zeros below the diagonal; distinct from a and q
     * @throws IllegalStateException if LAPACK reports an error (an illegal argument: a bug)
     */
    static void decompose(JblasTensor a, QrMode mode, JblasTensor q, JblasTensor r) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        int qCols = q.cols();
        boolean inQ = m >= n;
        double[] work = inQ ? q.data() : r.data();
        double[] qd = q.data();
        double[] rd = r.data();
        System.arraycopy(a.data(), 0, work, 0, m * n);
        double[] tau = new double[k];
        double[] query = new double[1];
        // The workspace queries (lwork = −1) read no entry of the matrices; jblas copies every
        // array it is given through JNI in and out, so they get a one-entry array, not megabytes.
        double[] notRead = new double[1];
        check("dgeqrf", NativeBlas.dgeqrf(m, n, notRead, 0, m, tau, 0, query, 0, -1));
        int lwork = (int) query[0];
        check("dorgqr", NativeBlas.dorgqr(m, qCols, k, notRead, 0, m, tau, 0, query, 0, -1));
        lwork = Math.max(Math.max(lwork, (int) query[0]), Math.max(1, qCols));
        double[] workspace = new double[lwork];
        check("dgeqrf", NativeBlas.dgeqrf(m, n, work, 0, m, tau, 0, workspace, 0, lwork));
        if (inQ) {
            copyUpperTriangle(qd, m, r.rows(), n, rd);
        } else {
            System.arraycopy(rd, 0, qd, 0, m * m);
            for (int j = 0; j < m; j++) {
                Arrays.fill(rd, j * m + j + 1, (j + 1) * m, 0.0);
            }
        }
        // dorgqr overwrites columns k+1..qCols with unit-matrix columns before applying the
        // reflectors, so whatever Q held there does not matter.
        check("dorgqr", NativeBlas.dorgqr(m, qCols, k, qd, 0, m, tau, 0, workspace, 0, lwork));
    }

    /**
     * One step of QR-compress (see {@link io.radnet.api.Backend#qrCompressionStep}):
     * {@code dgeqrf} in A's own array, R read off, then whichever is cheaper by flop count:
     * {@code dormqr} applies the k reflectors to a copy of C from the right (4pmk − 2pk²), or
     * {@code dorgqr} forms the economy Q in A's array and {@code dgemm} multiplies
     * (2mk² − 2k³/3 + 2pmk). C·Q goes straight into columns column … column + k − 1 of next (in
     * column-major order the contiguous p·k entries from column·p on). Signs are not
     * canonicalised here.
     *
     * @param a A, m × n, m, n ≥ 1, finite; overwritten with its reflectors
     * @param c C, p × m; not modified
     * @param r R, k × n, overwritten
     * @param next p × (column + k); the columns from column on are overwritten
     * @param column the first column of C·Q in next
     * @throws IllegalStateException if LAPACK reports an error (an illegal argument: a bug)
     */
    static void compressionStep(JblasTensor a, JblasTensor c, JblasTensor r, JblasTensor next, int column) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        int p = c.rows();
        double[] w = a.data();
        double apply = 4.0 * p * m * k - 2.0 * p * k * (double) k;
        double form = 2.0 * m * k * (double) k - 2.0 / 3.0 * k * (double) k * k + 2.0 * p * m * k;
        boolean reflect = apply < form;
        double[] cw = reflect ? c.data().clone() : null;
        double[] tau = new double[k];
        double[] query = new double[1];
        // The workspace queries (lwork = −1) read no entry of the matrices; jblas copies every
        // array it is given through JNI in and out, so they get a one-entry array, not megabytes.
        double[] notRead = new double[1];
        check("dgeqrf", NativeBlas.dgeqrf(m, n, notRead, 0, m, tau, 0, query, 0, -1));
        int lwork = (int) query[0];
        if (reflect) {
            check("dormqr", NativeBlas.dormqr('R', 'N', p, m, k, notRead, 0, m, tau, 0, notRead, 0, Math.max(1, p),
                    query, 0, -1));
        } else {
            check("dorgqr", NativeBlas.dorgqr(m, k, k, notRead, 0, m, tau, 0, query, 0, -1));
        }
        lwork = Math.max(Math.max(lwork, (int) query[0]), Math.max(1, Math.max(k, p)));
        double[] workspace = new double[lwork];
        check("dgeqrf", NativeBlas.dgeqrf(m, n, w, 0, m, tau, 0, workspace, 0, lwork));
        copyUpperTriangle(w, m, k, n, r.data());
        if (p == 0) {
            return;
        }
        if (reflect) {
            check("dormqr", NativeBlas.dormqr('R', 'N', p, m, k, w, 0, m, tau, 0, cw, 0, p, workspace, 0, lwork));
            System.arraycopy(cw, 0, next.data(), column * p, p * k);
        } else {
            check("dorgqr", NativeBlas.dorgqr(m, k, k, w, 0, m, tau, 0, workspace, 0, lwork));
            NativeBlas.dgemm('N', 'N', p, k, m, 1.0, c.data(), 0, p, w, 0, m, 0.0, next.data(), column * p, p);
        }
    }

    /**
     * R (rRows × n, column-major) ← the upper triangle of the first rRows rows of the m × n
     * column-major factored matrix, exact zeros below the diagonal: per column one bulk copy and
     * one fill, so that no entry-by-entry loop over megabytes needs compiling in a short process.
     */
    private static void copyUpperTriangle(double[] factored, int m, int rRows, int n, double[] r) {
        for (int j = 0; j < n; j++) {
            int kept = Math.min(j, rRows - 1) + 1;
            System.arraycopy(factored, j * m, r, j * rRows, kept);
            Arrays.fill(r, j * rRows + kept, (j + 1) * rRows, 0.0);
        }
    }

    private static void check(String routine, int info) {
        if (info != 0) {
            throw new IllegalStateException("LAPACK " + routine + " failed with info = " + info
                    + (info < 0 ? " (argument " + -info + " is illegal)" : ""));
        }
    }
}
