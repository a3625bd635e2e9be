package io.radnet.api;

import java.util.Arrays;

/**
 * The size of a piece of work, from which {@link BackendRegistry#defaultBackendFor(Workload)}
 * chooses a backend when none is named: a network's widths (n₀, n₁, …, n_L), what is done with
 * them, the batch and how many steps a run takes.
 *
 * <p>Three measures are read:
 * <ul>
 *   <li>{@link #largestProductMultiplyAdds()}, which decides between the pure-Java default and
 *       the native backends ({@link SizeAwareChoice}'s crossovers): the multiply-adds of the
 *       largest matrix product the work calls.
 *       <ul>
 *         <li>{@linkplain #networkPasses network passes} (training steps, evaluation) of a
 *             network with pointwise activations (MLPs, RCNets, hypernetworks) on batches of B
 *             samples: max_i B·n_{i−1}·n_i, the product of a B × n_{i−1} batch with layer i's
 *             n_i × n_{i−1} weights;</li>
 *         <li>{@linkplain #radialNetworkPasses radial network passes}: the same when the dense
 *             pass runs; when the subspace pass runs ({@link SubspacePassCost#pays}, the rule of
 *             {@code RadialNetwork.Backprop.AUTOMATIC}), B times its largest per-sample map
 *             ({@link SubspacePassCost#largestPerSampleMap}), since its batch products have the
 *             reduced widths;</li>
 *         <li>{@linkplain #qrCompression QR-compress} (Algorithm 1 of the radial paper):
 *             max_i n_{i+1}·n_i·n^red_i, the product W_{i+1}·Q_i of the next layer's weights
 *             with the n_i × n^red_i economy factor, where n^red_0 = n₀ and
 *             n^red_i = min(n_i, n^red_{i−1} + 1) (Theorem 5's reduced widths);</li>
 *         <li>{@linkplain #layerPasses layer passes} (a network of general layers: convolutions,
 *             batch normalisation, pooling, dropout), counted by the network's owner: the
 *             largest of the products one step calls.</li>
 *       </ul></li>
 *   <li>{@link #multiplyAdds()}, {@link #entries()} and {@link #tensors()}, from which
 *       {@link KernelCosts} estimates the time on each native backend: all multiply-adds of the run's products
 *       (steps · 3·B·Σ_i n_{i−1}·n_i for network passes: the forward product and the two of the
 *       backward pass; steps · B · {@link SubspacePassCost#perSampleMultiplyAdds} for the
 *       subspace pass; for QR-compress Σ_i 2·n_i·(n^red_{i−1} + 1)² + n_{i+1}·n_i·n^red_i, the
 *       economy QR with its Q and the product with the next layer; for layer passes the sum of
 *       the step's products), the entries its memory-bound passes touch (entrywise and layout
 *       kernels such as im2col, batch normalisation, activations: counted for layer passes only,
 *       where they take most of a step; zero for the other kinds, whose steps are dominated by
 *       their products), and the tensors the run
 *       allocates ({@value #TENSORS_PER_LAYER} per layer for passes: the pass's activations and
 *       back-propagated signals, the gradient and the optimizer's state, counted in
 *       {@code FeedForwardNetwork}'s pass and {@code Adam}; {@value #TENSORS_PER_COMPRESSED_LAYER}
 *       per layer for QR-compress: the factors, the product and the reduced parameters; as
 *       counted by the owner for layer passes), and the {@link #productCalls() product calls}
 *       ({@value #PRODUCT_CALLS_PER_LAYER} per layer and step for passes, one product per
 *       compressed hidden layer for QR-compress, one per product of the step for layer passes)
 *       with the part of the entries that {@linkplain #denseEntries() dense layers' passes} touch
 *       ({@link #denseLayerPasses}), which the costs price apart from a convolution's.</li>
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
        QR_COMPRESSION,
        /**
         * Forward and backward passes of a network of general layers (convolutions, batch
         * normalisation, pooling, dropout, dense layers with pointwise activations).
         */
        LAYER_PASSES
    }

    /** Tensors a run of passes allocates per layer (see the class documentation). */
    public static final int TENSORS_PER_LAYER = 10;
    /** Tensors QR-compress allocates per layer (see the class documentation). */
    public static final int TENSORS_PER_COMPRESSED_LAYER = 6;
    /**
     * Product calls per layer of one step of network passes: the forward product, the weight
     * gradient's and the input gradient's.
     */
    public static final int PRODUCT_CALLS_PER_LAYER = 3;

    private final Kind kind;
    private final int[] widths;
    private final int batch;
    private final long steps;
    private final long largestProduct;
    /** Multiply-adds of one step. */
    private final long stepMultiplyAdds;
    /** Entries of one step's memory-bound passes. */
    private final long stepEntries;
    /** The part of {@link #stepEntries} that dense layers' passes touch. */
    private final long stepDenseEntries;
    /** Product calls of one step. */
    private final long stepProductCalls;
    private final long tensors;
    private final boolean subspacePass;
    /** The pieces of work this one runs one after the other ({@link #followedBy}); 1 for a single piece. */
    private final int pieces;

    private Workload(Kind kind, int[] widths, int batch, long steps, long largestProduct, long stepMultiplyAdds,
                     long stepProductCalls, long stepEntries, long stepDenseEntries, long tensors,
                     boolean subspacePass) {
        this(kind, widths, batch, steps, largestProduct, stepMultiplyAdds, stepProductCalls, stepEntries,
                stepDenseEntries, tensors, subspacePass, 1);
    }

    private Workload(Kind kind, int[] widths, int batch, long steps, long largestProduct, long stepMultiplyAdds,
                     long stepProductCalls, long stepEntries, long stepDenseEntries, long tensors,
                     boolean subspacePass, int pieces) {
        this.pieces = pieces;
        this.stepProductCalls = stepProductCalls;
        this.stepDenseEntries = stepDenseEntries;
        this.kind = kind;
        this.widths = widths;
        this.batch = batch;
        this.steps = steps;
        this.largestProduct = largestProduct;
        this.stepMultiplyAdds = stepMultiplyAdds;
        this.stepEntries = stepEntries;
        this.tensors = tensors;
        this.subspacePass = subspacePass;
    }

    /**
     * @param widths the network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @param batch the samples per pass, ≥ 1 (the full data set for full-batch training)
     * @return one forward and backward pass of that network (pointwise activations) on a batch
     *     of that size ({@link #withSteps} for a run of several)
     * @throws IllegalArgumentException naming the bad width or batch
     */
    public static Workload networkPasses(int[] widths, int batch) {
        return passes(Kind.NETWORK_PASSES, "networkPasses", widths, batch);
    }

    /**
     * @param widths the radial network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @param batch the samples per pass, ≥ 1 (the full data set for full-batch training)
     * @return one forward and backward pass of that radial network on a batch of that size
     *     ({@link #withSteps} for a run of several): the subspace pass where it
     *     {@linkplain SubspacePassCost#pays pays}, else the dense one
     * @throws IllegalArgumentException naming the bad width or batch
     */
    public static Workload radialNetworkPasses(int[] widths, int batch) {
        return passes(Kind.RADIAL_NETWORK_PASSES, "radialNetworkPasses", widths, batch);
    }

    /**
     * @param widths the radial network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @param batch the samples per pass, ≥ 1
     * @return one pass of that radial network with the dense pass whatever the widths (a
     *     network whose backpropagation is fixed to {@code RadialNetwork.Backprop.DENSE})
     * @throws IllegalArgumentException naming the bad width or batch
     */
    public static Workload denseRadialNetworkPasses(int[] widths, int batch) {
        return passes(Kind.RADIAL_NETWORK_PASSES, "denseRadialNetworkPasses", widths, batch);
    }

    private static Workload passes(Kind kind, String operation, int[] widths, int batch) {
        int[] n = checkedWidths(operation, widths);
        if (batch < 1) {
            throw new IllegalArgumentException(operation + ": batch must be ≥ 1, got " + batch);
        }
        if (operation.equals("radialNetworkPasses") && SubspacePassCost.pays(n, batch)) {
            return new Workload(kind, n, batch, 1, saturatedProduct(batch, SubspacePassCost.largestPerSampleMap(n)),
                    saturatedProduct(batch, SubspacePassCost.perSampleMultiplyAdds(n)),
                    PRODUCT_CALLS_PER_LAYER * (n.length - 1L), 0, 0, (n.length - 1L) * TENSORS_PER_LAYER, true);
        }
        long largest = 0;
        long layerProducts = 0;
        for (int i = 1; i < n.length; i++) {
            long product = saturatedProduct((long) batch * n[i - 1], n[i]);
            largest = Math.max(largest, product);
            layerProducts = saturatedSum(layerProducts, product);
        }
        return new Workload(kind, n, batch, 1, largest, saturatedProduct(3, layerProducts),
                PRODUCT_CALLS_PER_LAYER * (n.length - 1L), 0, 0, (n.length - 1L) * TENSORS_PER_LAYER, false);
    }

    /**
     * @param widths the network's widths n₀ … n_L, at least two, each ≥ 1 (copied)
     * @return QR-compress of a radial network with these widths
     * @throws IllegalArgumentException naming the bad width
     */
    public static Workload qrCompression(int[] widths) {
        int[] n = checkedWidths("qrCompression", widths);
        long largest = 0;
        long total = 0;
        long reduced = n[0];
        for (int i = 1; i < n.length - 1; i++) {
            long augmented = reduced + 1;
            reduced = Math.min(n[i], augmented);
            long product = saturatedProduct((long) n[i + 1] * n[i], reduced);
            largest = Math.max(largest, product);
            total = saturatedSum(total, saturatedSum(saturatedProduct(2L * n[i], augmented * augmented), product));
        }
        return new Workload(Kind.QR_COMPRESSION, n, 1, 1, largest, total, n.length - 2L, 0, 0,
                (n.length - 1L) * TENSORS_PER_COMPRESSED_LAYER, false);
    }

    /**
     * Passes of a network of general layers, described by its owner (e.g. core's
     * {@code CnnWorkload} for a convolutional network) by what one step does.
     *
     * @param featureWidths the feature sizes the layers pass on: the input's, then each layer's
     *     output (at least two, each ≥ 1; copied; they describe the work, the counts below measure it)
     * @param batch the samples per step, ≥ 1
     * @param stepProducts the multiply-adds of each matrix product one step calls (forward and
     *     backward), each ≥ 0, at least one; not modified
     * @param stepEntries the entries one step's memory-bound passes touch (entrywise and layout
     *     kernels), ≥ 0
     * @param tensors the tensors the run allocates (its buffers and the optimizer's state), ≥ 0
     * @return one step of that work ({@link #withSteps} for a run of several)
     * @throws IllegalArgumentException naming the bad argument
     */
    public static Workload layerPasses(int[] featureWidths, int batch, long[] stepProducts, long stepEntries,
                                       long tensors) {
        return layers("layerPasses", featureWidths, batch, stepProducts, stepEntries, false, tensors);
    }

    /**
     * Passes of a network of dense layers (MLPs, a hypernetwork's generator and its primary
     * network with generated weights), described by its owner (e.g. the experiments' training
     * runs) by what one step does: as {@link #layerPasses}, with the memory-bound entries counted
     * as {@linkplain #denseEntries() dense entries}, the passes over a batch's activations, the
     * parameters and per-sample generated weights (costed at
     * {@link KernelCosts#nanosPerDenseEntry()} instead of a convolution's
     * {@link KernelCosts#nanosPerEntry()}).
     *
     * @param widths the widths n₀ … n_L (at least two, each ≥ 1; copied)
     * @param batch the samples per step, ≥ 1
     * @param stepProducts the multiply-adds of each matrix product one step calls, each ≥ 0, at
     *     least one (a product of 0 multiply-adds stands for none and is no call); not modified
     * @param stepEntries the entries one step's memory-bound passes touch, ≥ 0
     * @param tensors the tensors the run allocates, ≥ 0
     * @return one step of that work, of kind {@link Kind#LAYER_PASSES}
     * @throws IllegalArgumentException naming the bad argument
     */
    public static Workload denseLayerPasses(int[] widths, int batch, long[] stepProducts, long stepEntries,
                                            long tensors) {
        return layers("denseLayerPasses", widths, batch, stepProducts, stepEntries, true, tensors);
    }

    private static Workload layers(String operation, int[] featureWidths, int batch, long[] stepProducts,
                                   long stepEntries, boolean dense, long tensors) {
        int[] n = checkedWidths(operation, featureWidths);
        if (batch < 1) {
            throw new IllegalArgumentException(operation + ": batch must be ≥ 1, got " + batch);
        }
        Shapes.requireNonNull(operation, "stepProducts", stepProducts);
        if (stepProducts.length == 0) {
            throw new IllegalArgumentException(operation + ": a step needs at least one product");
        }
        long largest = 0;
        long total = 0;
        long calls = 0;
        for (int i = 0; i < stepProducts.length; i++) {
            if (stepProducts[i] < 0) {
                throw new IllegalArgumentException(operation + ": product " + i + " must have ≥ 0 multiply-adds, got "
                        + stepProducts[i]);
            }
            largest = Math.max(largest, stepProducts[i]);
            total = saturatedSum(total, stepProducts[i]);
            calls += stepProducts[i] > 0 ? 1 : 0;
        }
        if (stepEntries < 0 || tensors < 0) {
            throw new IllegalArgumentException(operation + ": the entries and tensors must be ≥ 0, got " + stepEntries
                    + " and " + tensors);
        }
        return new Workload(Kind.LAYER_PASSES, n, batch, 1, largest, total, calls, stepEntries,
                dense ? stepEntries : 0, tensors, false);
    }

    /**
     * @param count the steps of the run, ≥ 1: passes over batches (a training run's epochs times
     *     its batches per epoch), or compressions
     * @return the same work repeated that many times; its allocations are counted once
     * @throws IllegalArgumentException if count &lt; 1
     */
    public Workload withSteps(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("withSteps: the steps must be ≥ 1, got " + count);
        }
        return new Workload(kind, widths, batch, count, largestProduct, stepMultiplyAdds, stepProductCalls,
                stepEntries, stepDenseEntries, tensors, subspacePass, pieces);
    }

    /**
     * Two pieces of work run one after the other on one backend: the networks of one model (a
     * hypernetwork's generator and primary network), the models and runs of an experiment's sweep.
     * The result's largest product is the larger of the two ({@link #largestProductMultiplyAdds()}
     * decides pure Java or native for the whole), and its multiply-adds, product calls, entries (the dense
     * ones among them) and tensors are
     * the sums of the two runs' ({@link #multiplyAdds()}, {@link #entries()}, {@link #tensors()}:
     * each piece allocates its own tensors). It is one step of that sum ({@link #steps()} = 1;
     * {@link #withSteps} repeats the whole). Its widths and batch are those of the piece with the
     * larger largest product (the first on a tie), which {@link #toString()} names.
     *
     * @param next the work run after this one, of the same {@link #kind()} (network, radial
     *     network or layer passes: a QR-compress's cost per multiply-add depends on the size of one
     *     compression, so compressions are not summed)
     * @return both pieces as one workload; neither is modified
     * @throws IllegalArgumentException naming both kinds if they differ or are QR-compress
     */
    public Workload followedBy(Workload next) {
        Shapes.requireNonNull("followedBy", "next", next);
        if (kind != next.kind || kind == Kind.QR_COMPRESSION) {
            throw new IllegalArgumentException("followedBy: only passes of one kind are summed, got " + kind + " and "
                    + next.kind);
        }
        Workload largest = next.largestProduct > largestProduct ? next : this;
        return new Workload(kind, largest.widths, largest.batch, 1, largest.largestProduct,
                saturatedSum(multiplyAdds(), next.multiplyAdds()), saturatedSum(productCalls(), next.productCalls()),
                saturatedSum(entries(), next.entries()), saturatedSum(denseEntries(), next.denseEntries()),
                saturatedSum(tensors, next.tensors), subspacePass && next.subspacePass,
                (int) Math.min(Integer.MAX_VALUE, (long) pieces + next.pieces));
    }

    /** @return the pieces of work summed by {@link #followedBy} (1 for work made by a factory) */
    public int pieces() {
        return pieces;
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

    private static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
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

    /** @return the steps of the run (1 unless set with {@link #withSteps}) */
    public long steps() {
        return steps;
    }

    /**
     * @return true for radial network passes that run the subspace pass (see the class
     *     documentation)
     */
    public boolean subspacePass() {
        return subspacePass;
    }

    /**
     * @return the multiply-adds of the whole run's products (see the class documentation),
     *     saturating at {@link Long#MAX_VALUE}
     */
    public long multiplyAdds() {
        return saturatedProduct(steps, stepMultiplyAdds);
    }

    /** @return the multiply-adds of one step's products (of one compression for QR-compress) */
    public long multiplyAddsPerStep() {
        return stepMultiplyAdds;
    }

    /**
     * @return the entries the whole run's memory-bound passes touch (see the class
     *     documentation), saturating at {@link Long#MAX_VALUE}
     */
    public long entries() {
        return saturatedProduct(steps, stepEntries);
    }

    /**
     * @return the part of {@link #entries()} that passes over dense layers touch (work made by
     *     {@link #denseLayerPasses}; zero for the other factories), saturating at {@link Long#MAX_VALUE}
     */
    public long denseEntries() {
        return saturatedProduct(steps, stepDenseEntries);
    }

    /**
     * @return the product calls of the whole run (see the class documentation), saturating at
     *     {@link Long#MAX_VALUE}
     */
    public long productCalls() {
        return saturatedProduct(steps, stepProductCalls);
    }

    /** @return the tensors the run allocates, counted once however many steps it takes */
    public long tensors() {
        return tensors;
    }

    /**
     * @return the multiply-adds of the largest matrix product of the work (see the class
     *     documentation), saturating at {@link Long#MAX_VALUE}
     */
    public long largestProductMultiplyAdds() {
        return largestProduct;
    }

    /**
     * @return e.g. {@code network passes of [784, 256, 256, 10] on batches of 64, 157 steps}, or
     *     for work summed by {@link #followedBy}
     *     {@code 8 pieces of work, the largest network passes of [8, 32, 90] on batches of 200}
     */
    @Override
    public String toString() {
        String what = switch (kind) {
            case NETWORK_PASSES -> "network passes of " + Arrays.toString(widths) + " on batches of " + batch;
            case RADIAL_NETWORK_PASSES -> (subspacePass ? "radial network subspace passes of "
                    : "radial network passes of ") + Arrays.toString(widths) + " on batches of " + batch;
            case QR_COMPRESSION -> "QR-compress of " + Arrays.toString(widths);
            case LAYER_PASSES -> "layer passes of " + Arrays.toString(widths) + " on batches of " + batch;
        };
        if (pieces > 1) {
            String summed = pieces + " pieces of work, the largest " + what;
            return steps == 1 ? summed : summed + ", all repeated " + steps + " times";
        }
        return steps == 1 ? what : what + ", " + steps + " steps";
    }
}
