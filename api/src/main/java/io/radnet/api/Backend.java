package io.radnet.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A linear-algebra backend: it creates {@link Tensor}s and runs the op set that networks,
 * optimizers and compression need, on tensors it owns.
 *
 * <p><b>Contract shared by every operation.</b> Each public method is final: it checks its
 * arguments here, once, for every backend (nulls, ownership, shapes, aliasing, scalar values),
 * handles zero-sized shapes, and only then calls the backend's protected kernel. A tensor of
 * another backend gives {@link BackendMismatchException}; a shape that does not fit gives
 * {@link ShapeMismatchException}; a NaN or infinite scalar coefficient, or a non-finite input
 * to the QR decomposition, gives {@link NonFiniteValueException}. Operations write into an
 * output tensor given by the caller (allocation-free for hot paths) and modify nothing else;
 * a failed check leaves every argument untouched. Where an output may be the same object as
 * an input, the method says so; otherwise passing the same tensor twice is rejected.
 *
 * <p>Vector arguments ("a vector of length n") accept tensors of shape 1×n or n×1.
 *
 * <p>Everything is double precision; no backend computes in float.
 *
 * <p><b>For backend authors.</b> A backend implements the mandatory core: the protected
 * abstract kernels (creation and copies, blocks, GEMM, QR, entrywise arithmetic, the dot
 * product and the largest magnitude), plus {@link Tensor} and a {@link BackendProvider}.
 * Every other kernel is a <em>capability</em>: protected, with a default in
 * {@link DefaultKernels} composed from the core, which a backend overrides where it is faster.
 * Fused model-specific passes whose availability depends on the model
 * ({@link #radialNetworkKernel}) are offered as optional objects. The contract suite in the
 * api test-jar proves both: a plain-loop reference backend implementing only the core passes
 * it, and every capability a backend overrides is compared with its default. See
 * {@code docs/backend-spi.md}.
 */
public abstract class Backend {
    /** Creates a backend; subclasses are created by their {@link BackendProvider}. */
    protected Backend() {
    }

    /**
     * @return the name of this backend, as its provider's {@link BackendProvider#name()}
     */
    public abstract String name();

    /**
     * @return the number of threads the backend's kernels may use
     */
    public abstract int threads();

    @Override
    public String toString() {
        return "Backend[" + name() + "]";
    }

    // ------------------------------------------------------------------------------------
    // Creation and conversion

    /**
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @return a new rows × cols tensor of zeros
     * @throws ShapeMismatchException if a dimension is negative or the size too large
     */
    public final Tensor zeros(int rows, int cols) {
        Shapes.requireDimensions("zeros", rows, cols);
        return newTensor(rows, cols);
    }

    /**
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @param value the value of every entry (any double)
     * @return a new rows × cols tensor filled with value
     */
    public final Tensor filled(int rows, int cols, double value) {
        Tensor t = zeros(rows, cols);
        fill(t, value);
        return t;
    }

    /**
     * @param n the order, ≥ 0
     * @return a new n × n identity matrix
     */
    public final Tensor identity(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, 1.0);
        }
        return t;
    }

    /**
     * @param rows number of rows, ≥ 0
     * @param cols number of columns, ≥ 0
     * @param data rows · cols entries in row-major order (entry (i, j) at i · cols + j);
     *     copied, not retained or modified
     * @return a new tensor holding a copy of data
     * @throws ShapeMismatchException if data's length is not rows · cols
     */
    public final Tensor fromRowMajor(int rows, int cols, double[] data) {
        Shapes.requireNonNull("fromRowMajor", "data", data);
        Shapes.requireDimensions("fromRowMajor", rows, cols);
        if (data.length != rows * cols) {
            throw new ShapeMismatchException("fromRowMajor: data has length " + data.length + " but a " + rows + "x"
                    + cols + " tensor needs " + rows * cols);
        }
        return fromRowMajorCopyKernel(rows, cols, data);
    }

    /**
     * @param rows the rows of the matrix, all of the same length; copied, not modified. An
     *     empty array gives a 0×0 tensor.
     * @return a new rows.length × rows[0].length tensor
     * @throws ShapeMismatchException if the rows are ragged
     */
    public final Tensor fromRows(double[][] rows) {
        Shapes.requireNonNull("fromRows", "rows", rows);
        int m = rows.length;
        int n = m == 0 ? 0 : lengthOfRow(rows, 0);
        Shapes.requireDimensions("fromRows", m, n);
        double[] flat = new double[m * n];
        for (int i = 0; i < m; i++) {
            int len = lengthOfRow(rows, i);
            if (len != n) {
                throw new ShapeMismatchException("fromRows: row " + i + " has length " + len
                        + " but row 0 has length " + n + "; rows must not be ragged");
            }
            System.arraycopy(rows[i], 0, flat, i * n, n);
        }
        return fromRowMajorKernel(m, n, flat);
    }

    private static int lengthOfRow(double[][] rows, int i) {
        if (rows[i] == null) {
            throw new NullPointerException("fromRows: row " + i + " is null");
        }
        return rows[i].length;
    }

    /**
     * Explicit conversion: copies a tensor of any backend (this one included) into a new
     * tensor of this backend. The source is not modified.
     *
     * @param source a tensor of any backend
     * @return a new tensor of this backend with the same shape and entries
     */
    public final Tensor copyOf(Tensor source) {
        Shapes.requireNonNull("copyOf", "source", source);
        source.requireOpen("copyOf");
        if (source.backend() == this) {
            Tensor t = newTensor(source.rows(), source.cols());
            copy(source, t);
            return t;
        }
        return fromRowMajorKernel(source.rows(), source.cols(), source.toRowMajor());
    }

    // ------------------------------------------------------------------------------------
    // Copies, blocks and layout

    /**
     * dst ← src.
     *
     * @param src the source, not modified
     * @param dst a tensor of the same shape; overwritten (may be src, then nothing happens)
     */
    public final void copy(Tensor src, Tensor dst) {
        own("copy", "src", src);
        own("copy", "dst", dst);
        Shapes.requireSameShape("copy", "src", src, "dst", dst);
        if (src != dst && src.size() > 0) {
            copyKernel(src, dst);
        }
    }

    /**
     * @param src the source, not modified
     * @return a new tensor of this backend equal to src
     */
    public final Tensor copy(Tensor src) {
        own("copy", "src", src);
        Tensor t = newTensor(src.rows(), src.cols());
        copy(src, t);
        return t;
    }

    /**
     * Sets every entry of dst to value.
     *
     * @param dst the tensor to overwrite
     * @param value any double
     */
    public final void fill(Tensor dst, double value) {
        own("fill", "dst", dst);
        if (dst.size() > 0) {
            fillKernel(dst, value);
        }
    }

    /**
     * out ← aᵀ.
     *
     * @param a an m × n tensor, not modified
     * @param out an n × m tensor, overwritten; must not be a
     */
    public final void transpose(Tensor a, Tensor out) {
        own("transpose", "a", a);
        own("transpose", "out", out);
        Shapes.requireDistinct("transpose", "a", a, "out", out);
        Shapes.requireShape("transpose", "out", out, a.cols(), a.rows());
        if (a.size() > 0) {
            transposeKernel(a, out);
        }
    }

    /**
     * @param a an m × n tensor, not modified
     * @return a new n × m tensor aᵀ
     */
    public final Tensor transpose(Tensor a) {
        own("transpose", "a", a);
        Tensor out = newTensor(a.cols(), a.rows());
        transpose(a, out);
        return out;
    }

    /**
     * Copies the {@code rows × cols} block of src at (srcRow, srcCol) to the block of dst at
     * (dstRow, dstCol): dst[dstRow + i][dstCol + j] ← src[srcRow + i][srcCol + j]. Slicing
     * (dst smaller than src) and embedding (dst larger) are both this operation. Entries of dst
     * outside the block are untouched.
     *
     * @param src the source, not modified
     * @param srcRow first row of the block in src
     * @param srcCol first column of the block in src
     * @param rows block rows, ≥ 0
     * @param cols block columns, ≥ 0
     * @param dst the destination; must not be src
     * @param dstRow first row of the block in dst
     * @param dstCol first column of the block in dst
     * @throws ShapeMismatchException if a block does not fit
     */
    public final void copyBlock(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                Tensor dst, int dstRow, int dstCol) {
        own("copyBlock", "src", src);
        own("copyBlock", "dst", dst);
        Shapes.requireDistinct("copyBlock", "src", src, "dst", dst);
        Shapes.requireBlock("copyBlock", "src", src, srcRow, srcCol, rows, cols);
        Shapes.requireBlock("copyBlock", "dst", dst, dstRow, dstCol, rows, cols);
        if (rows > 0 && cols > 0) {
            copyBlockKernel(src, srcRow, srcCol, rows, cols, dst, dstRow, dstCol);
        }
    }

    /**
     * @param src the source, not modified
     * @param row first row of the block
     * @param col first column of the block
     * @param rows block rows, ≥ 0
     * @param cols block columns, ≥ 0
     * @return a new rows × cols tensor holding the block
     */
    public final Tensor block(Tensor src, int row, int col, int rows, int cols) {
        own("block", "src", src);
        Shapes.requireBlock("block", "src", src, row, col, rows, cols);
        Tensor out = newTensor(rows, cols);
        copyBlock(src, row, col, rows, cols, out, 0, 0);
        return out;
    }

    /**
     * Gathers rows: dst[k] ← src[indices[k]] (minibatches, shuffles). Indices may repeat.
     *
     * @param src an m × n tensor, not modified
     * @param indices row indices, each in [0, m); not modified
     * @param dst an indices.length × n tensor, overwritten; must not be src
     * @throws ShapeMismatchException if an index is out of range or dst has the wrong shape
     */
    public final void gatherRows(Tensor src, int[] indices, Tensor dst) {
        own("gatherRows", "src", src);
        own("gatherRows", "dst", dst);
        Shapes.requireNonNull("gatherRows", "indices", indices);
        Shapes.requireDistinct("gatherRows", "src", src, "dst", dst);
        Shapes.requireShape("gatherRows", "dst", dst, indices.length, src.cols());
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= src.rows()) {
                throw new ShapeMismatchException("gatherRows: indices[" + k + "] = " + indices[k]
                        + " is not a row of src (" + Shapes.of(src) + ")");
            }
        }
        if (dst.size() > 0) {
            gatherRowsKernel(src, indices, dst);
        }
    }

    /**
     * Copies src into dst reading and writing both in row-major order, so dst is src
     * reshaped: the row-major sequence of entries is preserved (e.g. a 1 × (m·n) row becomes an
     * m × n matrix).
     *
     * @param src the source, not modified
     * @param dst a tensor with the same number of entries, overwritten; must not be src
     */
    public final void copyReshaped(Tensor src, Tensor dst) {
        own("copyReshaped", "src", src);
        own("copyReshaped", "dst", dst);
        Shapes.requireDistinct("copyReshaped", "src", src, "dst", dst);
        if (src.size() != dst.size()) {
            throw new ShapeMismatchException("copyReshaped: src (" + Shapes.of(src) + ") has " + src.size()
                    + " entries but dst (" + Shapes.of(dst) + ") has " + dst.size());
        }
        if (src.size() > 0) {
            copyReshapedKernel(src, dst);
        }
    }

    // ------------------------------------------------------------------------------------
    // Products and decompositions

    /**
     * General matrix product C ← α·op(A)·op(B) + β·C (BLAS dgemm), with op(A) m×k, op(B) k×n
     * and C m×n. When β = 0, C's previous entries are ignored (even NaN), as in BLAS. When
     * k = 0, C ← β·C.
     *
     * @param alpha finite scalar α
     * @param a A, not modified
     * @param transA whether op(A) is A or Aᵀ
     * @param b B, not modified (may be the same tensor as A)
     * @param transB whether op(B) is B or Bᵀ
     * @param beta finite scalar β
     * @param c C, overwritten; must be neither A nor B
     * @throws ShapeMismatchException if the inner dimensions or C's shape do not fit
     * @throws NonFiniteValueException if α or β is not finite
     */
    public final void gemm(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                           double beta, Tensor c) {
        own("gemm", "A", a);
        own("gemm", "B", b);
        own("gemm", "C", c);
        Shapes.requireNonNull("gemm", "transA", transA);
        Shapes.requireNonNull("gemm", "transB", transB);
        Shapes.requireFinite("gemm", "alpha", alpha);
        Shapes.requireFinite("gemm", "beta", beta);
        Shapes.requireDistinct("gemm", "A", a, "C", c);
        Shapes.requireDistinct("gemm", "B", b, "C", c);
        int m = transA.rowsOf(a);
        int k = transA.colsOf(a);
        int kb = transB.rowsOf(b);
        int n = transB.colsOf(b);
        if (k != kb) {
            throw new ShapeMismatchException("gemm: op(A) is " + m + "x" + k + " (A " + Shapes.of(a) + ", " + transA
                    + ") but op(B) is " + kb + "x" + n + " (B " + Shapes.of(b) + ", " + transB
                    + "): inner dimensions " + k + " and " + kb + " differ");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new ShapeMismatchException("gemm: op(A)·op(B) is " + m + "x" + n + " but C is " + Shapes.of(c));
        }
        if (c.size() == 0) {
            return;
        }
        if (k == 0) {
            scaleOrZero(beta, c);
            return;
        }
        gemmKernel(alpha, a, transA, b, transB, beta, c);
    }

    /**
     * @param a A, not modified
     * @param transA whether op(A) is A or Aᵀ
     * @param b B, not modified
     * @param transB whether op(B) is B or Bᵀ
     * @return a new tensor op(A)·op(B)
     */
    public final Tensor matmul(Tensor a, Transpose transA, Tensor b, Transpose transB) {
        own("matmul", "A", a);
        own("matmul", "B", b);
        Shapes.requireNonNull("matmul", "transA", transA);
        Shapes.requireNonNull("matmul", "transB", transB);
        Tensor c = newTensor(transA.rowsOf(a), transB.colsOf(b));
        gemm(1.0, a, transA, b, transB, 0.0, c);
        return c;
    }

    /**
     * @param a A (m×k), not modified
     * @param b B (k×n), not modified
     * @return a new m × n tensor A·B
     */
    public final Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, Transpose.NONE, b, Transpose.NONE);
    }

    /**
     * Batched matrix-vector product, one matrix per row (hypernetworks: each sample has its own
     * weights). Row s of {@code matrices} holds a matrix M_s in row-major order; then
     * out[s] ← op(M_s) · x[s]. With {@code NONE}, M_s is p × q where p = out.cols and
     * q = x.cols; with {@code TRANSPOSED}, M_s is q × p (so op(M_s) = M_sᵀ is p × q).
     *
     * @param matrices a batch × (p·q) tensor, not modified
     * @param trans whether each M_s enters as itself or transposed
     * @param x a batch × q tensor, not modified
     * @param out a batch × p tensor, overwritten; must be neither matrices nor x
     */
    public final void batchedMatVec(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        own("batchedMatVec", "matrices", matrices);
        own("batchedMatVec", "x", x);
        own("batchedMatVec", "out", out);
        Shapes.requireNonNull("batchedMatVec", "trans", trans);
        Shapes.requireDistinct("batchedMatVec", "matrices", matrices, "out", out);
        Shapes.requireDistinct("batchedMatVec", "x", x, "out", out);
        if (x.rows() != matrices.rows() || out.rows() != matrices.rows()) {
            throw new ShapeMismatchException("batchedMatVec: matrices (" + Shapes.of(matrices) + "), x ("
                    + Shapes.of(x) + ") and out (" + Shapes.of(out) + ") must have the same number of rows");
        }
        if ((long) out.cols() * x.cols() != matrices.cols()) {
            throw new ShapeMismatchException("batchedMatVec: each row of matrices (" + Shapes.of(matrices)
                    + ") must hold a " + (trans == Transpose.NONE ? out.cols() + "x" + x.cols() : x.cols() + "x" + out.cols())
                    + " matrix (out.cols x x.cols = " + (long) out.cols() * x.cols() + " entries) for x ("
                    + Shapes.of(x) + ") and out (" + Shapes.of(out) + ")");
        }
        if (out.size() == 0) {
            return;
        }
        if (x.cols() == 0) {
            fillKernel(out, 0.0);
            return;
        }
        batchedMatVecKernel(matrices, trans, x, out);
    }

    /**
     * Row-wise outer product (the face-splitting product): out[s] ← vec(a[s] ⊗ b[s]) in
     * row-major order, i.e. out[s][i · q + j] = a[s][i] · b[s][j] with p = a.cols and
     * q = b.cols. It is the per-sample weight gradient of {@link #batchedMatVec}.
     *
     * @param a a batch × p tensor, not modified
     * @param b a batch × q tensor, not modified (may be a)
     * @param out a batch × (p·q) tensor, overwritten; must be neither a nor b
     */
    public final void rowwiseOuter(Tensor a, Tensor b, Tensor out) {
        own("rowwiseOuter", "a", a);
        own("rowwiseOuter", "b", b);
        own("rowwiseOuter", "out", out);
        Shapes.requireDistinct("rowwiseOuter", "a", a, "out", out);
        Shapes.requireDistinct("rowwiseOuter", "b", b, "out", out);
        if (b.rows() != a.rows()) {
            throw new ShapeMismatchException("rowwiseOuter: a (" + Shapes.of(a) + ") and b (" + Shapes.of(b)
                    + ") must have the same number of rows");
        }
        Shapes.requireDimensions("rowwiseOuter", a.rows(), (int) Math.min(Integer.MAX_VALUE, (long) a.cols() * b.cols()));
        Shapes.requireShape("rowwiseOuter", "out", out, a.rows(), a.cols() * b.cols());
        if (out.size() > 0) {
            rowwiseOuterKernel(a, b, out);
        }
    }

    /**
     * QR decomposition A = Q·R with canonical signs diag(R) ≥ 0; see {@link QrFactors} for
     * the invariants. A is not modified. Rank-deficient and zero-sized inputs are allowed (for
     * a zero-sized A, complete Q is the identity).
     *
     * @param a the m × n matrix A, finite, not modified
     * @param mode complete (Q m×m, R m×n) or economy (Q m×k, R k×n, k = min(m, n))
     * @return new tensors Q and R
     * @throws NonFiniteValueException if A has a NaN or infinite entry (named by position)
     */
    public final QrFactors qr(Tensor a, QrMode mode) {
        own("qr", "A", a);
        Shapes.requireNonNull("qr", "mode", mode);
        int k = mode.innerDimension(a.rows(), a.cols());
        Tensor q = newTensor(a.rows(), k);
        Tensor r = newTensor(k, a.cols());
        qr(a, mode, q, r);
        return new QrFactors(q, r, mode);
    }

    /**
     * QR decomposition into given outputs; same contract as {@link #qr(Tensor, QrMode)}.
     *
     * @param a the m × n matrix A, finite, not modified
     * @param mode the mode
     * @param q m × m (complete) or m × min(m, n) (economy), overwritten
     * @param r m × n (complete) or min(m, n) × n (economy), overwritten
     * @throws NonFiniteValueException if A has a NaN or infinite entry
     * @throws ShapeMismatchException if q or r has the wrong shape
     */
    public final void qr(Tensor a, QrMode mode, Tensor q, Tensor r) {
        own("qr", "A", a);
        own("qr", "Q", q);
        own("qr", "R", r);
        Shapes.requireNonNull("qr", "mode", mode);
        Shapes.requireDistinct("qr", "A", a, "Q", q);
        Shapes.requireDistinct("qr", "A", a, "R", r);
        Shapes.requireDistinct("qr", "Q", q, "R", r);
        int m = a.rows();
        int n = a.cols();
        int k = mode.innerDimension(m, n);
        Shapes.requireShape("qr (" + mode + ")", "Q", q, m, k);
        Shapes.requireShape("qr (" + mode + ")", "R", r, k, n);
        requireAllFinite("qr", "A", a);
        if (a.size() == 0) {
            if (q.size() > 0) {
                fillKernel(q, 0.0);
                for (int i = 0; i < k; i++) {
                    q.set(i, i, 1.0);
                }
            }
            if (r.size() > 0) {
                fillKernel(r, 0.0);
            }
            return;
        }
        qrKernel(a, mode, q, r);
        canonicalizeSigns(q, 0, r, Math.min(m, n));
    }

    /**
     * The economy QR factorisation A = Q·R when Q is only wanted multiplied from the left:
     * r ← R and cq ← C·Q, the same R and the same C·Q (to rounding) as {@link #qr(Tensor, QrMode)}
     * in {@link QrMode#ECONOMY} mode followed by a product, with diag(R) ≥ 0. This is the step of
     * QR-compress (radial paper, Algorithm 1) that rotates the next layer. Q is never returned,
     * so a backend may apply A's Householder reflectors to C instead of forming Q: about
     * 4·p·m·k flops instead of 2·m·k² + 2·p·m·k, far less when C has few rows.
     *
     * @param a the m × n matrix A, finite, not modified
     * @param c a p × m matrix C, not modified
     * @param r k × n with k = min(m, n), overwritten with R; distinct from a and c
     * @param cq p × k, overwritten with C·Q; distinct from a, c and r
     * @throws NonFiniteValueException if A has a NaN or infinite entry
     * @throws ShapeMismatchException if a shape does not fit
     */
    public final void qrRightProduct(Tensor a, Tensor c, Tensor r, Tensor cq) {
        String op = "qrRightProduct";
        int k = requireQrProductOperands(op, a, c, r, "CQ", cq);
        Shapes.requireShape(op, "CQ", cq, c.rows(), k);
        requireAllFinite(op, "A", a);
        if (k == 0) {
            fillKernel(r, 0.0);
            fillKernel(cq, 0.0);
            return;
        }
        qrRightProductKernel(a, c, r, cq);
        canonicalizeSigns(cq, 0, r, k);
    }

    /**
     * One step of QR-compress (radial paper, Algorithm 1) without intermediate copies: the
     * economy factorisation A_i = Q_i·R_i (diag(R_i) ≥ 0), r ← R_i, and next ← the next layer's
     * matrix, [b_{i+1}  W_{i+1}·Q_i] when the bias row b_{i+1} is given (then next is
     * A_{i+1}, the augmented matrix of Algorithm 1) or W_{i+1}·Q_i without it (the variant for
     * networks without layer biases). The same R and the same product (to rounding) as
     * {@link #qrRightProduct} followed by copies, but A's storage is reused for the
     * factorisation and the product is written straight into next, so a backend may avoid
     * copying A, allocating C·Q and copying it.
     *
     * @param a the m × n matrix A_i, finite; <b>overwritten</b>: its entries are unspecified
     *     afterwards (the caller's temporary)
     * @param c the p × m matrix C = W_{i+1}, not modified
     * @param biasRow null, or the 1 × p row b_{i+1}, not modified
     * @param r k × n with k = min(m, n), overwritten with R
     * @param next p × (k + 1) with a bias row, p × k without, overwritten with [b_{i+1}  C·Q] or
     *     C·Q
     * @throws NonFiniteValueException if A has a NaN or infinite entry (A is then unchanged)
     * @throws ShapeMismatchException if a shape does not fit
     */
    public final void qrCompressionStep(Tensor a, Tensor c, Tensor biasRow, Tensor r, Tensor next) {
        String op = "qrCompressionStep";
        int k = requireQrProductOperands(op, a, c, r, "next", next);
        Shapes.requireDistinct(op, "A", a, "C", c);
        int p = c.rows();
        int column = 0;
        if (biasRow != null) {
            own(op, "the bias row", biasRow);
            Shapes.requireDistinct(op, "the bias row", biasRow, "next", next);
            Shapes.requireDistinct(op, "the bias row", biasRow, "A", a);
            Shapes.requireDistinct(op, "the bias row", biasRow, "R", r);
            Shapes.requireShape(op, "the bias row", biasRow, 1, p);
            column = 1;
        }
        Shapes.requireShape(op, "next", next, p, k + column);
        requireAllFinite(op, "A", a);
        if (k == 0) {
            fillKernel(r, 0.0);
            fillKernel(next, 0.0);
        } else {
            qrCompressionStepKernel(a, c, r, next, column);
            canonicalizeSigns(next, column, r, k);
        }
        if (biasRow != null && p > 0) {
            try (Tensor biasColumn = zeros(p, 1)) {
                copyReshapedKernel(biasRow, biasColumn);
                copyBlockKernel(biasColumn, 0, 0, p, 1, next, 0, 0);
            }
        }
    }

    /**
     * The checks qrRightProduct and qrCompressionStep share: every tensor this backend's, the
     * outputs distinct from the inputs and from each other, C with m columns, R k × n.
     *
     * @return k = min(m, n) for the m × n matrix A
     */
    private int requireQrProductOperands(String op, Tensor a, Tensor c, Tensor r, String outName, Tensor out) {
        own(op, "A", a);
        own(op, "C", c);
        own(op, "R", r);
        own(op, outName, out);
        Shapes.requireDistinct(op, "A", a, "R", r);
        Shapes.requireDistinct(op, "C", c, "R", r);
        Shapes.requireDistinct(op, "A", a, outName, out);
        Shapes.requireDistinct(op, "C", c, outName, out);
        Shapes.requireDistinct(op, "R", r, outName, out);
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        if (c.cols() != m) {
            throw new ShapeMismatchException(op + ": C is " + Shapes.of(c) + " but must have " + m
                    + " columns, the rows of A (" + Shapes.of(a) + ")");
        }
        Shapes.requireShape(op, "R", r, k, n);
        return k;
    }

    /**
     * Negates column qColumn + i of Q and row i of R wherever R[i][i] &lt; 0, for i &lt; d. Q·R
     * is unchanged, orthogonality is unchanged, and diag(R) ≥ 0 afterwards. Columns of Q before
     * qColumn are left alone.
     */
    private void canonicalizeSigns(Tensor q, int qColumn, Tensor r, int d) {
        Tensor rowSigns = null;
        Tensor columnSigns = null;
        try {
            for (int i = 0; i < d; i++) {
                if (r.getUnchecked(i, i) < 0) {
                    if (rowSigns == null) {
                        rowSigns = filled(1, r.rows(), 1.0);
                        columnSigns = filled(1, q.cols(), 1.0);
                    }
                    rowSigns.setUnchecked(0, i, -1.0);
                    columnSigns.setUnchecked(0, qColumn + i, -1.0);
                }
            }
            if (rowSigns != null) {
                scaleColumnsKernel(q, columnSigns, q);
                scaleRowsKernel(r, rowSigns, r);
            }
        } finally {
            if (rowSigns != null) {
                rowSigns.close();
                columnSigns.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------
    // Convolution and pooling on the plane layout (see ConvolutionGeometry)

    /**
     * The column matrix of a group of samples (im2col): for samples firstSample …
     * firstSample + G − 1 of planes (C × (N·H·W), the plane layout of {@link ConvolutionGeometry}),
     * columns[order.row(c, i, j), g·H_out·W_out + oy·W_out + ox] ← the input of sample
     * firstSample + g at channel c, row oy·s − p + i, column ox·s − p + j, or 0 in the padding
     * ({@link PatchOrder#row}; with {@link PatchOrder#CHANNEL_MAJOR} row (c·k + i)·k + j). A
     * convolution with weights W (C_out × C·k·k, columns in the same order) is then the product
     * W·columns (C_out × G·H_out·W_out, the plane layout of the output). Exact (entries are
     * copied). Both orders are supported by every backend; {@link #preferredPatchOrder()} is the
     * faster one.
     *
     * @param planes C × (N·H·W) input maps, not modified
     * @param geometry the maps and the window
     * @param order the order of the rows of columns
     * @param firstSample the first sample of the group, 0 ≤ firstSample, firstSample + G ≤ N
     * @param columns (C·k·k) × (G·H_out·W_out), overwritten; G ≥ 1 follows from its columns; must not be planes
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void im2col(Tensor planes, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                             Tensor columns) {
        own("im2col", "planes", planes);
        own("im2col", "columns", columns);
        Shapes.requireNonNull("im2col", "geometry", geometry);
        Shapes.requireNonNull("im2col", "order", order);
        Shapes.requireDistinct("im2col", "planes", planes, "columns", columns);
        requireGroup("im2col", planes, columns, geometry, firstSample);
        im2colKernel(planes, geometry, order, firstSample, columns);
    }

    /**
     * The adjoint of {@link #im2col} (col2im): for the samples firstSample … firstSample + G − 1,
     * planes ← Σ of every entry of columns at the input position it was read from (entries of the
     * padding are dropped); the other samples' columns of planes are not touched. Sums per input
     * entry from 0 in ascending order of the window position (i, j), the only order in which
     * contributions to one entry meet; a backend may sum in another order (to rounding).
     *
     * @param columns (C·k·k) × (G·H_out·W_out), rows in the given order, not modified
     * @param geometry the maps and the window
     * @param order the order of the rows of columns
     * @param firstSample the first sample of the group, 0 ≤ firstSample, firstSample + G ≤ N
     * @param planes C × (N·H·W); the group's entries overwritten; must not be columns
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void col2im(Tensor columns, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                             Tensor planes) {
        own("col2im", "columns", columns);
        own("col2im", "planes", planes);
        Shapes.requireNonNull("col2im", "geometry", geometry);
        Shapes.requireNonNull("col2im", "order", order);
        Shapes.requireDistinct("col2im", "columns", columns, "planes", planes);
        requireGroup("col2im", planes, columns, geometry, firstSample);
        col2imKernel(columns, geometry, order, firstSample, planes);
    }

    /**
     * The row order of {@link #im2col}'s column matrix in which this backend's {@link #im2col}
     * and {@link #col2im} are fastest (a capability: the default is
     * {@link PatchOrder#CHANNEL_MAJOR}, the row-major backends' order; column-major backends
     * override it with {@link PatchOrder#CHANNEL_MINOR}). Results do not depend on it beyond
     * the order of the rows.
     *
     * @return the preferred order
     */
    public PatchOrder preferredPatchOrder() {
        return PatchOrder.CHANNEL_MAJOR;
    }

    /**
     * How many entries of an {@link #im2col} column matrix a convolution should hold at a time
     * (a capability): a convolution over a batch runs im2col, its products and col2im on groups
     * of G samples with (C·k·k)·(G·H_out·W_out) ≤ this many entries (at least one sample). The
     * default, 2²¹ (16 MiB of doubles), keeps the number of calls small; native backends whose
     * products run fastest on operands that stay in the core's cache return less. Results depend
     * on it only through the order in which the groups' weight-gradient products are summed.
     *
     * @return the entries, ≥ 1
     */
    public int convolutionGroupEntries() {
        return 1 << 21;
    }

    /**
     * How a convolution of this geometry with C_out output channels should compute its products
     * on this backend (a capability). The default, {@link ConvolutionAlgorithm#IM2COL}, keeps the
     * row-major backends' path; a backend whose products of the Winograd transforms are faster
     * returns {@link ConvolutionAlgorithm#WINOGRAD_F2X3} where it
     * {@link ConvolutionAlgorithm#supports supports} the geometry. Results differ only by
     * rounding between the two.
     *
     * @param geometry the input maps and the window
     * @param outputChannels C_out ≥ 1
     * @return an algorithm that supports the geometry
     */
    public ConvolutionAlgorithm convolutionAlgorithm(ConvolutionGeometry geometry, int outputChannels) {
        return ConvolutionAlgorithm.IM2COL;
    }

    /**
     * Winograd F(2×2, 3×3)'s input transform ({@link WinogradTransforms}):
     * tiles[4a + b][c, t] ← (Bᵀ d B)[a, b] for every 4 × 4 input tile d (zero outside the maps)
     * of channel c of samples firstSample … firstSample + G − 1, t = g·T + ty·⌈W_out/2⌉ + tx
     * with T = {@link ConvolutionGeometry#winogradTiles()}. Exact up to the transform's additions
     * (every backend computes the same operations, so results agree bitwise).
     *
     * @param planes C × (N·H·W) input maps, not modified
     * @param geometry the maps and the window; kernel 3, stride 1
     * @param firstSample the first sample of the group, 0 ≤ firstSample, firstSample + G ≤ N
     * @param tiles 16 distinct tensors C × (G·T), overwritten; none is planes
     * @throws IllegalArgumentException if the geometry is not 3 × 3 at stride 1, or there are not 16 distinct tiles
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void winogradTransformInput(Tensor planes, ConvolutionGeometry geometry, int firstSample,
                                             List<Tensor> tiles) {
        requireWinograd("winogradTransformInput", planes, geometry, geometry.channels(), geometry.inputPixels(),
                firstSample, tiles, "tiles");
        winogradTransformInputKernel(planes, geometry, firstSample, tiles);
    }

    /**
     * The transpose of {@link #winogradTransformInput}: the group's entries of planes ← Σ over
     * the tiles, in ascending tile order, of B ∂V Bᵀ (∂V[a, b] = tiles[4a + b][c, t]) at the
     * tile's input positions inside the maps; other samples' entries are not touched.
     *
     * @param tiles 16 distinct tensors C × (G·T), not modified
     * @param geometry the maps and the window; kernel 3, stride 1
     * @param firstSample the first sample of the group
     * @param planes C × (N·H·W); the group's entries overwritten; not one of tiles
     * @throws IllegalArgumentException if the geometry is not 3 × 3 at stride 1, or there are not 16 distinct tiles
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void winogradTransformInputTransposed(List<Tensor> tiles, ConvolutionGeometry geometry, int firstSample,
                                                       Tensor planes) {
        requireWinograd("winogradTransformInputTransposed", planes, geometry, geometry.channels(),
                geometry.inputPixels(), firstSample, tiles, "tiles");
        winogradTransformInputTransposedKernel(tiles, geometry, firstSample, planes);
    }

    /**
     * Winograd F(2×2, 3×3)'s output transform: for every tile t of the group and output channel
     * o, the 2 × 2 block Aᵀ M A (M[a, b] = products[4a + b][o, t]) written to output rows 2·ty,
     * 2·ty + 1 and columns 2·tx, 2·tx + 1 of the group's sample (those inside H_out × W_out).
     * Every output entry of the group is overwritten; other samples' entries are not touched.
     *
     * @param products 16 distinct tensors C_out × (G·T), not modified
     * @param geometry the input maps and the window; kernel 3, stride 1
     * @param firstSample the first sample of the group
     * @param output C_out × (N·H_out·W_out); the group's entries overwritten; not one of products
     * @throws IllegalArgumentException if the geometry is not 3 × 3 at stride 1, or there are not 16 distinct products
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void winogradTransformOutput(List<Tensor> products, ConvolutionGeometry geometry, int firstSample,
                                              Tensor output) {
        Shapes.requireNonNull("winogradTransformOutput", "output", output);
        requireWinograd("winogradTransformOutput", output, geometry, output.rows(), geometry.outputPixels(), firstSample,
                products, "products");
        winogradTransformOutputKernel(products, geometry, firstSample, output);
    }

    /**
     * The transpose of {@link #winogradTransformOutput}: products[4a + b][o, t] ← (A ∂Y Aᵀ)[a, b]
     * for every tile t of the group and channel o, ∂Y the tile's 2 × 2 block of dOutput (0
     * outside H_out × W_out).
     *
     * @param dOutput C_out × (N·H_out·W_out), not modified
     * @param geometry the input maps and the window; kernel 3, stride 1
     * @param firstSample the first sample of the group
     * @param products 16 distinct tensors C_out × (G·T), overwritten; none is dOutput
     * @throws IllegalArgumentException if the geometry is not 3 × 3 at stride 1, or there are not 16 distinct products
     * @throws ShapeMismatchException if a shape does not fit the geometry or the group is outside the batch
     */
    public final void winogradTransformOutputTransposed(Tensor dOutput, ConvolutionGeometry geometry, int firstSample,
                                                        List<Tensor> products) {
        Shapes.requireNonNull("winogradTransformOutputTransposed", "dOutput", dOutput);
        requireWinograd("winogradTransformOutputTransposed", dOutput, geometry, dOutput.rows(), geometry.outputPixels(),
                firstSample, products, "products");
        winogradTransformOutputTransposedKernel(dOutput, geometry, firstSample, products);
    }

    private void requireWinograd(String op, Tensor planes, ConvolutionGeometry geometry, int channels, int pixels,
                                 int firstSample, List<Tensor> tiles, String tilesName) {
        Shapes.requireNonNull(op, "geometry", geometry);
        Shapes.requireNonNull(op, tilesName, tiles);
        own(op, "planes", planes);
        if (!ConvolutionAlgorithm.WINOGRAD_F2X3.supports(geometry)) {
            throw new IllegalArgumentException(op + ": Winograd F(2x2, 3x3) needs a 3x3 window at stride 1, got " + geometry);
        }
        if (tiles.size() != WinogradTransforms.TILE_ENTRIES) {
            throw new IllegalArgumentException(op + ": " + tilesName + " must hold " + WinogradTransforms.TILE_ENTRIES
                    + " tensors, got " + tiles.size());
        }
        Tensor first = tiles.get(0);
        Shapes.requireNonNull(op, tilesName + "[0]", first);
        int perSample = geometry.winogradTiles();
        for (int i = 0; i < tiles.size(); i++) {
            Tensor tile = tiles.get(i);
            Shapes.requireNonNull(op, tilesName + "[" + i + "]", tile);
            own(op, tilesName + "[" + i + "]", tile);
            Shapes.requireDistinct(op, "planes", planes, tilesName + "[" + i + "]", tile);
            for (int j = 0; j < i; j++) {
                Shapes.requireDistinct(op, tilesName + "[" + j + "]", tiles.get(j), tilesName + "[" + i + "]", tile);
            }
            if (tile.rows() != channels || tile.cols() != first.cols() || tile.cols() == 0 || tile.cols() % perSample != 0) {
                throw new ShapeMismatchException(op + ": " + tilesName + "[" + i + "] (" + Shapes.of(tile) + ") must be "
                        + channels + " x (G·" + perSample + ") with G ≥ 1, as " + tilesName + "[0] (" + Shapes.of(first)
                        + "), for " + geometry);
            }
        }
        if (planes.rows() != channels || planes.cols() == 0 || planes.cols() % pixels != 0) {
            throw new ShapeMismatchException(op + ": planes (" + Shapes.of(planes) + ") must be " + channels + " x (N·"
                    + pixels + ") with N ≥ 1 for " + geometry);
        }
        int batch = planes.cols() / pixels;
        int group = first.cols() / perSample;
        if (firstSample < 0 || firstSample > batch - group) {
            throw new ShapeMismatchException(op + ": samples " + firstSample + " … " + ((long) firstSample + group - 1)
                    + " are outside the batch of " + batch + " samples");
        }
    }

    private static void requireGroup(String op, Tensor planes, Tensor columns, ConvolutionGeometry geometry,
                                     int firstSample) {
        int pixels = geometry.inputPixels();
        if (planes.rows() != geometry.channels() || planes.cols() == 0 || planes.cols() % pixels != 0) {
            throw new ShapeMismatchException(op + ": planes (" + Shapes.of(planes) + ") must be " + geometry.channels()
                    + " x (N·" + pixels + ") with N ≥ 1 for " + geometry);
        }
        int outputPixels = geometry.outputPixels();
        if (columns.rows() != geometry.patchSize() || columns.cols() == 0 || columns.cols() % outputPixels != 0) {
            throw new ShapeMismatchException(op + ": columns (" + Shapes.of(columns) + ") must be " + geometry.patchSize()
                    + " x (G·" + outputPixels + ") with G ≥ 1 for " + geometry);
        }
        int batch = planes.cols() / pixels;
        int group = columns.cols() / outputPixels;
        if (firstSample < 0 || firstSample > batch - group) {
            throw new ShapeMismatchException(op + ": samples " + firstSample + " … " + ((long) firstSample + group - 1)
                    + " are outside the batch of " + batch + " samples");
        }
    }

    /**
     * Moves blocks of entries between two layouts: src is R × (S·B), seen as an R × S grid of
     * blocks of B consecutive entries; dst ← the S × R grid of the same blocks,
     * dst[s, r·B + b] = src[r, s·B + b]. With B = 1 this is the transpose; with R = C channels,
     * S = N samples and B = H·W pixels it turns the plane layout C × (N·H·W) into the row layout
     * N × (C·H·W) (PyTorch's flattening order), and back with R = N, S = C. Exact.
     *
     * @param src R × (S·B), not modified
     * @param blockWidth B ≥ 1, dividing src's columns
     * @param dst S × (R·B), overwritten; must not be src
     * @throws ShapeMismatchException if B does not divide src's columns or dst has another shape
     */
    public final void transposeBlocks(Tensor src, int blockWidth, Tensor dst) {
        own("transposeBlocks", "src", src);
        own("transposeBlocks", "dst", dst);
        Shapes.requireDistinct("transposeBlocks", "src", src, "dst", dst);
        if (blockWidth < 1 || src.cols() % blockWidth != 0) {
            throw new ShapeMismatchException("transposeBlocks: the block width " + blockWidth
                    + " must be at least 1 and divide the columns of src (" + Shapes.of(src) + ")");
        }
        int blocks = src.cols() / blockWidth;
        Shapes.requireDimensions("transposeBlocks", blocks, (int) Math.min(Integer.MAX_VALUE, (long) src.rows() * blockWidth));
        Shapes.requireShape("transposeBlocks", "dst", dst, blocks, src.rows() * blockWidth);
        if (dst.size() > 0) {
            transposeBlocksKernel(src, blockWidth, dst);
        }
    }

    /**
     * Max pooling on the plane layout: pooled[c, n·H_out·W_out + oy·W_out + ox] ← the maximum of
     * sample n's channel c over rows oy·s … oy·s + k − 1 and columns ox·s … ox·s + k − 1, and
     * argmax at the same row-major index of pooled ← the column of planes (within row c) holding
     * it, the first maximum in the window's row-major order. Exact.
     *
     * @param planes C × (N·H·W) finite maps, not modified
     * @param geometry the maps and the window; padding must be 0
     * @param pooled C × (N·H_out·W_out), overwritten; must not be planes
     * @param argmax at least pooled's size; its first pooled.size() entries are overwritten
     * @throws ShapeMismatchException if a shape does not fit the geometry
     * @throws IllegalArgumentException if the geometry has padding or argmax is too short
     */
    public final void maxPool(Tensor planes, ConvolutionGeometry geometry, Tensor pooled, int[] argmax) {
        own("maxPool", "planes", planes);
        own("maxPool", "pooled", pooled);
        Shapes.requireNonNull("maxPool", "geometry", geometry);
        Shapes.requireNonNull("maxPool", "argmax", argmax);
        Shapes.requireDistinct("maxPool", "planes", planes, "pooled", pooled);
        if (geometry.padding() != 0) {
            throw new IllegalArgumentException("maxPool: padding must be 0, got " + geometry.padding());
        }
        int pixels = geometry.inputPixels();
        if (planes.rows() != geometry.channels() || planes.cols() == 0 || planes.cols() % pixels != 0) {
            throw new ShapeMismatchException("maxPool: planes (" + Shapes.of(planes) + ") must be " + geometry.channels()
                    + " x (N·" + pixels + ") with N ≥ 1 for " + geometry);
        }
        int batch = planes.cols() / pixels;
        Shapes.requireShape("maxPool", "pooled", pooled, geometry.channels(),
                (int) Math.min(Integer.MAX_VALUE, (long) batch * geometry.outputPixels()));
        if (argmax.length < pooled.size()) {
            throw new IllegalArgumentException("maxPool: argmax holds " + argmax.length + " entries but pooled ("
                    + Shapes.of(pooled) + ") needs " + pooled.size());
        }
        maxPoolKernel(planes, geometry, pooled, argmax);
    }

    /**
     * The transposed Jacobian of {@link #maxPool}: dPlanes ← 0, then for every entry (c, j) of
     * dPooled, dPlanes[c, argmax[c·cols + j]] += dPooled[c, j] (cols = dPooled's columns), in
     * ascending order of j. Exact where windows do not overlap (stride ≥ kernel).
     *
     * @param dPooled C × M, not modified
     * @param argmax at least C·M column indices of dPlanes, as {@link #maxPool} wrote them; not modified
     * @param dPlanes C × K, overwritten; must not be dPooled
     * @throws ShapeMismatchException if the row counts differ
     * @throws IllegalArgumentException if argmax is too short or holds an index outside 0 … K − 1
     */
    public final void maxPoolBackward(Tensor dPooled, int[] argmax, Tensor dPlanes) {
        own("maxPoolBackward", "dPooled", dPooled);
        own("maxPoolBackward", "dPlanes", dPlanes);
        Shapes.requireNonNull("maxPoolBackward", "argmax", argmax);
        Shapes.requireDistinct("maxPoolBackward", "dPooled", dPooled, "dPlanes", dPlanes);
        if (dPooled.rows() != dPlanes.rows()) {
            throw new ShapeMismatchException("maxPoolBackward: dPooled (" + Shapes.of(dPooled) + ") and dPlanes ("
                    + Shapes.of(dPlanes) + ") must have the same number of rows");
        }
        if (argmax.length < dPooled.size()) {
            throw new IllegalArgumentException("maxPoolBackward: argmax holds " + argmax.length + " entries but dPooled ("
                    + Shapes.of(dPooled) + ") needs " + dPooled.size());
        }
        int limit = dPlanes.cols();
        for (int k = 0; k < dPooled.size(); k++) {
            if (argmax[k] < 0 || argmax[k] >= limit) {
                throw new IllegalArgumentException("maxPoolBackward: argmax[" + k + "] = " + argmax[k]
                        + " is not a column of dPlanes (" + Shapes.of(dPlanes) + ")");
            }
        }
        if (dPlanes.size() == 0) {
            return;
        }
        if (dPooled.size() == 0) {
            fillKernel(dPlanes, 0.0);
            return;
        }
        maxPoolBackwardKernel(dPooled, argmax, dPlanes);
    }

    // ------------------------------------------------------------------------------------
    // Elementwise operations (out may be the same tensor as any input)

    /**
     * out ← a + b, entrywise.
     *
     * @param a not modified unless it is out
     * @param b same shape as a; not modified unless it is out
     * @param out same shape; overwritten; may be a or b
     */
    public final void add(Tensor a, Tensor b, Tensor out) {
        binary("add", a, b, out);
        addKernel(a, b, out);
    }

    /**
     * out ← a − b, entrywise.
     *
     * @param a not modified unless it is out
     * @param b same shape as a; not modified unless it is out
     * @param out same shape; overwritten; may be a or b
     */
    public final void subtract(Tensor a, Tensor b, Tensor out) {
        binary("subtract", a, b, out);
        subtractKernel(a, b, out);
    }

    /**
     * out ← a ∘ b, the entrywise (Hadamard) product.
     *
     * @param a not modified unless it is out
     * @param b same shape as a; not modified unless it is out
     * @param out same shape; overwritten; may be a or b
     */
    public final void hadamard(Tensor a, Tensor b, Tensor out) {
        binary("hadamard", a, b, out);
        hadamardKernel(a, b, out);
    }

    /**
     * out ← α·a.
     *
     * @param alpha finite scalar
     * @param a not modified unless it is out
     * @param out same shape; overwritten; may be a
     * @throws NonFiniteValueException if α is not finite
     */
    public final void scale(double alpha, Tensor a, Tensor out) {
        Shapes.requireFinite("scale", "alpha", alpha);
        unary("scale", a, out);
        scaleKernel(alpha, a, out);
    }

    /**
     * out ← a + s, entrywise.
     *
     * @param a not modified unless it is out
     * @param s finite scalar
     * @param out same shape; overwritten; may be a
     * @throws NonFiniteValueException if s is not finite
     */
    public final void addScalar(Tensor a, double s, Tensor out) {
        Shapes.requireFinite("addScalar", "s", s);
        unary("addScalar", a, out);
        addScalarKernel(a, s, out);
    }

    /**
     * y ← y + α·x (BLAS daxpy).
     *
     * @param alpha finite scalar
     * @param x not modified unless it is y
     * @param y same shape; updated in place; may be x (then y ← (1 + α)·y)
     * @throws NonFiniteValueException if α is not finite
     */
    public final void axpy(double alpha, Tensor x, Tensor y) {
        Shapes.requireFinite("axpy", "alpha", alpha);
        binary("axpy", x, y, y);
        axpyKernel(alpha, x, y);
    }

    /**
     * out[i][j] ← f(a[i][j]).
     *
     * @param a not modified unless it is out
     * @param f a pure function; called once per entry, in no particular order
     * @param out same shape; overwritten; may be a
     */
    public final void map(Tensor a, DoubleUnaryOperator f, Tensor out) {
        Shapes.requireNonNull("map", "f", f);
        unary("map", a, out);
        mapKernel(a, f, out);
    }

    /**
     * out[i][j] ← f(a[i][j], b[i][j]).
     *
     * @param a not modified unless it is out
     * @param b same shape as a; not modified unless it is out
     * @param f a pure function; called once per entry, in no particular order
     * @param out same shape; overwritten; may be a or b
     */
    public final void zip(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out) {
        Shapes.requireNonNull("zip", "f", f);
        binary("zip", a, b, out);
        zipKernel(a, b, f, out);
    }

    /**
     * One Adam step on one parameter tensor, fused into a single pass over the four tensors
     * (Kingma and Ba, Algorithm 1, in PyTorch's form, with its coupled weight decay). With the
     * coefficients k, entry by entry (g itself is not written):
     * <pre>
     *   g ← g + (k.weightDecay·θ)        only when k.weightDecay &gt; 0
     *   m ← (β₁·m) + ((1 − β₁)·g)
     *   v ← (β₂·v) + ((1 − β₂)·(g·g))
     *   θ ← θ + (−k.stepSize)·(m / ((k.secondMomentScale·√v) + ε))
     * </pre>
     * every operation rounded once, in the order written: the same arithmetic as the unfused
     * sequence (copy and axpy for the decay, then) scale, axpy, hadamard, scale, axpy, map(√),
     * scale, addScalar, zip(÷), scale, axpy, so the fused and unfused steps agree bitwise. A capability: the default
     * ({@link DefaultKernels#adamUpdate}) is that sequence on a temporary; backends fuse it and
     * allocate nothing.
     *
     * @param parameters θ, updated in place
     * @param gradient g, same shape; not modified; distinct from θ, m and v
     * @param firstMoment m, same shape; updated in place; distinct from θ and v
     * @param secondMoment v, same shape; updated in place; distinct from θ
     * @param coefficients β₁, β₂, ε, the second-moment scale, the step size and the weight decay
     */
    public final void adamUpdate(Tensor parameters, Tensor gradient, Tensor firstMoment, Tensor secondMoment,
                                 AdamCoefficients coefficients) {
        String op = "adamUpdate";
        own(op, "parameters", parameters);
        own(op, "gradient", gradient);
        own(op, "firstMoment", firstMoment);
        own(op, "secondMoment", secondMoment);
        Shapes.requireNonNull(op, "coefficients", coefficients);
        Shapes.requireSameShape(op, "parameters", parameters, "gradient", gradient);
        Shapes.requireSameShape(op, "parameters", parameters, "firstMoment", firstMoment);
        Shapes.requireSameShape(op, "parameters", parameters, "secondMoment", secondMoment);
        Shapes.requireDistinct(op, "parameters", parameters, "gradient", gradient);
        Shapes.requireDistinct(op, "parameters", parameters, "firstMoment", firstMoment);
        Shapes.requireDistinct(op, "parameters", parameters, "secondMoment", secondMoment);
        Shapes.requireDistinct(op, "gradient", gradient, "firstMoment", firstMoment);
        Shapes.requireDistinct(op, "gradient", gradient, "secondMoment", secondMoment);
        Shapes.requireDistinct(op, "firstMoment", firstMoment, "secondMoment", secondMoment);
        if (parameters.size() > 0) {
            adamUpdateKernel(parameters, gradient, firstMoment, secondMoment, coefficients);
        }
    }

    // ------------------------------------------------------------------------------------
    // Batch normalisation (Ioffe and Szegedy; PyTorch's BatchNorm1d/2d), optionally fused with ReLU

    /**
     * The batch statistics of batch normalisation, by two passes: for each of the F features
     * (the rows of x when perRow, else its columns) with values x_1 … x_M,
     * mean ← (Σ_j x_j)/M and centeredSquares ← Σ_j (x_j − mean)², each sum accumulated in
     * ascending j (so the biased variance is centeredSquares/M, the unbiased one
     * centeredSquares/(M − 1), without the cancellation of Σx² − M·mean²). A capability: the
     * default ({@link DefaultKernels#batchNormStatistics}) composes row or column sums and dots.
     *
     * @param x F × M (perRow) or M × F, M ≥ 1; not modified
     * @param perRow whether the features are the rows of x
     * @param mean a vector of length F, overwritten
     * @param centeredSquares a vector of length F, overwritten
     * @throws ShapeMismatchException if a shape does not fit or x is empty
     */
    public final void batchNormStatistics(Tensor x, boolean perRow, Tensor mean, Tensor centeredSquares) {
        String op = "batchNormStatistics";
        own(op, "x", x);
        own(op, "mean", mean);
        own(op, "centeredSquares", centeredSquares);
        requireFeatures(op, x, perRow);
        int features = perRow ? x.rows() : x.cols();
        String what = perRow ? "the rows of x" : "the columns of x";
        Shapes.requireVector(op, "mean", mean, features, what, x);
        Shapes.requireVector(op, "centeredSquares", centeredSquares, features, what, x);
        Shapes.requireDistinct(op, "x", x, "mean", mean);
        Shapes.requireDistinct(op, "x", x, "centeredSquares", centeredSquares);
        Shapes.requireDistinct(op, "mean", mean, "centeredSquares", centeredSquares);
        batchNormStatisticsKernel(x, perRow, mean, centeredSquares);
    }

    /**
     * Batch normalisation's affine map, optionally followed by ReLU: for feature c (row c of x
     * when perRow, else column c) out ← (γ_c·((x − μ_c)·s_c)) + β_c entrywise, each operation
     * rounded once in that order, then, if relu, max(·, 0) (0 where the value is not &gt; 0).
     * With the batch's mean and s = 1/√(σ² + ε) this is the training-mode forward, with the
     * running statistics the evaluation-mode one. A capability: the default
     * ({@link DefaultKernels#batchNormForward}) composes the broadcasts and {@link #map}; a
     * backend's fused pass agrees bitwise.
     *
     * @param x F × M (perRow) or M × F, non-empty; not modified
     * @param perRow whether the features are the rows of x
     * @param mean μ, a vector of length F
     * @param inverseDeviation s, a vector of length F
     * @param weight γ, a vector of length F
     * @param bias β, a vector of length F
     * @param relu whether ReLU follows
     * @param out the shape of x, overwritten; distinct from every argument
     * @throws ShapeMismatchException if a shape does not fit
     */
    public final void batchNormForward(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                       Tensor bias, boolean relu, Tensor out) {
        String op = "batchNormForward";
        requireBatchNormOperands(op, x, perRow, mean, inverseDeviation, weight, bias);
        own(op, "out", out);
        Shapes.requireSameShape(op, "x", x, "out", out);
        requireDistinctFrom(op, "out", out, x, mean, inverseDeviation, weight, bias);
        batchNormForwardKernel(x, perRow, mean, inverseDeviation, weight, bias, relu, out);
    }

    /**
     * The backward pass of {@link #batchNormForward} (and of the training-mode normalisation
     * through the batch statistics): with g' = ∂L/∂out where relu is off, and where it is on,
     * g' = ∂L/∂out where the forward's value before ReLU (recomputed from x by the same
     * expression) is &gt; 0 and 0 elsewhere (PyTorch's subgradient), and x̂ = (x − μ_c)·s_c:
     * biasGradient[c] ← Σ_j g' (∂L/∂β), weightGradient[c] ← Σ_j g'·x̂ (∂L/∂γ), accumulated in
     * ascending j; if dx is given, with k_c = γ_c·s_c, dx ← k_c·g' when the statistics were
     * fixed, and when they were the batch's own (batchStatistics; M values per feature)
     * dx ← ((k_c·g') − (b_c·x̂)) + a_c with a_c = −k_c·biasGradient[c]/M and
     * b_c = k_c·weightGradient[c]/M, the exact gradient through the batch mean and variance.
     * A capability: the default ({@link DefaultKernels#batchNormBackward}) composes the
     * broadcasts, sums and dots; a backend's fused pass agrees to rounding of the sums.
     *
     * @param dOut ∂L/∂out, the shape of x; not modified
     * @param x the forward's input, F × M (perRow) or M × F, non-empty; not modified
     * @param perRow whether the features are the rows of x
     * @param mean μ, a vector of length F
     * @param inverseDeviation s, a vector of length F
     * @param weight γ, a vector of length F
     * @param bias β, a vector of length F
     * @param relu whether ReLU followed in the forward
     * @param batchStatistics whether μ and s were the statistics of x itself
     * @param biasGradient a vector of length F, overwritten
     * @param weightGradient a vector of length F, overwritten
     * @param dx null, or the shape of x, overwritten; the outputs are distinct from each other and
     *     from every input
     * @throws ShapeMismatchException if a shape does not fit
     */
    public final void batchNormBackward(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                        Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                        Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        String op = "batchNormBackward";
        requireBatchNormOperands(op, x, perRow, mean, inverseDeviation, weight, bias);
        own(op, "dOut", dOut);
        Shapes.requireSameShape(op, "x", x, "dOut", dOut);
        int features = perRow ? x.rows() : x.cols();
        String what = perRow ? "the rows of x" : "the columns of x";
        own(op, "biasGradient", biasGradient);
        own(op, "weightGradient", weightGradient);
        Shapes.requireVector(op, "biasGradient", biasGradient, features, what, x);
        Shapes.requireVector(op, "weightGradient", weightGradient, features, what, x);
        requireDistinctFrom(op, "biasGradient", biasGradient, dOut, x, mean, inverseDeviation, weight, bias);
        requireDistinctFrom(op, "weightGradient", weightGradient, dOut, x, mean, inverseDeviation, weight, bias,
                biasGradient);
        if (dx != null) {
            own(op, "dx", dx);
            Shapes.requireSameShape(op, "x", x, "dx", dx);
            requireDistinctFrom(op, "dx", dx, dOut, x, mean, inverseDeviation, weight, bias, biasGradient, weightGradient);
        }
        batchNormBackwardKernel(dOut, x, perRow, mean, inverseDeviation, weight, bias, relu, batchStatistics,
                biasGradient, weightGradient, dx);
    }

    private static void requireFeatures(String op, Tensor x, boolean perRow) {
        if (x.size() == 0) {
            throw new ShapeMismatchException(op + ": x (" + Shapes.of(x) + ") must have at least one feature with at least"
                    + " one value (" + (perRow ? "features in rows" : "features in columns") + ")");
        }
    }

    private void requireBatchNormOperands(String op, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                          Tensor weight, Tensor bias) {
        own(op, "x", x);
        own(op, "mean", mean);
        own(op, "inverseDeviation", inverseDeviation);
        own(op, "weight", weight);
        own(op, "bias", bias);
        requireFeatures(op, x, perRow);
        int features = perRow ? x.rows() : x.cols();
        String what = perRow ? "the rows of x" : "the columns of x";
        Shapes.requireVector(op, "mean", mean, features, what, x);
        Shapes.requireVector(op, "inverseDeviation", inverseDeviation, features, what, x);
        Shapes.requireVector(op, "weight", weight, features, what, x);
        Shapes.requireVector(op, "bias", bias, features, what, x);
    }

    private static void requireDistinctFrom(String op, String name, Tensor output, Tensor... inputs) {
        for (Tensor input : inputs) {
            if (input == output) {
                throw new IllegalArgumentException(op + ": " + name + " (" + Shapes.of(output)
                        + ") must be distinct from the other arguments");
            }
        }
    }

    // ------------------------------------------------------------------------------------
    // Broadcasts and row/column reductions

    /**
     * out[i][j] ← a[i][j] + v[j]: adds the row vector v to every row (bias broadcast).
     *
     * @param a an m × n tensor; not modified unless it is out
     * @param v a vector of length n; not modified
     * @param out m × n, overwritten; may be a, must not be v
     */
    public final void addRowVector(Tensor a, Tensor v, Tensor out) {
        broadcast("addRowVector", a, v, a.cols(), "the columns of a", out);
        if (a.size() > 0) {
            addRowVectorKernel(a, v, out);
        }
    }

    /**
     * out[i][j] ← a[i][j] + v[i]: adds the column vector v to every column.
     *
     * @param a an m × n tensor; not modified unless it is out
     * @param v a vector of length m; not modified
     * @param out m × n, overwritten; may be a, must not be v
     */
    public final void addColumnVector(Tensor a, Tensor v, Tensor out) {
        broadcast("addColumnVector", a, v, a.rows(), "the rows of a", out);
        if (a.size() > 0) {
            addColumnVectorKernel(a, v, out);
        }
    }

    /**
     * out[i][j] ← s[i]·a[i][j]: scales row i by s[i].
     *
     * @param a an m × n tensor; not modified unless it is out
     * @param s a vector of length m; not modified
     * @param out m × n, overwritten; may be a, must not be s
     */
    public final void scaleRows(Tensor a, Tensor s, Tensor out) {
        broadcast("scaleRows", a, s, a.rows(), "the rows of a", out);
        if (a.size() > 0) {
            scaleRowsKernel(a, s, out);
        }
    }

    /**
     * out[i][j] ← s[j]·a[i][j]: scales column j by s[j].
     *
     * @param a an m × n tensor; not modified unless it is out
     * @param s a vector of length n; not modified
     * @param out m × n, overwritten; may be a, must not be s
     */
    public final void scaleColumns(Tensor a, Tensor s, Tensor out) {
        broadcast("scaleColumns", a, s, a.cols(), "the columns of a", out);
        if (a.size() > 0) {
            scaleColumnsKernel(a, s, out);
        }
    }

    /**
     * out[i] ← Σ_j a[i][j].
     *
     * @param a an m × n tensor, not modified
     * @param out a vector of length m, overwritten (zeros when n = 0); must not be a
     */
    public final void rowSums(Tensor a, Tensor out) {
        if (reduction("rowSums", a, a.rows(), "the rows of a", out, a.cols())) {
            rowSumsKernel(a, out);
        }
    }

    /**
     * out[j] ← Σ_i a[i][j] (bias gradients).
     *
     * @param a an m × n tensor, not modified
     * @param out a vector of length n, overwritten (zeros when m = 0); must not be a
     */
    public final void columnSums(Tensor a, Tensor out) {
        if (reduction("columnSums", a, a.cols(), "the columns of a", out, a.rows())) {
            columnSumsKernel(a, out);
        }
    }

    /**
     * out[i] ← ‖a[i]‖₂, the Euclidean norm of row i, computed without overflow or underflow
     * for any finite entries.
     *
     * @param a an m × n tensor, not modified
     * @param out a vector of length m, overwritten (zeros when n = 0); must not be a
     */
    public final void rowNorms(Tensor a, Tensor out) {
        if (reduction("rowNorms", a, a.rows(), "the rows of a", out, a.cols())) {
            rowNormsKernel(a, out);
        }
    }

    /**
     * out[j] ← ‖a[·][j]‖₂, the Euclidean norm of column j, without overflow or underflow.
     *
     * @param a an m × n tensor, not modified
     * @param out a vector of length n, overwritten (zeros when m = 0); must not be a
     */
    public final void columnNorms(Tensor a, Tensor out) {
        if (reduction("columnNorms", a, a.cols(), "the columns of a", out, a.rows())) {
            columnNormsKernel(a, out);
        }
    }

    /**
     * out[i] ← Σ_j a[i][j]·b[i][j], the dot product of row i of a with row i of b.
     *
     * @param a an m × n tensor, not modified
     * @param b an m × n tensor, not modified (may be a)
     * @param out a vector of length m, overwritten; must be neither a nor b
     */
    public final void rowDots(Tensor a, Tensor b, Tensor out) {
        own("rowDots", "a", a);
        own("rowDots", "b", b);
        Shapes.requireSameShape("rowDots", "a", a, "b", b);
        Shapes.requireDistinct("rowDots", "b", b, "out", out);
        if (reduction("rowDots", a, a.rows(), "the rows of a", out, a.cols())) {
            rowDotsKernel(a, b, out);
        }
    }

    /**
     * out[j] ← Σ_i a[i][j]·b[i][j], the dot product of column j of a with column j of b.
     *
     * @param a an m × n tensor, not modified
     * @param b an m × n tensor, not modified (may be a)
     * @param out a vector of length n, overwritten; must be neither a nor b
     */
    public final void columnDots(Tensor a, Tensor b, Tensor out) {
        own("columnDots", "a", a);
        own("columnDots", "b", b);
        Shapes.requireSameShape("columnDots", "a", a, "b", b);
        Shapes.requireDistinct("columnDots", "b", b, "out", out);
        if (reduction("columnDots", a, a.cols(), "the columns of a", out, a.rows())) {
            columnDotsKernel(a, b, out);
        }
    }

    /**
     * out[i] ← max_j a[i][j] (softmax stabilisation). NaN entries propagate: a row holding
     * NaN has maximum NaN.
     *
     * @param a an m × n tensor with n ≥ 1, not modified
     * @param out a vector of length m, overwritten; must not be a
     * @throws ShapeMismatchException if a has no columns (the maximum of nothing is undefined)
     */
    public final void rowMaxima(Tensor a, Tensor out) {
        own("rowMaxima", "a", a);
        if (a.cols() == 0 && a.rows() > 0) {
            throw new ShapeMismatchException("rowMaxima: a (" + Shapes.of(a) + ") has no columns to take a maximum of");
        }
        if (reduction("rowMaxima", a, a.rows(), "the rows of a", out, a.cols())) {
            rowMaximaKernel(a, out);
        }
    }

    // ------------------------------------------------------------------------------------
    // Radial rescaling, one sample per column (the activation of radial networks)

    /**
     * The radial rescaling ρ_s(v) = η(|v| + s)·v/|v|, ρ_s(0) = 0 (radial paper, §3) of every
     * column: with r_k = |z[:, k]| and c_k = η(r_k + s)/r_k,
     * out[:, k] ← c_k·z[:, k], and out[:, k] ← 0 where r_k &lt; {@link Double#MIN_NORMAL}
     * (treated as v = 0). The norms neither overflow nor underflow for finite columns; η is
     * evaluated once per column. A capability: the default composes {@link #columnNorms} and
     * {@link #scaleColumns}, and backends fuse it into one pass per block of columns.
     *
     * <p>state (3 × m) receives what {@link #radialColumnsBackward} needs: row 0 the norms r_k,
     * row 1 the coefficients c_k (0 where r_k is treated as 0), row 2 the slopes η′(r_k + s)
     * (η′(s) where r_k is treated as 0).
     *
     * @param z n × m, one sample per column; not modified unless it is out
     * @param profile η
     * @param shift the activation shift s, finite
     * @param out n × m, overwritten; may be z
     * @param state 3 × m, overwritten; distinct from z and out
     * @throws NonFiniteValueException if the shift is NaN or infinite
     */
    public final void radialColumns(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        String op = "radialColumns";
        own(op, "z", z);
        own(op, "out", out);
        Shapes.requireSameShape(op, "z", z, "out", out);
        Shapes.requireNonNull(op, "profile", profile);
        Shapes.requireFinite(op, "the shift", shift);
        radialState(op, z, state);
        Shapes.requireDistinct(op, "out", out, "state", state);
        if (z.size() > 0) {
            radialColumnsKernel(z, profile, shift, out, state);
        } else if (z.cols() > 0) {
            // zero-dimensional samples: every column is v = 0
            double[] values = new double[3 * z.cols()];
            Arrays.fill(values, 2 * z.cols(), values.length, profile.derivative(shift));
            state.setRowMajor(values);
        }
    }

    /**
     * Back-propagation through {@link #radialColumns}: column by column, with u = z/r,
     * dz ← c·g + (η′(r + s) − c)(u·g)·u = J(z)ᵀ·g, the exact Jacobian of ρ_s, formed from the unit
     * vector u so that nothing grows like 1/r²; where r was treated as 0, dz ← η′(s)·g.
     *
     * @param z the n × m input of the forward call, unchanged since; not modified
     * @param state the 3 × m state that call left; not modified
     * @param g n × m, ∂L/∂out; not modified unless it is dz
     * @param dz n × m, overwritten with ∂L/∂z; may be g, must not be z
     * @return Σ_k η′(r_k + s)·(u_k·g_k) over the columns with r_k not treated as 0: ∂L/∂s
     */
    public final double radialColumnsBackward(Tensor z, Tensor state, Tensor g, Tensor dz) {
        String op = "radialColumnsBackward";
        own(op, "z", z);
        own(op, "g", g);
        own(op, "dz", dz);
        Shapes.requireSameShape(op, "z", z, "g", g);
        Shapes.requireSameShape(op, "z", z, "dz", dz);
        Shapes.requireDistinct(op, "z", z, "dz", dz);
        radialState(op, z, state);
        Shapes.requireDistinct(op, "dz", dz, "state", state);
        return z.size() > 0 ? radialColumnsBackwardKernel(z, state, g, dz) : 0.0;
    }

    /**
     * A fused forward and backward pass through a whole radial network with these widths and
     * profiles, for batches of this size (see {@link RadialNetworkKernel}), if this backend has
     * one for them; otherwise empty, and callers compose {@link #gemm}, {@link #addColumnVector},
     * {@link #radialColumns} and {@link #radialColumnsBackward} layer by layer, which computes
     * the same to rounding. A backend offers the kernel where it is faster than that
     * composition (for example only for narrow layers).
     *
     * @param widths n₀ … n_L, L ≥ 1, every width at least 1; not modified
     * @param profiles η_1 … η_{L−1}, one per hidden layer, none null
     * @param batch samples per call, at least 1
     * @return the kernel, or empty
     * @throws IllegalArgumentException if the widths, profiles or batch are not as stated
     */
    public final Optional<RadialNetworkKernel> radialNetworkKernel(int[] widths, List<RadialProfile> profiles,
                                                                   int batch) {
        String op = "radialNetworkKernel";
        Shapes.requireNonNull(op, "widths", widths);
        Shapes.requireNonNull(op, "profiles", profiles);
        if (widths.length < 2) {
            throw new IllegalArgumentException(op + ": a network needs widths n₀ … n_L with L ≥ 1, got "
                    + Arrays.toString(widths));
        }
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException(op + ": every width must be at least 1, got "
                        + Arrays.toString(widths));
            }
        }
        if (profiles.size() != widths.length - 2) {
            throw new IllegalArgumentException(op + ": widths " + Arrays.toString(widths) + " have "
                    + (widths.length - 2) + " hidden layers but " + profiles.size() + " profiles were given");
        }
        for (int i = 0; i < profiles.size(); i++) {
            Shapes.requireNonNull(op, "the profile of hidden layer " + (i + 1), profiles.get(i));
        }
        if (batch < 1) {
            throw new IllegalArgumentException(op + ": the batch size must be at least 1, got " + batch);
        }
        return radialNetworkKernelFor(widths.clone(), List.copyOf(profiles), batch);
    }

    /**
     * See {@link #radialNetworkKernel}; arguments validated. The default offers none.
     *
     * @param widths n₀ … n_L, a copy the kernel may keep
     * @param profiles η_1 … η_{L−1}
     * @param batch samples per call
     * @return the kernel, or empty
     */
    protected Optional<RadialNetworkKernel> radialNetworkKernelFor(int[] widths, List<RadialProfile> profiles,
                                                                   int batch) {
        return Optional.empty();
    }

    private void radialState(String op, Tensor z, Tensor state) {
        own(op, "state", state);
        Shapes.requireShape(op, "state", state, 3, z.cols());
        Shapes.requireDistinct(op, "z", z, "state", state);
    }

    // ------------------------------------------------------------------------------------
    // Scalar reductions

    /**
     * @param a a tensor, not modified
     * @return Σ a[i][j] (0 for an empty tensor)
     */
    public final double sum(Tensor a) {
        own("sum", "a", a);
        return a.size() == 0 ? 0.0 : sumKernel(a);
    }

    /**
     * @param a a tensor, not modified
     * @param b a tensor of the same shape, not modified
     * @return the Frobenius inner product Σ a[i][j]·b[i][j] (0 for empty tensors)
     */
    public final double dot(Tensor a, Tensor b) {
        own("dot", "a", a);
        own("dot", "b", b);
        Shapes.requireSameShape("dot", "a", a, "b", b);
        return a.size() == 0 ? 0.0 : dotKernel(a, b);
    }

    /**
     * @param a a tensor, not modified
     * @return the Frobenius norm ‖a‖_F, computed without overflow or underflow (0 if empty)
     */
    public final double norm(Tensor a) {
        own("norm", "a", a);
        return a.size() == 0 ? 0.0 : normKernel(a);
    }

    /**
     * @param a a tensor, not modified
     * @return max |a[i][j]| (0 for an empty tensor; NaN if an entry is NaN)
     */
    public final double maxAbs(Tensor a) {
        own("maxAbs", "a", a);
        return a.size() == 0 ? 0.0 : maxAbsKernel(a);
    }

    /**
     * @param a a tensor, not modified
     * @return true if no entry is NaN or infinite (true for an empty tensor)
     */
    public final boolean allFinite(Tensor a) {
        own("allFinite", "a", a);
        return a.size() == 0 || allFiniteKernel(a);
    }

    /**
     * Checks that a tensor holds only finite values, for operations that cannot accept NaN or
     * infinities.
     *
     * @param op the operation, for the message
     * @param name the argument, for the message
     * @param a a tensor of this backend, not modified
     * @throws NonFiniteValueException naming the first non-finite entry (row-major order)
     */
    public final void requireAllFinite(String op, String name, Tensor a) {
        own(op, name, a);
        if (allFinite(a)) {
            return;
        }
        double[] flat = a.toRowMajor();
        for (int p = 0; p < flat.length; p++) {
            if (!Double.isFinite(flat[p])) {
                throw new NonFiniteValueException(op + ": " + name + " (" + Shapes.of(a) + ") has " + flat[p]
                        + " at (" + p / a.cols() + ", " + p % a.cols() + "); it must hold finite values only");
            }
        }
        throw new IllegalStateException(name() + ": allFinite reported a non-finite entry that toRowMajor does not show");
    }

    // ------------------------------------------------------------------------------------
    // Shared checks

    /**
     * @param op the operation
     * @param name the argument's name
     * @param t the argument
     * @throws NullPointerException if t is null
     * @throws BackendMismatchException if t belongs to another backend
     * @throws IllegalStateException if t was closed
     */
    protected final void own(String op, String name, Tensor t) {
        Shapes.requireNonNull(op, name, t);
        if (t.isClosed()) {
            throw new IllegalStateException(op + ": " + name + " (" + Shapes.of(t) + ") was closed");
        }
        if (t.backend() != this) {
            String owner = t.backend().name().equals(name())
                    ? "another instance of backend '" + name() + "'"
                    : "backend '" + t.backend().name() + "'";
            throw new BackendMismatchException(op + ": " + name + " (" + Shapes.of(t) + ") belongs to " + owner
                    + " but this operation runs on '" + name() + "'; convert it explicitly with Backend.copyOf");
        }
    }

    private void unary(String op, Tensor a, Tensor out) {
        own(op, "a", a);
        own(op, "out", out);
        Shapes.requireSameShape(op, "a", a, "out", out);
    }

    private void binary(String op, Tensor a, Tensor b, Tensor out) {
        own(op, "a", a);
        own(op, "b", b);
        own(op, "out", out);
        Shapes.requireSameShape(op, "a", a, "b", b);
        Shapes.requireSameShape(op, "a", a, "out", out);
    }

    private void broadcast(String op, Tensor a, Tensor v, int length, String what, Tensor out) {
        unary(op, a, out);
        own(op, "vector", v);
        Shapes.requireVector(op, "vector", v, length, what, a);
        Shapes.requireDistinct(op, "vector", v, "out", out);
    }

    /** @return true if the kernel must run; false if out was already set (empty reduction) */
    private boolean reduction(String op, Tensor a, int length, String what, Tensor out, int reducedLength) {
        own(op, "a", a);
        own(op, "out", out);
        Shapes.requireVector(op, "out", out, length, what, a);
        Shapes.requireDistinct(op, "a", a, "out", out);
        if (length == 0) {
            return false;
        }
        if (reducedLength == 0) {
            fillKernel(out, 0.0);
            return false;
        }
        return true;
    }

    private void scaleOrZero(double beta, Tensor c) {
        if (beta == 0.0) {
            fillKernel(c, 0.0);
        } else if (beta != 1.0) {
            scaleKernel(beta, c, c);
        }
    }

    // ------------------------------------------------------------------------------------
    // Kernels. Arguments are checked: owned by this backend, non-null, shapes fit, scalars
    // finite where required, outputs distinct where required, and no dimension is zero unless
    // stated. Vector arguments may be 1×n or n×1. Kernels must not modify inputs that are not
    // outputs and must not keep references to arguments.
    //
    // The mandatory core: the abstract kernels below, from which every other operation is
    // composed. Creation and copies, blocks, GEMM, QR, entrywise arithmetic, two reductions.

    /**
     * @param rows rows, ≥ 0 (may be zero)
     * @param cols columns, ≥ 0 (may be zero)
     * @return a new tensor of zeros
     */
    protected abstract Tensor newTensor(int rows, int cols);

    /**
     * @param rows rows (may be zero)
     * @param cols columns (may be zero)
     * @param data row-major entries, a fresh array the backend may keep
     * @return a new tensor holding data
     */
    protected abstract Tensor fromRowMajorKernel(int rows, int cols, double[] data);

    /**
     * {@link #fromRowMajorKernel} on the caller's array, which must not be kept or modified. The
     * default hands the kernel a copy; a backend that copies into a layout of its own anyway
     * (column-major, off-heap) overrides it to skip that copy.
     *
     * @param rows rows (may be zero)
     * @param cols columns (may be zero)
     * @param data row-major entries, the caller's: read only, not kept
     * @return a new tensor holding a copy of data
     */
    protected Tensor fromRowMajorCopyKernel(int rows, int cols, double[] data) {
        return fromRowMajorKernel(rows, cols, data.clone());
    }

    /** @param src source @param dst destination, distinct from src */
    protected abstract void copyKernel(Tensor src, Tensor dst);

    /** @param dst destination @param value any double */
    protected abstract void fillKernel(Tensor dst, double value);

    /**
     * @param src source @param srcRow row @param srcCol column @param rows block rows, ≥ 1
     * @param cols block columns, ≥ 1 @param dst destination, distinct from src
     * @param dstRow row @param dstCol column
     */
    protected abstract void copyBlockKernel(Tensor src, int srcRow, int srcCol, int rows, int cols,
                                            Tensor dst, int dstRow, int dstCol);

    /**
     * C ← α·op(A)·op(B) + β·C with m, n, k ≥ 1; β = 0 must ignore C's previous entries.
     *
     * @param alpha α @param a A @param transA op of A @param b B @param transB op of B
     * @param beta β @param c C, distinct from A and B
     */
    protected abstract void gemmKernel(double alpha, Tensor a, Transpose transA, Tensor b, Transpose transB,
                                       double beta, Tensor c);

    /**
     * Any QR decomposition A = Q·R with Q orthogonal (complete) or with orthonormal columns
     * (economy) and R with exact zeros below the diagonal; signs are canonicalised afterwards
     * by the caller. A is non-empty, finite, and must not be modified.
     *
     * @param a A @param mode mode @param q Q, shaped for the mode @param r R, shaped for the mode
     */
    protected abstract void qrKernel(Tensor a, QrMode mode, Tensor q, Tensor r);

    /** @param a a @param b b @param out a + b; may alias a or b */
    protected abstract void addKernel(Tensor a, Tensor b, Tensor out);

    /** @param a a @param b b @param out a − b; may alias a or b */
    protected abstract void subtractKernel(Tensor a, Tensor b, Tensor out);

    /** @param a a @param b b @param out a ∘ b; may alias a or b */
    protected abstract void hadamardKernel(Tensor a, Tensor b, Tensor out);

    /** @param alpha α @param a a @param out α·a; may alias a */
    protected abstract void scaleKernel(double alpha, Tensor a, Tensor out);

    /** @param a a @param s s @param out a + s; may alias a */
    protected abstract void addScalarKernel(Tensor a, double s, Tensor out);

    /** @param alpha α @param x x @param y y ← y + α·x entry by entry, also when α = 0; may be x */
    protected abstract void axpyKernel(double alpha, Tensor x, Tensor y);

    /** @param a a @param f f @param out f(a); may alias a */
    protected abstract void mapKernel(Tensor a, DoubleUnaryOperator f, Tensor out);

    /** @param a a @param b b @param f f @param out f(a, b); may alias a or b */
    protected abstract void zipKernel(Tensor a, Tensor b, DoubleBinaryOperator f, Tensor out);

    /** @param a non-empty @param b same shape @return Σ a∘b */
    protected abstract double dotKernel(Tensor a, Tensor b);

    /** @param a non-empty @return max |a|, NaN if any entry is NaN */
    protected abstract double maxAbsKernel(Tensor a);

    // ------------------------------------------------------------------------------------
    // Capabilities: kernels with a default in DefaultKernels, composed from the core. A backend
    // overrides one where it is faster; the contract suite compares the override with the
    // default on the same tensors.

    /** @param a source @param out its transpose, distinct from a; default {@link DefaultKernels#transpose} */
    protected void transposeKernel(Tensor a, Tensor out) {
        DefaultKernels.transpose(this, a, out);
    }

    /**
     * @param src source @param indices valid row indices, read only @param dst destination;
     *     default {@link DefaultKernels#gatherRows}
     */
    protected void gatherRowsKernel(Tensor src, int[] indices, Tensor dst) {
        DefaultKernels.gatherRows(this, src, indices, dst);
    }

    /**
     * @param src source @param dst destination with as many entries, distinct; default
     *     {@link DefaultKernels#copyReshaped}
     */
    protected void copyReshapedKernel(Tensor src, Tensor dst) {
        DefaultKernels.copyReshaped(this, src, dst);
    }

    /**
     * @param matrices batch × (p·q) @param trans op @param x batch × q, q ≥ 1 @param out batch × p;
     *     default {@link DefaultKernels#batchedMatVec}
     */
    protected void batchedMatVecKernel(Tensor matrices, Transpose trans, Tensor x, Tensor out) {
        DefaultKernels.batchedMatVec(this, matrices, trans, x, out);
    }

    /**
     * @param a batch × p @param b batch × q @param out batch × (p·q); default
     *     {@link DefaultKernels#rowwiseOuter}
     */
    protected void rowwiseOuterKernel(Tensor a, Tensor b, Tensor out) {
        DefaultKernels.rowwiseOuter(this, a, b, out);
    }

    /**
     * See {@link #im2col}; the arguments fit. Default {@link DefaultKernels#im2col}.
     *
     * @param planes C × (N·H·W) @param geometry the geometry @param order the row order
     * @param firstSample the group's first sample @param columns (C·k·k) × (G·H_out·W_out)
     */
    protected void im2colKernel(Tensor planes, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor columns) {
        DefaultKernels.im2col(this, planes, geometry, order, firstSample, columns);
    }

    /**
     * See {@link #col2im}; the arguments fit. Default {@link DefaultKernels#col2im}.
     *
     * @param columns (C·k·k) × (G·H_out·W_out) @param geometry the geometry @param order the
     *     row order @param firstSample the group's first sample @param planes C × (N·H·W)
     */
    protected void col2imKernel(Tensor columns, ConvolutionGeometry geometry, PatchOrder order, int firstSample,
                                Tensor planes) {
        DefaultKernels.col2im(this, columns, geometry, order, firstSample, planes);
    }

    /**
     * See {@link #winogradTransformInput}; the arguments fit. Default
     * {@link DefaultKernels#winogradTransformInput}.
     *
     * @param planes C × (N·H·W) @param geometry 3 × 3, stride 1 @param firstSample the group's
     *     first sample @param tiles 16 tensors C × (G·T)
     */
    protected void winogradTransformInputKernel(Tensor planes, ConvolutionGeometry geometry, int firstSample,
                                                List<Tensor> tiles) {
        DefaultKernels.winogradTransformInput(this, planes, geometry, firstSample, tiles);
    }

    /**
     * See {@link #winogradTransformInputTransposed}; the arguments fit. Default
     * {@link DefaultKernels#winogradTransformInputTransposed}.
     *
     * @param tiles 16 tensors C × (G·T) @param geometry 3 × 3, stride 1 @param firstSample the
     *     group's first sample @param planes C × (N·H·W)
     */
    protected void winogradTransformInputTransposedKernel(List<Tensor> tiles, ConvolutionGeometry geometry,
                                                          int firstSample, Tensor planes) {
        DefaultKernels.winogradTransformInputTransposed(this, tiles, geometry, firstSample, planes);
    }

    /**
     * See {@link #winogradTransformOutput}; the arguments fit. Default
     * {@link DefaultKernels#winogradTransformOutput}.
     *
     * @param products 16 tensors C_out × (G·T) @param geometry 3 × 3, stride 1 @param firstSample
     *     the group's first sample @param output C_out × (N·H_out·W_out)
     */
    protected void winogradTransformOutputKernel(List<Tensor> products, ConvolutionGeometry geometry, int firstSample,
                                                 Tensor output) {
        DefaultKernels.winogradTransformOutput(this, products, geometry, firstSample, output);
    }

    /**
     * See {@link #winogradTransformOutputTransposed}; the arguments fit. Default
     * {@link DefaultKernels#winogradTransformOutputTransposed}.
     *
     * @param dOutput C_out × (N·H_out·W_out) @param geometry 3 × 3, stride 1 @param firstSample
     *     the group's first sample @param products 16 tensors C_out × (G·T)
     */
    protected void winogradTransformOutputTransposedKernel(Tensor dOutput, ConvolutionGeometry geometry, int firstSample,
                                                           List<Tensor> products) {
        DefaultKernels.winogradTransformOutputTransposed(this, dOutput, geometry, firstSample, products);
    }

    /**
     * @param src R × (S·B), non-empty @param blockWidth B @param dst S × (R·B); default
     *     {@link DefaultKernels#transposeBlocks}
     */
    protected void transposeBlocksKernel(Tensor src, int blockWidth, Tensor dst) {
        DefaultKernels.transposeBlocks(this, src, blockWidth, dst);
    }

    /**
     * @param planes C × (N·H·W) @param geometry without padding @param pooled C × (N·H_out·W_out)
     * @param argmax long enough; default {@link DefaultKernels#maxPool}
     */
    protected void maxPoolKernel(Tensor planes, ConvolutionGeometry geometry, Tensor pooled, int[] argmax) {
        DefaultKernels.maxPool(this, planes, geometry, pooled, argmax);
    }

    /**
     * @param dPooled C × M, non-empty @param argmax checked indices @param dPlanes C × K, non-empty;
     *     default {@link DefaultKernels#maxPoolBackward}
     */
    protected void maxPoolBackwardKernel(Tensor dPooled, int[] argmax, Tensor dPlanes) {
        DefaultKernels.maxPoolBackward(this, dPooled, argmax, dPlanes);
    }

    /**
     * See {@link #batchNormStatistics}; the arguments fit. Default
     * {@link DefaultKernels#batchNormStatistics}.
     *
     * @param x F × M or M × F, non-empty @param perRow features in rows @param mean F
     * @param centeredSquares F
     */
    protected void batchNormStatisticsKernel(Tensor x, boolean perRow, Tensor mean, Tensor centeredSquares) {
        DefaultKernels.batchNormStatistics(this, x, perRow, mean, centeredSquares);
    }

    /**
     * See {@link #batchNormForward}; the arguments fit. Default {@link DefaultKernels#batchNormForward}.
     *
     * @param x input @param perRow features in rows @param mean μ @param inverseDeviation s
     * @param weight γ @param bias β @param relu ReLU follows @param out output
     */
    protected void batchNormForwardKernel(Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation, Tensor weight,
                                          Tensor bias, boolean relu, Tensor out) {
        DefaultKernels.batchNormForward(this, x, perRow, mean, inverseDeviation, weight, bias, relu, out);
    }

    /**
     * See {@link #batchNormBackward}; the arguments fit. Default {@link DefaultKernels#batchNormBackward}.
     *
     * @param dOut upstream @param x input @param perRow features in rows @param mean μ
     * @param inverseDeviation s @param weight γ @param bias β @param relu ReLU followed
     * @param batchStatistics batch statistics @param biasGradient Σg' @param weightGradient Σg'x̂
     * @param dx null or the input gradient
     */
    protected void batchNormBackwardKernel(Tensor dOut, Tensor x, boolean perRow, Tensor mean, Tensor inverseDeviation,
                                           Tensor weight, Tensor bias, boolean relu, boolean batchStatistics,
                                           Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        DefaultKernels.batchNormBackward(this, dOut, x, perRow, mean, inverseDeviation, weight, bias, relu,
                batchStatistics, biasGradient, weightGradient, dx);
    }

    /**
     * See {@link #qrRightProduct}; m, n ≥ 1, signs are canonicalised afterwards. The default
     * ({@link DefaultKernels#qrRightProduct}) forms the economy Q and multiplies; a backend may
     * apply A's Householder reflectors to C instead.
     *
     * @param a A, m × n
     * @param c C, p × m
     * @param r R, k × n
     * @param cq C·Q, p × k
     */
    protected void qrRightProductKernel(Tensor a, Tensor c, Tensor r, Tensor cq) {
        DefaultKernels.qrRightProduct(this, a, c, r, cq);
    }

    /**
     * See {@link #adamUpdate}; the four tensors are distinct, of one shape, not empty.
     *
     * @param parameters θ @param gradient g @param firstMoment m @param secondMoment v
     * @param coefficients the step's scalars; default {@link DefaultKernels#adamUpdate}
     */
    protected void adamUpdateKernel(Tensor parameters, Tensor gradient, Tensor firstMoment, Tensor secondMoment,
                                    AdamCoefficients coefficients) {
        DefaultKernels.adamUpdate(this, parameters, gradient, firstMoment, secondMoment, coefficients);
    }

    /**
     * See {@link #qrCompressionStep}; m, n ≥ 1, signs are canonicalised and the bias column is
     * written afterwards. The default ({@link DefaultKernels#qrCompressionStep}) runs
     * {@link #qrRightProductKernel} into a temporary and copies it; a backend may factor A in its
     * own storage and write C·Q straight into next.
     *
     * @param a A, m × n, may be overwritten
     * @param c C, p × m
     * @param r R, k × n
     * @param next p × (column + k); C·Q goes to its columns column … column + k − 1, the
     *     columns before are left for the caller
     * @param column 0 or 1
     */
    protected void qrCompressionStepKernel(Tensor a, Tensor c, Tensor r, Tensor next, int column) {
        DefaultKernels.qrCompressionStep(this, a, c, r, next, column);
    }

    /**
     * @param a a @param v vector, length cols @param out a + 1·vᵀ; may alias a; default
     *     {@link DefaultKernels#addRowVector}
     */
    protected void addRowVectorKernel(Tensor a, Tensor v, Tensor out) {
        DefaultKernels.addRowVector(this, a, v, out);
    }

    /**
     * @param a a @param v vector, length rows @param out a + v·1ᵀ; may alias a; default
     *     {@link DefaultKernels#addColumnVector}
     */
    protected void addColumnVectorKernel(Tensor a, Tensor v, Tensor out) {
        DefaultKernels.addColumnVector(this, a, v, out);
    }

    /**
     * @param a a @param s vector, length rows @param out diag(s)·a; may alias a; default
     *     {@link DefaultKernels#scaleRows}
     */
    protected void scaleRowsKernel(Tensor a, Tensor s, Tensor out) {
        DefaultKernels.scaleRows(this, a, s, out);
    }

    /**
     * @param a a @param s vector, length cols @param out a·diag(s); may alias a; default
     *     {@link DefaultKernels#scaleColumns}
     */
    protected void scaleColumnsKernel(Tensor a, Tensor s, Tensor out) {
        DefaultKernels.scaleColumns(this, a, s, out);
    }

    /** @param a a, m, n ≥ 1 @param out row sums; default {@link DefaultKernels#rowSums} */
    protected void rowSumsKernel(Tensor a, Tensor out) {
        DefaultKernels.rowSums(this, a, out);
    }

    /** @param a a, m, n ≥ 1 @param out column sums; default {@link DefaultKernels#columnSums} */
    protected void columnSumsKernel(Tensor a, Tensor out) {
        DefaultKernels.columnSums(this, a, out);
    }

    /**
     * @param a a, m, n ≥ 1 @param out row norms, overflow- and underflow-safe; default
     *     {@link DefaultKernels#rowNorms}
     */
    protected void rowNormsKernel(Tensor a, Tensor out) {
        DefaultKernels.rowNorms(this, a, out);
    }

    /**
     * @param a a, m, n ≥ 1 @param out column norms, overflow- and underflow-safe; default
     *     {@link DefaultKernels#columnNorms}
     */
    protected void columnNormsKernel(Tensor a, Tensor out) {
        DefaultKernels.columnNorms(this, a, out);
    }

    /** @param a a, m, n ≥ 1 @param b b @param out row dots; default {@link DefaultKernels#rowDots} */
    protected void rowDotsKernel(Tensor a, Tensor b, Tensor out) {
        DefaultKernels.rowDots(this, a, b, out);
    }

    /** @param a a, m, n ≥ 1 @param b b @param out column dots; default {@link DefaultKernels#columnDots} */
    protected void columnDotsKernel(Tensor a, Tensor b, Tensor out) {
        DefaultKernels.columnDots(this, a, b, out);
    }

    /**
     * @param a a, m, n ≥ 1 @param out row maxima, NaN propagating; default
     *     {@link DefaultKernels#rowMaxima}
     */
    protected void rowMaximaKernel(Tensor a, Tensor out) {
        DefaultKernels.rowMaxima(this, a, out);
    }

    /**
     * See {@link #radialColumns}; z has at least one entry. Default
     * {@link DefaultKernels#radialColumns}.
     */
    protected void radialColumnsKernel(Tensor z, RadialProfile profile, double shift, Tensor out, Tensor state) {
        DefaultKernels.radialColumns(this, z, profile, shift, out, state);
    }

    /**
     * See {@link #radialColumnsBackward}; z has at least one entry. Default
     * {@link DefaultKernels#radialColumnsBackward}.
     */
    protected double radialColumnsBackwardKernel(Tensor z, Tensor state, Tensor g, Tensor dz) {
        return DefaultKernels.radialColumnsBackward(this, z, state, g, dz);
    }

    /** @param a non-empty @return Σ a; default {@link DefaultKernels#sum} */
    protected double sumKernel(Tensor a) {
        return DefaultKernels.sum(this, a);
    }

    /** @param a non-empty @return ‖a‖_F, overflow- and underflow-safe; default {@link DefaultKernels#norm} */
    protected double normKernel(Tensor a) {
        return DefaultKernels.norm(this, a);
    }

    /** @param a non-empty @return true if all entries are finite; default {@link DefaultKernels#allFinite} */
    protected boolean allFiniteKernel(Tensor a) {
        return DefaultKernels.allFinite(this, a);
    }
}
