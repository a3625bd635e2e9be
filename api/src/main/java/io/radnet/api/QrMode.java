package io.radnet.api;

/**
 * The two shapes of a QR decomposition A = Q R of an m×n matrix A, with k = min(m, n).
 */
public enum QrMode {
    /** Q is m×m and orthogonal (QᵀQ = QQᵀ = I), R is m×n upper-triangular. */
    COMPLETE,
    /** Q is m×k with orthonormal columns (QᵀQ = I_k), R is k×n upper-triangular. */
    ECONOMY;

    /**
     * @param m rows of A
     * @param n columns of A
     * @return the number of columns of Q (and rows of R) in this mode
     */
    public int innerDimension(int m, int n) {
        return this == COMPLETE ? m : Math.min(m, n);
    }
}
