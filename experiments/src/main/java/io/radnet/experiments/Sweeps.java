package io.radnet.experiments;

import io.radnet.api.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The experiments of the library as {@link Sweep}s: {@link #EXPERIMENT1}, {@link #EXPERIMENT2},
 * {@link #EXPERIMENT3} of the radial paper (one run per seed), {@link #HYPERNET} (one run per
 * target type, depth and seed) and {@link #RCNET} (one run per r and seed).
 */
public final class Sweeps {
    /** Experiment 1 of the radial paper, one run per seed. */
    public static final Sweep<RadialExperiment1.Settings, SeedKey, RadialExperiment1.SeedRun, RadialExperiment1.Result>
            EXPERIMENT1 = new PerSeed<>("experiment1", RadialExperiment1.Settings.class, RadialExperiment1.SeedRun.class) {
                @Override
                int seeds(RadialExperiment1.Settings settings) {
                    return settings.seeds();
                }

                @Override
                public RadialExperiment1.Settings defaults() {
                    return RadialExperiment1.Settings.defaults();
                }

                @Override
                public RadialExperiment1.SeedRun run(Backend backend, RadialExperiment1.Settings settings, SeedKey key) {
                    return new RadialExperiment1(backend).runSeed(settings, key.seed());
                }

                @Override
                public RadialExperiment1.Result assemble(String backend, RadialExperiment1.Settings settings,
                        List<RadialExperiment1.SeedRun> outputs) {
                    return RadialExperiment1.assemble(backend, settings, outputs);
                }
            };

    /** Experiment 2 of the radial paper, one run per seed. */
    public static final Sweep<RadialExperiment2.Settings, SeedKey, RadialExperiment2.SeedRun, RadialExperiment2.Result>
            EXPERIMENT2 = new PerSeed<>("experiment2", RadialExperiment2.Settings.class, RadialExperiment2.SeedRun.class) {
                @Override
                int seeds(RadialExperiment2.Settings settings) {
                    return settings.seeds();
                }

                @Override
                public RadialExperiment2.Settings defaults() {
                    return RadialExperiment2.Settings.defaults();
                }

                @Override
                public RadialExperiment2.SeedRun run(Backend backend, RadialExperiment2.Settings settings, SeedKey key) {
                    return new RadialExperiment2(backend, ExperimentListener.NONE).runSeed(settings, key.seed());
                }

                @Override
                public RadialExperiment2.Result assemble(String backend, RadialExperiment2.Settings settings,
                        List<RadialExperiment2.SeedRun> outputs) {
                    return RadialExperiment2.assemble(backend, settings, outputs);
                }
            };

    /** Experiment 3 of the radial paper, one run (both networks of a seed) per seed. */
    public static final Sweep<RadialExperiment3.Settings, SeedKey, RadialExperiment3.SeedRun, RadialExperiment3.Result>
            EXPERIMENT3 = new PerSeed<>("experiment3", RadialExperiment3.Settings.class, RadialExperiment3.SeedRun.class) {
                @Override
                int seeds(RadialExperiment3.Settings settings) {
                    return settings.seeds();
                }

                @Override
                public RadialExperiment3.Settings defaults() {
                    return RadialExperiment3.Settings.defaults();
                }

                @Override
                public RadialExperiment3.SeedRun run(Backend backend, RadialExperiment3.Settings settings, SeedKey key) {
                    return new RadialExperiment3(backend, ExperimentListener.NONE).runSeed(settings, key.seed());
                }

                @Override
                public RadialExperiment3.Result assemble(String backend, RadialExperiment3.Settings settings,
                        List<RadialExperiment3.SeedRun> outputs) {
                    return RadialExperiment3.assemble(backend, settings, outputs);
                }
            };

    /** The hypernetworks experiment, one run per target type, depth and seed. */
    public static final Sweep<HypernetExperiment.Settings, HypernetExperiment.RunKey, HypernetExperiment.SeedRun,
            HypernetExperiment.Result> HYPERNET = new Sweep<>() {
                @Override
                public String name() {
                    return "hypernet";
                }

                @Override
                public Class<HypernetExperiment.Settings> settingsType() {
                    return HypernetExperiment.Settings.class;
                }

                @Override
                public HypernetExperiment.Settings defaults() {
                    return HypernetExperiment.Settings.defaults();
                }

                @Override
                public Class<HypernetExperiment.RunKey> keyType() {
                    return HypernetExperiment.RunKey.class;
                }

                @Override
                public Class<HypernetExperiment.SeedRun> outputType() {
                    return HypernetExperiment.SeedRun.class;
                }

                @Override
                public List<HypernetExperiment.RunKey> runs(HypernetExperiment.Settings settings) {
                    return HypernetExperiment.runs(settings);
                }

                @Override
                public HypernetExperiment.SeedRun run(Backend backend, HypernetExperiment.Settings settings,
                        HypernetExperiment.RunKey key) {
                    return new HypernetExperiment(backend, ExperimentListener.NONE).runOne(settings, key);
                }

                @Override
                public HypernetExperiment.Result assemble(String backend, HypernetExperiment.Settings settings,
                        List<HypernetExperiment.SeedRun> outputs) {
                    return HypernetExperiment.assemble(backend, settings, outputs);
                }
            };

    /** The RCNet experiment, one run (both tasks) per r and seed. */
    public static final Sweep<RcnetExperiment.Settings, RcnetExperiment.RunKey, RcnetExperiment.SeedRun,
            RcnetExperiment.Result> RCNET = new Sweep<>() {
                @Override
                public String name() {
                    return "rcnet";
                }

                @Override
                public Class<RcnetExperiment.Settings> settingsType() {
                    return RcnetExperiment.Settings.class;
                }

                @Override
                public RcnetExperiment.Settings defaults() {
                    return RcnetExperiment.Settings.defaults();
                }

                @Override
                public Class<RcnetExperiment.RunKey> keyType() {
                    return RcnetExperiment.RunKey.class;
                }

                @Override
                public Class<RcnetExperiment.SeedRun> outputType() {
                    return RcnetExperiment.SeedRun.class;
                }

                @Override
                public List<RcnetExperiment.RunKey> runs(RcnetExperiment.Settings settings) {
                    return RcnetExperiment.runs(settings);
                }

                @Override
                public RcnetExperiment.SeedRun run(Backend backend, RcnetExperiment.Settings settings,
                        RcnetExperiment.RunKey key) {
                    return new RcnetExperiment(backend, ExperimentListener.NONE).runOne(settings, key);
                }

                @Override
                public RcnetExperiment.Result assemble(String backend, RcnetExperiment.Settings settings,
                        List<RcnetExperiment.SeedRun> outputs) {
                    return RcnetExperiment.assemble(backend, settings, outputs);
                }
            };

    private static final List<Sweep<?, ?, ?, ?>> ALL = List.of(EXPERIMENT1, EXPERIMENT2, EXPERIMENT3, HYPERNET, RCNET);

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

    /** The radial paper's experiments: runs are seeds 1 … N. */
    private abstract static class PerSeed<S extends Record, O extends Record, R extends Record>
            implements Sweep<S, SeedKey, O, R> {
        private final String name;
        private final Class<S> settingsType;
        private final Class<O> outputType;

        PerSeed(String name, Class<S> settingsType, Class<O> outputType) {
            this.name = name;
            this.settingsType = settingsType;
            this.outputType = outputType;
        }

        abstract int seeds(S settings);

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final Class<S> settingsType() {
            return settingsType;
        }

        @Override
        public final Class<SeedKey> keyType() {
            return SeedKey.class;
        }

        @Override
        public final Class<O> outputType() {
            return outputType;
        }

        @Override
        public final List<SeedKey> runs(S settings) {
            return IntStream.rangeClosed(1, seeds(settings)).mapToObj(SeedKey::new).toList();
        }
    }
}
