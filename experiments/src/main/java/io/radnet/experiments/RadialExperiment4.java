package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.TrainingPass;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The reference implementation's script 4, noisy image recovery (not in the radial paper's
 * text; see {@link NoisyImageRecovery} for the models and their training): per seed s = 1 … N,
 * m noisy copies of each of n originals ({@link NoisyCopies}, noise scale 3), the Step-ReLU
 * radial network and the ReLU MLP each trained on all n·m copies for the given epochs; their
 * final training loss and accuracy. Then the held-out variant: m' copies of each original drawn
 * afresh, split by a seeded permutation into ⌊f·n·m'⌋ training copies and the rest for testing
 * (m' = 100, f = 0.8: 240 and 60 for n = 3), both models trained on the training copies and
 * their loss and accuracy on the test copies. The trained radial network of the first part is
 * QR-compressed (Algorithm 1) and compared with its compression on the training copies.
 *
 * <p>Seed s fixes, through {@code SplittableRandom(s)}, the noise of both data sets,
 * the split and the initialisation of all four networks (the held-out networks start where the
 * first part's do), so a run is deterministic on a backend.
 * Reports one progress task per training run.
 */
public final class RadialExperiment4 {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives and every operation runs
     * @param listener where the training runs report their epochs ({@link ExperimentListener#NONE} for none)
     */
    public RadialExperiment4(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param seeds N ≥ 1: the seeds 1 … N (the script's 10 trials by default)
     * @param copies m ≥ 1 noisy copies of each original (the script's 1000)
     * @param epochs ≥ 1 full-batch epochs of every training run (the script's 100)
     * @param heldOutCopies m' ≥ 1 noisy copies of each original for the held-out variant (100)
     * @param heldOutTrainingFraction f in (0, 1): the held-out variant trains on ⌊f·n·m'⌋ copies
     *     and tests on the rest (0.8)
     * @param layerBiases whether the radial network's layers carry biases: true as the reference
     *     code's {@code nn.Linear} layers (the default; then QR-compress removes nothing), false for
     *     linear layers, which QR-compress reduces to (d, d, d, n)
     */
    public record Settings(int seeds, int copies, int epochs, int heldOutCopies, double heldOutTrainingFraction,
            boolean layerBiases) {
        /** The script's 10 trials. */
        public static final int DEFAULT_SEEDS = 10;
        /** The script's 1000 copies per original. */
        public static final int DEFAULT_COPIES = 1000;
        /** The script's 100 epochs. */
        public static final int DEFAULT_EPOCHS = 100;
        /** The held-out variant's 100 copies per original. */
        public static final int DEFAULT_HELD_OUT_COPIES = 100;
        /** The held-out variant's training fraction, 0.8 (PyTorch {@code random_split}, 240 / 60 copies). */
        public static final double DEFAULT_HELD_OUT_TRAINING_FRACTION = 0.8;

        /**
         * Validates every setting.
         *
         * @param seeds N ≥ 1: the seeds 1 … N (the script's 10 trials by default)
         * @param copies m ≥ 1 noisy copies of each original (the script's 1000)
         * @param epochs ≥ 1 full-batch epochs of every training run (the script's 100)
         * @param heldOutCopies m' ≥ 1 noisy copies of each original for the held-out variant (100)
         * @param heldOutTrainingFraction f in (0, 1): the held-out variant trains on ⌊f·n·m'⌋ copies
         *     and tests on the rest (0.8)
         * @param layerBiases whether the radial network's layers carry biases: true as the reference
         *     code's {@code nn.Linear} layers (the default; then QR-compress removes nothing), false for
         *     linear layers, which QR-compress reduces to (d, d, d, n)
         */
        public Settings {
            SettingsChecks.seeds(seeds);
            SettingsChecks.positive("number of noisy copies per original", copies);
            SettingsChecks.positive("number of epochs", epochs);
            SettingsChecks.positive("number of held-out noisy copies per original", heldOutCopies);
            if (!(heldOutTrainingFraction > 0.0 && heldOutTrainingFraction < 1.0)) {
                throw new IllegalArgumentException("the held-out training fraction must be between 0 and 1 (exclusive), got "
                        + heldOutTrainingFraction);
            }
        }

        /**
         * Settings with the reference code's layer biases.
         *
         * @param seeds as for the record
         * @param copies as for the record
         * @param epochs as for the record
         * @param heldOutCopies as for the record
         * @param heldOutTrainingFraction as for the record
         */
        public Settings(int seeds, int copies, int epochs, int heldOutCopies, double heldOutTrainingFraction) {
            this(seeds, copies, epochs, heldOutCopies, heldOutTrainingFraction, true);
        }

        /** @return the script's settings: 10 seeds, 1000 copies, 100 epochs, held out 100 copies split 0.8 / 0.2 */
        public static Settings defaults() {
            return new Settings(DEFAULT_SEEDS, DEFAULT_COPIES, DEFAULT_EPOCHS, DEFAULT_HELD_OUT_COPIES,
                    DEFAULT_HELD_OUT_TRAINING_FRACTION);
        }

        /** @return whether the settings are the script's */
        public boolean scriptSettings() {
            return equals(defaults());
        }
    }

    /**
     * One model's statistics over the seeds.
     *
     * @param finalLoss the cross-entropy of the last epoch on all n·m copies
     * @param finalAccuracy the accuracy of the last epoch on all n·m copies
     * @param testLoss the held-out variant's cross-entropy on its test copies
     * @param testAccuracy the held-out variant's accuracy on its test copies
     */
    public record Model(SeedStatistics finalLoss, SeedStatistics finalAccuracy, SeedStatistics testLoss,
            SeedStatistics testAccuracy) {
    }

    /**
     * The QR-compression of the trained radial networks (Theorem 5: the same function).
     *
     * @param reducedWidths n^red of the radial network's widths
     * @param maxDifference per seed, max |F(x) − F_red(x)| over the n·m training copies
     * @param relativeMaxDifference per seed, maxDifference / max |F(x)|
     */
    public record Compression(int[] reducedWidths, SeedStatistics maxDifference, SeedStatistics relativeMaxDifference) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param originals n, the number of originals (classes)
     * @param dimension d, their dimension
     * @param radii r_i, the distance from original i to the nearest other one
     * @param radialWidths the radial network's widths (d, d + 1, d + 2, n)
     * @param reluWidths the ReLU MLP's widths (d, d + 1, d + 2, n, n)
     * @param heldOutTraining the held-out variant's training copies, ⌊f·n·m'⌋
     * @param heldOutTest its test copies
     * @param radial the radial network's statistics
     * @param relu the ReLU MLP's statistics
     * @param compression the QR-compression of the trained radial networks
     * @param radialTrainingPass how the radial network's gradients were computed
     * @param reluTrainingPass how the MLP's gradients were computed
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit, int originals,
            int dimension, double[] radii, int[] radialWidths, int[] reluWidths, int heldOutTraining, int heldOutTest,
            Model radial, Model relu, Compression compression, TrainingPass.Method radialTrainingPass,
            TrainingPass.Method reluTrainingPass) {
    }

    /**
     * @param originals n ≥ 2 rows of one length d ≥ 1 (e.g. images scaled to [0, 1]), finite and
     *     pairwise distinct; not modified
     * @param settings the seeds, copies and epochs
     * @return both models' statistics and the compression
     * @throws IllegalArgumentException if the originals are unfit (see {@link NoisyCopies#draw})
     *     or the held-out split leaves no training or no test copy
     * @throws io.radnet.core.optim.TrainingDivergedException if a training loss is NaN or ∞
     */
    public Result run(double[][] originals, Settings settings) {
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(settings, "settings");
        int n = originals.length;
        int heldOutSamples = n * settings.heldOutCopies();
        int heldOutTraining = (int) Math.floor(settings.heldOutTrainingFraction() * heldOutSamples);
        if (n >= 2 && (heldOutTraining < 1 || heldOutTraining >= heldOutSamples)) {
            throw new IllegalArgumentException("the held-out split of " + heldOutSamples + " copies by the fraction "
                    + settings.heldOutTrainingFraction() + " leaves " + heldOutTraining + " for training and "
                    + (heldOutSamples - heldOutTraining) + " for testing; both need at least 1");
        }
        int seeds = settings.seeds();
        double[] radialLoss = new double[seeds];
        double[] radialAccuracy = new double[seeds];
        double[] radialTestLoss = new double[seeds];
        double[] radialTestAccuracy = new double[seeds];
        double[] reluLoss = new double[seeds];
        double[] reluAccuracy = new double[seeds];
        double[] reluTestLoss = new double[seeds];
        double[] reluTestAccuracy = new double[seeds];
        double[] maxDifference = new double[seeds];
        double[] relativeDifference = new double[seeds];
        int[] reducedWidths = null;
        double[] radii = null;
        int dimension = 0;
        TrainingPass.Method radialPass = null;
        TrainingPass.Method reluPass = null;
        for (int s = 1; s <= seeds; s++) {
            NoisyImageRecovery.Seeds seed = NoisyImageRecovery.Seeds.of(s);
            NoisyCopies data = NoisyCopies.draw(originals, settings.copies(), NoisyImageRecovery.NOISE_SCALE, seed.noise());
            radii = data.radii();
            dimension = data.dimension();
            String seedText = "experiment 4, seed " + s + "/" + seeds;
            try (Tensor inputs = backend.fromRowMajor(data.samples(), dimension, data.inputs());
                    Tensor labels = backend.fromRowMajor(data.samples(), 1, data.labels())) {
                NoisyImageRecovery.Trained trained = NoisyImageRecovery.trainBoth(inputs, labels, n, seed,
                        settings.epochs(), settings.layerBiases(), listener, seedText);
                NoisyImageRecovery.Run radialRun = trained.radial();
                NoisyImageRecovery.Run reluRun = trained.relu();
                RadialNetwork radial = trained.radialNetwork();
                radialLoss[s - 1] = radialRun.finalLoss();
                radialAccuracy[s - 1] = radialRun.finalAccuracy();
                reluLoss[s - 1] = reluRun.finalLoss();
                reluAccuracy[s - 1] = reluRun.finalAccuracy();
                radialPass = radialRun.trainingPass();
                reluPass = reluRun.trainingPass();
                try (CompressedNetwork compressed = QrCompression.compress(radial);
                        Tensor outputs = radial.forward(inputs)) {
                    CompressionCheck.OutputDifference difference = CompressionCheck.outputDifference(radial,
                            compressed.network(), inputs);
                    maxDifference[s - 1] = difference.max();
                    relativeDifference[s - 1] = difference.max() / backend.maxAbs(outputs);
                    reducedWidths = compressed.reducedWidths();
                }
            }
            NoisyCopies heldOut = NoisyCopies.draw(originals, settings.heldOutCopies(), NoisyImageRecovery.NOISE_SCALE,
                    seed.heldOutNoise());
            int[] order = permutation(heldOut.samples(), seed.split());
            try (Tensor all = backend.fromRowMajor(heldOut.samples(), dimension, heldOut.inputs());
                    Tensor allLabels = backend.fromRowMajor(heldOut.samples(), 1, heldOut.labels());
                    Tensor trainInputs = rows(all, order, 0, heldOutTraining);
                    Tensor trainLabels = rows(allLabels, order, 0, heldOutTraining);
                    Tensor testInputs = rows(all, order, heldOutTraining, heldOutSamples);
                    Tensor testLabels = rows(allLabels, order, heldOutTraining, heldOutSamples)) {
                NoisyImageRecovery.Trained trained = NoisyImageRecovery.trainBoth(trainInputs, trainLabels, n, seed,
                        settings.epochs(), settings.layerBiases(), listener, seedText + ", held out");
                double[] radialTest = NoisyImageRecovery.evaluate(trained.radialNetwork(), testInputs, testLabels);
                double[] reluTest = NoisyImageRecovery.evaluate(trained.reluNetwork(), testInputs, testLabels);
                radialTestLoss[s - 1] = radialTest[0];
                radialTestAccuracy[s - 1] = radialTest[1];
                reluTestLoss[s - 1] = reluTest[0];
                reluTestAccuracy[s - 1] = reluTest[1];
            }
        }
        Model radial = new Model(SeedStatistics.of(radialLoss), SeedStatistics.of(radialAccuracy),
                SeedStatistics.of(radialTestLoss), SeedStatistics.of(radialTestAccuracy));
        Model relu = new Model(SeedStatistics.of(reluLoss), SeedStatistics.of(reluAccuracy),
                SeedStatistics.of(reluTestLoss), SeedStatistics.of(reluTestAccuracy));
        Compression compression = new Compression(reducedWidths, SeedStatistics.of(maxDifference),
                SeedStatistics.of(relativeDifference));
        return new Result(settings, backend.name(), RadnetVersion.current(), RadnetVersion.commit(), n, dimension, radii,
                NoisyImageRecovery.radialWidths(dimension, n), NoisyImageRecovery.reluWidths(dimension, n),
                heldOutTraining, heldOutSamples - heldOutTraining, radial, relu, compression, radialPass, reluPass);
    }

    /** @return a seeded uniform permutation of 0 … size − 1 (Fisher–Yates) */
    private static int[] permutation(int size, long seed) {
        int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** @return the rows order[from … to − 1] of source, in that order, as a new tensor */
    private Tensor rows(Tensor source, int[] order, int from, int to) {
        Tensor out = backend.zeros(to - from, source.cols());
        for (int r = from; r < to; r++) {
            backend.copyBlock(source, order[r], 0, 1, source.cols(), out, r - from, 0);
        }
        return out;
    }
}
