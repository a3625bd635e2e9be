package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.GeneratedWeightInitialization;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hypernetworks paper's embedding-dimension sweep (§5, "Varying the embedding dimension",
 * Fig. 1b): on a synthetic target of Type I, II or III with d_x = d_I = d, both models get
 * three-layer generators whose size grows with E:
 * <ul>
 *   <li>hypernetwork: f: d → w → E → N_g (ReLU), g: d → 10 → 1 (ReLU, no biases),
 *       N_g = 10·d + 10;</li>
 *   <li>embedding method: e: d → w → w → E (ReLU), q: (d + E) → 10 → 1 (ReLU).</li>
 * </ul>
 * Both are trained with SGD on the MSE, on the same samples; the statistic is the test MSE.
 * The paper's values of E and its layer widths are lost from its text; the ones here are
 * radnet's reading (both f and e of size O(E), as the text says).
 *
 * <p>Seeds, data and targets as in {@link HypernetExperiment}: the target of type t and its
 * samples have the fixed seeds 1000 + t, 2000 + t and 3000 + t; seed s initialises f (s), e
 * (100 + s), q (200 + s) and the minibatch order.
 */
public final class EmbeddingDimensionExperiment {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives
     * @param listener where the training runs report their epochs
     */
    public EmbeddingDimensionExperiment(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param types the target families
     * @param embeddingDimensions the values of E ≥ 1
     * @param seeds N ≥ 1
     * @param width d = d_x = d_I (paper: 100)
     * @param hiddenWidth w, the first hidden width of f and the hidden widths of e (radnet: 100)
     * @param primaryHidden the hidden width of g and q (paper: 10)
     * @param trainSamples training samples
     * @param testSamples test samples
     * @param epochs epochs
     * @param batchSize minibatch size (paper: 200)
     * @param learningRate SGD's learning rate (paper: 0.01)
     * @param initialization how f's last layer starts
     */
    public record Settings(List<HypernetworkTargets.Type> types, int[] embeddingDimensions, int seeds, int width,
            int hiddenWidth, int primaryHidden, int trainSamples, int testSamples, int epochs, int batchSize,
            double learningRate, GeneratedWeightInitialization initialization) {
        /**
         * Validates every field, naming the bad one; copies the list and the array.
         *
         * @param types the target families
         * @param embeddingDimensions the values of E ≥ 1
         * @param seeds N ≥ 1
         * @param width d = d_x = d_I (paper: 100)
         * @param hiddenWidth w, the first hidden width of f and the hidden widths of e (radnet: 100)
         * @param primaryHidden the hidden width of g and q (paper: 10)
         * @param trainSamples training samples
         * @param testSamples test samples
         * @param epochs epochs
         * @param batchSize minibatch size (paper: 200)
         * @param learningRate SGD's learning rate (paper: 0.01)
         * @param initialization how f's last layer starts
         */
        public Settings {
            types = List.copyOf(SettingsChecks.present("types", types));
            embeddingDimensions = SettingsChecks.present("embedding dimensions", embeddingDimensions).clone();
            if (types.isEmpty() || embeddingDimensions.length == 0) {
                throw new IllegalArgumentException("the embedding-dimension sweep needs at least one target type and one E");
            }
            for (int e : embeddingDimensions) {
                SettingsChecks.positive("embedding dimension E", e);
            }
            SettingsChecks.positive("seeds", seeds);
            SettingsChecks.positive("d", width);
            SettingsChecks.positive("hidden width", hiddenWidth);
            SettingsChecks.positive("primary hidden width", primaryHidden);
            SettingsChecks.samples(trainSamples, testSamples);
            SettingsChecks.minibatchTraining(epochs, batchSize, learningRate);
            SettingsChecks.present("initialization", initialization);
            long primary = (long) width * primaryHidden + primaryHidden;
            for (int e : embeddingDimensions) {
                SettingsChecks.parameterCount("the weight generator f for E = " + e,
                        SettingsChecks.mlpParameters(width, hiddenWidth, e, primary));
            }
        }

        /** @return a copy of the values of E */
        @Override
        public int[] embeddingDimensions() {
            return embeddingDimensions.clone();
        }

        /**
         * @return radnet's default: Type I, E = 100, 200, 400, 800, 2 seeds, d = 100, w = 100,
         *     primary hidden 10, 5,000 training and 1,000 test samples (paper: 30,000), 10
         *     epochs, batch 200, learning rate 0.01, f unscaled (as {@link HypernetExperiment})
         */
        public static Settings defaults() {
            return new Settings(List.of(HypernetworkTargets.Type.I), new int[] {100, 200, 400, 800}, 2, 100, 100, 10,
                    5000, 1000, 10, 200, 0.01, GeneratedWeightInitialization.UNSCALED);
        }

        /**
         * The whole sweep's training as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): per target type, E and seed, the hypernetwork's
         * run (f: d → w → E → N_g, then g: d → h → 1 per sample) and the embedding method's
         * (e: d → w → w → E, then q: (d + E) → h → 1), each ⌈trainSamples / batch⌉ steps per
         * epoch on batches of min(batch, trainSamples). Nothing is computed or allocated.
         *
         * @return every run one after the other; its largest product is f's last layer,
         *     batch · max E · N_g (N_g = 1,010 by default)
         */
        public Workload workload() {
            int[] g = {width, primaryHidden, 1};
            int generated = PrimaryArchitecture.of(g, PointwiseActivations.relu(), false).parameterCount();
            List<Workload> runs = new ArrayList<>();
            for (RunKey key : runs(this)) {
                int e = key.embeddingDimension();
                runs.add(ExperimentWorkloads.hypernetwork(new int[] {width, hiddenWidth, e, generated}, g, batchSize,
                        trainSamples, epochs));
                runs.add(ExperimentWorkloads.embedding(new int[] {width, hiddenWidth, hiddenWidth, e},
                        new int[] {width + e, primaryHidden, 1}, batchSize, trainSamples, epochs));
            }
            return ExperimentWorkloads.sweep(runs);
        }
    }

    /**
     * @param type the target family
     * @param embeddingDimension E
     * @param seed s
     */
    public record RunKey(HypernetworkTargets.Type type, int embeddingDimension, int seed) {
    }

    /**
     * @param key the run
     * @param hypernetwork the hypernetwork's run
     * @param embedding the embedding method's run
     */
    public record SeedRun(RunKey key, HypernetExperiment.ModelRun hypernetwork, HypernetExperiment.ModelRun embedding) {
    }

    /**
     * @param type the target family
     * @param embeddingDimension E
     * @param hypernetwork the hypernetwork's results over the seeds
     * @param embedding the embedding method's results over the seeds
     */
    public record Row(HypernetworkTargets.Type type, int embeddingDimension, HypernetExperiment.ModelResult hypernetwork,
            HypernetExperiment.ModelResult embedding) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version
     * @param radnetCommit the git commit radnet was built from
     * @param rows one per type and E, types outer
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
         * @param rows one per type and E, types outer
         */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * @param settings the settings
     * @return every run: types outer, then E, then seeds 1 … N
     */
    public static List<RunKey> runs(Settings settings) {
        return SweepRuns.keys(settings.types(), settings.embeddingDimensions(), settings.seeds(), RunKey::new);
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
     * @return both models' training runs
     * @throws IllegalArgumentException if the key is not a run of the settings
     */
    public SeedRun runOne(Settings settings, RunKey key) {
        Settings s = Objects.requireNonNull(settings, "settings");
        SweepRuns.requireRun(runs(s), key, "embedding-dimension");
        int d = s.width();
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {d, s.primaryHidden(), 1}, PointwiseActivations.relu(),
                false);
        HypernetworkTargets.Type type = key.type();
        HypernetworkTargets target = HypernetworkTargets.create(type, d, d, 1000 + type.ordinal());
        Dataset train = target.sample(backend, s.trainSamples(), 2000 + type.ordinal());
        Dataset test = target.sample(backend, s.testSamples(), 3000 + type.ordinal());
        int e = key.embeddingDimension();
        int seed = key.seed();
        String name = "Type " + type + ", E = " + e + ", seed " + seed + "/" + s.seeds();
        Mlp f = Mlp.initialized(backend, new int[] {d, s.hiddenWidth(), e, g.parameterCount()},
                PointwiseActivations.relu(), seed);
        HypernetExperiment.initialize(s.initialization(), f, g, train, d);
        HyperNetwork h = new HyperNetwork(f, g);
        double[] hyperLosses = MinibatchTraining.lossHistory(listener, name + ", hypernetwork", h,
                new MeanSquaredError(), Sgd.builder(s.learningRate()).build(), train, s.batchSize(), s.epochs(), seed);
        HypernetExperiment.ModelRun hyper = new HypernetExperiment.ModelRun(h.generatorParameterCount(),
                h.generatorParameterCount(), h.primaryParameterCount(), HypernetExperiment.mse(h, test), hyperLosses);
        EmbeddingNetwork em = new EmbeddingNetwork(d,
                Mlp.initialized(backend, new int[] {d, s.hiddenWidth(), s.hiddenWidth(), e}, PointwiseActivations.relu(),
                        100 + seed),
                Mlp.initialized(backend, new int[] {d + e, s.primaryHidden(), 1}, PointwiseActivations.relu(), 200 + seed));
        double[] embeddingLosses = MinibatchTraining.lossHistory(listener, name + ", embedding   ", em,
                new MeanSquaredError(), Sgd.builder(s.learningRate()).build(), train, s.batchSize(), s.epochs(), seed);
        HypernetExperiment.ModelRun embedding = new HypernetExperiment.ModelRun(
                em.embeddingParameterCount() + em.primaryParameterCount(), em.embeddingParameterCount(),
                em.primaryParameterCount(), HypernetExperiment.mse(em, test), embeddingLosses);
        return new SeedRun(key, hyper, embedding);
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of {@link #runs}, in that order
     * @return per type and E, both models over the seeds
     * @throws IllegalArgumentException if the runs are not those of {@link #runs} in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        Settings s = Objects.requireNonNull(settings, "settings");
        List<Row> rows = new ArrayList<>();
        for (List<SeedRun> seeds : SweepRuns.groupsOfSeeds(runs(s), runs, SeedRun::key, s.seeds(),
                "types, then E, then seeds")) {
            RunKey key = seeds.get(0).key();
            rows.add(new Row(key.type(), key.embeddingDimension(),
                    HypernetExperiment.modelResult(seeds.stream().map(SeedRun::hypernetwork).toList(), s.epochs()),
                    HypernetExperiment.modelResult(seeds.stream().map(SeedRun::embedding).toList(), s.epochs())));
        }
        return new Result(s, backend, RadnetVersion.current(), RadnetVersion.commit(), rows);
    }
}
