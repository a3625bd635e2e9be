package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.StopReason;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.Locale;
import java.util.Objects;

/**
 * The three experiments of the radial paper (§7 of "Universal approximation and model
 * compression for radial neural networks"; settings in {@code papers/README.md}), run on one
 * backend over the seeds 1 … N. It computes and returns numbers; it prints nothing
 * ({@link ReproduceReport} formats them, {@link ReproduceCommand} prints them).
 *
 * <p>Seed s initialises the network with {@link RadialNetwork#initialized} (PyTorch's
 * {@code nn.Linear} default initialisation, seeded), radial sigmoid η(r) = 1/(1 + e^{−r}) and no
 * activation shift, so every run is deterministic on a given backend (the timings of
 * experiment 3 excepted). Every {@link Summary} is the mean and the <em>sample</em> standard
 * deviation (divisor N − 1) over the seeds.
 */
public final class PaperExperiments {
    /** Widths of experiments 1 and 2, (1, 6, 7, 1). */
    public static final int[] SMALL_WIDTHS = {1, 6, 7, 1};
    /** Widths of the full network of experiment 3, (2, 16, 64, 128, 16, 2). */
    public static final int[] LARGE_WIDTHS = {2, 16, 64, 128, 16, 2};
    /** The learning rate of experiments 2 and 3, 0.01. */
    public static final double LEARNING_RATE = 0.01;
    /** Experiment 2's number of gradient-descent epochs, 3000. */
    public static final int EXPERIMENT2_EPOCHS = 3000;
    /** Experiment 3 stops training when the epoch's MSE is below this, 0.01. */
    public static final double EXPERIMENT3_TARGET_LOSS = 0.01;
    /** Experiment 3's epoch limit, 5000. */
    public static final int EXPERIMENT3_MAX_EPOCHS = 5000;

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

    private final Backend backend;
    private final ExperimentProgress progress;

    /**
     * @param backend where every tensor lives and every operation runs
     * @param progress where long runs report their progress ({@link ExperimentProgress#NONE}
     *     for none)
     */
    public PaperExperiments(Backend backend, ExperimentProgress progress) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** @return the backend the experiments run on */
    public Backend backend() {
        return backend;
    }

    /**
     * The mean and sample standard deviation of some values.
     *
     * @param mean the arithmetic mean
     * @param std the sample standard deviation √(Σ (v − mean)² / (N − 1)); NaN for fewer
     *     than two values
     */
    public record Summary(double mean, double std) {
        /**
         * @param values N ≥ 1 values, not modified
         * @return their mean and sample standard deviation
         * @throws IllegalArgumentException if there are no values
         */
        public static Summary of(double[] values) {
            if (values.length == 0) {
                throw new IllegalArgumentException("cannot summarise zero values");
            }
            double sum = 0.0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            if (values.length < 2) {
                return new Summary(mean, Double.NaN);
            }
            double squares = 0.0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Summary(mean, Math.sqrt(squares / (values.length - 1)));
        }
    }

    /**
     * Experiment 1 (Theorem 5): per seed, QR-compress the network and compare the two functions
     * on the 121 points of the data set.
     *
     * @param widths n, (1, 6, 7, 1)
     * @param reducedWidths n^red, (1, 2, 3, 1)
     * @param meanDifference per seed (index s − 1): the mean over the 121 points of
     *     |F(x) − F_red(x)|, the paper's statistic
     * @param maxDifference per seed: the largest |F(x) − F_red(x)|
     */
    public record Experiment1(int[] widths, int[] reducedWidths, double[] meanDifference, double[] maxDifference) {
        /** @return mean and sample standard deviation of the per-seed mean differences */
        public Summary summary() {
            return Summary.of(meanDifference);
        }
    }

    /**
     * Experiment 2 (Theorem 7): per seed, {@code epochs} steps of full-batch gradient descent
     * (learning rate 0.01, MSE) of projected GD on Q⁻¹·(W, b) and of plain GD on
     * (W^red, b^red), checked after every step.
     *
     * @param epochs k, the number of steps (3000 in the paper)
     * @param lossDifference per seed: |L − L_red| after the last step, the paper's statistic
     * @param maxProjectionError per seed: the largest max |γ_proj^t(Q⁻¹·(W, b)) −
     *     (γ_red^t(W^red, b^red) + U)| over the steps t = 1 … k
     * @param maxSymmetryError per seed: the largest max |γ^t(W, b) − Q·γ^t(Q⁻¹·(W, b))| over
     *     the steps
     * @param finalLoss per seed: L_red after the last step
     */
    public record Experiment2(int epochs, double[] lossDifference, double[] maxProjectionError,
                              double[] maxSymmetryError, double[] finalLoss) {
        /** @return mean and sample standard deviation of the per-seed loss differences */
        public Summary summary() {
            return Summary.of(lossDifference);
        }
    }

