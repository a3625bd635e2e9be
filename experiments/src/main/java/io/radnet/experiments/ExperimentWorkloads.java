package io.radnet.experiments;

import io.radnet.api.Workload;
import java.util.List;

/**
 * The work of the parameter-sharing experiments' training runs, for the size-aware default
 * ({@code Backends.defaultBackendFor}), as {@link Workload#denseLayerPasses} counted by the rules of
 * core's {@code CnnWorkload} for dense layers: one product call per product, the memory-bound
 * entries priced as dense entries ({@code KernelCosts.nanosPerDenseEntry}). A run is {@link MinibatchTraining}'s loop: one
 * forward and backward pass and one optimizer update per minibatch of B = min(batch, samples)
 * rows, ⌈samples / B⌉ minibatches per epoch. Per step, for each layer i of an MLP
 * (n_{i−1} → n_i, a pointwise activation after every layer but the last):
 * <ul>
 *   <li>products B·n_{i−1}·n_i forward, for the weight gradient and, except for the first layer
 *       (whose input gradient nobody reads), the input gradient;</li>
 *   <li>entries 2·B·n_i (the bias, then its gradient's sums), 2·B·n_i for the activation of a
 *       hidden layer (one pass forward, one backward), n_i·(n_{i−1} + 1) for the optimizer's pass
 *       over the layer's parameters;</li>
 *   <li>{@value Workload#TENSORS_PER_LAYER} tensors per layer, allocated once per run;</li>
 * </ul>
 * and B·n₀ + B·n_L entries for gathering the minibatch and the loss gradient. A hypernetwork's
 * primary network g (generated weights W_i(θ_s), one per sample) calls no matrix product: per
 * layer it copies B·n_i·n_{i−1} generated weights out of θ, multiplies them with the samples'
 * activations ({@code batchedMatVec}, B·n_i·n_{i−1} entries), and backward forms the row-wise
 * outer products, copies them into θ's gradient and (except for the first layer) multiplies by
 * the transposed weights (B·n_i·n_{i−1} entries each), plus its activations (2·B·n_i).
 * These memory-bound passes take most of a step of these small networks (the hypernet
 * experiment's f (8, 32, 32, 32, 90) at B = 200: 137,770 entries and 3,059,200 multiply-adds per
 * step: 0.07–0.12 ms at 0.49–0.88 ns per dense entry against 0.13 ms at 0.043 ns per
 * multiply-add), so they are counted, unlike {@link Workload#networkPasses}. The test set's forward pass and the data's
 * preparation are not counted: a small part of a run, the same on every backend.
 */
final class ExperimentWorkloads {
    private ExperimentWorkloads() {
    }

    /**
     * @param widths an MLP's widths n₀ … n_L (pointwise activations)
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return its training run, epochs · ⌈samples / B⌉ steps on batches of B = min(batch, samples)
     */
    static Workload training(int[] widths, int batch, int samples, int epochs) {
        int rows = Math.min(batch, samples);
        long[] products = new long[3 * (widths.length - 1) - 1];
        int next = 0;
        long entries = (long) rows * (widths[0] + widths[widths.length - 1]);
        for (int i = 1; i < widths.length; i++) {
            long product = (long) rows * widths[i - 1] * widths[i];
            products[next++] = product;
            products[next++] = product;
            if (i > 1) {
                products[next++] = product;
            }
            entries += 2L * rows * widths[i] + (long) widths[i] * (widths[i - 1] + 1);
            if (i < widths.length - 1) {
                entries += 2L * rows * widths[i];
            }
        }
        return Workload.denseLayerPasses(widths, rows, products, entries, (widths.length - 1L) * Workload.TENSORS_PER_LAYER)
                .withSteps(steps(rows, samples, epochs));
    }

    /**
     * @param widths the primary network g's widths n₀ … n_L
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return the passes of g with generated weights in the same run as its generator (no
     *     product, no parameters of its own)
     */
    static Workload primary(int[] widths, int batch, int samples, int epochs) {
        int rows = Math.min(batch, samples);
        long entries = 0;
        for (int i = 1; i < widths.length; i++) {
            long weights = (long) rows * widths[i - 1] * widths[i];
            entries += (i > 1 ? 5 : 4) * weights;
            if (i < widths.length - 1) {
                entries += 2L * rows * widths[i];
            }
        }
        return Workload.denseLayerPasses(widths, rows, new long[] {0}, entries,
                (widths.length - 1L) * Workload.TENSORS_PER_LAYER).withSteps(steps(rows, samples, epochs));
    }

    private static long steps(int rows, int samples, int epochs) {
        return (samples + (long) rows - 1) / rows * epochs;
    }

    /**
     * A hypernetwork's training run g(x; f(I)): the generator f's passes, then the primary g's.
     *
     * @param generator f's widths (its last is N_g)
     * @param primary g's widths
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return both, {@link Workload#followedBy}
     */
    static Workload hypernetwork(int[] generator, int[] primary, int batch, int samples, int epochs) {
        return training(generator, batch, samples, epochs).followedBy(primary(primary, batch, samples, epochs));
    }

    /**
     * An embedding model's training run q([x, e(I)]): the embedding e's passes, then the head q's.
     *
     * @param embedding e's widths
     * @param head q's widths
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return both, {@link Workload#followedBy}
     */
    static Workload embedding(int[] embedding, int[] head, int batch, int samples, int epochs) {
        return training(embedding, batch, samples, epochs).followedBy(training(head, batch, samples, epochs));
    }

    /**
     * @param runs the runs of a sweep, at least one
     * @return all of them one after the other ({@link Workload#followedBy})
     */
    static Workload sweep(List<Workload> runs) {
        Workload all = runs.get(0);
        for (int i = 1; i < runs.size(); i++) {
            all = all.followedBy(runs.get(i));
        }
        return all;
    }
}
