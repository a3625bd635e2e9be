package io.radnet.api;

import java.util.Objects;

/**
 * The factors of A = Q R as returned by {@link Backend#qr(Tensor, QrMode)}.
 *
 * <p>Invariants (to rounding), for A m×n and k = {@link QrMode#innerDimension(int, int)}:
 * Q is m×k with QᵀQ = I_k; R is k×n with R[i][j] = 0 exactly for i &gt; j; Q R = A; and the
 * signs are canonical, diag(R) ≥ 0 (a column of Q and the matching row of R are negated
 * together when the decomposition produced a negative diagonal entry). With canonical signs,
 * the factors of a full-column-rank A are unique, so backends agree to rounding.
 *
 * @param q the orthogonal factor, m×k
 * @param r the upper-triangular factor, k×n
 * @param mode the mode the factors were computed in
 */
public record QrFactors(Tensor q, Tensor r, QrMode mode) {
    /**
     * @throws NullPointerException if an argument is null
     */
    public QrFactors {
        Objects.requireNonNull(q, "q");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(mode, "mode");
    }
}
