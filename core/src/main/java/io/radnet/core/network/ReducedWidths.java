package io.radnet.core.network;

import java.util.Arrays;

/**
 * The reduction n^red of a widths vector n (radial paper, §5.2): n^red_0 = n_0,
 * n^red_i = min(n_i, n^red_{i−1} + 1) for the hidden layers 0 &lt; i &lt; L, and n^red_L = n_L.
 * A layer can only be as wide as the affine span of its inputs needs, one more than the
 * reduced width before it. Without layer biases (linear layers z_i = W_i a_{i−1}) the span is
 * linear and n^red_i = min(n_i, n^red_{i−1}).
 */
public final class ReducedWidths {
    private ReducedWidths() {
    }

    /**
     * @param widths n₀ … n_L, L ≥ 1, every width ≥ 1; not modified
     * @return a new array n^red
     * @throws IllegalArgumentException if the widths are invalid
     */
    public static int[] of(int[] widths) {
        return of(widths, true);
    }

    /**
     * @param widths n₀ … n_L, L ≥ 1, every width ≥ 1; not modified
     * @param layerBiases whether the layers carry biases: n^red_i = min(n_i, n^red_{i−1} + 1) with
     *     them, min(n_i, n^red_{i−1}) without
     * @return a new array n^red
     * @throws IllegalArgumentException if the widths are invalid
     */
    public static int[] of(int[] widths, boolean layerBiases) {
        if (widths == null || widths.length < 2) {
            throw new IllegalArgumentException("widths need at least an input and an output width, got "
                    + Arrays.toString(widths));
        }
        int[] reduced = widths.clone();
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("width n_" + i + " must be at least 1 in " + Arrays.toString(widths));
            }
        }
        for (int i = 1; i < widths.length - 1; i++) {
            reduced[i] = Math.min(widths[i], reduced[i - 1] + (layerBiases ? 1 : 0));
        }
        return reduced;
    }

    /**
     * @param widths n₀ … n_L
     * @return true if some hidden width is larger than its reduction, so QR-compress shrinks
     *     the network
     */
    public static boolean isReducible(int[] widths) {
        return !Arrays.equals(widths, of(widths));
    }

    /**
     * @param widths n₀ … n_L
     * @return the number of weights and biases Σ n_i (n_{i−1} + 1) (radial paper, Example 6)
     */
    public static long parameterCount(int[] widths) {
        return parameterCount(widths, true);
    }

    /**
     * @param widths n₀ … n_L
     * @param layerBiases whether the layers carry biases
     * @return the number of weights and biases, Σ n_i (n_{i−1} + 1) with biases, Σ n_i n_{i−1}
     *     without
     */
    public static long parameterCount(int[] widths, boolean layerBiases) {
        long count = 0;
        for (int i = 1; i < widths.length; i++) {
            count += (long) widths[i] * (widths[i - 1] + (layerBiases ? 1 : 0));
        }
        return count;
    }
}
