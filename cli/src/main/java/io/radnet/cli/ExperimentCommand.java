package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Workload;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.io.CnnFiles;
import io.radnet.core.network.GeneratedWeightInitialization;
import io.radnet.experiments.EmbeddingDimensionExperiment;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.HypernetExperiment;
import io.radnet.experiments.IntrinsicExperiment;
import io.radnet.experiments.RcnetExperiment;
import io.radnet.experiments.RotationExperiment;
import io.radnet.experiments.WidthSweepExperiment;
import io.radnet.experiments.Sweep;
import io.radnet.experiments.Sweeps;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet experiment hypernet|embedding-dim|rotation|width-sweep|rcnet|intrinsic}: the parameter-sharing experiments
 * {@link HypernetExperiment} and {@link RcnetExperiment} and the intrinsic-parameters CNN
 * experiment {@link IntrinsicExperiment} at scaled sizes, printed as tables beside the papers'
 * claims, as JSON ({@code --json}) and optionally as PNG charts ({@code --plot DIR}). Options that change a size are validated before anything runs (exit 2,
 * one line on stderr).
 */
@Command(name = "experiment",
        description = {
            "Runs a hypernetwork, RCNet or CNN experiment of the papers.",
            "hypernet, embedding-dim, rotation and width-sweep (hypernetworks paper),",
            "rcnet (RCNet paper), intrinsic (intrinsic-parameters paper).",
            "At scaled sizes; each subcommand's --help gives them and the paper's."},
        subcommands = {ExperimentCommand.Hypernet.class, ExperimentCommand.Rcnet.class, ExperimentCommand.Rotation.class,
            ExperimentCommand.WidthSweep.class, ExperimentCommand.EmbeddingDim.class, ExperimentCommand.Intrinsic.class})