    /**
     * One training run of experiment 3.
     *
     * @param seconds the trainer's wall time from the first to the last epoch
     * @param epochs the epochs run
     * @param finalLoss the last epoch's MSE
     * @param stopReason {@link StopReason#TARGET_LOSS} when it reached the target
     * @param losses the MSE of every epoch, index e − 1 for epoch e
     */
    public record Run(double seconds, int epochs, double finalLoss, StopReason stopReason, double[] losses) {
        /** @return whether the run reached the target loss */
        public boolean reachedTarget() {
            return stopReason == StopReason.TARGET_LOSS;
        }
    }

    /**
     * Experiment 3 (the compressed model trains faster): per seed, the full network and its
     * QR-compression, each trained by full-batch gradient descent to the target loss.
     *
     * @param widths n, (2, 16, 64, 128, 16, 2)
     * @param reducedWidths n^red, (2, 3, 4, 5, 6, 2)
     * @param targetLoss the target MSE (0.01 in the paper)
     * @param maxEpochs the epoch limit (5000 in the paper)
     * @param full per seed, the full network's run
     * @param reduced per seed, the reduced network's run
     */
    public record Experiment3(int[] widths, int[] reducedWidths, double targetLoss, int maxEpochs, Run[] full,
                              Run[] reduced) {
        /** @return per seed, full seconds / reduced seconds */
        public double[] speedups() {
            double[] s = new double[full.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = full[i].seconds() / reduced[i].seconds();
            }
            return s;
        }

        /** @return mean and sample standard deviation of the per-seed speedups */
        public Summary speedup() {
            return Summary.of(speedups());
        }

        /** @return mean and sample standard deviation of the full network's seconds */
        public Summary fullSeconds() {
            return Summary.of(seconds(full));
        }

        /** @return mean and sample standard deviation of the reduced network's seconds */
        public Summary reducedSeconds() {
            return Summary.of(seconds(reduced));
        }

        /** @return whether every run reached the target loss */
        public boolean allReachedTarget() {
            for (int i = 0; i < full.length; i++) {
                if (!full[i].reachedTarget() || !reduced[i].reachedTarget()) {
                    return false;
                }
            }
            return true;
        }

        private static double[] seconds(Run[] runs) {
            double[] s = new double[runs.length];
            for (int i = 0; i < runs.length; i++) {
                s[i] = runs[i].seconds();
            }
            return s;
        }
    }

    /**
     * Runs experiment 1 over the seeds 1 … seeds.
     *
     * @param seeds N ≥ 1
     * @return the per-seed differences
     */
    public Experiment1 experiment1(int seeds) {
        requireSeeds(seeds);
        Dataset data = RadialPaperDatasets.experiment1(backend);
        double[] mean = new double[seeds];
        double[] max = new double[seeds];
        int[] reduced = ReducedWidths.of(SMALL_WIDTHS);
        for (int s = 1; s <= seeds; s++) {
            RadialNetwork network = network(SMALL_WIDTHS, s);
            CompressedNetwork compressed = QrCompression.compress(network);
            CompressionCheck.OutputDifference d = CompressionCheck.outputDifference(network, compressed.network(),
                    data.inputs());
            mean[s - 1] = d.mean();
            max[s - 1] = d.max();
            reduced = compressed.reducedWidths();
        }
        return new Experiment1(SMALL_WIDTHS.clone(), reduced, mean, max);
    }

