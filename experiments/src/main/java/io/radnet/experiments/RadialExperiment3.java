package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.StopReason;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Experiment 3 of the radial paper (the compressed model trains faster): per seed s = 1 … N,
 * the (2, 16, 64, 128, 16, 2) network of {@link RadialPaper#network} and its QR-compression
 * (2, 3, 4, 5, 6, 2), each trained from there by full-batch gradient descent (learning rate
 * {@link RadialPaper#LEARNING_RATE}, MSE) on the 14,641 points of
 * {@link RadialPaperDatasets#experiment3} until an epoch's MSE is below the target or the
 * epoch limit is reached. The full network computes its gradients with the dense pass by
 * default, as the paper times it (PyTorch's autograd); {@link Settings#backprop()} chooses
 * another, and every {@link Run} records the pass that ran. Reports one progress task per
 * training run.
 */
public final class RadialExperiment3 {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives and every operation runs
     * @param listener where the training runs report their epochs ({@link ExperimentListener#NONE} for none)
     */
    public RadialExperiment3(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param seeds N ≥ 1: the seeds 1 … N (3 by default, as the full network is slow to train)
     * @param targetLoss stop each run when an epoch's MSE is below this finite positive value
     *     (the paper's 0.01 by default)
     * @param maxEpochs stop each run after this many epochs, ≥ 1 (the paper's 5000 by default)
     * @param backprop how the full network's training pass computes the gradient: the paper's
     *     {@link Backprop#DENSE} by default; {@link Backprop#SUBSPACE} trains it at the per-sample
     *     cost of the reduced widths (the same gradients to rounding), {@link Backprop#AUTOMATIC}
     *     takes the cheaper of the two. The reduced network always trains with
     *     {@link Backprop#AUTOMATIC}.
     */
    public record Settings(int seeds, double targetLoss, int maxEpochs, Backprop backprop) {
        /** 3 seeds: the full network takes minutes per seed on pure Java. */
        public static final int DEFAULT_SEEDS = 3;
        /** The paper's target MSE, 0.01. */
        public static final double DEFAULT_TARGET_LOSS = 0.01;
        /** The paper's epoch limit, 5000. */
        public static final int DEFAULT_MAX_EPOCHS = 5000;
        /** The paper's pass for the full network: dense, every layer at full width. */
        public static final Backprop DEFAULT_BACKPROP = Backprop.DENSE;

        /**
         * Validates every setting.
         *
         * @param seeds N ≥ 1: the seeds 1 … N (3 by default, as the full network is slow to train)
         * @param targetLoss stop each run when an epoch's MSE is below this finite positive value
         *     (the paper's 0.01 by default)
         * @param maxEpochs stop each run after this many epochs, ≥ 1 (the paper's 5000 by default)
         * @param backprop how the full network's training pass computes the gradient: the paper's
         *     {@link Backprop#DENSE} by default; {@link Backprop#SUBSPACE} trains it at the per-sample
         *     cost of the reduced widths (the same gradients to rounding), {@link Backprop#AUTOMATIC}
         *     takes the cheaper of the two. The reduced network always trains with
         *     {@link Backprop#AUTOMATIC}.
         */
        public Settings {
            SettingsChecks.seeds(seeds);
            if (!(targetLoss > 0.0) || !Double.isFinite(targetLoss)) {
                throw new IllegalArgumentException("experiment 3 needs a finite positive target loss, got " + targetLoss);
            }
            if (maxEpochs < 1) {
                throw new IllegalArgumentException("experiment 3 needs an epoch limit of at least 1, got " + maxEpochs);
            }
            if (backprop == null) {
                throw new IllegalArgumentException("experiment 3 needs a backprop choice for the full network: "
                        + "DENSE, SUBSPACE or AUTOMATIC");
            }
        }

        /**
         * The full network with the paper's dense pass.
         *
         * @param seeds N ≥ 1
         * @param targetLoss the finite positive target MSE
         * @param maxEpochs the epoch limit, ≥ 1
         */
        public Settings(int seeds, double targetLoss, int maxEpochs) {
            this(seeds, targetLoss, maxEpochs, DEFAULT_BACKPROP);
        }

        /** @return seeds 1 … 3, the paper's target MSE 0.01, epoch limit 5000 and dense pass */
        public static Settings defaults() {
            return new Settings(DEFAULT_SEEDS, DEFAULT_TARGET_LOSS, DEFAULT_MAX_EPOCHS, DEFAULT_BACKPROP);
        }

        /** @return whether the stopping rules are the paper's (target 0.01, at most 5000 epochs) */
        public boolean papersStoppingRules() {
            return targetLoss == DEFAULT_TARGET_LOSS && maxEpochs == DEFAULT_MAX_EPOCHS;
        }
    }

    /**
     * One training run.
     *
     * @param seconds the trainer's wall time from the first to the last epoch
     * @param epochs the epochs run
     * @param finalLoss the last epoch's MSE
     * @param stopReason {@link StopReason#TARGET_LOSS} when it reached the target
     * @param losses the MSE of every epoch, index e − 1 for epoch e
     * @param trainingPass how the run's training pass computed the gradient
     */
    public record Run(double seconds, int epochs, double finalLoss, StopReason stopReason, double[] losses,
            TrainingPass.Method trainingPass) {
        /** @return whether the run reached the target loss */
        public boolean reachedTarget() {
            return stopReason == StopReason.TARGET_LOSS;
        }
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param widths n, (2, 16, 64, 128, 16, 2)
     * @param reducedWidths n^red, (2, 3, 4, 5, 6, 2)
     * @param full per seed (index s − 1), the full network's run
     * @param reduced per seed, the reduced network's run
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit,
            int[] widths, int[] reducedWidths,
            Run[] full, Run[] reduced) {
        /** @return per seed, full seconds / reduced seconds */
        public double[] speedups() {
            double[] speedups = new double[full.length];
            for (int i = 0; i < speedups.length; i++) {
                speedups[i] = full[i].seconds() / reduced[i].seconds();
            }
            return speedups;
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
            double[] seconds = new double[runs.length];
            for (int i = 0; i < runs.length; i++) {
                seconds[i] = runs[i].seconds();
            }
            return seconds;
        }
    }

    /**
     * What seed s gives.
     *
     * @param seed s
     * @param reducedWidths n^red of the compressed network
     * @param full the full network's run
     * @param reduced the reduced network's run
     */
    public record SeedRun(int seed, int[] reducedWidths, Run full, Run reduced) {
    }

    /**
     * Runs every seed ({@link #runSeed}) and assembles the result ({@link #assemble}).
     *
     * @param settings the seeds and the stopping rules
     * @return the runs
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
     * One seed: the full network is initialised, QR-compressed (before any training), and then
     * both are trained from there: the reduced network first, then the full one, so that the
     * JIT's warm-up is paid by the reduced run and the speedup is not flattered. The full network
     * trains with the pass {@link Settings#backprop()} chooses (dense by default, as the paper
     * times it; the subspace pass trains it at the reduced cost).
     *
     * @param settings the settings the run belongs to
     * @param seed s, 1 ≤ s ≤ N
     * @return both networks' runs
     * @throws IllegalArgumentException if the seed is outside 1 … N
     */
    public SeedRun runSeed(Settings settings, int seed) {
        Objects.requireNonNull(settings, "settings");
        SettingsChecks.seedOf(seed, settings.seeds());
        Dataset data = RadialPaperDatasets.experiment3(backend);
        RadialNetwork network = RadialPaper.network(backend, RadialPaper.LARGE_WIDTHS, seed);
        CompressedNetwork compressed = QrCompression.compress(network);
        String name = "experiment 3, seed " + seed + "/" + settings.seeds() + ", ";
        Run reduced = train(name + "reduced", compressed.network(), data, settings);
        Run full = train(name + "full   ", network.withBackprop(settings.backprop()), data, settings);
        return new SeedRun(seed, compressed.reducedWidths(), full, reduced);
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
        Run[] full = new Run[seeds];
        Run[] reduced = new Run[seeds];
        int[] reducedWidths = ReducedWidths.of(RadialPaper.LARGE_WIDTHS);
        for (SeedRun run : runs) {
            full[run.seed() - 1] = run.full();
            reduced[run.seed() - 1] = run.reduced();
            reducedWidths = run.reducedWidths();
        }
        return new Result(settings, backend, RadnetVersion.current(), RadnetVersion.commit(),
                RadialPaper.LARGE_WIDTHS.clone(), reducedWidths, full, reduced);
    }

    private Run train(String name, RadialNetwork network, Dataset data, Settings settings) {
        try (ExperimentListener.Task task = listener.start(name, settings.maxEpochs())) {
            TrainingResult result = Trainer.builder(network, new MeanSquaredError(),
                            new GradientDescent(RadialPaper.LEARNING_RATE), data)
                    .fullBatch()
                    .targetLoss(settings.targetLoss())
                    .maxEpochs(settings.maxEpochs())
                    .listener(event -> task.stepTo(event.epoch(), "MSE " + fixed(event.loss())))
                    .build()
                    .train();
            task.finish(result.epochs(), "MSE " + fixed(result.finalLoss()));
            return new Run(result.elapsed().toNanos() / 1e9, result.epochs(), result.finalLoss(), result.stopReason(),
                    result.lossHistory(), result.trainingPass());
        }
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.5f", v);
    }
}
