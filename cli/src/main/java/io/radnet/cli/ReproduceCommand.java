package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment1;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RadialPaper;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            description = "With experiment 3: write the MSE per epoch of the full and the reduced network of every "
                    + "seed as a PNG chart (log scale).")
    private Path plot;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (it is drawn on stderr only on a terminal).")
    private boolean quiet;

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
        new CommandFiles(spec.commandLine()).output("--plot", plot, CommandFiles.Kind.PNG).check();
        Backend backend = backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
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
            e1 = new RadialExperiment1(backend).run(new RadialExperiment1.Settings(
                    seeds != null ? seeds : RadialExperiment1.Settings.DEFAULT_SEEDS));
            if (!json) {
                print(out, ReproduceReport.text(e1));
            }
        }
        if (which.contains(2)) {
            e2 = new RadialExperiment2(backend, progress).run(new RadialExperiment2.Settings(
                    seeds != null ? seeds : RadialExperiment2.Settings.DEFAULT_SEEDS, epochs));
            if (!json) {
                print(out, ReproduceReport.text(e2));
            }
        }
        if (which.contains(3)) {
            e3 = new RadialExperiment3(backend, progress).run(new RadialExperiment3.Settings(
                    seeds != null ? seeds : RadialExperiment3.Settings.DEFAULT_SEEDS, targetLoss, maxEpochs,
                    backprop));
            if (plot != null) {
                Charts.writePng(lossCurves(e3), plot);
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
     * @param e3 experiment 3's runs
     * @return the MSE per epoch of the full and the reduced network of every seed, on a
     *     logarithmic axis, with the target loss as a horizontal line
     */
    static XYChart lossCurves(RadialExperiment3.Result e3) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        int longest = 1;
        for (int s = 0; s < e3.full().length; s++) {
            series.put("full " + Arrays.toString(e3.widths()) + ", seed " + (s + 1), curve(e3.full()[s]));
            series.put("reduced " + Arrays.toString(e3.reducedWidths()) + ", seed " + (s + 1), curve(e3.reduced()[s]));
            longest = Math.max(longest, Math.max(e3.full()[s].epochs(), e3.reduced()[s].epochs()));
        }
        double target = e3.settings().targetLoss();
        series.put("target MSE " + target, new double[][] {{1, longest}, {target, target}});
        return Charts.lineChart("experiment 3: full versus QR-compressed network, full-batch GD (lr "
                + RadialPaper.LEARNING_RATE + ")", "epoch", "MSE", true, series);
    }

    private static double[][] curve(RadialExperiment3.Run run) {
        double[] losses = run.losses();
        double[] epochs = new double[losses.length];
        for (int e = 0; e < losses.length; e++) {
            epochs[e] = e + 1;
        }
        return new double[][] {epochs, losses};
    }

    private static void print(PrintWriter out, List<String> lines) {
        lines.forEach(out::println);
        out.flush();
    }
}
