package io.radnet.api;

/**
 * Whether an operand of {@link Backend#gemm} enters as itself or as its transpose.
 */
public enum Transpose {
    /** op(X) = X. */
    NONE,
    /** op(X) = Xᵀ. */
    TRANSPOSED;

    /**
     * @param t a tensor
     * @return the number of rows of op(t)
     */
    public int rowsOf(Tensor t) {
        return this == NONE ? t.rows() : t.cols();
    }

    /**
     * @param t a tensor
     * @return the number of columns of op(t)
     */
    public int colsOf(Tensor t) {
        return this == NONE ? t.cols() : t.rows();
    }
}