public final class ExperimentCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Creates the command; picocli instantiates it as a subcommand of {@link RadnetCommand}. */
    public ExperimentCommand() {
    }

    /**
     * Without a subcommand: says which ones exist.
     *
     * @return never returns normally
     */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing experiment: use 'experiment hypernet', 'embedding-dim',"
                + " 'rotation', 'width-sweep', 'rcnet' or"
                + " 'intrinsic'");
    }

    /**
     * The text report of an experiment's result.
     *
     * @param <R> the result record
     */
    @FunctionalInterface
    interface TextReport<R> {
        /** @return the text report, one string per line */
        List<String> text(String backend, int threads, R result);
    }

    /**
     * The options every experiment subcommand takes: the backend, the output form and the
     * progress bar; and the checks every subcommand makes of its options before it runs.
     */
    static class RunOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--backend", paramLabel = "NAME",
                description = "The backend to run on (see 'radnet backends'); default: chosen by the size of the "
                        + "run's networks, batches and steps (the size-aware rule of 'radnet backends').")
        String backendName;

        @Option(names = "--json", description = "Print one JSON object instead of tables.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (drawn on stderr only on a terminal).")
        boolean quiet;

        /** @return a usage error (exit 2, the message on one line) of the command */
        ParameterException usage(String message) {
            return new ParameterException(mixee.commandLine(), message);
        }

        /**
         * Every single-valued integer option of an experiment counts something (samples, epochs,
         * seeds, a width): requires each one given to be at least 1, in the order given.
         *
         * @throws ParameterException "OPTION must be at least 1, got V" for the first that is not
         */
        void requireCounts() {
            for (OptionSpec option : mixee.commandLine().getParseResult().matchedOptions()) {
                boolean integer = option.type() == int.class || option.type() == Integer.class;
                if (integer && !option.isMultiValue() && option.<Integer>getValue() < 1) {
                    throw usage(option.longestName() + " must be at least 1, got " + option.getValue());
                }
            }
        }

        /** @throws ParameterException "OPTION: DIR is not an existing directory" unless it is one (or not given) */
        void requireDirectory(String option, Path directory) {
            if (directory != null && !Files.isDirectory(directory)) {
                throw usage(option + ": " + directory + " is not an existing directory");
            }
        }

        /**
         * @param work what the run computes, asked only when no backend is named
         * @return the named backend, else the size-aware default for that work on every core
         *     ({@link Backends#defaultBackendFor(Workload, int)} with the available processors: the
         *     configured backend, else by its size and the backends' costs on the threads they run on
         *     here, since an experiment leaves ND4J's OpenBLAS and JBLAS's large products on every core)
         */
        Backend backend(Supplier<Workload> work) {
            return backendName == null ? Backends.defaultBackendFor(work.get(), Runtime.getRuntime().availableProcessors())
                    : Backends.get(backendName);
        }

        ExperimentListener progress() {
            PrintWriter err = mixee.commandLine().getErr();
            return !quiet && TerminalProgress.isInteractive() ? new TerminalProgress(err) : ExperimentListener.NONE;
        }

        /**
         * Prints the report: the JSON with {@code --json}, otherwise the text lines and one
         * "wrote FILE" line per file written.
         */
        void print(List<String> lines, String json, List<Path> written) {
            PrintWriter out = mixee.commandLine().getOut();
            if (this.json) {
                out.println(json);
            } else {
                lines.forEach(out::println);
                written.forEach(p -> out.println("wrote " + p));
            }
            out.flush();
        }
    }

    /** The options of the hypernetworks and RCNet experiments: {@link RunOptions}, charts, Spark and the sizes. */
    static final class CommonOptions extends RunOptions {
        @Option(names = "--plot", paramLabel = "DIR", description = "Also write PNG charts into this existing directory.")
        Path plotDirectory;

        @Option(names = "--spark", paramLabel = "MASTER",
                description = "Run every run (seed and setting) as one task on Apache Spark: local[N], spark://HOST:PORT, "
                        + "… (./radnet adds Spark's jars); the numbers equal the local run's on the same backend.")
        String sparkMaster;

        @Option(names = {"-n", "--seeds"}, paramLabel = "N", description = "Run the seeds 1..N (default 3).")
        Integer seeds;

        @Option(names = "--train", paramLabel = "N", description = "Training samples (default: see above).")
        Integer train;

        @Option(names = "--test", paramLabel = "N", description = "Test samples (default: see above).")
        Integer test;

        @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: see above).")
        Integer epochs;

        static int or(Integer value, int fallback) {
            return value == null ? fallback : value;
        }

        /** @return --seeds, or the fallback when it is not given */
        int seeds(int fallback) {
            return or(seeds, fallback);
        }

        /** @return --train, or the fallback when it is not given */
        int train(int fallback) {
            return or(train, fallback);
        }

        /** @return --test, or the fallback when it is not given */
        int test(int fallback) {
            return or(test, fallback);
        }

        /** @return --epochs, or the fallback when it is not given */
        int epochs(int fallback) {
            return or(epochs, fallback);
        }

        /**
         * Validates the options ({@link #requireCounts}), the plot directory and the charts to be
         * written into it, then builds the settings.
         *
         * @param plotNames the file names of the charts this experiment writes into {@code --plot}
         * @param build makes the settings from the options; an IllegalArgumentException is a usage error
         * @return the settings
         */
        <T> T settings(List<String> plotNames, Supplier<T> build) {
            requireCounts();
            requireDirectory("--plot", plotDirectory);
            if (plotDirectory != null) {
                CommandFiles files = new CommandFiles(mixee.commandLine());
                plotNames.forEach(name -> files.output("--plot", plotDirectory.resolve(name), CommandFiles.Kind.CHART));
                files.check();
            }
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }

        /**
         * Runs the experiment, here or with {@code --spark} one Spark task per run, and prints its
         * report: text, or JSON with {@code --json}, and the charts with {@code --plot}.
         *
         * @param sweep the experiment as a sweep
         * @param settings its settings
         * @param work the run's work, from which the backend is chosen when none is named
         *     ({@link #backend(Supplier)}); with {@code --spark} every task runs on that backend
         * @param local runs it here, on the backend and with the progress listener given
         * @param text the text report
         * @param json the JSON report
         * @param charts writes the charts into the directory and returns their files
         * @return the exit code, 0
         */
        <S extends Record, K extends Record, O extends Record, R extends Record> Integer runAndPrint(
                Sweep<S, K, O, R> sweep, S settings, Supplier<Workload> work,
                BiFunction<Backend, ExperimentListener, R> local, TextReport<R> text,
                BiFunction<String, R, String> json, BiFunction<R, Path, List<Path>> charts) {
            Backend backend = backend(work);
            R result;
            if (SparkOption.check(sparkMaster) == null) {
                result = local.apply(backend, progress());
            } else {
                try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
                    result = cluster.sweep(backend.name(), sweep, settings, progress());
                }
            }
            List<Path> plots = plotDirectory == null ? List.of() : charts.apply(result, plotDirectory);
            print(text.text(backend.name(), backend.threads(), result), json.apply(backend.name(), result), plots);
            return ExitCode.OK;
        }
    }

    /** {@code radnet experiment hypernet}. */
    @Command(name = "hypernet",
            description = {
                "Hypernetwork versus embedding method on synthetic targets.",
                "Hypernetwork g(x; f(I)) versus the embedding method q([x, e(I)]) on",
                "the synthetic targets of Type I, II and III (hypernetworks paper, §5),",
                "sweeping the depth k of f and e: test MSE (mean ± std over seeds) and",
                "the parameter counts N_f, N_g, N_e, N_q.",
                "Scaled: d_x = d_I = 8, width 32, 10,000 training and 1,000 test",
                "samples, 50 epochs, 3 seeds (paper: width 100, 30,000 samples).",
                "About 4 minutes on 2 cores.",
                "",
            })
    static final class Hypernet implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        private HypernetExperiment.Settings d = HypernetExperiment.Settings.defaults();
        private GeneratedWeightInitialization initialization;

        @Option(names = "--types", paramLabel = "TYPE", split = ",",
                description = "Target types I, II, III to run (default: all three).")
        List<String> types;

        @Option(names = "--depths", paramLabel = "K", split = ",",
                description = "Depths k of f and e (default: 1,2,3,4; paper preset 2,…,9).")
        List<Integer> depths;

        @Option(names = "--width", paramLabel = "W", description = "Hidden width of f and e (default 32; paper preset 100).")
        Integer width;

        @Option(names = "--preset", paramLabel = "NAME",
                description = "Sizes: default (as above) or paper: d_x = d_I = 1000, width 100, depths 2,…,9, 30,000 "
                        + "training and 3,000 test samples (hours on 2 cores). Other options change the preset's values.")
        void setPreset(String v) {
            d = switch (v) {
                case "default" -> HypernetExperiment.Settings.defaults();
                case "paper" -> HypernetExperiment.Settings.paper();
                default -> throw common.usage("--preset: unknown preset '" + v + "'; accepted: default, paper");
            };
        }

        @Option(names = "--generated-init", paramLabel = "RULE",
                description = "How f's last layer starts: unscaled (default, the paper's code) or fan-in (scaled so that "
                        + "g starts like a PyTorch-initialised network).")
        void setInitialization(String v) {
            initialization = parseInitialization(common, v);
        }

        @Override
        public Integer call() {
            HypernetExperiment.Settings s = common.settings(SharingReport.HYPERNET_PLOTS, () -> {
                List<HypernetworkTargets.Type> t = types(types, d.types());
                int[] k = integers(depths, d.depths());
                return new HypernetExperiment.Settings(t, k, common.seeds(d.seeds()), d.xWidth(), d.iWidth(),
                        CommonOptions.or(width, d.hiddenWidth()), d.primaryHidden(), common.train(d.trainSamples()),
                        common.test(d.testSamples()), common.epochs(d.epochs()), d.batchSize(), d.learningRate(),
                        initialization == null ? d.initialization() : initialization);
            });
            return common.runAndPrint(Sweeps.HYPERNET, s, s::workload, (backend, progress) -> new HypernetExperiment(
                    backend, progress).run(s), SharingReport::text, SharingReport::json, SharingReport::plots);
        }
    }

    /** @return the values given, or the fallback when none are */
    static int[] integers(List<Integer> values, int[] fallback) {
        return values == null ? fallback : values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return the types named (I, II, III), or the fallback when none are */
    static List<HypernetworkTargets.Type> types(List<String> names, List<HypernetworkTargets.Type> fallback) {
        return names == null ? fallback : names.stream().map(HypernetworkTargets.Type::parse).toList();
    }

    /** Parses --generated-init; a bad value is a usage error naming the option. */
    static GeneratedWeightInitialization parseInitialization(CommonOptions common, String value) {
        try {
            return GeneratedWeightInitialization.parse(value);
        } catch (IllegalArgumentException e) {
            throw common.usage("--generated-init: " + e.getMessage());
        }
    }

    /** {@code radnet experiment rcnet}. */
    @Command(name = "rcnet",
            description = {
                "RCNet: one shared block applied r times, on two tasks.",
                "RCNet L₂ ∘ g^r ∘ L₁ with one shared block g(v) = ReLU(A v + c) (RCNet",
                "paper, §4), sweeping r: the 2-D function approximation on [0,1]² (test",
                "MSE and max error) and the two-spiral classification (test accuracy).",
                "Scaled: n = 50 and 30, 10,000 training and 2,000 test samples, 150",
                "epochs, 8 spiral half-turns, 3 seeds (paper: n = 100 and 30, 10⁶ and",
                "6 × 10⁵ samples, 500 and 1000 epochs, 24 half-turns).",
                "About 4 minutes on 2 cores.",
                "",
            })
    static final class Rcnet implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        private final RcnetExperiment.Settings d = RcnetExperiment.Settings.defaults();

        @Option(names = {"-r", "--repetitions"}, paramLabel = "R", split = ",",
                description = "Values of r to sweep (default: 1,2,3,4).")
        List<Integer> repetitions;

        @Option(names = "--width", paramLabel = "N", description = "Width n of the approximation network (default 50).")
        Integer width;

        @Option(names = "--spiral-width", paramLabel = "N", description = "Width n of the spiral network (default 30).")
        Integer spiralWidth;

        @Option(names = "--half-turns", paramLabel = "S", description = "Spiral half-turns s (default 8, paper 24).")
        Integer halfTurns;

        @Override
        public Integer call() {
            RcnetExperiment.Settings s = common.settings(SharingReport.RCNET_PLOTS, () -> {
                int train = common.train(d.approximationTrain());
                int test = common.test(d.approximationTest());
                int epochs = common.epochs(d.approximationEpochs());
                return new RcnetExperiment.Settings(integers(repetitions, d.repetitions()), common.seeds(d.seeds()),
                        CommonOptions.or(width, d.approximationWidth()), train, test, epochs, d.approximationBatch(),
                        d.approximationRate(), CommonOptions.or(spiralWidth, d.spiralWidth()),
                        CommonOptions.or(halfTurns, d.spiralHalfTurns()), train, test, epochs, d.spiralBatch(),
                        d.spiralRate());
            });
            return common.runAndPrint(Sweeps.RCNET, s, s::workload, (backend, progress) -> new RcnetExperiment(backend,
                    progress).run(s), SharingReport::text, SharingReport::json, SharingReport::plots);
        }
    }

    /** {@code radnet experiment intrinsic}. */
    @Command(name = "intrinsic",
            description = {
                "The intrinsic-parameters CNN: train two blocks, keep accuracy.",
                "The CNN of the intrinsic-parameters paper (§3.3, Table 1: four blocks,",
                "batch norm on every layer) on Fashion-MNIST by two strategies: S1 trains",
                "everything; S2 pre-trains on classes 0-4, then trains only blocks 2 and 4",
                "(blocks 1 and 3 frozen) on all classes. Reports the best test accuracy",
                "over the epochs and the trainable and total parameter counts beside the",
                "paper's (S1 0.9458, S2 0.9360). RAdam, weight decay 1e-4, learning rate",
                "0.002·0.93^(i-1) in epoch i, batch 128. Default: the first 24,000",
                "training and all 10,000 test images, 4 epochs of S1, 4 + 4 of S2 (about 13",
                "minutes on 2 cores); --preset paper: 60,000 and 10,000 images, 300 epochs",
                "per phase (days). Reads Fashion-MNIST where Debian's dataset-fashion-mnist",
                "installs it, or from RADNET_DATA.",
                "",
            })
    static final class Intrinsic implements Callable<Integer> {
        @Mixin
        RunOptions run;

        @Option(names = "--plot", paramLabel = "DIR",
                description = "Also write intrinsic-test-accuracy.png (test accuracy per epoch) into this existing directory.")
        Path plotDirectory;

        @Option(names = "--save", paramLabel = "DIR",
                description = "Write the trained networks as DIR/s1.safetensors and DIR/s2.safetensors (an existing directory).")
        Path saveDirectory;

        @Option(names = "--preset", paramLabel = "NAME",
                description = "default (scaled, see above) or paper (the full setting); the options below override it.")
        String preset = "default";

        @Option(names = "--train", paramLabel = "N", description = "The first N training images (default 24000).")
        Integer train;

        @Option(names = "--test", paramLabel = "N", description = "The first N test images (default 10000).")
        Integer test;

        @Option(names = "--epochs", paramLabel = "N", description = "S1's epochs (default 4).")
        Integer epochs;

        @Option(names = "--pretrain-epochs", paramLabel = "N", description = "S2's epochs on classes 0-4 (default 4).")
        Integer pretrainEpochs;

        @Option(names = "--fine-tune-epochs", paramLabel = "N", description = "S2's epochs on blocks 2 and 4 (default 4).")
        Integer fineTuneEpochs;

        @Option(names = "--batch", paramLabel = "N", description = "The minibatch size (default 128).")
        Integer batch;

        @Option(names = "--seed", paramLabel = "S", description = "The seed of the initial network, dropout and shuffles (default 1).")
        Long seed;

        @Override
        public Integer call() {
            run.requireCounts();
            IntrinsicExperiment.Settings base = switch (preset) {
                case "default" -> IntrinsicExperiment.Settings.defaults();
                case "paper" -> IntrinsicExperiment.Settings.paper();
                default -> throw run.usage("--preset must be default or paper, got '" + preset + "'");
            };
            IntrinsicExperiment.Settings s = new IntrinsicExperiment.Settings(
                    CommonOptions.or(train, base.trainSamples()), CommonOptions.or(test, base.testSamples()),
                    CommonOptions.or(epochs, base.epochs()), CommonOptions.or(pretrainEpochs, base.pretrainEpochs()),
                    CommonOptions.or(fineTuneEpochs, base.fineTuneEpochs()), CommonOptions.or(batch, base.batchSize()),
                    base.learningRate(), base.decay(), base.weightDecay(), seed == null ? base.seed() : seed);
            CommandFiles files = new CommandFiles(run.mixee.commandLine());
            run.requireDirectory("--plot", plotDirectory);
            run.requireDirectory("--save", saveDirectory);
            if (plotDirectory != null) {
                IntrinsicExperimentReport.PLOTS.forEach(name -> files.output("--plot", plotDirectory.resolve(name),
                        CommandFiles.Kind.CHART));
            }
            if (saveDirectory != null) {
                files.output("--save", saveDirectory.resolve("s1.safetensors"), CommandFiles.Kind.MODEL);
                files.output("--save", saveDirectory.resolve("s2.safetensors"), CommandFiles.Kind.MODEL);
            }
            files.check();
            Backend backend = run.backend(() -> s.workload(
                    CnnArchitectures.intrinsicParameters(Backends.defaultBackend(), s.seed())));
            IntrinsicExperiment.Result result = new IntrinsicExperiment(backend, run.progress()).run(s);
            List<Path> written = new ArrayList<>();
            if (saveDirectory != null) {
                Path s1 = saveDirectory.resolve("s1.safetensors");
                Path s2 = saveDirectory.resolve("s2.safetensors");
                CnnFiles.save(result.s1().network(), s1);
                CnnFiles.save(result.s2().network(), s2);
                written.add(s1);
                written.add(s2);
            }
            if (plotDirectory != null) {
                written.addAll(IntrinsicExperimentReport.plots(result, plotDirectory));
            }
            run.print(IntrinsicExperimentReport.text(backend.threads(), result), IntrinsicExperimentReport.json(result),
                    written);
            return ExitCode.OK;
        }
    }

    /** {@code radnet experiment rotation}. */
    @Command(name = "rotation",
            description = {
                "Hypernetworks predicting Fashion-MNIST rotations.",
                "Rotation prediction on Fashion-MNIST (hypernetworks paper, §5, Fig. 3):",
                "x = the image I rotated by α ~ U(0°, 360°) (bilinear, zero fill), the",
                "label the nearest multiple of 30° (12 classes). Hypernetwork g(x; f(I)),",
                "g: 784 → 10 → 12 without biases, against q([x, e(I)]); f and e ReLU MLPs",
                "of k layers of width 50; SGD (lr 0.01, batch 64) on the cross-entropy.",
                "Prints the test error per depth (mean ± std over seeds).",
                "Default: k = 2,3,5,9, 5,000 training and 1,000 test samples, 5",
                "epochs, 2 seeds (paper: k = 2…9, a random 10,000 training images,",
                "100 epochs).",
                "About 10 minutes on 2 cores. Needs Fashion-MNIST (Debian's",
                "dataset-fashion-mnist, or RADNET_DATA).",
                "",
            })
    static final class Rotation implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        private final RotationExperiment.Settings d = RotationExperiment.Settings.defaults();
        private GeneratedWeightInitialization initialization = d.initialization();

        @Option(names = "--depths", paramLabel = "K", split = ",", description = "Depths k of f and e (default: 2,3,5,9).")
        List<Integer> depths;

        @Option(names = "--width", paramLabel = "W", description = "Hidden width of f and e (default 50).")
        Integer width;

        @Option(names = "--generated-init", paramLabel = "RULE",
                description = "How f's last layer starts: fan-in (default: scaled so that g starts like a PyTorch-"
                        + "initialised network) or unscaled (the paper's code).")
        void setInitialization(String v) {
            initialization = parseInitialization(common, v);
        }

        @Override
        public Integer call() {
            RotationExperiment.Settings s = common.settings(HypernetPaperReport.ROTATION_PLOTS,
                    () -> new RotationExperiment.Settings(integers(depths, d.depths()), common.seeds(d.seeds()),
                            CommonOptions.or(width, d.hiddenWidth()), d.primaryHidden(), common.train(d.trainSamples()),
                            common.test(d.testSamples()), common.epochs(d.epochs()), d.batchSize(), d.learningRate(),
                            initialization));
            return common.runAndPrint(Sweeps.ROTATION, s, s::workload, (backend, progress) -> new RotationExperiment(
                    backend, progress).run(s), HypernetPaperReport::text, HypernetPaperReport::json,
                    HypernetPaperReport::plots);
        }
    }

    /** {@code radnet experiment width-sweep}. */
    @Command(name = "width-sweep",
            description = {
                "Assumption 2: the test MSE of 784 → w → 10 against w.",
                "The hypernetworks paper's check of its Assumption 2 (appendix Fig. 8):",
                "on Fashion-MNIST, 784 → w → 10 trained on the MSE against one-hot",
                "labels with Adadelta (lr 1.0, batch 64, 2 epochs), w = 1…29; prints the",
                "test MSE against w and how often it falls from one width to the next.",
                "Default: the paper's settings with ELU, all 60,000 training and 10,000",
                "test images, 1 seed. About 5 minutes on 2 cores. Needs Fashion-MNIST.",
                "",
            })
    static final class WidthSweep implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        private final WidthSweepExperiment.Settings d = WidthSweepExperiment.Settings.defaults();

        @Option(names = "--widths", paramLabel = "W", split = ",", description = "Hidden widths w (default: 1,2,…,29).")
        List<Integer> widths;

        @Option(names = "--activations", paramLabel = "NAME", split = ",",
                description = "Hidden activations: elu, relu, sigmoid, tanh, softplus, … (default: elu).")
        List<String> activations;

        @Override
        public Integer call() {
            WidthSweepExperiment.Settings s = common.settings(HypernetPaperReport.WIDTH_PLOTS,
                    () -> new WidthSweepExperiment.Settings(integers(widths, d.widths()),
                            activations == null ? d.activations() : activations, common.seeds(d.seeds()),
                            common.train(d.trainSamples()), common.test(d.testSamples()), common.epochs(d.epochs()),
                            d.batchSize(), d.learningRate()));
            return common.runAndPrint(Sweeps.WIDTH_SWEEP, s, s::workload, (backend, progress) ->
                    new WidthSweepExperiment(backend, progress).run(s), HypernetPaperReport::text,
                    HypernetPaperReport::json, HypernetPaperReport::plots);
        }
    }

    /** {@code radnet experiment embedding-dim}. */
    @Command(name = "embedding-dim",
            description = {
                "Hypernetwork versus embedding method as E grows.",
                "The hypernetworks paper's embedding-dimension sweep (§5, Fig. 1b) on a",
                "synthetic target: f: d → 100 → E → N_g with g: d → 10 → 1, against",
                "e: d → 100 → 100 → E with q: (d + E) → 10 → 1; test MSE per E.",
                "Default: Type I, d = 100, E = 100,200,400,800, 5,000 training and",
                "1,000 test samples, 10 epochs, 2 seeds (paper: 30,000 samples; its",
                "values of E are lost from the text). About 10 minutes on 2 cores.",
                "",
            })
    static final class EmbeddingDim implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        private final EmbeddingDimensionExperiment.Settings d = EmbeddingDimensionExperiment.Settings.defaults();
        private GeneratedWeightInitialization initialization = d.initialization();

        @Option(names = "--types", paramLabel = "TYPE", split = ",", description = "Target types I, II, III (default: I).")
        List<String> types;

        @Option(names = {"-E", "--embedding-dims"}, paramLabel = "E", split = ",",
                description = "Embedding dimensions E (default: 100,200,400,800).")
        List<Integer> dimensions;

        @Option(names = "--d", paramLabel = "D", description = "d = d_x = d_I (default 100).")
        Integer width;

        @Option(names = "--generated-init", paramLabel = "RULE",
                description = "How f's last layer starts: unscaled (default, the paper's code) or fan-in.")
        void setInitialization(String v) {
            initialization = parseInitialization(common, v);
        }

        @Override
        public Integer call() {
            EmbeddingDimensionExperiment.Settings s = common.settings(HypernetPaperReport.EMBEDDING_PLOTS, () -> {
                List<HypernetworkTargets.Type> t = types(types, d.types());
                return new EmbeddingDimensionExperiment.Settings(t, integers(dimensions, d.embeddingDimensions()),
                        common.seeds(d.seeds()), CommonOptions.or(width, d.width()), d.hiddenWidth(), d.primaryHidden(),
                        common.train(d.trainSamples()), common.test(d.testSamples()), common.epochs(d.epochs()),
                        d.batchSize(), d.learningRate(), initialization);
            });
            return common.runAndPrint(Sweeps.EMBEDDING_DIM, s, s::workload, (backend, progress) ->
                    new EmbeddingDimensionExperiment(backend, progress).run(s), HypernetPaperReport::text,
                    HypernetPaperReport::json, HypernetPaperReport::plots);
        }
    }
}
