package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment1;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.RadialExperiment3;
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
 * {@link RadialExperiment2}, {@link RadialExperiment3}) and prints each result beside the paper's
 * figure, as text tables or, with {@code --json}, as one JSON object ({@link ReproduceReport}).
 *
 * <p>The report, text or JSON, is printed once every experiment asked for has finished, and not
 * at all when one fails ({@link AllOrNothingExecution}).
 * While experiments 2 and 3 run, a progress bar is drawn on the err writer when the program
 * runs on a terminal ({@link TerminalProgress#isInteractive()}) and {@code --quiet} is not
 * given; never on the out writer. A bad option exits with 2, an unknown or unavailable backend
 * with 1, both with one line {@code radnet: REASON} on stderr.
 */
@Command(name = "reproduce",
        description = {
            "Runs the radial paper's experiments 1–3 beside its figures.",
            "  1  Theorem 5: QR-compress (1,6,7,1) to (1,2,3,1); mean |F − F_red| on",
            "     121 points. Instant.",
            "  2  Theorem 7: 3000 epochs of GD, projected on Q⁻¹·(W, b), versus GD on",
            "     the reduced network; |L − L_red| at the end. About a second per seed.",
            "  3  Time to MSE < 0.01 of (2,16,64,128,16,2) versus its compression",
            "     (2,3,4,5,6,2) on 14,641 points. Minutes per seed on pure Java. The",
            "     full network trains with the dense pass, as the paper times it",
            "     (--backprop chooses); the report names each network's pass.",
            "Seed s = 1..N initialises the networks; ± is the sample standard",
            "deviation (divisor N − 1). Double precision (the paper used float32).",
            "",
        })
public final class ReproduceCommand implements Callable<Integer> {
    /**
     * The most seeds {@code --seeds} takes: experiment 1 takes milliseconds per seed, experiment
     * 2 about a second, experiment 3 minutes, so 10,000 is already days of computing.
     */
    static final int MAX_SEEDS = 10_000;

    @Spec
    private CommandSpec spec;

    private final SortedSet<Integer> experiments = new TreeSet<>();
    private Integer seeds;
    private int epochs = RadialExperiment2.Settings.DEFAULT_EPOCHS;
    private double targetLoss = RadialExperiment3.Settings.DEFAULT_TARGET_LOSS;
    private int maxEpochs = RadialExperiment3.Settings.DEFAULT_MAX_EPOCHS;
    private Backprop backprop = RadialExperiment3.Settings.DEFAULT_BACKPROP;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to run on (see 'radnet backends'); default: the default backend.")
    private String backendName;

    @Option(names = "--json", description = "Print one JSON object {\"backend\", \"experiment1\", \"experiment2\", "
            + "\"experiment3\"} (only the experiments that ran) instead of tables.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "With experiment 3: write the MSE of the full and the reduced network against epochs and "
                    + "wall time (mean ± sd over the seeds, log scale) as a chart: PNG, SVG or PDF by the extension.")
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

    @Option(names = {"-e", "--experiment"}, paramLabel = "1|2|3|all", split = ",", hideParamSyntax = true,
            description = "Which experiments to run: 1, 2, 3 or all (default: all); repeat the option or separate "
                    + "with commas to run several, e.g. --experiment 1,2.")
    void setExperiments(List<String> values) {
        experiments.clear();
        for (String value : values) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "1", "2", "3" -> experiments.add(Integer.parseInt(v));
                case "all" -> experiments.addAll(List.of(1, 2, 3));
                default -> throw new ParameterException(spec.commandLine(),
                        "--experiment must be 1, 2, 3 or all, got '" + value + "'");
            }
        }
    }

    @Option(names = {"-n", "--seeds"}, paramLabel = "N",
            description = "Run every experiment asked for with the seeds 1..N, 1 ≤ N ≤ " + MAX_SEEDS + "; default: "
                    + RadialExperiment1.Settings.DEFAULT_SEEDS + " for experiments 1 and 2 (the paper's runs), "
                    + RadialExperiment3.Settings.DEFAULT_SEEDS + " for experiment 3.")
    void setSeeds(int value) {
        if (value < 1 || value > MAX_SEEDS) {
            throw new ParameterException(spec.commandLine(), "--seeds must be between 1 and " + MAX_SEEDS + ", got "
                    + value);
        }
        seeds = value;
    }

    @Option(names = "--epochs", paramLabel = "K",
            description = "Experiment 2's number of gradient-descent epochs, K ≥ 1 (default and paper: "
                    + RadialExperiment2.Settings.DEFAULT_EPOCHS + "); fewer shorten the run, the report says so.")
    void setEpochs(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + value);
        }
        epochs = value;
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
        if (plot != null && !which.contains(3)) {
            throw new ParameterException(spec.commandLine(), "--plot draws experiment 3's loss curves; add --experiment 3");
        }
        new CommandFiles(spec.commandLine()).output("--plot", plot, CommandFiles.Kind.CHART).check();
        Backend backend = backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
        if (SparkOption.check(sparkMaster) == null) {
            return run(which, backend, null);
        }
        try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
            return run(which, backend, cluster);
        }
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
                    seeds != null ? seeds : RadialExperiment2.Settings.DEFAULT_SEEDS, epochs);
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
            if (plot != null) {
                Charts.write(lossCurves(e3), plot);
            }
            if (!json) {
                print(out, ReproduceReport.text(e3));
            }
        }
        if (json) {
            out.println(ReproduceReport.json(backend.name(), e1, e2, e3));
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
