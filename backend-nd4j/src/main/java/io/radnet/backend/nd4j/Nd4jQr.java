package io.radnet.backend.nd4j;

import io.radnet.api.QrMode;
import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Householder QR through LAPACK: {@code dgeqrf} factors A into R and k = min(m, n) reflectors,
 * {@code dorgqr} forms Q from them. The calls go to the OpenBLAS LAPACK that ND4J links against,
 * through the same bindings ND4J's own {@code CpuLapack} uses.
 *
 * <p>Not {@code Nd4j.linalg.qr}: it forms a dense m × m reflector per column, O(n⁴) time and
 * O(m²n) memory. ND4J's {@code geqrf}
 * wrapper returns only the economy Q. Here the work happens in the output tensors themselves:
 * <ul>
 *   <li>m ≥ n: A is copied into Q (m × n or m × m, leading dimension m), factored there, R is
 *       read off its upper triangle, and {@code dorgqr} turns Q's buffer into Q in place: the
 *       complete mode runs {@code dorgqr} on the whole m × m buffer, the economy mode on m × n;
 *   <li>m &lt; n: A is copied into R (m × n in both modes), factored there, the m × m block of
 *       reflectors is copied into Q for {@code dorgqr}, and R's entries below the diagonal are
 *       set to exact zeros.
 * </ul>
 * The only allocations are τ (k entries) and LAPACK's workspace, both native and freed before
 * returning. A is not modified. Signs are not canonicalised here; {@link io.radnet.api.Backend}
 * does that afterwards.
 */
final class Nd4jQr {
    /** LAPACKE's constant for column-major storage. */
    private static final int COLUMN_MAJOR = openblas.LAPACK_COL_MAJOR;

    private Nd4jQr() {
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
    static void decompose(Nd4jTensor a, QrMode mode, Nd4jTensor q, Nd4jTensor r) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        int qCols = q.cols();
        boolean inQ = m >= n;
        Nd4jTensor work = inQ ? q : r;
        work.buffer().put(0, a.buffer(), 0, m * n);
        try (DoublePointer tau = new DoublePointer(k);
             DoublePointer query = new DoublePointer(1)) {
            check("dgeqrf", openblas.LAPACKE_dgeqrf_work(COLUMN_MAJOR, m, n, work.pointer(), m, tau, query, -1));
            int lwork = (int) query.get();
            check("dorgqr", openblas.LAPACKE_dorgqr_work(COLUMN_MAJOR, m, qCols, k, q.pointer(), m, tau, query, -1));
            lwork = Math.max(Math.max(lwork, (int) query.get()), Math.max(1, qCols));
            try (DoublePointer workspace = new DoublePointer(lwork)) {
                check("dgeqrf", openblas.LAPACKE_dgeqrf_work(COLUMN_MAJOR, m, n, work.pointer(), m, tau,
                        workspace, lwork));
                if (inQ) {
                    copyUpperTriangle(q.buffer(), m, r.buffer(), r.rows(), n);
                } else {
                    q.buffer().put(0, r.buffer(), 0, m * m);
                    zeroBelowDiagonal(r.buffer(), m, n);
                }
                // dorgqr overwrites columns k+1..qCols with unit-matrix columns before applying
                // the reflectors, so whatever Q held there does not matter.
                check("dorgqr", openblas.LAPACKE_dorgqr_work(COLUMN_MAJOR, m, qCols, k, q.pointer(), m, tau,
                        workspace, lwork));
            }
        }
    }

    /**
     * R and C·Q of the economy factorisation A = Q·R (see
     * {@link io.radnet.api.Backend#qrRightProduct}): A copied into a native temporary, then
     * {@link #factorAndMultiply}. Signs are not canonicalised here.
     *
     * @param a A, m × n, m, n ≥ 1, finite; not modified
     * @param c C, p × m; not modified
     * @param r R, k × n, overwritten
     * @param cq C·Q, p × k, overwritten
     */
    static void rightProduct(Nd4jTensor a, Nd4jTensor c, Nd4jTensor r, Nd4jTensor cq) {
        int m = a.rows();
        int n = a.cols();
        try (DoublePointer w = new DoublePointer((long) m * n)) {
            w.put(new DoublePointer(a.pointer()).capacity((long) m * n));
            factorAndMultiply(w, m, n, c, r, cq.pointer());
        }
    }

    /**
     * One step of QR-compress (see {@link io.radnet.api.Backend#qrCompressionStep}): A factored
     * in its own buffer, C·Q written straight into columns column … column + k − 1 of next (in
     * column-major order they are the contiguous p·k entries from column·p on). Signs are not
     * canonicalised here.
     *
     * @param a A, m × n, m, n ≥ 1, finite; overwritten with its reflectors
     * @param c C, p × m; not modified
     * @param r R, k × n, overwritten
     * @param next p × (column + k); the columns from column on are overwritten
     * @param column the first column of C·Q in next
     */
    static void compressionStep(Nd4jTensor a, Nd4jTensor c, Nd4jTensor r, Nd4jTensor next, int column) {
        DoublePointer out = c.rows() == 0 ? null
                : new DoublePointer(next.pointer()).position((long) column * c.rows());
        factorAndMultiply(a.pointer(), a.rows(), a.cols(), c, r, out);
    }

