package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.TrainingPass;
import java.util.Objects;

/**
 * The reference implementation's script 5, the loss curves of noisy image recovery (not in the
 * radial paper's text; see {@link NoisyImageRecovery} for the models and their training): per
 * seed s = 1 … N, m noisy copies of each of n originals ({@link NoisyCopies}, noise scale 3), and
 * the Step-ReLU radial network and the ReLU MLP each trained on all n·m copies; the loss of every
 * epoch. Seed s fixes the noise and both initialisations, as in {@link RadialExperiment4}.
 * Reports one progress task per training run.
 */
public final class RadialExperiment5 {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives and every operation runs
     * @param listener where the training runs report their epochs ({@link ExperimentListener#NONE} for none)
     */
    public RadialExperiment5(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param seeds N ≥ 1: the seeds 1 … N (the script's 5 trials by default)
     * @param copies m ≥ 1 noisy copies of each original (the script's 10)
     * @param epochs ≥ 1 full-batch epochs of every training run (the script's 300)
     * @param layerBiases whether the radial network's layers carry biases (true: the reference
     *     code's {@code nn.Linear} layers, the default)
     */
    public record Settings(int seeds, int copies, int epochs, boolean layerBiases) {
        /** The script's 5 trials. */
        public static final int DEFAULT_SEEDS = 5;
        /** The script's 10 copies per original. */
        public static final int DEFAULT_COPIES = 10;
        /** The script's 300 epochs. */
        public static final int DEFAULT_EPOCHS = 300;

        /**
         * Validates every setting.
         *
         * @param seeds N ≥ 1: the seeds 1 … N (the script's 5 trials by default)
         * @param copies m ≥ 1 noisy copies of each original (the script's 10)
         * @param epochs ≥ 1 full-batch epochs of every training run (the script's 300)
         * @param layerBiases whether the radial network's layers carry biases (true: the reference
         *     code's {@code nn.Linear} layers, the default)
         */
        public Settings {
            SettingsChecks.seeds(seeds);
            SettingsChecks.positive("number of noisy copies per original", copies);
            SettingsChecks.positive("number of epochs", epochs);
        }

        /**
         * Settings with the reference code's layer biases.
         *
         * @param seeds as for the record
         * @param copies as for the record
         * @param epochs as for the record
         */
        public Settings(int seeds, int copies, int epochs) {
            this(seeds, copies, epochs, true);
        }

        /** @return the script's settings: 5 seeds, 10 copies, 300 epochs */
        public static Settings defaults() {
            return new Settings(DEFAULT_SEEDS, DEFAULT_COPIES, DEFAULT_EPOCHS);
        }

        /** @return whether the settings are the script's */
        public boolean scriptSettings() {
            return equals(defaults());
        }
    }

    /**
     * One model's training runs.
     *
     * @param losses losses[s − 1][e − 1] is the cross-entropy of epoch e of seed s
     * @param finalAccuracy per seed, the accuracy of the last epoch
     * @param trainingPass how the gradients were computed
     */
    public record Curves(double[][] losses, double[] finalAccuracy, TrainingPass.Method trainingPass) {
        /** @return per seed, the loss of the last epoch */
        public double[] finalLosses() {
            double[] last = new double[losses.length];
            for (int s = 0; s < losses.length; s++) {
                last[s] = losses[s][losses[s].length - 1];
            }
            return last;
        }
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param originals n, the number of originals (classes)
     * @param dimension d, their dimension
     * @param radialWidths the radial network's widths (d, d + 1, d + 2, n)
     * @param reluWidths the ReLU MLP's widths (d, d + 1, d + 2, n, n)
     * @param radial the radial network's curves
     * @param relu the ReLU MLP's curves
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit, int originals,
            int dimension, int[] radialWidths, int[] reluWidths, Curves radial, Curves relu) {
    }

    /**
     * @param originals n ≥ 2 rows of one length d ≥ 1, finite and pairwise distinct; not modified
     * @param settings the seeds, copies and epochs
     * @return both models' loss curves
     * @throws IllegalArgumentException if the originals are unfit (see {@link NoisyCopies#draw})
     * @throws io.radnet.core.optim.TrainingDivergedException if a training loss is NaN or ∞
     */
    public Result run(double[][] originals, Settings settings) {
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(settings, "settings");
        int n = originals.length;
        int seeds = settings.seeds();
        double[][] radialLosses = new double[seeds][];
        double[][] reluLosses = new double[seeds][];
        double[] radialAccuracy = new double[seeds];
        double[] reluAccuracy = new double[seeds];
        TrainingPass.Method radialPass = null;
        TrainingPass.Method reluPass = null;
        int dimension = 0;
        for (int s = 1; s <= seeds; s++) {
            NoisyImageRecovery.Seeds seed = NoisyImageRecovery.Seeds.of(s);
            NoisyCopies data = NoisyCopies.draw(originals, settings.copies(), NoisyImageRecovery.NOISE_SCALE, seed.noise());
            dimension = data.dimension();
            String seedText = "experiment 5, seed " + s + "/" + seeds;
            try (Tensor inputs = backend.fromRowMajor(data.samples(), dimension, data.inputs());
                    Tensor labels = backend.fromRowMajor(data.samples(), 1, data.labels())) {
                NoisyImageRecovery.Trained trained = NoisyImageRecovery.trainBoth(inputs, labels, n, seed,
                        settings.epochs(), settings.layerBiases(), listener, seedText);
                NoisyImageRecovery.Run radial = trained.radial();
                NoisyImageRecovery.Run relu = trained.relu();
                radialLosses[s - 1] = radial.losses();
                reluLosses[s - 1] = relu.losses();
                radialAccuracy[s - 1] = radial.finalAccuracy();
                reluAccuracy[s - 1] = relu.finalAccuracy();
                radialPass = radial.trainingPass();
                reluPass = relu.trainingPass();
            }
        }
        return new Result(settings, backend.name(), RadnetVersion.current(), RadnetVersion.commit(), n, dimension,
                NoisyImageRecovery.radialWidths(dimension, n), NoisyImageRecovery.reluWidths(dimension, n),
                new Curves(radialLosses, radialAccuracy, radialPass), new Curves(reluLosses, reluAccuracy, reluPass));
    }
}
