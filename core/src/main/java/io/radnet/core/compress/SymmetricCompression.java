package io.radnet.core.compress;

import io.radnet.core.network.Param;

/**
 * The full output of QR-compress (radial paper, Algorithm 1 and Theorem 7): the compressed
 * network, the orthogonal tuple Q, the transformed parameters Q⁻¹·(W, b) and the remainder
 * U = Q⁻¹·(W, b) − (W^red, b^red), the reduced parameters zero-padded into Param(n).
 *
 * <p>Every tensor it holds is new and belongs to it; {@link #close()} frees them at once (see
 * {@link CompressedNetwork#close()}).
 *
 * @param compressed the reduced network
 * @param q the orthogonal tuple Q ∈ O(n^hid)
 * @param transformed Q⁻¹·(W, b) ∈ Param(n): its bottom-left blocks (rows beyond n^red_i,
 *     columns up to n^red_{i−1}) and the bottom entries of its biases are zero
 * @param remainder U ∈ Param(n), with zero shifts
 */
public record SymmetricCompression(CompressedNetwork compressed, OrthogonalTuple q, Param transformed,
                                   Param remainder) implements AutoCloseable {
    /**
     * Frees the compressed network, Q, Q⁻¹·(W, b) and U now; none may be used afterwards.
     * Closing again does nothing.
     */
    @Override
    public void close() {
        compressed.close();
        if (q != null) {
            q.closeMatrices();
        }
        if (transformed != null) {
            transformed.close();
        }
        if (remainder != null) {
            remainder.close();
        }
    }
}
