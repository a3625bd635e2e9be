package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.network.RadialNetwork;
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

        /** Validates the number of seeds. */
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
     * @param settings the seeds
     * @return the per-seed differences
     */
    public Result run(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        int seeds = settings.seeds();
        Dataset data = RadialPaperDatasets.experiment1(backend);
        double[] mean = new double[seeds];
        double[] max = new double[seeds];
        int[] reduced = ReducedWidths.of(RadialPaper.SMALL_WIDTHS);
        for (int s = 1; s <= seeds; s++) {
            RadialNetwork network = RadialPaper.network(backend, RadialPaper.SMALL_WIDTHS, s);
            CompressedNetwork compressed = QrCompression.compress(network);
            CompressionCheck.OutputDifference d = CompressionCheck.outputDifference(network, compressed.network(),
                    data.inputs());
            mean[s - 1] = d.mean();
            max[s - 1] = d.max();
            reduced = compressed.reducedWidths();
        }
        return new Result(settings, backend.name(), RadnetVersion.current(), RadnetVersion.commit(),
                RadialPaper.SMALL_WIDTHS.clone(), reduced,
                mean, max);
    }
}