    /**
     * Runs experiment 2 over the seeds 1 … seeds.
     *
     * @param seeds N ≥ 1
     * @param epochs k ≥ 1 gradient-descent steps ({@link #EXPERIMENT2_EPOCHS} in the paper)
     * @return the per-seed differences
     */
    public Experiment2 experiment2(int seeds, int epochs) {
        requireSeeds(seeds);
        if (epochs < 1) {
            throw new IllegalArgumentException("experiment 2 needs at least 1 epoch, got " + epochs);
        }
        Dataset data = RadialPaperDatasets.experiment2(backend);
        double[] lossDifference = new double[seeds];
        double[] projection = new double[seeds];
        double[] symmetry = new double[seeds];
        double[] finalLoss = new double[seeds];
        try (ExperimentProgress.Task task = progress.start("experiment 2, " + epochs + " epochs × " + seeds
                + (seeds == 1 ? " seed" : " seeds"), seeds)) {
            for (int s = 1; s <= seeds; s++) {
                CompressionCheck.Theorem7Check check = CompressionCheck.theorem7(network(SMALL_WIDTHS, s), data.inputs(),
                        data.targets(), new MeanSquaredError(), LEARNING_RATE, epochs);
                lossDifference[s - 1] = check.finalLossDifference();
                projection[s - 1] = check.maxProjectionError();
                symmetry[s - 1] = check.maxSymmetryError();
                finalLoss[s - 1] = check.finalLoss();
                task.stepTo(s, "|L − L_red| " + sci(lossDifference[s - 1]));
            }
            task.finish(seeds, "");
        }
        return new Experiment2(epochs, lossDifference, projection, symmetry, finalLoss);
    }

    /**
     * Runs experiment 3 over the seeds 1 … seeds. For each seed the full network is initialised,
     * QR-compressed (before any training), and then both are trained from there: the reduced
     * network first, then the full one, so that the JIT's warm-up is paid by the reduced run
     * and the speedup is not flattered.
     *
     * @param seeds N ≥ 1
     * @param targetLoss stop each run when an epoch's MSE is below this finite positive value
     *     ({@link #EXPERIMENT3_TARGET_LOSS} in the paper)
     * @param maxEpochs stop each run after this many epochs, ≥ 1 ({@link #EXPERIMENT3_MAX_EPOCHS}
     *     in the paper)
     * @return the runs
     */
    public Experiment3 experiment3(int seeds, double targetLoss, int maxEpochs) {
        requireSeeds(seeds);
        if (!(targetLoss > 0.0) || !Double.isFinite(targetLoss)) {
            throw new IllegalArgumentException("experiment 3 needs a finite positive target loss, got " + targetLoss);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("experiment 3 needs an epoch limit of at least 1, got " + maxEpochs);
        }
        Dataset data = RadialPaperDatasets.experiment3(backend);
        Run[] full = new Run[seeds];
        Run[] reduced = new Run[seeds];
        int[] reducedWidths = ReducedWidths.of(LARGE_WIDTHS);
        for (int s = 1; s <= seeds; s++) {
            RadialNetwork network = network(LARGE_WIDTHS, s);
            CompressedNetwork compressed = QrCompression.compress(network);
            reducedWidths = compressed.reducedWidths();
            String seed = "experiment 3, seed " + s + "/" + seeds + ", ";
            reduced[s - 1] = train(seed + "reduced", compressed.network(), data, targetLoss, maxEpochs);
            // the paper times the dense pass; the subspace pass would train the full network at the reduced cost
            full[s - 1] = train(seed + "full   ", network.withBackprop(Backprop.DENSE), data, targetLoss, maxEpochs);
        }
        return new Experiment3(LARGE_WIDTHS.clone(), reducedWidths, targetLoss, maxEpochs, full, reduced);
    }

    private Run train(String name, RadialNetwork network, Dataset data, double targetLoss, int maxEpochs) {
        try (ExperimentProgress.Task task = progress.start(name, maxEpochs)) {
            TrainingResult result = Trainer.builder(network, new MeanSquaredError(), new GradientDescent(LEARNING_RATE),
                            data)
                    .fullBatch()
                    .targetLoss(targetLoss)
                    .maxEpochs(maxEpochs)
                    .listener(event -> task.stepTo(event.epoch(), "MSE " + fixed(event.loss())))
                    .build()
                    .train();
            task.finish(result.epochs(), "MSE " + fixed(result.finalLoss()));
            return new Run(result.elapsed().toNanos() / 1e9, result.epochs(), result.finalLoss(), result.stopReason(),
                    result.lossHistory());
        }
    }

    private RadialNetwork network(int[] widths, long seed) {
        return RadialNetwork.initialized(backend, widths, RadialProfiles.sigmoid(), seed);
    }

    private static void requireSeeds(int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("the number of seeds must be at least 1, got " + seeds);
        }
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
