package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Workload;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment1;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.NoisyImageRecovery;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RadialExperiment4;
import io.radnet.experiments.RadialExperiment5;
import io.radnet.experiments.RadialPaper;
import io.radnet.experiments.Summary;
import io.radnet.experiments.Sweeps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet reproduce}: runs the radial paper's experiments 1–3 ({@link RadialExperiment1},
 * {@link RadialExperiment2}, {@link RadialExperiment3}) and its reference implementation's
 * noisy-image scripts 4 and 5 ({@link RadialExperiment4}, {@link RadialExperiment5}, on the first
 * three Fashion-MNIST training images of a class) and prints each result beside the paper's or
 * the reference's published figure, as text tables or, with {@code --json}, as one JSON object
 * ({@link ReproduceReport}).
 *
 * <p>The report, text or JSON, is printed once every experiment asked for has finished, and not
 * at all when one fails ({@link AllOrNothingExecution}).
 * While experiments 2–5 run, a progress bar is drawn on the err writer when the program
 * runs on a terminal ({@link TerminalProgress#isInteractive()}) and {@code --quiet} is not
 * given; never on the out writer. A bad option exits with 2, an unknown or unavailable backend
 * or missing Fashion-MNIST files with 1, all with one line {@code radnet: REASON} on stderr.
 */
@Command(name = "reproduce",
        description = {
            "Runs experiments 1–3 of the radial paper and 4–5 of its code.",
            "Each result is printed beside the paper's or the reference's published figure.",
            "  1  Theorem 5: QR-compress (1,6,7,1) to (1,2,3,1); mean |F − F_red| on",
            "     121 points. Instant.",
            "  2  Theorem 7: 3000 epochs of GD, projected on Q⁻¹·(W, b), versus GD on",
            "     the reduced network; |L − L_red| at the end. About a second per seed.",
            "  3  Time to MSE < 0.01 of (2,16,64,128,16,2) versus its compression",
            "     (2,3,4,5,6,2) on 14,641 points. Minutes per seed on pure Java. The",
            "     full network trains with the dense pass, as the paper times it",
            "     (--backprop chooses); the report names each network's pass.",
            "  4  Script 4, noisy image recovery: 1000 copies of each of 3 Fashion-MNIST",
            "     images (--class), noise uniform in the ball of 3 × the distance to the",
            "     nearest other image; Step-ReLU radial network (784,785,786,3) versus",
            "     ReLU MLP (784,785,786,3,3), 100 epochs of full-batch GD (lr 0.05,",
            "     cross-entropy); final loss and accuracy, and the held-out variant (100",
            "     copies each, 240 to train, 60 to test). 10 seeds; minutes per seed on",
            "     a native backend, hours on pure Java.",
            "  5  Script 5: the same with 10 copies each, 300 epochs, 5 seeds; the loss",
            "     curves (--plot).",
            "Without --experiment: 1–3. Seed s = 1..N initialises the networks (and",
            "draws the noise); ± is the sample standard deviation (divisor N − 1).",
            "Double precision (the paper and the scripts used float32).",
            "",
        })
public final class ReproduceCommand implements Callable<Integer> {
    /**
     * The most seeds {@code --seeds} takes: experiment 1 takes milliseconds per seed, experiment
     * 2 about a second, experiment 3 minutes, so 10,000 is already days of computing.
     */
    static final int MAX_SEEDS = 10_000;
    /**
     * The most noisy copies per image {@code --copies} takes: 3 × 100,000 copies of 784 doubles
     * are 1.9 GB, already beyond a default heap.
     */
    static final int MAX_COPIES = 100_000;

    @Spec
    private CommandSpec spec;

    private final SortedSet<Integer> experiments = new TreeSet<>();
    private Integer seeds;
    private Integer epochs;
    private Integer copies;
    private int heldOutCopies = RadialExperiment4.Settings.DEFAULT_HELD_OUT_COPIES;
    private boolean layerBiases = true;
    private int imageClass = NoisyImageRecovery.DEFAULT_CLASS;
    private double targetLoss = RadialExperiment3.Settings.DEFAULT_TARGET_LOSS;
    private int maxEpochs = RadialExperiment3.Settings.DEFAULT_MAX_EPOCHS;
    private Backprop backprop = RadialExperiment3.Settings.DEFAULT_BACKPROP;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to run on (see 'radnet backends'); default: the default backend.")
    private String backendName;

    @Option(names = "--json", description = "Print one JSON object {\"backend\", \"experiment1\", …, \"experiment5\"} "
            + "(only the experiments that ran) instead of tables.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "With experiment 3 or 5: write the loss curves as a chart (PNG, SVG or PDF by the extension): "
                    + "for 3 the MSE of the full and the reduced network against epochs and wall time, for 5 the "
                    + "cross-entropy of the radial network and the ReLU MLP against epochs (mean ± sd over the seeds, "
                    + "log scale).")
    private Path plot;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (it is drawn on stderr only on a terminal).")
    private boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run every seed as one task on Apache Spark: local[N], spark://HOST:PORT, … (./radnet adds "
                    + "Spark's jars); the numbers equal the local run's on the same backend, timings aside.")
    private String sparkMaster;

    /** Creates the command; picocli instantiates it as a subcommand of {@link RadnetCommand}. */
    public ReproduceCommand() {
    }

    @Option(names = {"-e", "--experiment"}, paramLabel = "1..5|all", split = ",", hideParamSyntax = true,
            description = "Which experiments to run: 1, 2, 3, 4, 5 or all (1–5); default: the paper's 1, 2 and 3. "
                    + "Repeat the option or separate with commas to run several, e.g. --experiment 4,5.")
    void setExperiments(List<String> values) {
        experiments.clear();
        for (String value : values) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "1", "2", "3", "4", "5" -> experiments.add(Integer.parseInt(v));
                case "all" -> experiments.addAll(List.of(1, 2, 3, 4, 5));
                default -> throw new ParameterException(spec.commandLine(),
                        "--experiment must be 1, 2, 3, 4, 5 or all, got '" + value + "'");
            }
        }
    }

    @Option(names = {"-n", "--seeds"}, paramLabel = "N",
            description = "Run every experiment asked for with the seeds 1..N, 1 ≤ N ≤ " + MAX_SEEDS + "; default: "
                    + RadialExperiment1.Settings.DEFAULT_SEEDS + " for experiments 1 and 2 (the paper's runs), "
                    + RadialExperiment3.Settings.DEFAULT_SEEDS + " for experiment 3, "
                    + RadialExperiment4.Settings.DEFAULT_SEEDS + " for 4 and " + RadialExperiment5.Settings.DEFAULT_SEEDS
                    + " for 5 (the scripts' trials).")
    void setSeeds(int value) {
        if (value < 1 || value > MAX_SEEDS) {
            throw new ParameterException(spec.commandLine(), "--seeds must be between 1 and " + MAX_SEEDS + ", got "
                    + value);
        }
        seeds = value;
    }

    @Option(names = "--epochs", paramLabel = "K",
            description = "The number of gradient-descent epochs of experiments 2, 4 and 5, K ≥ 1 (default: the paper's "
                    + RadialExperiment2.Settings.DEFAULT_EPOCHS + " for 2, the scripts' "
                    + RadialExperiment4.Settings.DEFAULT_EPOCHS + " for 4 and " + RadialExperiment5.Settings.DEFAULT_EPOCHS
                    + " for 5); the report says when it differs.")
    void setEpochs(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + value);
        }
        epochs = value;
    }

    @Option(names = "--copies", paramLabel = "M",
            description = "Experiments 4 and 5: noisy copies of each image, 1 ≤ M ≤ " + MAX_COPIES + " (default: the "
                    + "scripts' " + RadialExperiment4.Settings.DEFAULT_COPIES + " for 4 and "
                    + RadialExperiment5.Settings.DEFAULT_COPIES + " for 5).")
    void setCopies(int value) {
        copies = copiesOption("--copies", value);
    }

    @Option(names = "--held-out-copies", paramLabel = "M",
            description = "Experiment 4's held-out variant: noisy copies of each image, 1 ≤ M ≤ " + MAX_COPIES
                    + ", 80 %% to train and the rest to test (default: the script's "
                    + RadialExperiment4.Settings.DEFAULT_HELD_OUT_COPIES + ").")
    void setHeldOutCopies(int value) {
        heldOutCopies = copiesOption("--held-out-copies", value);
    }

    @Option(names = "--layer-biases", paramLabel = "true|false", arity = "1",
            description = "Experiments 4 and 5: whether the radial network's layers have biases: true (default, as the "
                    + "reference code's nn.Linear layers; QR-compress then removes nothing) or false (linear layers; "
                    + "QR-compress reduces (784, 785, 786, 3) to (784, 784, 784, 3)).")
    void setLayerBiases(String value) {
        layerBiases = switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--layer-biases must be true or false, got '"
                    + value + "'");
        };
    }

    @Option(names = "--class", paramLabel = "C",
            description = "Experiments 4 and 5: the Fashion-MNIST class whose first three training images are the "
                    + "originals, 0 ≤ C ≤ 9 (default: " + NoisyImageRecovery.DEFAULT_CLASS + ", dress).")
    void setImageClass(int value) {
        if (value < 0 || value > 9) {
            throw new ParameterException(spec.commandLine(), "--class must be a Fashion-MNIST class 0..9, got " + value);
        }
        imageClass = value;
    }

    private int copiesOption(String name, int value) {
        if (value < 1 || value > MAX_COPIES) {
            throw new ParameterException(spec.commandLine(), name + " must be between 1 and " + MAX_COPIES + ", got "
                    + value);
        }
        return value;
    }

    @Option(names = "--target-loss", paramLabel = "MSE",
            description = "Experiment 3 stops each run when the MSE falls below this positive value (default and "
                    + "paper: " + RadialExperiment3.Settings.DEFAULT_TARGET_LOSS + "); a larger one shortens the run.")
    void setTargetLoss(double value) {
        if (!(value > 0.0) || !Double.isFinite(value)) {
            throw new ParameterException(spec.commandLine(), "--target-loss must be a finite positive number, got "
                    + value);
        }
        targetLoss = value;
    }

    @Option(names = "--max-epochs", paramLabel = "N",
            description = "Experiment 3's epoch limit per run, N ≥ 1 (default and paper: "
                    + RadialExperiment3.Settings.DEFAULT_MAX_EPOCHS + ").")
    void setMaxEpochs(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--max-epochs must be at least 1, got " + value);
        }
        maxEpochs = value;
    }

    @Option(names = "--backprop", paramLabel = "dense|subspace|auto",
            description = "How experiment 3 computes the full network's gradients: dense (default and paper: every "
                    + "layer at full width), subspace (at the reduced widths' per-sample cost, same gradients to "
                    + "rounding) or auto (the cheaper). The report names the pass each network used.")
    void setBackprop(String value) {
        backprop = switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "dense" -> Backprop.DENSE;
            case "subspace" -> Backprop.SUBSPACE;
            case "auto" -> Backprop.AUTOMATIC;
            default -> throw new ParameterException(spec.commandLine(),
                    "--backprop must be dense, subspace or auto, got '" + value + "'");
        };
    }

    /**
     * Runs the experiments asked for and prints the report to the out writer.
     *
     * @return {@link ExitCode#OK}
     */
    @Override
    public Integer call() {
        SortedSet<Integer> which = experiments.isEmpty() ? new TreeSet<>(List.of(1, 2, 3)) : experiments;
        if (plot != null && !which.contains(3) && !which.contains(5)) {
            throw new ParameterException(spec.commandLine(),
                    "--plot draws the loss curves of experiments 3 and 5; add --experiment 3 or 5");
        }
        new CommandFiles(spec.commandLine()).output("--plot", plot, CommandFiles.Kind.CHART).check();
        Backend backend = backendName != null ? Backends.get(backendName) : defaultBackendFor(which);
        if (SparkOption.check(sparkMaster) == null) {
            return run(which, backend, null);
        }
        if (which.contains(4) || which.contains(5)) {
            throw new ParameterException(spec.commandLine(), "--spark runs experiments 1-3 (one task per seed); "
                    + "run experiments 4 and 5 without --spark");
        }
        try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
            return run(which, backend, cluster);
        }
    }

    /**
     * @param which the experiments asked for
     * @return the default choice for the largest of them: experiments 1–3 are small work;
     *     experiment 4 (or 5 alone) trains the (784, 785, 786, 3) networks full-batch on all
     *     noisy copies
     */
    private Backend defaultBackendFor(SortedSet<Integer> which) {
        if (!which.contains(4) && !which.contains(5)) {
            return Backends.defaultBackend();
        }
        int copiesPerImage = copies != null ? copies : which.contains(4) ? RadialExperiment4.Settings.DEFAULT_COPIES
                : RadialExperiment5.Settings.DEFAULT_COPIES;
        return Backends.defaultBackendFor(Workload.radialNetworkPasses(NoisyImageRecovery.radialWidths(
                NoisyImageRecovery.IMAGE_PIXELS, NoisyImageRecovery.ORIGINALS), NoisyImageRecovery.ORIGINALS * copiesPerImage));
    }

    /** Runs the experiments, each seed as a Spark task when a cluster is given. */
    private Integer run(SortedSet<Integer> which, Backend backend, SparkRuns cluster) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExperimentListener progress = !quiet && TerminalProgress.isInteractive()
                ? new TerminalProgress(err) : ExperimentListener.NONE;

        if (!json) {
            print(out, ReproduceReport.header(backend.name(), backend.threads()));
        }
        RadialExperiment1.Result e1 = null;
        RadialExperiment2.Result e2 = null;
        RadialExperiment3.Result e3 = null;
        if (which.contains(1)) {
            RadialExperiment1.Settings settings = new RadialExperiment1.Settings(
                    seeds != null ? seeds : RadialExperiment1.Settings.DEFAULT_SEEDS);
            e1 = cluster == null ? new RadialExperiment1(backend).run(settings)
                    : cluster.sweep(backendName, Sweeps.EXPERIMENT1, settings, progress);
            if (!json) {
                print(out, ReproduceReport.text(e1));
            }
        }
        if (which.contains(2)) {
            RadialExperiment2.Settings settings = new RadialExperiment2.Settings(
                    seeds != null ? seeds : RadialExperiment2.Settings.DEFAULT_SEEDS,
                    epochs != null ? epochs : RadialExperiment2.Settings.DEFAULT_EPOCHS);
            e2 = cluster == null ? new RadialExperiment2(backend, progress).run(settings)
                    : cluster.sweep(backendName, Sweeps.EXPERIMENT2, settings, progress);
            if (!json) {
                print(out, ReproduceReport.text(e2));
            }
        }
        if (which.contains(3)) {
            RadialExperiment3.Settings settings = new RadialExperiment3.Settings(
                    seeds != null ? seeds : RadialExperiment3.Settings.DEFAULT_SEEDS, targetLoss, maxEpochs, backprop);
            e3 = cluster == null ? new RadialExperiment3(backend, progress).run(settings)
                    : cluster.sweep(backendName, Sweeps.EXPERIMENT3, settings, progress);
            if (!json) {
                print(out, ReproduceReport.text(e3));
            }
        }
        RadialExperiment4.Result e4 = null;
        RadialExperiment5.Result e5 = null;
        if (which.contains(4) || which.contains(5)) {
            double[][] originals = NoisyImageRecovery.fashionMnistOriginals(backend, imageClass, NoisyImageRecovery.ORIGINALS);
            String source = "the first " + NoisyImageRecovery.ORIGINALS + " Fashion-MNIST training images of class "
                    + imageClass;
            if (which.contains(4)) {
                e4 = new RadialExperiment4(backend, progress).run(originals, new RadialExperiment4.Settings(
                        seeds != null ? seeds : RadialExperiment4.Settings.DEFAULT_SEEDS,
                        copies != null ? copies : RadialExperiment4.Settings.DEFAULT_COPIES,
                        epochs != null ? epochs : RadialExperiment4.Settings.DEFAULT_EPOCHS, heldOutCopies,
                        RadialExperiment4.Settings.DEFAULT_HELD_OUT_TRAINING_FRACTION, layerBiases));
                if (!json) {
                    print(out, ReproduceReport.text(e4, source));
                }
            }
            if (which.contains(5)) {
                e5 = new RadialExperiment5(backend, progress).run(originals, new RadialExperiment5.Settings(
                        seeds != null ? seeds : RadialExperiment5.Settings.DEFAULT_SEEDS,
                        copies != null ? copies : RadialExperiment5.Settings.DEFAULT_COPIES,
                        epochs != null ? epochs : RadialExperiment5.Settings.DEFAULT_EPOCHS, layerBiases));
                if (!json) {
                    print(out, ReproduceReport.text(e5, source));
                }
            }
        }
        if (plot != null) {
            List<XYChart> panels = new ArrayList<>();
            if (e3 != null) {
                panels.addAll(lossCurves(e3));
            }
            if (e5 != null) {
                panels.add(lossCurves(e5));
            }
            Charts.write(panels, plot);
        }
        if (json) {
            out.println(ReproduceReport.json(backend.name(), imageClass, e1, e2, e3, e4, e5));
            out.flush();
        }
        return ExitCode.OK;
    }

    /**
     * Experiment 3's figure: the MSE of the full and the reduced network against the epoch (left
     * panel) and against the wall time (right panel), on logarithmic axes, with the target loss
     * as a dashed line. With several seeds each network is drawn as the mean over the seeds with
     * a band of ± one sample standard deviation, over the epochs every seed ran (the first seed
     * to reach the target ends the mean), and each seed's own curve thin behind it, to its last
     * epoch; with one seed, its curve.
     *
     * <p>The runs record their total time only, so the time of epoch e of a run of E epochs that
     * took T seconds is taken as T · e / E (every full-batch epoch does the same work); the axis
     * title says so.
     *
     * @param e3 experiment 3's runs
     * @return the two panels, epochs then wall time
     */
    static List<XYChart> lossCurves(RadialExperiment3.Result e3) {
        int seeds = e3.full().length;
        String title = "experiment 3: full vs QR-compressed network, full-batch GD (lr " + RadialPaper.LEARNING_RATE + ")";
        String what = seeds == 1 ? "" : ", mean ± sd of " + seeds + " seeds (thin: each seed)";
        String full = "full " + Arrays.toString(e3.widths()) + what;
        String reduced = "reduced " + Arrays.toString(e3.reducedWidths()) + what;
        Map<String, Double> target = Map.of("target MSE " + e3.settings().targetLoss(), e3.settings().targetLoss());
        List<XYChart> panels = new ArrayList<>();
        for (boolean wallTime : new boolean[] {false, true}) {
            Map<String, double[][]> means = new LinkedHashMap<>();
            means.put(full, meanCurve(e3.full(), wallTime));
            means.put(reduced, meanCurve(e3.reduced(), wallTime));
            Map<String, List<double[][]>> traces = seeds == 1 ? Map.of()
                    : Map.of(full, traces(e3.full(), wallTime), reduced, traces(e3.reduced(), wallTime));
            panels.add(Charts.lineChart(title, wallTime ? "wall time (s), run's total × epoch / epochs" : "epoch",
                    "MSE", true, means, traces, target));
        }
        return panels;
    }

    /**
     * Experiment 5's figure: the cross-entropy of the radial network and the ReLU MLP against the
     * epoch on a logarithmic axis; with several seeds each model is drawn as the mean over the
     * seeds with a band of ± one sample standard deviation and each seed's own curve thin behind
     * it, with one seed its curve.
     *
     * @param e5 experiment 5's runs
     * @return the panel
     */
    static XYChart lossCurves(RadialExperiment5.Result e5) {
        int seeds = e5.radial().losses().length;
        String radial = "Step-ReLU radial " + ReportText.widths(e5.radialWidths());
        String relu = "ReLU MLP " + ReportText.widths(e5.reluWidths());
        Map<String, double[][]> means = new LinkedHashMap<>();
        means.put(radial, meanCurve(e5.radial().losses()));
        means.put(relu, meanCurve(e5.relu().losses()));
        Map<String, List<double[][]>> traces = seeds == 1 ? Map.of()
                : Map.of(radial, epochTraces(e5.radial().losses()), relu, epochTraces(e5.relu().losses()));
        return Charts.lineChart("experiment 5: " + e5.settings().copies() + " noisy copies of " + e5.originals()
                + " images, GD lr " + NoisyImageRecovery.LEARNING_RATE
                + (seeds == 1 ? "" : "; mean ± sd of " + seeds + " seeds (thin: each seed)"), "epoch",
                "cross-entropy", positive(e5), means, traces, Map.of());
    }

    /** @return whether every loss is positive, so that a logarithmic axis can show them */
    private static boolean positive(RadialExperiment5.Result e5) {
        for (double[][] losses : List.of(e5.radial().losses(), e5.relu().losses())) {
            for (double[] curve : losses) {
                for (double loss : curve) {
                    if (!(loss > 0)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** @return {epoch, loss} of every seed's curve */
    private static List<double[][]> epochTraces(double[][] losses) {
        List<double[][]> traces = new ArrayList<>();
        for (double[] curve : losses) {
            double[] epochs = new double[curve.length];
            Arrays.setAll(epochs, e -> e + 1);
            traces.add(new double[][] {epochs, curve});
        }
        return traces;
    }

    /** @return {epoch, mean loss} for one seed, else {epoch, mean, mean − sd, mean + sd} */
    private static double[][] meanCurve(double[][] losses) {
        int epochs = losses[0].length;
        double[][] curve = new double[losses.length == 1 ? 2 : 4][epochs];
        double[] atEpoch = new double[losses.length];
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < losses.length; s++) {
                atEpoch[s] = losses[s][e];
            }
            Summary loss = Summary.of(atEpoch);
            curve[0][e] = e + 1;
            curve[1][e] = loss.mean();
            if (losses.length > 1) {
                curve[2][e] = loss.mean() - loss.std();
                curve[3][e] = loss.mean() + loss.std();
            }
        }
        return curve;
    }

    /**
     * @param runs one network's run per seed
     * @param wallTime x is the estimated wall time at the epoch instead of the epoch
     * @return every run's {x, MSE}, to its last epoch
     */
    private static List<double[][]> traces(RadialExperiment3.Run[] runs, boolean wallTime) {
        List<double[][]> traces = new ArrayList<>();
        for (RadialExperiment3.Run run : runs) {
            double[] losses = run.losses();
            double[] xs = new double[losses.length];
            for (int e = 0; e < losses.length; e++) {
                xs[e] = wallTime ? run.seconds() * (e + 1) / losses.length : e + 1;
            }
            traces.add(new double[][] {xs, losses});
        }
        return traces;
    }

    /**
     * @param runs one network's run per seed
     * @param wallTime x is the mean estimated wall time at the epoch instead of the epoch
     * @return {x, mean MSE} for one seed, else {x, mean, mean − sd, mean + sd}, over the epochs
     *     every run reached
     */
    private static double[][] meanCurve(RadialExperiment3.Run[] runs, boolean wallTime) {
        int epochs = Integer.MAX_VALUE;
        for (RadialExperiment3.Run run : runs) {
            epochs = Math.min(epochs, run.losses().length);
        }
        double[][] curve = new double[runs.length == 1 ? 2 : 4][epochs];
        for (int e = 0; e < epochs; e++) {
            double[] losses = new double[runs.length];
            double[] seconds = new double[runs.length];
            for (int s = 0; s < runs.length; s++) {
                losses[s] = runs[s].losses()[e];
                seconds[s] = runs[s].seconds() * (e + 1) / runs[s].losses().length;
            }
            Summary loss = Summary.of(losses);
            curve[0][e] = wallTime ? Summary.of(seconds).mean() : e + 1;
            curve[1][e] = loss.mean();
            if (runs.length > 1) {
                curve[2][e] = loss.mean() - loss.std();
                curve[3][e] = loss.mean() + loss.std();
            }
        }
        return curve;
    }

    private static void print(PrintWriter out, List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}
