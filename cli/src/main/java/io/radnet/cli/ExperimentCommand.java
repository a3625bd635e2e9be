package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
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

    /** The options every experiment takes. */
    static final class CommonOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--backend", paramLabel = "NAME",
                description = "The backend to run on (see 'radnet backends'); default: the default backend.")
        String backendName;

        @Option(names = "--json", description = "Print one JSON object instead of tables.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (drawn on stderr only on a terminal).")
        boolean quiet;

        @Option(names = "--plot", paramLabel = "DIR", description = "Also write PNG charts into this existing directory.")
        Path plotDirectory;

        @Option(names = "--spark", paramLabel = "MASTER",
                description = "Run every run (seed and setting) as one task on Apache Spark: local[N], spark://HOST:PORT, "
                        + "… (./radnet adds Spark's jars); the numbers equal the local run's on the same backend.")
        String sparkMaster;

        Integer seeds;
        Integer train;
        Integer test;
        Integer epochs;

        @Option(names = {"-n", "--seeds"}, paramLabel = "N", description = "Run the seeds 1..N (default 3).")
        void setSeeds(int value) {
            seeds = positive("--seeds", value);
        }

        @Option(names = "--train", paramLabel = "N", description = "Training samples (default: see above).")
        void setTrain(int value) {
            train = positive("--train", value);
        }

        @Option(names = "--test", paramLabel = "N", description = "Test samples (default: see above).")
        void setTest(int value) {
            test = positive("--test", value);
        }

        @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: see above).")
        void setEpochs(int value) {
            epochs = positive("--epochs", value);
        }

        static int or(Integer value, int fallback) {
            return value == null ? fallback : value;
        }

        int positive(String option, int value) {
            if (value < 1) {
                throw new ParameterException(mixee.commandLine(), option + " must be at least 1, got " + value);
            }
            return value;
        }

        /**
         * Validates the options, the plot directory and the charts to be written into it, then
         * builds the settings.
         *
         * @param plotNames the file names of the charts this experiment writes into {@code --plot}
         * @param build makes the settings from the options; an IllegalArgumentException is a usage error
         * @return the settings
         */
        <T> T settings(List<String> plotNames, Supplier<T> build) {
            if (plotDirectory != null) {
                if (!Files.isDirectory(plotDirectory)) {
                    throw new ParameterException(mixee.commandLine(), "--plot: " + plotDirectory
                            + " is not an existing directory");
                }
                CommandFiles files = new CommandFiles(mixee.commandLine());
                plotNames.forEach(name -> files.output("--plot", plotDirectory.resolve(name), CommandFiles.Kind.CHART));
                files.check();
            }
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(mixee.commandLine(), e.getMessage());
            }
        }

        Backend backend() {
            return backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
        }

        /**
         * Runs the experiment here, or with {@code --spark} one Spark task per run.
         *
         * @param sweep the experiment as a sweep
         * @param settings its settings
         * @param local runs it here
         * @return the result
         */
        <S extends Record, K extends Record, O extends Record, R extends Record> R run(Sweep<S, K, O, R> sweep,
                S settings, Supplier<R> local) {
            if (SparkOption.check(sparkMaster) == null) {
                return local.get();
            }
            try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
                return cluster.sweep(backendName, sweep, settings, progress());
            }
        }

        /**
         * Runs the experiment ({@link #run}) and prints its report: text, or JSON with
         * {@code --json}, and the charts with {@code --plot}.
         *
         * @param sweep the experiment as a sweep
         * @param settings its settings
         * @param local runs it here, on the backend and with the progress listener given
         * @param text the text report
         * @param json the JSON report
         * @param charts writes the charts into the directory and returns their files
         * @return the exit code, 0
         */
        <S extends Record, K extends Record, O extends Record, R extends Record> Integer runAndPrint(
                Sweep<S, K, O, R> sweep, S settings, BiFunction<Backend, ExperimentListener, R> local,
                TextReport<R> text, BiFunction<String, R, String> json, BiFunction<R, Path, List<Path>> charts) {
            Backend backend = backend();
            R result = run(sweep, settings, () -> local.apply(backend, progress()));
            List<Path> plots = plotDirectory == null ? List.of() : charts.apply(result, plotDirectory);
            print(text.text(backend.name(), backend.threads(), result), json.apply(backend.name(), result), plots);
            return ExitCode.OK;
        }

        ExperimentListener progress() {
            PrintWriter err = mixee.commandLine().getErr();
            return !quiet && TerminalProgress.isInteractive() ? new TerminalProgress(err) : ExperimentListener.NONE;
        }

        void print(List<String> lines, String json, List<Path> plots) {
            PrintWriter out = mixee.commandLine().getOut();
            if (this.json) {
                out.println(json);
            } else {
                lines.forEach(out::println);
                plots.forEach(p -> out.println("wrote " + p));
            }
            out.flush();
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
        private Integer width;
        private GeneratedWeightInitialization initialization;

        @Option(names = "--types", paramLabel = "TYPE", split = ",",
                description = "Target types I, II, III to run (default: all three).")
        List<String> types;

        @Option(names = "--depths", paramLabel = "K", split = ",",
                description = "Depths k of f and e (default: 1,2,3,4; paper preset 2,…,9).")
        List<Integer> depths;

        @Option(names = "--width", paramLabel = "W", description = "Hidden width of f and e (default 32; paper preset 100).")
        void setWidth(int v) {
            width = common.positive("--width", v);
        }

        @Option(names = "--preset", paramLabel = "NAME",
                description = "Sizes: default (as above) or paper: d_x = d_I = 1000, width 100, depths 2,…,9, 30,000 "
                        + "training and 3,000 test samples (hours on 2 cores). Other options change the preset's values.")
        void setPreset(String v) {
            d = switch (v) {
                case "default" -> HypernetExperiment.Settings.defaults();
                case "paper" -> HypernetExperiment.Settings.paper();
                default -> throw new ParameterException(common.mixee.commandLine(), "--preset: unknown preset '" + v
                        + "'; accepted: default, paper");
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
                int[] k = depths == null ? d.depths() : depths.stream().mapToInt(Integer::intValue).toArray();
                return new HypernetExperiment.Settings(t, k, CommonOptions.or(common.seeds, d.seeds()), d.xWidth(),
                        d.iWidth(), CommonOptions.or(width, d.hiddenWidth()), d.primaryHidden(),
                        CommonOptions.or(common.train, d.trainSamples()), CommonOptions.or(common.test, d.testSamples()),
                        CommonOptions.or(common.epochs, d.epochs()), d.batchSize(), d.learningRate(),
                        initialization == null ? d.initialization() : initialization);
            });
            Backend backend = common.backend();
            HypernetExperiment.Result result = common.run(Sweeps.HYPERNET, s,
                    () -> new HypernetExperiment(backend, common.progress()).run(s));
            List<Path> plots = common.plotDirectory == null ? List.of() : SharingReport.plots(result, common.plotDirectory);
            common.print(SharingReport.text(backend.name(), backend.threads(), result),
                    SharingReport.json(backend.name(), result), plots);
            return ExitCode.OK;
        }
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
            throw new ParameterException(common.mixee.commandLine(), "--generated-init: " + e.getMessage());
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
        private int width = d.approximationWidth();
        private int spiralWidth = d.spiralWidth();
        private int halfTurns = d.spiralHalfTurns();

        @Option(names = {"-r", "--repetitions"}, paramLabel = "R", split = ",",
                description = "Values of r to sweep (default: 1,2,3,4).")
        List<Integer> repetitions;

        @Option(names = "--width", paramLabel = "N", description = "Width n of the approximation network (default 50).")
        void setWidth(int v) {
            width = common.positive("--width", v);
        }

        @Option(names = "--spiral-width", paramLabel = "N", description = "Width n of the spiral network (default 30).")
        void setSpiralWidth(int v) {
            spiralWidth = common.positive("--spiral-width", v);
        }

        @Option(names = "--half-turns", paramLabel = "S", description = "Spiral half-turns s (default 8, paper 24).")
        void setHalfTurns(int v) {
            halfTurns = common.positive("--half-turns", v);
        }

        @Override
        public Integer call() {
            int train = CommonOptions.or(common.train, d.approximationTrain());
            int test = CommonOptions.or(common.test, d.approximationTest());
            int epochs = CommonOptions.or(common.epochs, d.approximationEpochs());
            RcnetExperiment.Settings s = common.settings(SharingReport.RCNET_PLOTS, () -> new RcnetExperiment.Settings(
                    repetitions == null ? d.repetitions() : repetitions.stream().mapToInt(Integer::intValue).toArray(),
                    common.seeds == null ? d.seeds() : common.seeds, width, train, test, epochs, d.approximationBatch(),
                    d.approximationRate(), spiralWidth, halfTurns, train, test, epochs, d.spiralBatch(), d.spiralRate()));
            Backend backend = common.backend();
            RcnetExperiment.Result result = common.run(Sweeps.RCNET, s,
                    () -> new RcnetExperiment(backend, common.progress()).run(s));
            List<Path> plots = common.plotDirectory == null ? List.of() : SharingReport.plots(result, common.plotDirectory);
            common.print(SharingReport.text(backend.name(), backend.threads(), result),
                    SharingReport.json(backend.name(), result), plots);
            return ExitCode.OK;
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
                "0.002·0.93^(i-1) in epoch i, batch 128. Default: the first 12,000",
                "training and 2,000 test images, 4 epochs of S1, 4 + 4 of S2 (about 20",
                "minutes on 2 cores); --preset paper: 60,000 and 10,000 images, 300 epochs",
                "per phase (days). Reads Fashion-MNIST where Debian's dataset-fashion-mnist",
                "installs it, or from RADNET_DATA.",
                "",
            })
    static final class Intrinsic implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--backend", paramLabel = "NAME",
                description = "The backend to run on (see 'radnet backends'); default: the default backend.")
        String backendName;

        @Option(names = "--json", description = "Print one JSON object instead of tables.")
        boolean json;

        @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (drawn on stderr only on a terminal).")
        boolean quiet;

        @Option(names = "--plot", paramLabel = "DIR",
                description = "Also write intrinsic-test-accuracy.png (test accuracy per epoch) into this existing directory.")
        Path plotDirectory;

        @Option(names = "--save", paramLabel = "DIR",
                description = "Write the trained networks as DIR/s1.safetensors and DIR/s2.safetensors (an existing directory).")
        Path saveDirectory;

        @Option(names = "--preset", paramLabel = "NAME",
                description = "default (scaled, see above) or paper (the full setting); the options below override it.")
        String preset = "default";

        Integer train;
        Integer test;
        Integer epochs;
        Integer pretrainEpochs;
        Integer fineTuneEpochs;
        Integer batch;
        Long seed;

        @Option(names = "--train", paramLabel = "N", description = "The first N training images (default 12000).")
        void setTrain(int value) {
            train = positive("--train", value);
        }

        @Option(names = "--test", paramLabel = "N", description = "The first N test images (default 2000).")
        void setTest(int value) {
            test = positive("--test", value);
        }

        @Option(names = "--epochs", paramLabel = "N", description = "S1's epochs (default 4).")
        void setEpochs(int value) {
            epochs = positive("--epochs", value);
        }

        @Option(names = "--pretrain-epochs", paramLabel = "N", description = "S2's epochs on classes 0-4 (default 4).")
        void setPretrainEpochs(int value) {
            pretrainEpochs = positive("--pretrain-epochs", value);
        }

        @Option(names = "--fine-tune-epochs", paramLabel = "N", description = "S2's epochs on blocks 2 and 4 (default 4).")
        void setFineTuneEpochs(int value) {
            fineTuneEpochs = positive("--fine-tune-epochs", value);
        }

        @Option(names = "--batch", paramLabel = "N", description = "The minibatch size (default 128).")
        void setBatch(int value) {
            batch = positive("--batch", value);
        }

        @Option(names = "--seed", paramLabel = "S", description = "The seed of the initial network, dropout and shuffles (default 1).")
        void setSeed(long value) {
            seed = value;
        }

        private int positive(String option, int value) {
            if (value < 1) {
                throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
            }
            return value;
        }

        @Override
        public Integer call() {
            IntrinsicExperiment.Settings base = switch (preset) {
                case "default" -> IntrinsicExperiment.Settings.defaults();
                case "paper" -> IntrinsicExperiment.Settings.paper();
                default -> throw new ParameterException(spec.commandLine(), "--preset must be default or paper, got '"
                        + preset + "'");
            };
            IntrinsicExperiment.Settings s = new IntrinsicExperiment.Settings(
                    train == null ? base.trainSamples() : train, test == null ? base.testSamples() : test,
                    epochs == null ? base.epochs() : epochs,
                    pretrainEpochs == null ? base.pretrainEpochs() : pretrainEpochs,
                    fineTuneEpochs == null ? base.fineTuneEpochs() : fineTuneEpochs,
                    batch == null ? base.batchSize() : batch, base.learningRate(), base.decay(), base.weightDecay(),
                    seed == null ? base.seed() : seed);
            CommandFiles files = new CommandFiles(spec.commandLine());
            requireDirectory("--plot", plotDirectory);
            requireDirectory("--save", saveDirectory);
            if (plotDirectory != null) {
                IntrinsicExperimentReport.PLOTS.forEach(name -> files.output("--plot", plotDirectory.resolve(name),
                        CommandFiles.Kind.CHART));
            }
            if (saveDirectory != null) {
                files.output("--save", saveDirectory.resolve("s1.safetensors"), CommandFiles.Kind.MODEL);
                files.output("--save", saveDirectory.resolve("s2.safetensors"), CommandFiles.Kind.MODEL);
            }
            files.check();
            Backend backend = backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
            PrintWriter err = spec.commandLine().getErr();
            ExperimentListener progress = !quiet && TerminalProgress.isInteractive() ? new TerminalProgress(err)
                    : ExperimentListener.NONE;
            IntrinsicExperiment.Result result = new IntrinsicExperiment(backend, progress).run(s);
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
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(IntrinsicExperimentReport.json(result));
            } else {
                IntrinsicExperimentReport.text(backend.threads(), result).forEach(out::println);
                written.forEach(p -> out.println("wrote " + p));
            }
            out.flush();
            return ExitCode.OK;
        }

        private void requireDirectory(String option, Path directory) {
            if (directory != null && !Files.isDirectory(directory)) {
                throw new ParameterException(spec.commandLine(), option + ": " + directory + " is not an existing directory");
            }
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
        private int width = d.hiddenWidth();
        private GeneratedWeightInitialization initialization = d.initialization();

        @Option(names = "--depths", paramLabel = "K", split = ",", description = "Depths k of f and e (default: 2,3,5,9).")
        List<Integer> depths;

        @Option(names = "--width", paramLabel = "W", description = "Hidden width of f and e (default 50).")
        void setWidth(int v) {
            width = common.positive("--width", v);
        }

        @Option(names = "--generated-init", paramLabel = "RULE",
                description = "How f's last layer starts: fan-in (default: scaled so that g starts like a PyTorch-"
                        + "initialised network) or unscaled (the paper's code).")
        void setInitialization(String v) {
            initialization = parseInitialization(common, v);
        }

        @Override
        public Integer call() {
            RotationExperiment.Settings s = common.settings(HypernetPaperReport.ROTATION_PLOTS,
                    () -> new RotationExperiment.Settings(
                            depths == null ? d.depths() : depths.stream().mapToInt(Integer::intValue).toArray(),
                            CommonOptions.or(common.seeds, d.seeds()), width, d.primaryHidden(),
                            CommonOptions.or(common.train, d.trainSamples()), CommonOptions.or(common.test, d.testSamples()),
                            CommonOptions.or(common.epochs, d.epochs()), d.batchSize(), d.learningRate(), initialization));
            return common.runAndPrint(Sweeps.ROTATION, s, (backend, progress) -> new RotationExperiment(backend, progress)
                    .run(s), HypernetPaperReport::text, HypernetPaperReport::json, HypernetPaperReport::plots);
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
                    () -> new WidthSweepExperiment.Settings(
                            widths == null ? d.widths() : widths.stream().mapToInt(Integer::intValue).toArray(),
                            activations == null ? d.activations() : activations, CommonOptions.or(common.seeds, d.seeds()),
                            CommonOptions.or(common.train, d.trainSamples()), CommonOptions.or(common.test, d.testSamples()),
                            CommonOptions.or(common.epochs, d.epochs()), d.batchSize(), d.learningRate()));
            return common.runAndPrint(Sweeps.WIDTH_SWEEP, s, (backend, progress) -> new WidthSweepExperiment(backend,
                    progress).run(s), HypernetPaperReport::text, HypernetPaperReport::json, HypernetPaperReport::plots);
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
        private int width = d.width();
        private GeneratedWeightInitialization initialization = d.initialization();

        @Option(names = "--types", paramLabel = "TYPE", split = ",", description = "Target types I, II, III (default: I).")
        List<String> types;

        @Option(names = {"-E", "--embedding-dims"}, paramLabel = "E", split = ",",
                description = "Embedding dimensions E (default: 100,200,400,800).")
        List<Integer> dimensions;

        @Option(names = "--d", paramLabel = "D", description = "d = d_x = d_I (default 100).")
        void setWidth(int v) {
            width = common.positive("--d", v);
        }

        @Option(names = "--generated-init", paramLabel = "RULE",
                description = "How f's last layer starts: unscaled (default, the paper's code) or fan-in.")
        void setInitialization(String v) {
            initialization = parseInitialization(common, v);
        }

        @Override
        public Integer call() {
            EmbeddingDimensionExperiment.Settings s = common.settings(HypernetPaperReport.EMBEDDING_PLOTS, () -> {
                List<HypernetworkTargets.Type> t = types(types, d.types());
                return new EmbeddingDimensionExperiment.Settings(t, dimensions == null ? d.embeddingDimensions()
                        : dimensions.stream().mapToInt(Integer::intValue).toArray(), CommonOptions.or(common.seeds,
                        d.seeds()), width, d.hiddenWidth(), d.primaryHidden(), CommonOptions.or(common.train,
                        d.trainSamples()), CommonOptions.or(common.test, d.testSamples()), CommonOptions.or(common.epochs,
                        d.epochs()), d.batchSize(), d.learningRate(), initialization);
            });
            return common.runAndPrint(Sweeps.EMBEDDING_DIM, s, (backend, progress) -> new EmbeddingDimensionExperiment(
                    backend, progress).run(s), HypernetPaperReport::text, HypernetPaperReport::json,
                    HypernetPaperReport::plots);
        }
    }
}
