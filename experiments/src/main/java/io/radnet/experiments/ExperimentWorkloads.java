package io.radnet.experiments;

import io.radnet.api.Workload;
import java.util.List;

/**
 * The work of the parameter-sharing experiments' training runs, for the size-aware default
 * ({@code Backends.defaultBackendFor}): each run is {@link MinibatchTraining}'s loop, one forward
 * and backward pass per minibatch of min(batch, samples) rows, ⌈samples / batch⌉ minibatches per
 * epoch. The test set's single forward pass and the data's preparation are not counted: they
 * are a small part of a run and the same on every backend.
 */
final class ExperimentWorkloads {
    private ExperimentWorkloads() {
    }

    /**
     * @param widths an MLP's widths n₀ … n_L (pointwise activations)
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return its training run: {@link Workload#networkPasses} on batches of min(batch, samples),
     *     epochs · ⌈samples / min(batch, samples)⌉ steps
     */
    static Workload training(int[] widths, int batch, int samples, int epochs) {
        int rows = Math.min(batch, samples);
        long perEpoch = (samples + (long) rows - 1) / rows;
        return Workload.networkPasses(widths, rows).withSteps(perEpoch * epochs);
    }

    /**
     * The training run of a composite model, one pass of each part per step: a hypernetwork
     * g(x; f(I)) (the generator f, then the primary g, whose per-sample products
     * W_i(θ_s) a_{i−1}[s] and their two backward products count B·n_i·n_{i−1} multiply-adds each
     * per layer, as the batch products of an MLP of g's widths) or an embedding model q([x, e(I)])
     * (e, then q).
     *
     * @param first the widths of the part that runs first (f or e)
     * @param second the widths of the part that runs on its output (g or q)
     * @param batch the minibatch size ≥ 1
     * @param samples the training samples ≥ 1
     * @param epochs the epochs ≥ 1
     * @return both parts' runs, {@link Workload#followedBy}
     */
    static Workload composite(int[] first, int[] second, int batch, int samples, int epochs) {
        return training(first, batch, samples, epochs).followedBy(training(second, batch, samples, epochs));
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
