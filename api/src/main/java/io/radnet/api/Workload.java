package io.radnet.api;

import java.util.Arrays;

/**
 * The size of a piece of work, from which {@link BackendRegistry#defaultBackendFor(Workload)}
 * chooses a backend when none is named: a network's widths (n₀, n₁, …, n_L) and what is done
 * with them.
 *
 * <p>The one measure the choice reads is {@link #largestProductMultiplyAdds()}, the
 * multiply-adds of the largest matrix product the work calls:
 * <ul>
 *   <li>{@linkplain #networkPasses network passes} (training steps, evaluation) of a network
 *       with pointwise activations (MLPs, RCNets, hypernetworks) or of a
 *       {@linkplain #radialNetworkPasses radial network}, on batches of B samples:
 *       max_i B·n_{i−1}·n_i, the product of a B × n_{i−1} batch with layer i's n_i × n_{i−1}
 *       weights. The two are told apart because their crossovers differ: the pure-Java backend
 *       fuses a radial network's layers for narrow widths and large batches;</li>
 *   <li>{@linkplain #qrCompression QR-compress} (Algorithm 1 of the radial paper):
 *       max_i n_{i+1}·n_i·n^red_i, the product W_{i+1}·Q_i of the next layer's weights with
 *       the n_i × n^red_i economy factor, where n^red_0 = n₀ and
 *       n^red_i = min(n_i, n^red_{i−1} + 1) (Theorem 5's reduced widths). The economy QR of
 *       the same layer, about 2·n_i·(n^red_{i−1} + 1)² flops, is of the same order.</li>
 * </ul>
 * Instances are immutable.
 */
public final class Workload {
    /** What is done with the network. */
    public enum Kind {
        /**
         * Forward and backward passes on batches (training steps, evaluation, prediction) of a
         * network with pointwise activations.
         */
        NETWORK_PASSES,
        /** The same for a radial network (radial rescalings between the layers). */
        RADIAL_NETWORK_PASSES,
        /** QR-compress (Algorithm 1 of the radial paper) and its check. */
        QR_COMPRESSION
    }

    private final Kind kind;
    private final int[] widths;
    private final int batch;
    private final long largestProduct;

    private Workload(Kind kind, int[] widths, int batch, long largestProduct) {
        this.kind = kind;
        this.widths = widths;
        this.batch = batch;
        this.largestProduct = largestProduct;
    }

    /**
     * @param widths the network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @param batch the samples per pass, ≥ 1 (the full data set for full-batch training)
     * @return forward and backward passes of that network (pointwise activations) on batches
     *     of that size
     * @throws IllegalArgumentException naming the bad width or batch
     */
    public static Workload networkPasses(int[] widths, int batch) {
        return passes(Kind.NETWORK_PASSES, "networkPasses", widths, batch);
    }

    /**
     * @param widths the radial network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @param batch the samples per pass, ≥ 1 (the full data set for full-batch training)
     * @return forward and backward passes of that radial network on batches of that size
     * @throws IllegalArgumentException naming the bad width or batch
     */
    public static Workload radialNetworkPasses(int[] widths, int batch) {
        return passes(Kind.RADIAL_NETWORK_PASSES, "radialNetworkPasses", widths, batch);
    }

    private static Workload passes(Kind kind, String operation, int[] widths, int batch) {
        int[] n = checkedWidths(operation, widths);
        if (batch < 1) {
            throw new IllegalArgumentException(operation + ": batch must be ≥ 1, got " + batch);
        }
        long largest = 0;
        for (int i = 1; i < n.length; i++) {
            largest = Math.max(largest, saturatedProduct((long) batch * n[i - 1], n[i]));
        }
        return new Workload(kind, n, batch, largest);
    }

    /**
     * @param widths the network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @return QR-compress of a radial network with these widths
     * @throws IllegalArgumentException naming the bad width
     */
    public static Workload qrCompression(int[] widths) {
        int[] n = checkedWidths("qrCompression", widths);
        long largest = 0;
        long reduced = n[0];
        for (int i = 1; i < n.length - 1; i++) {
            reduced = Math.min(n[i], reduced + 1);
            largest = Math.max(largest, saturatedProduct((long) n[i + 1] * n[i], reduced));
        }
        return new Workload(Kind.QR_COMPRESSION, n, 1, largest);
    }

    private static int[] checkedWidths(String operation, int[] widths) {
        Shapes.requireNonNull(operation, "widths", widths);
        if (widths.length < 2) {
            throw new IllegalArgumentException(operation + ": a network needs at least two widths, got "
                    + Arrays.toString(widths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException(operation + ": width n_" + i + " must be ≥ 1, got "
                        + Arrays.toString(widths));
            }
        }
        return widths.clone();
    }

    private static long saturatedProduct(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** @return what is done with the network */
    public Kind kind() {
        return kind;
    }

    /** @return a copy of the widths n₀ … n_L */
    public int[] widths() {
        return widths.clone();
    }

    /** @return the samples per pass (1 for QR-compress) */
    public int batch() {
        return batch;
    }

    /**
     * @return the multiply-adds of the largest matrix product of the work (see the class
     *     documentation), saturating at {@link Long#MAX_VALUE}
     */
    public long largestProductMultiplyAdds() {
        return largestProduct;
    }

    /** @return e.g. {@code network passes of [784, 256, 256, 10] on batches of 64} */
    @Override
    public String toString() {
        return switch (kind) {
            case NETWORK_PASSES -> "network passes of " + Arrays.toString(widths) + " on batches of " + batch;
            case RADIAL_NETWORK_PASSES -> "radial network passes of " + Arrays.toString(widths) + " on batches of "
                    + batch;
            case QR_COMPRESSION -> "QR-compress of " + Arrays.toString(widths);
        };
    }
}
