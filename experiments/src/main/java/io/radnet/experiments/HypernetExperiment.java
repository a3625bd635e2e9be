package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.GeneratedWeightInitialization;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.Sgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The hypernetworks paper's experiment (§5) at scaled sizes ({@link Settings#defaults()}): per
 * target type and depth k of f and e, a hypernetwork g(x; f(I)) with the bias-free primary
 * g: d_x → 10 → 1 (ReLU) and a ReLU MLP f: d_I → w → … → N_g of k layers, against the
 * embedding method q([x, e(I)]) with e of the same architecture as f (so E = N_g and N_e = N_f)
 * and q: (d_x + E) → 10 → 1; both trained with SGD (MSE) on the same samples; test MSE per seed.
 *
 * <p>Seed s = 1 … N initialises the networks (f from seed s, e from 100 + s, q from 200 + s)
 * and the minibatch order; the target of type t and its training and test samples have the
 * fixed seeds 1000 + t, 2000 + t and 3000 + t, so every seed sees the same task. Reports one
 * progress task per training run.
 */
public final class HypernetExperiment {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives
     * @param listener where the training runs report their epochs ({@link ExperimentListener#NONE} for none)
     */
    public HypernetExperiment(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param types the target families to run
     * @param depths the depths k ≥ 1 of f and e (number of affine layers)
     * @param seeds N ≥ 1: seeds 1 … N
     * @param xWidth d_x ≥ 1
     * @param iWidth d_I ≥ 1 (= d_x when Type III is run)
     * @param hiddenWidth w ≥ 1, the width of f's and e's hidden layers (paper: 100)
     * @param primaryHidden the hidden width of g and q (paper: 10)
     * @param trainSamples training samples ≥ 1 (paper: 30,000)
     * @param testSamples test samples ≥ 1
     * @param epochs epochs ≥ 1
     * @param batchSize minibatch size ≥ 1 (paper: 200)
     * @param learningRate SGD's learning rate &gt; 0 (paper: 0.01)
     * @param initialization how f's last layer starts ({@link GeneratedWeightInitialization})
     */
    public record Settings(List<HypernetworkTargets.Type> types, int[] depths, int seeds, int xWidth, int iWidth,
            int hiddenWidth, int primaryHidden, int trainSamples, int testSamples, int epochs, int batchSize,
            double learningRate, GeneratedWeightInitialization initialization) {
        /**
         * Validates every field, naming the bad one; copies the list and the array.
         *
         * @param types the target families to run
         * @param depths the depths k ≥ 1 of f and e (number of affine layers)
         * @param seeds N ≥ 1: seeds 1 … N
         * @param xWidth d_x ≥ 1
         * @param iWidth d_I ≥ 1 (= d_x when Type III is run)
         * @param hiddenWidth w ≥ 1, the width of f's and e's hidden layers (paper: 100)
         * @param primaryHidden the hidden width of g and q (paper: 10)
         * @param trainSamples training samples ≥ 1 (paper: 30,000)
         * @param testSamples test samples ≥ 1
         * @param epochs epochs ≥ 1
         * @param batchSize minibatch size ≥ 1 (paper: 200)
         * @param learningRate SGD's learning rate &gt; 0 (paper: 0.01)
         * @param initialization how f's last layer starts ({@link GeneratedWeightInitialization})
         */
        public Settings {
            types = List.copyOf(SettingsChecks.present("types", types));
            depths = SettingsChecks.present("depths", depths).clone();
            if (types.isEmpty() || depths.length == 0) {
                throw new IllegalArgumentException("the hypernet experiment needs at least one target type and one depth");
            }
            for (int k : depths) {
                SettingsChecks.positive("depth", k);
            }
            SettingsChecks.positive("seeds", seeds);
            SettingsChecks.positive("d_x", xWidth);
            SettingsChecks.positive("d_I", iWidth);
            SettingsChecks.positive("hidden width", hiddenWidth);
            SettingsChecks.positive("primary hidden width", primaryHidden);
            SettingsChecks.samples(trainSamples, testSamples);
            SettingsChecks.minibatchTraining(epochs, batchSize, learningRate);
            if (types.contains(HypernetworkTargets.Type.III) && xWidth != iWidth) {
                throw new IllegalArgumentException("Type III targets need d_x = d_I, got " + xWidth + " and " + iWidth);
            }
            SettingsChecks.present("initialization", initialization);
        }

        /**
         * The settings with f's output unscaled ({@link GeneratedWeightInitialization#UNSCALED},
         * the paper's code).
         *
         * @param types the target families
         * @param depths the depths k
         * @param seeds N
         * @param xWidth d_x
         * @param iWidth d_I
         * @param hiddenWidth w
         * @param primaryHidden the hidden width of g and q
         * @param trainSamples training samples
         * @param testSamples test samples
         * @param epochs epochs
         * @param batchSize minibatch size
         * @param learningRate SGD's learning rate
         */
        public Settings(List<HypernetworkTargets.Type> types, int[] depths, int seeds, int xWidth, int iWidth,
                int hiddenWidth, int primaryHidden, int trainSamples, int testSamples, int epochs, int batchSize,
                double learningRate) {
            this(types, depths, seeds, xWidth, iWidth, hiddenWidth, primaryHidden, trainSamples, testSamples, epochs,
                    batchSize, learningRate, GeneratedWeightInitialization.UNSCALED);
        }

        /** @return a copy of the depths */
        @Override
        public int[] depths() {
            return depths.clone();
        }

        /**
         * @return radnet's scaled default: all three types, depths 1–4, 3 seeds, d_x = d_I = 8,
         *     hidden width 32 (paper 100), primary hidden 10, 10,000 training and 1,000 test
         *     samples (paper 30,000), 50 epochs, batch 200, SGD learning rate 0.01
         */
        public static Settings defaults() {
            return new Settings(List.of(HypernetworkTargets.Type.values()), new int[] {1, 2, 3, 4}, 3, 8, 8, 32,
                    10, 10_000, 1000, 50, 200, 0.01);
        }

        /**
         * @return the paper's sizes (§5, Fig. 1a; {@code --preset paper}): all three types,
         *     depths 2 … 9, d_x = d_I = 1000, f and e of width 100, 30,000 training and 3,000
         *     test samples, batch 200, SGD learning rate 0.01; the epochs (lost from the
         *     paper's text) 50 as in {@link #defaults()}, 3 seeds (the paper: 100), f unscaled.
         *     Hours on 2 cores: N_g = 10,010, so f's last layer alone has 1,001,010 parameters.
         */
        public static Settings paper() {
            return new Settings(List.of(HypernetworkTargets.Type.values()), new int[] {2, 3, 4, 5, 6, 7, 8, 9}, 3, 1000,
                    1000, 100, 10, 30_000, 3000, 50, 200, 0.01);
        }

        /**
         * The whole sweep's training as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): per target type, depth k and seed, the
         * hypernetwork's run (f: d_I → w → … → N_g, then g: d_x → h → 1 per sample) and the
         * embedding method's (e of f's widths, then q: (d_x + N_g) → h → 1), each
         * ⌈trainSamples / batch⌉ steps per epoch on batches of min(batch, trainSamples).
         * Nothing is computed or allocated.
         *
         * @return every run one after the other; its largest product is f's or e's last layer,
         *     batch · w · N_g
         */
        public Workload workload() {
            int[] g = {xWidth, primaryHidden, 1};
            int generated = PrimaryArchitecture.of(g, PointwiseActivations.relu(), false).parameterCount();
            List<Workload> runs = new ArrayList<>();
            for (RunKey key : runs(this)) {
                int[] f = mlpWidths(iWidth, hiddenWidth, generated, key.depth());
                runs.add(ExperimentWorkloads.hypernetwork(f, g, batchSize, trainSamples, epochs));
                runs.add(ExperimentWorkloads.embedding(f, new int[] {xWidth + generated, primaryHidden, 1}, batchSize,
                        trainSamples, epochs));
            }
            return ExperimentWorkloads.sweep(runs);
        }
    }

    /**
     * One model's results over the seeds.
     *
     * @param trainedParameters everything trained: N_f, or N_e + N_q
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g (generated, not trained), or N_q
     * @param testMse per seed (index s − 1)
     * @param firstEpochLoss per seed, the training loss of epoch 1
     * @param lastEpochLoss per seed, the training loss of the last epoch
     * @param lossCurve the training loss per epoch, averaged over the seeds
     */
    public record ModelResult(int trainedParameters, int generatorParameters, int primaryParameters, double[] testMse,
            double[] firstEpochLoss, double[] lastEpochLoss, double[] lossCurve) {
        /** @return mean and sample standard deviation of the test MSE */
        public Summary testMseSummary() {
            return Summary.of(testMse);
        }
    }

    /**
     * @param type the target family
     * @param depth k, the depth of f and e
     * @param hypernetwork the hypernetwork's results
     * @param embedding the embedding method's results
     */
    public record Row(HypernetworkTargets.Type type, int depth, ModelResult hypernetwork, ModelResult embedding) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param rows one per (type, depth), types outer
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit,
            List<Row> rows) {
        /**
         * Copies the rows.
         *
         * @param settings what ran
         * @param backend the backend's name
         * @param radnetVersion the radnet version that ran it
         * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
         * @param rows one per (type, depth), types outer
         */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One run of the sweep: a target type, a depth and a seed.
     *
     * @param type the target family
     * @param depth k
     * @param seed s, 1 ≤ s ≤ N
     */
    public record RunKey(HypernetworkTargets.Type type, int depth, int seed) {
    }

    /**
     * One model's training run.
     *
     * @param trainedParameters everything trained
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g, or N_q
     * @param testMse the test MSE after training
     * @param losses the training loss of every epoch
     */
    public record ModelRun(int trainedParameters, int generatorParameters, int primaryParameters, double testMse,
            double[] losses) {
    }

    /**
     * What one run gives.
     *
     * @param key the run
     * @param hypernetwork the hypernetwork's training run
     * @param embedding the embedding method's training run
     */
    public record SeedRun(RunKey key, ModelRun hypernetwork, ModelRun embedding) {
    }

    /**
     * @param settings the settings
     * @return every run, types outer, then depths, then seeds 1 … N: the order {@link #assemble}
     *     takes
     */
    public static List<RunKey> runs(Settings settings) {
        return SweepRuns.keys(settings.types(), settings.depths(), settings.seeds(), RunKey::new);
    }

    /**
     * Runs the hypernetwork-versus-embedding experiment: {@link #assemble} of {@link #runOne}
     * over {@link #runs}.
     *
     * @param settings the settings
     * @return per type and depth, both models' test MSE and parameter counts
     */
    public Result run(Settings settings) {
        Settings s = Objects.requireNonNull(settings, "settings");
        return assemble(backend.name(), s, SweepRuns.each(runs(s), key -> runOne(s, key)));
    }

    /**
     * One run: the target of the key's type and its samples, then both models of the key's
     * depth initialised from the key's seed and trained.
     *
     * @param settings the settings the run belongs to
     * @param key one of {@link #runs}
     * @return both models' training runs
     * @throws IllegalArgumentException if the key is not a run of the settings
     */
    public SeedRun runOne(Settings settings, RunKey key) {
        Settings s = Objects.requireNonNull(settings, "settings");
        if (!runs(s).contains(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("the hypernet settings have no run " + key);
        }
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {s.xWidth(), s.primaryHidden(), 1},
                PointwiseActivations.relu(), false);
        HypernetworkTargets.Type type = key.type();
        int seed = key.seed();
        HypernetworkTargets target = HypernetworkTargets.create(type, s.xWidth(), s.iWidth(), 1000 + type.ordinal());
        Dataset train = target.sample(backend, s.trainSamples(), 2000 + type.ordinal());
        Dataset test = target.sample(backend, s.testSamples(), 3000 + type.ordinal());
        int[] fWidths = mlpWidths(s.iWidth(), s.hiddenWidth(), g.parameterCount(), key.depth());
        String name = "Type " + type + ", depth " + key.depth() + ", seed " + seed + "/" + s.seeds();
        Mlp f = Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), seed);
        initialize(s.initialization(), f, g, train, s.xWidth());
        HyperNetwork h = new HyperNetwork(f, g);
        double[] hyperLosses = MinibatchTraining.lossHistory(listener, name + ", hypernetwork", h,
                new MeanSquaredError(), sgd(s), train, s.batchSize(), s.epochs(), seed);
        ModelRun hyper = new ModelRun(h.generatorParameterCount(), h.generatorParameterCount(),
                h.primaryParameterCount(), mse(h, test), hyperLosses);
        EmbeddingNetwork e = new EmbeddingNetwork(s.xWidth(),
                Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), 100 + seed),
                Mlp.initialized(backend, new int[] {s.xWidth() + g.parameterCount(), s.primaryHidden(), 1},
                        PointwiseActivations.relu(), 200 + seed));
        double[] embeddingLosses = MinibatchTraining.lossHistory(listener, name + ", embedding   ", e,
                new MeanSquaredError(), sgd(s), train, s.batchSize(), s.epochs(), seed);
        ModelRun embedding = new ModelRun(e.embeddingParameterCount() + e.primaryParameterCount(),
                e.embeddingParameterCount(), e.primaryParameterCount(), mse(e, test), embeddingLosses);
        return new SeedRun(key, hyper, embedding);
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of {@link #runs}, in that order
     * @return the result the runs make: per type and depth, the seeds' values and the mean
     *     loss curve summed in seed order
     * @throws IllegalArgumentException if the runs are not those of {@link #runs} in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        Settings s = Objects.requireNonNull(settings, "settings");
        List<RunKey> keys = runs(s);
        if (!keys.equals(runs.stream().map(SeedRun::key).toList())) {
            throw new IllegalArgumentException("the runs must be the settings' " + keys.size()
                    + " runs (types, then depths, then seeds) in order; got " + runs.size());
        }
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (HypernetworkTargets.Type type : s.types()) {
            for (int depth : s.depths()) {
                Runs hyper = new Runs(s.seeds(), s.epochs());
                Runs embedding = new Runs(s.seeds(), s.epochs());
                for (int seed = 1; seed <= s.seeds(); seed++) {
                    SeedRun run = runs.get(next++);
                    hyper.record(seed, run.hypernetwork());
                    embedding.record(seed, run.embedding());
                }
                rows.add(new Row(type, depth, hyper.result(), embedding.result()));
            }
        }
        return new Result(s, backend, RadnetVersion.current(), RadnetVersion.commit(), rows);
    }

    /**
     * Applies the initialisation to f, measured on the generator inputs I of the first
     * {@link RotationExperiment#INITIALIZATION_SAMPLES} training rows [x | I].
     */
    static void initialize(GeneratedWeightInitialization initialization, Mlp generator, PrimaryArchitecture primary,
            Dataset train, int xWidth) {
        Backend b = train.backend();
        int iWidth = train.inputWidth() - xWidth;
        try (Tensor sample = b.zeros(Math.min(RotationExperiment.INITIALIZATION_SAMPLES, train.size()), iWidth)) {
            b.copyBlock(train.inputs(), 0, xWidth, sample.rows(), iWidth, sample, 0, 0);
            initialization.apply(generator, primary, sample);
        }
    }

    private static Optimizer sgd(Settings s) {
        return Sgd.builder(s.learningRate()).build();
    }

    /**
     * @param in the input width
     * @param hidden the width of every hidden layer
     * @param out the output width
     * @param layers k ≥ 1 affine layers
     * @return the widths (in, hidden, …, hidden, out) of an MLP with k affine layers
     */
    static int[] mlpWidths(int in, int hidden, int out, int layers) {
        int[] widths = new int[layers + 1];
        Arrays.fill(widths, hidden);
        widths[0] = in;
        widths[layers] = out;
        return widths;
    }

    static double mse(Network network, Dataset test) {
        return new MeanSquaredError().value(network.forward(test.inputs()), test.targets());
    }

    /**
     * @param seeds one model's runs of seeds 1 … N, in order
     * @param epochs the epochs of every run
     * @return their values over the seeds, the loss curve averaged in seed order
     */
    static ModelResult modelResult(List<ModelRun> seeds, int epochs) {
        Runs runs = new Runs(seeds.size(), epochs);
        for (int s = 0; s < seeds.size(); s++) {
            runs.record(s + 1, seeds.get(s));
        }
        return runs.result();
    }

    /** Collects one model's runs over the seeds. */
    private static final class Runs {
        private final double[] testMse;
        private final double[] firstEpochLoss;
        private final double[] lastEpochLoss;
        private final double[] meanLossCurve;
        private int trainedParameters;
        private int generatorParameters;
        private int primaryParameters;

        Runs(int seeds, int epochs) {
            testMse = new double[seeds];
            firstEpochLoss = new double[seeds];
            lastEpochLoss = new double[seeds];
            meanLossCurve = new double[epochs];
        }

        void record(int seed, ModelRun run) {
            trainedParameters = run.trainedParameters();
            generatorParameters = run.generatorParameters();
            primaryParameters = run.primaryParameters();
            double[] losses = run.losses();
            testMse[seed - 1] = run.testMse();
            firstEpochLoss[seed - 1] = losses[0];
            lastEpochLoss[seed - 1] = losses[losses.length - 1];
            MinibatchTraining.addMean(meanLossCurve, losses, testMse.length);
        }

        ModelResult result() {
            return new ModelResult(trainedParameters, generatorParameters, primaryParameters, testMse, firstEpochLoss,
                    lastEpochLoss, meanLossCurve);
        }
    }
}
