package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.Mlp;
import io.radnet.core.optim.Adadelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hypernetworks paper's check of its Assumption 2 (appendix §7.5, Fig. 8): adding a hidden
 * neuron to a shallow network strictly lowers its best approximation error. On Fashion-MNIST, a
 * network 784 → w → 10 with activation σ (the paper: several; radnet's default ELU) is trained
 * on the MSE against one-hot labels with Adadelta (learning rate 1.0, batch 64, 2 epochs), for
 * w = 1 … 29; the statistic is the test MSE (mean over all 10 outputs of every test sample, as
 * PyTorch's {@code MSELoss}).
 *
 * <p>The samples are images 0 … N − 1 of the training part and 0 … M − 1 of the test part.
 * Seed s initialises the network (seed s, PyTorch's {@code nn.Linear} law) and orders the
 * minibatches. Fashion-MNIST is read once per instance.
 */
public final class WidthSweepExperiment {
    private final Backend backend;
    private final ExperimentListener listener;
    private Dataset train;
    private Dataset test;

    /**
     * @param backend where every tensor lives
     * @param listener where the training runs report their epochs
     */
    public WidthSweepExperiment(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param widths the hidden widths w ≥ 1 (paper: 1 … 29)
     * @param activations the names of the hidden activations σ ({@link PointwiseActivations#byName})
     * @param seeds N ≥ 1: seeds 1 … N
     * @param trainSamples training samples, 1 … 60,000
     * @param testSamples test samples, 1 … 10,000
     * @param epochs epochs (paper: 2)
     * @param batchSize minibatch size (paper: 64)
     * @param learningRate Adadelta's learning rate (paper: 1.0)
     */
    public record Settings(int[] widths, List<String> activations, int seeds, int trainSamples, int testSamples,
            int epochs, int batchSize, double learningRate) {
        /**
         * Validates every field, naming the bad one; copies the array and the list.
         *
         * @param widths the hidden widths w ≥ 1 (paper: 1 … 29)
         * @param activations the names of the hidden activations σ ({@link PointwiseActivations#byName})
         * @param seeds N ≥ 1: seeds 1 … N
         * @param trainSamples training samples, 1 … 60,000
         * @param testSamples test samples, 1 … 10,000
         * @param epochs epochs (paper: 2)
         * @param batchSize minibatch size (paper: 64)
         * @param learningRate Adadelta's learning rate (paper: 1.0)
         */
        public Settings {
            widths = SettingsChecks.present("widths", widths).clone();
            activations = List.copyOf(SettingsChecks.present("activations", activations));
            if (widths.length == 0 || activations.isEmpty()) {
                throw new IllegalArgumentException("the width sweep needs at least one width and one activation");
            }
            for (int w : widths) {
                SettingsChecks.positive("width", w);
            }
            activations.forEach(PointwiseActivations::byName);
            SettingsChecks.positive("seeds", seeds);
            SettingsChecks.samples(trainSamples, testSamples);
            SettingsChecks.fashionMnistSamples(trainSamples, testSamples);
            SettingsChecks.minibatchTraining(epochs, batchSize, learningRate);
        }

        /** @return a copy of the widths */
        @Override
        public int[] widths() {
            return widths.clone();
        }

        /**
         * @return the paper's settings with ELU: w = 1 … 29, all 60,000 training and 10,000 test
         *     images, 2 epochs, batch 64, learning rate 1.0, 1 seed
         */
        public static Settings defaults() {
            int[] widths = new int[29];
            for (int w = 1; w <= 29; w++) {
                widths[w - 1] = w;
            }
            return new Settings(widths, List.of("elu"), 1, 60_000, 10_000, 2, 64, 1.0);
        }

        /**
         * The whole sweep's training as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): per activation, width w and seed, the run of
         * 784 → w → 10, ⌈trainSamples / batch⌉ steps per epoch on batches of
         * min(batch, trainSamples). Nothing is computed, read or allocated.
         *
         * @return every run one after the other; its largest product is batch · 784 · max w
         */
        public Workload workload() {
            List<Workload> runs = new ArrayList<>();
            for (RunKey key : runs(this)) {
                runs.add(ExperimentWorkloads.training(new int[] {Datasets.FASHION_MNIST_PIXELS, key.width(),
                    Datasets.FASHION_MNIST_CLASSES}, batchSize, trainSamples, epochs));
            }
            return ExperimentWorkloads.sweep(runs);
        }
    }

    /**
     * One run.
     *
     * @param activation the activation's name
     * @param width w
     * @param seed s
     */
    public record RunKey(String activation, int width, int seed) {
    }

    /**
     * @param key the run
     * @param testMse the test MSE after training
     * @param losses the training loss of every epoch
     */
    public record SeedRun(RunKey key, double testMse, double[] losses) {
    }

    /**
     * @param activation the activation's name
     * @param width w
     * @param parameters the network's parameter count, 795·w + 10
     * @param testMse per seed
     * @param lastEpochLoss per seed, the training loss of the last epoch
     */
    public record Row(String activation, int width, int parameters, double[] testMse, double[] lastEpochLoss) {
        /** @return mean and sample standard deviation of the test MSE */
        public Summary testMseSummary() {
            return Summary.of(testMse);
        }
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version
     * @param radnetCommit the git commit radnet was built from
     * @param rows one per activation and width, activations outer
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit,
            List<Row> rows) {
        /**
         * Copies the rows.
         *
         * @param settings what ran
         * @param backend the backend's name
         * @param radnetVersion the radnet version
         * @param radnetCommit the git commit radnet was built from
         * @param rows one per activation and width, activations outer
         */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param settings the settings
     * @return every run: activations outer, then widths, then seeds 1 … N
     */
    public static List<RunKey> runs(Settings settings) {
        return SweepRuns.keys(settings.activations(), settings.widths(), settings.seeds(), RunKey::new);
    }

    /**
     * @param settings the settings
     * @return {@link #assemble} of {@link #runOne} over {@link #runs}
     */
    public Result run(Settings settings) {
        Settings s = Objects.requireNonNull(settings, "settings");
        return assemble(backend.name(), s, SweepRuns.each(runs(s), key -> runOne(s, key)));
    }

    /**
     * @param settings the settings the run belongs to
     * @param key one of {@link #runs}
     * @return the run's test MSE and training losses
     * @throws IllegalArgumentException if the key is not a run of the settings
     */
    public SeedRun runOne(Settings settings, RunKey key) {
        Settings s = Objects.requireNonNull(settings, "settings");
        SweepRuns.requireRun(runs(s), key, "width-sweep");
        load(s);
        Mlp network = Mlp.initialized(backend, new int[] {Datasets.FASHION_MNIST_PIXELS, key.width(),
            Datasets.FASHION_MNIST_CLASSES}, PointwiseActivations.byName(key.activation()), key.seed());
        double[] losses = MinibatchTraining.lossHistory(listener, key.activation() + ", w = " + key.width() + ", seed "
                + key.seed() + "/" + s.seeds(), network, new MeanSquaredError(),
                Adadelta.builder().learningRate(s.learningRate()).build(), train, s.batchSize(), s.epochs(),
                key.seed());
        double mse;
        try (Tensor prediction = network.forward(test.inputs())) {
            mse = new MeanSquaredError().value(prediction, test.targets());
        }
        return new SeedRun(key, mse, losses);
    }

    private void load(Settings s) {
        if (train == null || train.size() != s.trainSamples()) {
            train = oneHot(Datasets.fashionMnist(backend, Datasets.Split.TRAIN), s.trainSamples());
        }
        if (test == null || test.size() != s.testSamples()) {
            test = oneHot(Datasets.fashionMnist(backend, Datasets.Split.TEST), s.testSamples());
        }
    }

    /** The first count samples with their labels as one-hot rows of 10. */
    static Dataset oneHot(Dataset data, int count) {
        Backend b = data.backend();
        int classes = Datasets.FASHION_MNIST_CLASSES;
        double[] labels = data.targets().toRowMajor();
        double[] hot = new double[count * classes];
        for (int s = 0; s < count; s++) {
            hot[s * classes + (int) labels[s]] = 1.0;
        }
        Tensor inputs = b.zeros(count, data.inputWidth());
        b.copyBlock(data.inputs(), 0, 0, count, data.inputWidth(), inputs, 0, 0);
        return Dataset.of(inputs, b.fromRowMajor(count, classes, hot));
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of {@link #runs}, in that order
     * @return one row per activation and width
     * @throws IllegalArgumentException if the runs are not those of {@link #runs} in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        Settings s = Objects.requireNonNull(settings, "settings");
        List<Row> rows = new ArrayList<>();
        for (List<SeedRun> seeds : SweepRuns.groupsOfSeeds(runs(s), runs, SeedRun::key, s.seeds(),
                "activations, widths, then seeds")) {
            RunKey key = seeds.get(0).key();
            double[] mse = seeds.stream().mapToDouble(SeedRun::testMse).toArray();
            double[] last = seeds.stream().mapToDouble(r -> r.losses()[r.losses().length - 1]).toArray();
            int parameters = (Datasets.FASHION_MNIST_PIXELS + 1) * key.width()
                    + (key.width() + 1) * Datasets.FASHION_MNIST_CLASSES;
            rows.add(new Row(key.activation(), key.width(), parameters, mse, last));
        }
        return new Result(s, backend, RadnetVersion.current(), RadnetVersion.commit(), rows);
    }
}