    /**
     * {@code dgeqrf} on w (A, m × n, leading dimension m, overwritten with R and the
     * reflectors), R read off, then whichever is cheaper by flop count: {@code dormqr} applies
     * the k reflectors to a copy of C from the right (4pmk − 2pk²), or {@code dorgqr} forms the
     * economy Q in w and {@code dgemm} multiplies (2mk² − 2k³/3 + 2pmk). For the last hidden
     * layer of a network (C = W_L with p = n_L outputs) the reflectors cost a fraction of forming
     * Q.
     *
     * @param w A's entries, column-major, overwritten
     * @param c C, p × m; not modified
     * @param r R, k × n, overwritten
     * @param out where C·Q (p × k, leading dimension p) goes; unused when p = 0
     */
    private static void factorAndMultiply(DoublePointer w, int m, int n, Nd4jTensor c, Nd4jTensor r,
                                          DoublePointer out) {
        int k = Math.min(m, n);
        int p = c.rows();
        double apply = 4.0 * p * m * k - 2.0 * p * k * (double) k;
        double form = 2.0 * m * k * (double) k - 2.0 / 3.0 * k * (double) k * k + 2.0 * p * m * k;
        boolean reflect = apply < form;
        try (DoublePointer tau = new DoublePointer(k);
             DoublePointer query = new DoublePointer(1);
             DoublePointer cw = new DoublePointer(reflect ? (long) p * m : 1)) {
            check("dgeqrf", openblas.LAPACKE_dgeqrf_work(COLUMN_MAJOR, m, n, w, m, tau, query, -1));
            int lwork = (int) query.get();
            if (reflect) {
                check("dormqr", openblas.LAPACKE_dormqr_work(COLUMN_MAJOR, (byte) 'R', (byte) 'N', p, m, k, w, m, tau,
                        cw, Math.max(1, p), query, -1));
            } else {
                check("dorgqr", openblas.LAPACKE_dorgqr_work(COLUMN_MAJOR, m, k, k, w, m, tau, query, -1));
            }
            lwork = Math.max(Math.max(lwork, (int) query.get()), Math.max(1, Math.max(k, p)));
            try (DoublePointer workspace = new DoublePointer(lwork)) {
                check("dgeqrf", openblas.LAPACKE_dgeqrf_work(COLUMN_MAJOR, m, n, w, m, tau, workspace, lwork));
                copyUpperTriangle(new DoublePointer(w).capacity((long) m * n).asBuffer(), m, r.buffer(), k, n);
                if (p == 0) {
                    return;
                }
                if (reflect) {
                    cw.put(new DoublePointer(c.pointer()).capacity((long) p * m));
                    check("dormqr", openblas.LAPACKE_dormqr_work(COLUMN_MAJOR, (byte) 'R', (byte) 'N', p, m, k, w, m,
                            tau, cw, Math.max(1, p), workspace, lwork));
                    // the first k columns of C·Q, contiguous in column-major order
                    out.put(cw.capacity((long) p * k));
                } else {
                    check("dorgqr", openblas.LAPACKE_dorgqr_work(COLUMN_MAJOR, m, k, k, w, m, tau, workspace,
                            lwork));
                    openblas.cblas_dgemm(openblas.CblasColMajor, openblas.CblasNoTrans, openblas.CblasNoTrans, p, k,
                            m, 1.0, c.pointer(), p, w, m, 0.0, out, p);
                }
            }
        }
    }

    /** r (rRows × n) ← the upper triangle of the first rRows rows of w (leading dimension m). */
    private static void copyUpperTriangle(DoubleBuffer w, int m, DoubleBuffer r, int rRows, int n) {
        for (int j = 0; j < n; j++) {
            int last = Math.min(j, rRows - 1);
            for (int i = 0; i <= last; i++) {
                r.put(i + j * rRows, w.get(i + j * m));
            }
            for (int i = last + 1; i < rRows; i++) {
                r.put(i + j * rRows, 0.0);
            }
        }
    }

    /** Sets the entries below the diagonal of an m × n column-major matrix to zero. */
    private static void zeroBelowDiagonal(DoubleBuffer r, int m, int n) {
        for (int j = 0; j < Math.min(m, n); j++) {
            for (int i = j + 1; i < m; i++) {
                r.put(i + j * m, 0.0);
            }
        }
    }

    private static void check(String routine, int info) {
        if (info != 0) {
            throw new IllegalStateException("LAPACK " + routine + " failed with info = " + info
                    + (info < 0 ? " (argument " + -info + " is illegal)" : ""));
        }
    }
}
