package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.TrainingPass;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Experiment 2 of the radial paper (Theorem 7, projected gradient descent tracks the reduced
 * network): per seed s = 1 … N, {@code epochs} steps of full-batch gradient descent (learning
 * rate {@link RadialPaper#LEARNING_RATE}, MSE) of projected GD on Q⁻¹·(W, b) and of plain GD on
 * (W^red, b^red) of the (1, 6, 7, 1) network, checked after every step
 * ({@link CompressionCheck#theorem7}). Reports one progress task over the seeds.
 */
public final class RadialExperiment2 {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives and every operation runs
     * @param listener where the run reports its progress ({@link ExperimentListener#NONE} for none)
     */
    public RadialExperiment2(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param seeds N ≥ 1: the seeds 1 … N (the paper's 10 runs by default)
     * @param epochs k ≥ 1, the number of gradient-descent steps (the paper's 3000 by default)
     */
    public record Settings(int seeds, int epochs) {
        /** The paper's 10 runs. */
        public static final int DEFAULT_SEEDS = 10;
        /** The paper's 3000 epochs. */
        public static final int DEFAULT_EPOCHS = 3000;

        /**
         * Validates both settings.
         *
         * @param seeds N ≥ 1: the seeds 1 … N (the paper's 10 runs by default)
         * @param epochs k ≥ 1, the number of gradient-descent steps (the paper's 3000 by default)
         */
        public Settings {
            SettingsChecks.seeds(seeds);
            if (epochs < 1) {
                throw new IllegalArgumentException("experiment 2 needs at least 1 epoch, got " + epochs);
            }
        }

        /** @return the paper's settings: seeds 1 … 10, 3000 epochs */
        public static Settings defaults() {
            return new Settings(DEFAULT_SEEDS, DEFAULT_EPOCHS);
        }
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param lossDifference per seed (index s − 1): |L − L_red| after the last step, the paper's
     *     statistic
     * @param maxProjectionError per seed: the largest max |γ_proj^t(Q⁻¹·(W, b)) −
     *     (γ_red^t(W^red, b^red) + U)| over the steps t = 1 … k
     * @param maxSymmetryError per seed: the largest max |γ^t(W, b) − Q·γ^t(Q⁻¹·(W, b))| over
     *     the steps
     * @param finalLoss per seed: L_red after the last step
     * @param fullTrainingPass how the gradients of the full-width (1, 6, 7, 1) networks were
     *     computed (the same for every seed)
     * @param reducedTrainingPass how the gradients of the reduced network were computed
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit,
            double[] lossDifference,
            double[] maxProjectionError, double[] maxSymmetryError, double[] finalLoss,
            TrainingPass.Method fullTrainingPass, TrainingPass.Method reducedTrainingPass) {
        /** @return mean and sample standard deviation of the per-seed loss differences */
        public Summary summary() {
            return Summary.of(lossDifference);
        }
    }

    /**
     * What seed s gives.
     *
     * @param seed s
     * @param lossDifference |L − L_red| after the last step
     * @param maxProjectionError the largest projection error over the steps
     * @param maxSymmetryError the largest symmetry error over the steps
     * @param finalLoss L_red after the last step
     * @param fullTrainingPass how the full-width networks' gradients were computed
     * @param reducedTrainingPass how the reduced network's gradients were computed
     */
    public record SeedRun(int seed, double lossDifference, double maxProjectionError, double maxSymmetryError,
            double finalLoss, TrainingPass.Method fullTrainingPass, TrainingPass.Method reducedTrainingPass) {
    }

    /**
     * @param settings the seeds and the number of epochs
     * @return the per-seed differences: {@link #assemble} of {@link #runSeed} for s = 1 … N
     */
    public Result run(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        int seeds = settings.seeds();
        List<SeedRun> runs = new ArrayList<>();
        try (ExperimentListener.Task task = listener.start("experiment 2, " + settings.epochs() + " epochs × " + seeds
                + (seeds == 1 ? " seed" : " seeds"), seeds)) {
            for (int s = 1; s <= seeds; s++) {
                SeedRun run = runSeed(settings, s);
                runs.add(run);
                task.stepTo(s, "|L − L_red| " + String.format(Locale.ROOT, "%.2e", run.lossDifference()));
            }
            task.finish(seeds, "");
        }
        return assemble(backend.name(), settings, runs);
    }

    /**
     * One run: seed s's network trained both ways for the settings' epochs, checked after
     * every step.
     *
     * @param settings the settings the run belongs to
     * @param seed s, 1 ≤ s ≤ N
     * @return the differences of seed s
     * @throws IllegalArgumentException if the seed is outside 1 … N
     */
    public SeedRun runSeed(Settings settings, int seed) {
        Objects.requireNonNull(settings, "settings");
        SettingsChecks.seedOf(seed, settings.seeds());
        Dataset data = RadialPaperDatasets.experiment2(backend);
        CompressionCheck.Theorem7Check check = CompressionCheck.theorem7(
                RadialPaper.network(backend, RadialPaper.SMALL_WIDTHS, seed), data.inputs(), data.targets(),
                new MeanSquaredError(), RadialPaper.LEARNING_RATE, settings.epochs());
        return new SeedRun(seed, check.finalLossDifference(), check.maxProjectionError(), check.maxSymmetryError(),
                check.finalLoss(), check.fullTrainingPass(), check.reducedTrainingPass());
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
        double[] lossDifference = new double[seeds];
        double[] projection = new double[seeds];
        double[] symmetry = new double[seeds];
        double[] finalLoss = new double[seeds];
        for (SeedRun run : runs) {
            lossDifference[run.seed() - 1] = run.lossDifference();
            projection[run.seed() - 1] = run.maxProjectionError();
            symmetry[run.seed() - 1] = run.maxSymmetryError();
            finalLoss[run.seed() - 1] = run.finalLoss();
        }
        SeedRun last = runs.get(runs.size() - 1);
        return new Result(settings, backend, RadnetVersion.current(), RadnetVersion.commit(),
                lossDifference, projection, symmetry, finalLoss, last.fullTrainingPass(), last.reducedTrainingPass());
    }
}
