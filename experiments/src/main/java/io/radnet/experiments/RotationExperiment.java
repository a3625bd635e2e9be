package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.data.ImageRotation;
import io.radnet.core.data.RotationPrediction;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.GeneratedWeightInitialization;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.optim.Sgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The hypernetworks paper's rotation prediction on Fashion-MNIST (§5, Fig. 3): I = an image,
 * x = I rotated by α ~ U(0°, 360°) (bilinear, zero fill), label the nearest multiple of 30°
 * (12 classes; {@link RotationPrediction}). Per depth k of f and e:
 * <ul>
 *   <li>the hypernetwork g(x; f(I)) with the bias-free primary g: 784 → 10 → 12 (ReLU) and the
 *       weight generator f: 784 → w → … → w → N_g, a ReLU MLP of k affine layers
 *       (N_g = 784·10 + 10·12 = 7,960), its last layer initialised as
 *       {@link Settings#initialization()} says;</li>
 *   <li>the embedding method q([x, e(I)]) with e of f's architecture (so E = N_g and N_e = N_f)
 *       and q: (784 + E) → 10 → 12 (ReLU);</li>
 * </ul>
 * both trained with SGD on the softmax cross-entropy (the paper's log-softmax + NLL), on the
 * same samples. The statistic is the test error 1 − accuracy.
 *
 * <p>The training samples are images 0 … N − 1 of Fashion-MNIST's training part with angles of
 * seed 4000, the test samples images 0 … M − 1 of its test part with angles of seed 5000: every
 * seed sees the same task. Seed s initialises f (seed s), e (100 + s), q (200 + s) and the
 * minibatch order (s). Fashion-MNIST is read once per instance, from where
 * {@link Datasets#fashionMnist(Backend, Datasets.Split)} finds it.
 */
public final class RotationExperiment {
    /** Fashion-MNIST's image side. */
    static final int SIDE = 28;
    /** How many training samples {@link GeneratedWeightInitialization} measures f's output on. */
    static final int INITIALIZATION_SAMPLES = 256;
    /** Rows evaluated at once on the test set (a hypernetwork pass holds rows × N_g weights). */
    static final int EVALUATION_ROWS = 500;

    private final Backend backend;
    private final ExperimentListener listener;
    private Dataset rotatedTrain;
    private Dataset rotatedTest;

    /**
     * @param backend where every tensor lives
     * @param listener where the training runs report their epochs
     */
    public RotationExperiment(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param depths the depths k ≥ 1 of f and e (affine layers; paper: 2 … 9)
     * @param seeds N ≥ 1: seeds 1 … N
     * @param hiddenWidth w, the width of f's and e's hidden layers (paper: 50 for MNIST)
     * @param primaryHidden the hidden width of g and q (paper: 10)
     * @param trainSamples training samples, 1 … 60,000 (the paper's code: a random 10,000)
     * @param testSamples test samples, 1 … 10,000
     * @param epochs epochs ≥ 1
     * @param batchSize minibatch size (paper: 64)
     * @param learningRate SGD's learning rate (paper: 0.01)
     * @param initialization how f's last layer starts
     */
    public record Settings(int[] depths, int seeds, int hiddenWidth, int primaryHidden, int trainSamples,
            int testSamples, int epochs, int batchSize, double learningRate,
            GeneratedWeightInitialization initialization) {
        /**
         * Validates every field, naming the bad one; copies the array.
         *
         * @param depths the depths k ≥ 1 of f and e (affine layers; paper: 2 … 9)
         * @param seeds N ≥ 1: seeds 1 … N
         * @param hiddenWidth w, the width of f's and e's hidden layers (paper: 50 for MNIST)
         * @param primaryHidden the hidden width of g and q (paper: 10)
         * @param trainSamples training samples, 1 … 60,000 (the paper's code: a random 10,000)
         * @param testSamples test samples, 1 … 10,000
         * @param epochs epochs ≥ 1
         * @param batchSize minibatch size (paper: 64)
         * @param learningRate SGD's learning rate (paper: 0.01)
         * @param initialization how f's last layer starts
         */
        public Settings {
            depths = SettingsChecks.present("depths", depths).clone();
            if (depths.length == 0) {
                throw new IllegalArgumentException("the rotation experiment needs at least one depth");
            }
            for (int k : depths) {
                SettingsChecks.positive("depth", k);
            }
            SettingsChecks.positive("seeds", seeds);
            SettingsChecks.positive("hidden width", hiddenWidth);
            SettingsChecks.positive("primary hidden width", primaryHidden);
            SettingsChecks.samples(trainSamples, testSamples);
            SettingsChecks.fashionMnistSamples(trainSamples, testSamples);
            SettingsChecks.minibatchTraining(epochs, batchSize, learningRate);
            SettingsChecks.present("initialization", initialization);
            long primary = 784L * primaryHidden + (long) primaryHidden * ImageRotation.CLASSES;
            for (int k : depths) {
                long[] widths = new long[k + 1];
                Arrays.fill(widths, hiddenWidth);
                widths[0] = 784;
                widths[k] = primary;
                SettingsChecks.parameterCount("the weight generator f of depth " + k + " (width " + hiddenWidth + ")",
                        SettingsChecks.mlpParameters(widths));
            }
        }

        /** @return a copy of the depths */
        @Override
        public int[] depths() {
            return depths.clone();
        }

        /**
         * @return radnet's default, sized to about 10 minutes on 2 cores: depths 2, 3, 5, 9, 2
         *     seeds, width 50, primary hidden 10, 5,000 training and 1,000 test samples, 5
         *     epochs, batch 64, learning rate 0.01, f's last layer scaled to g's fan-in
         */
        public static Settings defaults() {
            return new Settings(new int[] {2, 3, 5, 9}, 2, 50, 10, 5000, 1000, 5, 64, 0.01,
                    GeneratedWeightInitialization.PRIMARY_FAN_IN);
        }

        /**
         * The whole sweep's training as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): per depth k and seed, the hypernetwork's run
         * (f: 784 → w → … → N_g, then g: 784 → h → 12 per sample) and the embedding method's
         * (e of f's widths, then q: (784 + N_g) → h → 12), each ⌈trainSamples / batch⌉ steps
         * per epoch on batches of min(batch, trainSamples). Nothing is computed, read or
         * allocated (Fashion-MNIST is not read).
         *
         * @return every run one after the other; its largest product is f's or e's last layer,
         *     batch · w · N_g (N_g = 7,960 by default)
         */
        public Workload workload() {
            int pixels = SIDE * SIDE;
            int[] g = {pixels, primaryHidden, ImageRotation.CLASSES};
            int generated = PrimaryArchitecture.of(g, PointwiseActivations.relu(), false).parameterCount();
            List<Workload> runs = new ArrayList<>();
            for (RunKey key : runs(this)) {
                int[] f = HypernetExperiment.mlpWidths(pixels, hiddenWidth, generated, key.depth());
                runs.add(ExperimentWorkloads.hypernetwork(f, g, batchSize, trainSamples, epochs));
                runs.add(ExperimentWorkloads.embedding(f, new int[] {pixels + generated, primaryHidden,
                    ImageRotation.CLASSES}, batchSize, trainSamples, epochs));
            }
            return ExperimentWorkloads.sweep(runs);
        }
    }

    /**
     * One run: a depth and a seed.
     *
     * @param depth k
     * @param seed s, 1 ≤ s ≤ N
     */
    public record RunKey(int depth, int seed) {
    }

    /**
     * One model's training run.
     *
     * @param trainedParameters everything trained: N_f, or N_e + N_q
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g (generated, not trained), or N_q
     * @param testError the fraction of test samples whose class is wrong
     * @param testLoss the softmax cross-entropy on the test samples
     * @param losses the training loss of every epoch
     */
    public record ModelRun(int trainedParameters, int generatorParameters, int primaryParameters, double testError,
            double testLoss, double[] losses) {
    }

    /**
     * @param key the run
     * @param hypernetwork the hypernetwork's run
     * @param embedding the embedding method's run
     */
    public record SeedRun(RunKey key, ModelRun hypernetwork, ModelRun embedding) {
    }

    /**
     * One model's results over the seeds.
     *
     * @param trainedParameters everything trained
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g, or N_q
     * @param testError per seed (index s − 1)
     * @param testLoss per seed
     * @param firstEpochLoss per seed, the training loss of epoch 1
     * @param lastEpochLoss per seed, the training loss of the last epoch
     */
    public record ModelResult(int trainedParameters, int generatorParameters, int primaryParameters,
            double[] testError, double[] testLoss, double[] firstEpochLoss, double[] lastEpochLoss) {
        /** @return mean and sample standard deviation of the test error */
        public Summary testErrorSummary() {
            return Summary.of(testError);
        }
    }

    /**
     * @param depth k
     * @param hypernetwork the hypernetwork's results
     * @param embedding the embedding method's results
     */
    public record Row(int depth, ModelResult hypernetwork, ModelResult embedding) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version
     * @param radnetCommit the git commit radnet was built from
     * @param rows one per depth, in the settings' order
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
         * @param rows one per depth, in the settings' order
         */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param settings the settings
     * @return every run, depths outer, then seeds 1 … N
     */
    public static List<RunKey> runs(Settings settings) {
        return SweepRuns.keys(settings.depths(), settings.seeds(), RunKey::new);
    }

    /**
     * @param settings the settings
     * @return {@link #assemble} of {@link #runOne} over {@link #runs}
     * @throws io.radnet.core.io.ModelFileException if Fashion-MNIST is not installed (one line
     *     saying how to install it)
     */
    public Result run(Settings settings) {
        Settings s = Objects.requireNonNull(settings, "settings");
        return assemble(backend.name(), s, SweepRuns.each(runs(s), key -> runOne(s, key)));
    }

    /**
     * @param settings the settings the run belongs to
     * @param key one of {@link #runs}
     * @return both models' training runs
     * @throws IllegalArgumentException if the key is not a run of the settings
     */
    public SeedRun runOne(Settings settings, RunKey key) {
        Settings s = Objects.requireNonNull(settings, "settings");
        SweepRuns.requireRun(runs(s), key, "rotation");
        Dataset train = rotated(Datasets.Split.TRAIN, s.trainSamples(), 4000);
        Dataset test = rotated(Datasets.Split.TEST, s.testSamples(), 5000);
        int pixels = SIDE * SIDE;
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {pixels, s.primaryHidden(), ImageRotation.CLASSES},
                PointwiseActivations.relu(), false);
        int[] fWidths = HypernetExperiment.mlpWidths(pixels, s.hiddenWidth(), g.parameterCount(), key.depth());
        int seed = key.seed();
        String name = "depth " + key.depth() + ", seed " + seed + "/" + s.seeds();
        Mlp f = Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), seed);
        HypernetExperiment.initialize(s.initialization(), f, g, train, pixels);
        HyperNetwork h = new HyperNetwork(f, g);
        double[] hyperLosses = MinibatchTraining.lossHistory(listener, name + ", hypernetwork", h,
                new SoftmaxCrossEntropy(), Sgd.builder(s.learningRate()).build(), train, s.batchSize(), s.epochs(), seed);
        double[] hyperTest = errorAndLoss(h, test);
        ModelRun hyper = new ModelRun(h.generatorParameterCount(), h.generatorParameterCount(),
                h.primaryParameterCount(), hyperTest[0], hyperTest[1], hyperLosses);
        EmbeddingNetwork e = new EmbeddingNetwork(pixels,
                Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), 100 + seed),
                Mlp.initialized(backend, new int[] {pixels + g.parameterCount(), s.primaryHidden(), ImageRotation.CLASSES},
                        PointwiseActivations.relu(), 200 + seed));
        double[] embeddingLosses = MinibatchTraining.lossHistory(listener, name + ", embedding   ", e,
                new SoftmaxCrossEntropy(), Sgd.builder(s.learningRate()).build(), train, s.batchSize(), s.epochs(), seed);
        double[] embeddingTest = errorAndLoss(e, test);
        ModelRun embedding = new ModelRun(e.embeddingParameterCount() + e.primaryParameterCount(),
                e.embeddingParameterCount(), e.primaryParameterCount(), embeddingTest[0], embeddingTest[1],
                embeddingLosses);
        return new SeedRun(key, hyper, embedding);
    }

    /** The rotation data set of a split, built once per size and kept. */
    private Dataset rotated(Datasets.Split split, int count, long seed) {
        Dataset kept = split == Datasets.Split.TRAIN ? rotatedTrain : rotatedTest;
        if (kept == null || kept.size() != count) {
            Dataset images = Datasets.fashionMnist(backend, split);
            kept = RotationPrediction.dataset(images.inputs(), SIDE, SIDE, count, seed);
            if (split == Datasets.Split.TRAIN) {
                rotatedTrain = kept;
            } else {
                rotatedTest = kept;
            }
        }
        return kept;
    }

    /**
     * @return {test error, mean softmax cross-entropy} of the network on the data, evaluated
     *     {@link #EVALUATION_ROWS} rows at a time
     */
    static double[] errorAndLoss(Network network, Dataset data) {
        Backend b = data.backend();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        int wrong = 0;
        double lossSum = 0;
        for (int start = 0; start < data.size(); start += EVALUATION_ROWS) {
            int rows = Math.min(EVALUATION_ROWS, data.size() - start);
            try (Tensor x = b.zeros(rows, data.inputWidth()); Tensor y = b.zeros(rows, 1);
                    Tensor logits = forwardRows(network, data, start, x, y)) {
                int[] predicted = Classification.predictedClasses(logits);
                double[] labels = y.toRowMajor();
                for (int s = 0; s < rows; s++) {
                    wrong += predicted[s] == labels[s] ? 0 : 1;
                }
                lossSum += loss.value(logits, y) * rows;
            }
        }
        return new double[] {wrong / (double) data.size(), lossSum / data.size()};
    }

    /** Copies rows start … start + x.rows() − 1 of the data into x and y; returns the network's output on x. */
    private static Tensor forwardRows(Network network, Dataset data, int start, Tensor x, Tensor y) {
        Backend b = data.backend();
        b.copyBlock(data.inputs(), start, 0, x.rows(), data.inputWidth(), x, 0, 0);
        b.copyBlock(data.targets(), start, 0, y.rows(), 1, y, 0, 0);
        return network.forward(x);
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of {@link #runs}, in that order
     * @return per depth, both models' values over the seeds
     * @throws IllegalArgumentException if the runs are not those of {@link #runs} in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        Settings s = Objects.requireNonNull(settings, "settings");
        List<List<SeedRun>> groups = SweepRuns.groupsOfSeeds(runs(s), runs, SeedRun::key, s.seeds(),
                "depths, then seeds");
        List<Row> rows = new ArrayList<>();
        for (List<SeedRun> ofDepth : groups) {
            rows.add(new Row(ofDepth.get(0).key().depth(), result(ofDepth.stream().map(SeedRun::hypernetwork).toList()),
                    result(ofDepth.stream().map(SeedRun::embedding).toList())));
        }
        return new Result(s, backend, RadnetVersion.current(), RadnetVersion.commit(), rows);
    }

    private static ModelResult result(List<ModelRun> seeds) {
        int n = seeds.size();
        double[] error = new double[n];
        double[] loss = new double[n];
        double[] first = new double[n];
        double[] last = new double[n];
        for (int s = 0; s < n; s++) {
            ModelRun run = seeds.get(s);
            error[s] = run.testError();
            loss[s] = run.testLoss();
            first[s] = run.losses()[0];
            last[s] = run.losses()[run.losses().length - 1];
        }
        ModelRun any = seeds.get(0);
        return new ModelResult(any.trainedParameters(), any.generatorParameters(), any.primaryParameters(), error, loss,
                first, last);
    }
}
