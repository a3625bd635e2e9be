package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;

/**
 * The augmented matrix [b W] of an affine map x ↦ W x + b (W m × k, b of length m): the
 * m × (k + 1) matrix whose first column is b and whose other columns are W, so that
 * W x + b = [b W]·(1, x). QR-compress (radial paper, Algorithm 1) and the subspace training pass
 * decompose [b_i  W_i Q_{i−1}] = Q_i R_i and read the reduced layer off R_i's columns
 * ({@link #split}). Pure copies: no arithmetic, so every value is exact.
 */
public final class AugmentedMatrix {
    private AugmentedMatrix() {
    }

    /**
     * out ← [b W], without allocating.
     *
     * @param backend the backend of every tensor
     * @param biasRow b as a 1 × m row, not modified
     * @param weight W, m × k, not modified
     * @param biasColumn scratch m × 1, overwritten with bᵀ
     * @param out m × (k + 1), overwritten
     */
    public static void join(Backend backend, Tensor biasRow, Tensor weight, Tensor biasColumn, Tensor out) {
        backend.copyReshaped(biasRow, biasColumn);
        backend.copyBlock(biasColumn, 0, 0, weight.rows(), 1, out, 0, 0);
        backend.copyBlock(weight, 0, 0, weight.rows(), weight.cols(), out, 0, 1);
    }

    /**
     * A new [b W].
     *
     * @param backend the backend of every tensor
     * @param biasRow b as a 1 × m row, not modified
     * @param weight W, m × k, not modified
     * @return a new m × (k + 1) tensor
     */
    public static Tensor of(Backend backend, Tensor biasRow, Tensor weight) {
        Tensor out = backend.zeros(weight.rows(), weight.cols() + 1);
        try (Tensor biasColumn = backend.zeros(weight.rows(), 1)) {
            join(backend, biasRow, weight, biasColumn, out);
        }
        return out;
    }

    /**
     * The inverse of {@link #join}: biasColumn ← the first column of m, weight ← the others.
     *
     * @param backend the backend of every tensor
     * @param augmented [b W], r × (k + 1), not modified
     * @param biasColumn r × 1, overwritten with b
     * @param weight r × k, overwritten with W
     */
    public static void split(Backend backend, Tensor augmented, Tensor biasColumn, Tensor weight) {
        backend.copyBlock(augmented, 0, 0, augmented.rows(), 1, biasColumn, 0, 0);
        backend.copyBlock(augmented, 0, 1, augmented.rows(), augmented.cols() - 1, weight, 0, 0);
    }
}
