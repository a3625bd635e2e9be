package io.radnet.api;

/**
 * The operation counts of a radial network's subspace training pass (core's
 * {@code SubspaceTrainingPass}: the exact gradient computed in the subspaces where the
 * activations and back-propagated signals live) against the dense pass, and the rule that picks
 * between them. It lives here, beside {@link Workload}, so that the pass a network runs
 * ({@code RadialNetwork.Backprop.AUTOMATIC}) and the work the size-aware default reads are
 * computed by the same formulas.
 *
 * <p>Dimensions (radial paper, §5.2): the forward dimensions d are QR-compress's reduced widths,
 * d₀ = n₀, d_i = min(n_i, d_{i−1} + 1) for hidden layers, d_L = n_L; the backward dimensions e
 * are e_L = n_L, e_i = min(n_i, d_i + e_{i+1}) from layer L − 1 down to 1, e₀ = n₀.
 */
public final class SubspacePassCost {
    /** Relative cost of one radial-rescaling entry (norm, rescale, back-propagation) against a multiply-add. */
    static final int RADIAL_ENTRY_COST = 8;

    private SubspacePassCost() {
    }

    /**
     * @param n the widths n₀ … n_L, at least two, each ≥ 1 (not modified)
     * @return the forward dimensions d (QR-compress's reduced widths)
     */
    public static int[] forwardWidths(int[] n) {
        int[] d = n.clone();
        for (int i = 1; i < n.length - 1; i++) {
            d[i] = Math.min(n[i], d[i - 1] + 1);
        }
        return d;
    }

    /**
     * @param n the widths n₀ … n_L
     * @param d the forward dimensions, {@link #forwardWidths}(n)
     * @return e_i: n_L, then min(n_i, d_i + e_{i+1}) down to layer 1, and n₀
     */
    public static int[] backwardWidths(int[] n, int[] d) {
        int[] e = n.clone();
        for (int i = n.length - 2; i >= 1; i--) {
            e[i] = Math.min(n[i], d[i] + e[i + 1]);
        }
        return e;
    }

    /**
     * Whether the subspace pass pays for a batch: its multiply-adds (the per-sample products and
     * radial work, plus the decompositions and dense products of every step) are at most three
     * quarters of the dense pass's.
     *
     * @param n the widths n₀ … n_L, at least two, each ≥ 1
     * @param batch the batch size, ≥ 1
     * @return whether the subspace pass is the cheaper one
     */
    public static boolean pays(int[] n, int batch) {
        int[] d = forwardWidths(n);
        int[] e = backwardWidths(n, d);
        int layers = n.length - 1;
        double dense = 0.0;
        double perSample = 0.0;
        double perStep = 0.0;
        for (int i = 1; i <= layers; i++) {
            dense += 3.0 * n[i] * n[i - 1];
            perSample += (double) d[i] * d[i - 1] + (double) e[i] * d[i - 1];
            perStep += (double) n[i] * e[i] * d[i - 1] + (double) n[i] * d[i - 1] * n[i - 1];
            if (i < layers) {
                dense += RADIAL_ENTRY_COST * n[i];
                perSample += (double) e[i] * e[i + 1] + (double) e[i] * d[i] + RADIAL_ENTRY_COST * (d[i] + e[i]);
                perStep += 2.0 * n[i] * (d[i - 1] + 1) * (d[i - 1] + 1) + 2.0 * n[i] * e[i] * e[i]
                        + (double) n[i + 1] * n[i] * e[i + 1];
            }
        }
        return perSample * batch + perStep <= 0.75 * dense * batch;
    }

    /**
     * The per-sample multiply-adds of one subspace training step (forward and backward):
     * Σ_i d_i d_{i−1} + e_i d_{i−1}, plus e_i e_{i+1} + e_i d_i for the hidden layers.
     *
     * @param n the widths n₀ … n_L
     * @return the multiply-adds per sample of the pass's batch products
     */
    public static long perSampleMultiplyAdds(int[] n) {
        int[] d = forwardWidths(n);
        int[] e = backwardWidths(n, d);
        long sum = 0;
        for (int i = 1; i < n.length; i++) {
            sum += (long) d[i] * d[i - 1] + (long) e[i] * d[i - 1];
            if (i < n.length - 1) {
                sum += (long) e[i] * e[i + 1] + (long) e[i] * d[i];
            }
        }
        return sum;
    }

    /**
     * The largest per-sample product of the subspace pass, as rows × columns of the small matrix
     * applied to every sample: max_i of d_i·d_{i−1}, e_i·d_{i−1}, e_i·e_{i+1} and e_i·d_i.
     *
     * @param n the widths n₀ … n_L
     * @return the entries of the largest per-sample map (multiply by the batch for its multiply-adds)
     */
    public static long largestPerSampleMap(int[] n) {
        int[] d = forwardWidths(n);
        int[] e = backwardWidths(n, d);
        long largest = 0;
        for (int i = 1; i < n.length; i++) {
            largest = Math.max(largest, Math.max((long) d[i] * d[i - 1], (long) e[i] * d[i - 1]));
            if (i < n.length - 1) {
                largest = Math.max(largest, Math.max((long) e[i] * e[i + 1], (long) e[i] * d[i]));
            }
        }
        return largest;
    }
}
