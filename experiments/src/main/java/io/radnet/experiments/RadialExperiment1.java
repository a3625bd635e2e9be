package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.network.RadialNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Experiment 1 of the radial paper (Theorem 5, QR-compression keeps the function): per seed
 * s = 1 … N, the (1, 6, 7, 1) network of {@link RadialPaper#network} is QR-compressed to
 * (1, 2, 3, 1) and both functions are compared on the 121 points x = −3 + i/20 of
 * {@link RadialPaperDatasets#experiment1}. Reports no progress (it takes milliseconds).
 */
public final class RadialExperiment1 {
    private final Backend backend;

    /**
     * @param backend where every tensor lives and every operation runs
     */
    public RadialExperiment1(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * @param seeds N ≥ 1: the seeds 1 … N (the paper's 10 runs by default)
     */
    public record Settings(int seeds) {
        /** The paper's 10 runs. */
        public static final int DEFAULT_SEEDS = 10;

        /**
         * Validates the number of seeds.
         *
         * @param seeds N ≥ 1: the seeds 1 … N (the paper's 10 runs by default)
         */
        public Settings {
            SettingsChecks.seeds(seeds);
        }

        /** @return the paper's settings: seeds 1 … 10 */
        public static Settings defaults() {
            return new Settings(DEFAULT_SEEDS);
        }
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param widths n, (1, 6, 7, 1)
     * @param reducedWidths n^red, (1, 2, 3, 1)
     * @param meanDifference per seed (index s − 1): the mean over the 121 points of
     *     |F(x) − F_red(x)|, the paper's statistic
     * @param maxDifference per seed: the largest |F(x) − F_red(x)|
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit,
            int[] widths, int[] reducedWidths,
            double[] meanDifference, double[] maxDifference) {
        /** @return mean and sample standard deviation of the per-seed mean differences */
        public Summary summary() {
            return Summary.of(meanDifference);
        }
    }

    /**
     * What seed s gives.
     *
     * @param seed s
     * @param reducedWidths n^red of the compressed network
     * @param meanDifference the mean over the 121 points of |F(x) − F_red(x)|
     * @param maxDifference the largest |F(x) − F_red(x)|
     */
    public record SeedRun(int seed, int[] reducedWidths, double meanDifference, double maxDifference) {
    }

    /**
     * @param settings the seeds
     * @return the per-seed differences: {@link #assemble} of {@link #runSeed} for s = 1 … N
     */
    public Result run(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        List<SeedRun> runs = new ArrayList<>();
        for (int s = 1; s <= settings.seeds(); s++) {
            runs.add(runSeed(settings, s));
        }
        return assemble(backend.name(), settings, runs);
    }

    /**
     * One run: seed s's network, compressed, compared on the 121 points.
     *
     * @param settings the settings the run belongs to
     * @param seed s, 1 ≤ s ≤ N
     * @return the differences of seed s
     * @throws IllegalArgumentException if the seed is outside 1 … N
     */
    public SeedRun runSeed(Settings settings, int seed) {
        Objects.requireNonNull(settings, "settings");
        SettingsChecks.seedOf(seed, settings.seeds());
        Dataset data = RadialPaperDatasets.experiment1(backend);
        RadialNetwork network = RadialPaper.network(backend, RadialPaper.SMALL_WIDTHS, seed);
        CompressedNetwork compressed = QrCompression.compress(network);
        CompressionCheck.OutputDifference d = CompressionCheck.outputDifference(network, compressed.network(),
                data.inputs());
        return new SeedRun(seed, compressed.reducedWidths(), d.mean(), d.max());
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of seeds 1 … N, in that order
     * @return the result the runs make
     * @throws IllegalArgumentException if the runs are not those of seeds 1 … N in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        int seeds = settings.seeds();
        SettingsChecks.seedsInOrder(runs.stream().map(SeedRun::seed).toList(), seeds);
        double[] mean = new double[seeds];
        double[] max = new double[seeds];
        int[] reduced = ReducedWidths.of(RadialPaper.SMALL_WIDTHS);
        for (SeedRun run : runs) {
            mean[run.seed() - 1] = run.meanDifference();
            max[run.seed() - 1] = run.maxDifference();
            reduced = run.reducedWidths();
        }
        return new Result(settings, backend, RadnetVersion.current(), RadnetVersion.commit(),
                RadialPaper.SMALL_WIDTHS.clone(), reduced,
                mean, max);
    }
}
