package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.RadialNetwork;

/**
 * What the three experiments of the radial paper (§7 of "Universal approximation and model
 * compression for radial neural networks"; settings in {@code papers/README.md}) share: the
 * architectures, the learning rate, the paper's figures, and the seeded networks.
 *
 * <p>Seed s initialises a network with {@link RadialNetwork#initialized} (PyTorch's
 * {@code nn.Linear} default initialisation, seeded), radial sigmoid η(r) = 1/(1 + e^{−r}) and no
 * activation shift, so every run is deterministic on a given backend (the timings of
 * experiment 3 excepted).
 */
public final class RadialPaper {
    /** Widths of experiments 1 and 2, (1, 6, 7, 1). */
    public static final int[] SMALL_WIDTHS = {1, 6, 7, 1};
    /** Widths of the full network of experiment 3, (2, 16, 64, 128, 16, 2). */
    public static final int[] LARGE_WIDTHS = {2, 16, 64, 128, 16, 2};
    /** The learning rate of experiments 2 and 3, 0.01. */
    public static final double LEARNING_RATE = 0.01;

    /** The paper's experiment 1: mean |F − F_red| over 10 initialisations, in float32. */
    public static final Summary PAPER_EXPERIMENT1 = new Summary(1.31e-8, 4.45e-9);
    /** The paper's experiment 2: |L − L_red| after 3000 epochs over 10 runs. */
    public static final Summary PAPER_EXPERIMENT2 = new Summary(4.02e-9, 7.01e-9);
    /** The paper's experiment 3: seconds to MSE &lt; 0.01 of the full network. */
    public static final Summary PAPER_EXPERIMENT3_FULL_SECONDS = new Summary(31.24, 4.55);
    /** The paper's experiment 3: seconds to MSE &lt; 0.01 of the reduced network. */
    public static final Summary PAPER_EXPERIMENT3_REDUCED_SECONDS = new Summary(15.32, 2.53);
    /** The paper's experiment-3 speedup, 31.24 s / 15.32 s ≈ 2.04. */
    public static final double PAPER_EXPERIMENT3_SPEEDUP = 2.04;

    private RadialPaper() {
    }

    /**
     * @param backend where the parameters live
     * @param widths n = (n₀, …, n_L)
     * @param seed s ≥ 1
     * @return the network seed s initialises: radial sigmoid, no shift
     */
    static RadialNetwork network(Backend backend, int[] widths, long seed) {
        return RadialNetwork.initialized(backend, widths, RadialProfiles.sigmoid(), seed);
    }
}
