package io.radnet.experiments;

import io.radnet.api.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The experiments of the library as {@link Sweep}s: {@link #EXPERIMENT1}, {@link #EXPERIMENT2},
 * {@link #EXPERIMENT3} of the radial paper (one run per seed), {@link #HYPERNET} (one run per
 * target type, depth and seed), {@link #RCNET} (one run per r and seed), {@link #ROTATION}
 * (one run per depth and seed), {@link #WIDTH_SWEEP} (one run per activation, width and seed) and
 * {@link #EMBEDDING_DIM} (one run per target type, E and seed).
 */
public final class Sweeps {
    /** Experiment 1 of the radial paper, one run per seed. */
    public static final Sweep<RadialExperiment1.Settings, SeedKey, RadialExperiment1.SeedRun, RadialExperiment1.Result>
            EXPERIMENT1 = new Defined<>("experiment1", RadialExperiment1.Settings.class, SeedKey.class,
                    RadialExperiment1.SeedRun.class, RadialExperiment1.Settings::defaults,
                    settings -> seeds(settings.seeds()),
                    (backend, settings, key) -> new RadialExperiment1(backend).runSeed(settings, key.seed()),
                    RadialExperiment1::assemble);

    /** Experiment 2 of the radial paper, one run per seed. */
    public static final Sweep<RadialExperiment2.Settings, SeedKey, RadialExperiment2.SeedRun, RadialExperiment2.Result>
            EXPERIMENT2 = new Defined<>("experiment2", RadialExperiment2.Settings.class, SeedKey.class,
                    RadialExperiment2.SeedRun.class, RadialExperiment2.Settings::defaults,
                    settings -> seeds(settings.seeds()),
                    (backend, settings, key) -> new RadialExperiment2(backend, ExperimentListener.NONE)
                            .runSeed(settings, key.seed()),
                    RadialExperiment2::assemble);

    /** Experiment 3 of the radial paper, one run (both networks of a seed) per seed. */
    public static final Sweep<RadialExperiment3.Settings, SeedKey, RadialExperiment3.SeedRun, RadialExperiment3.Result>
            EXPERIMENT3 = new Defined<>("experiment3", RadialExperiment3.Settings.class, SeedKey.class,
                    RadialExperiment3.SeedRun.class, RadialExperiment3.Settings::defaults,
                    settings -> seeds(settings.seeds()),
                    (backend, settings, key) -> new RadialExperiment3(backend, ExperimentListener.NONE)
                            .runSeed(settings, key.seed()),
                    RadialExperiment3::assemble);

    /** The hypernetworks experiment, one run per target type, depth and seed. */
    public static final Sweep<HypernetExperiment.Settings, HypernetExperiment.RunKey, HypernetExperiment.SeedRun,
            HypernetExperiment.Result> HYPERNET = new Defined<>("hypernet", HypernetExperiment.Settings.class,
                    HypernetExperiment.RunKey.class, HypernetExperiment.SeedRun.class,
                    HypernetExperiment.Settings::defaults, HypernetExperiment::runs,
                    (backend, settings, key) -> new HypernetExperiment(backend, ExperimentListener.NONE)
                            .runOne(settings, key),
                    HypernetExperiment::assemble);

    /** The RCNet experiment, one run (both tasks) per r and seed. */
    public static final Sweep<RcnetExperiment.Settings, RcnetExperiment.RunKey, RcnetExperiment.SeedRun,
            RcnetExperiment.Result> RCNET = new Defined<>("rcnet", RcnetExperiment.Settings.class,
                    RcnetExperiment.RunKey.class, RcnetExperiment.SeedRun.class, RcnetExperiment.Settings::defaults,
                    RcnetExperiment::runs,
                    (backend, settings, key) -> new RcnetExperiment(backend, ExperimentListener.NONE)
                            .runOne(settings, key),
                    RcnetExperiment::assemble);

    /** Rotation prediction on Fashion-MNIST (hypernetworks paper, §5), one run per depth and seed. */
    public static final Sweep<RotationExperiment.Settings, RotationExperiment.RunKey, RotationExperiment.SeedRun,
            RotationExperiment.Result> ROTATION = new Defined<>("rotation", RotationExperiment.Settings.class,
                    RotationExperiment.RunKey.class, RotationExperiment.SeedRun.class,
                    RotationExperiment.Settings::defaults, RotationExperiment::runs,
                    (backend, settings, key) -> new RotationExperiment(backend, ExperimentListener.NONE)
                            .runOne(settings, key),
                    RotationExperiment::assemble);

    /** The check of the hypernetworks paper's Assumption 2, one run per activation, width and seed. */
    public static final Sweep<WidthSweepExperiment.Settings, WidthSweepExperiment.RunKey, WidthSweepExperiment.SeedRun,
            WidthSweepExperiment.Result> WIDTH_SWEEP = new Defined<>("width-sweep", WidthSweepExperiment.Settings.class,
                    WidthSweepExperiment.RunKey.class, WidthSweepExperiment.SeedRun.class,
                    WidthSweepExperiment.Settings::defaults, WidthSweepExperiment::runs,
                    (backend, settings, key) -> new WidthSweepExperiment(backend, ExperimentListener.NONE)
                            .runOne(settings, key),
                    WidthSweepExperiment::assemble);

    /** The hypernetworks paper's embedding-dimension sweep, one run per target type, E and seed. */
    public static final Sweep<EmbeddingDimensionExperiment.Settings, EmbeddingDimensionExperiment.RunKey,
            EmbeddingDimensionExperiment.SeedRun, EmbeddingDimensionExperiment.Result> EMBEDDING_DIM = new Defined<>(
                    "embedding-dim", EmbeddingDimensionExperiment.Settings.class,
                    EmbeddingDimensionExperiment.RunKey.class, EmbeddingDimensionExperiment.SeedRun.class,
                    EmbeddingDimensionExperiment.Settings::defaults, EmbeddingDimensionExperiment::runs,
                    (backend, settings, key) -> new EmbeddingDimensionExperiment(backend, ExperimentListener.NONE)
                            .runOne(settings, key),
                    EmbeddingDimensionExperiment::assemble);

    private static final List<Sweep<?, ?, ?, ?>> ALL = List.of(EXPERIMENT1, EXPERIMENT2, EXPERIMENT3, HYPERNET, RCNET,
            ROTATION, WIDTH_SWEEP, EMBEDDING_DIM);

    private Sweeps() {
    }

    /**
     * The key of a run of the radial paper's experiments.
     *
     * @param seed s, 1 ≤ s ≤ N
     */
    public record SeedKey(int seed) {
    }

    /** @return every sweep, in the order of the fields */
    public static List<Sweep<?, ?, ?, ?>> all() {
        return ALL;
    }

    /**
     * @param name a sweep's {@link Sweep#name()}
     * @return that sweep
     * @throws IllegalArgumentException naming the known sweeps if none has that name
     */
    public static Sweep<?, ?, ?, ?> named(String name) {
        List<String> names = new ArrayList<>();
        for (Sweep<?, ?, ?, ?> sweep : ALL) {
            if (sweep.name().equals(name)) {
                return sweep;
            }
            names.add(sweep.name());
        }
        throw new IllegalArgumentException("no experiment sweep named '" + name + "'; known: " + String.join(", ", names));
    }

    /** @return the keys of seeds 1 … N */
    private static List<SeedKey> seeds(int seeds) {
        return IntStream.rangeClosed(1, seeds).mapToObj(SeedKey::new).toList();
    }

    /** One run of an experiment, as {@link Sweep#run}. */
    @FunctionalInterface
    private interface RunFunction<S, K, O> {
        O run(Backend backend, S settings, K key);
    }

    /** The assembly of an experiment's result, as {@link Sweep#assemble}. */
    @FunctionalInterface
    private interface AssembleFunction<S, O, R> {
        R assemble(String backend, S settings, List<O> outputs);
    }

    /** A sweep made of the experiment's own functions. */
    private record Defined<S extends Record, K extends Record, O extends Record, R extends Record>(String name,
            Class<S> settingsType, Class<K> keyType, Class<O> outputType, Supplier<S> defaultSettings,
            Function<S, List<K>> keys, RunFunction<S, K, O> runOne, AssembleFunction<S, O, R> assembly)
            implements Sweep<S, K, O, R> {
        @Override
        public S defaults() {
            return defaultSettings.get();
        }

        @Override
        public List<K> runs(S settings) {
            return keys.apply(settings);
        }

        @Override
        public O run(Backend backend, S settings, K key) {
            return runOne.run(backend, settings, key);
        }

        @Override
        public R assemble(String backend, S settings, List<O> outputs) {
            return assembly.assemble(backend, settings, outputs);
        }
    }
}
