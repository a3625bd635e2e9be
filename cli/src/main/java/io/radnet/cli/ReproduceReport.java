package io.radnet.cli;

import static io.radnet.cli.ReportJson.doubles;
import static io.radnet.cli.ReportJson.ints;
import static io.radnet.cli.ReportJson.meanStd;
import static io.radnet.cli.ReportText.fixed2;
import static io.radnet.cli.ReportText.plusMinus;
import static io.radnet.cli.ReportText.sci;
import static io.radnet.cli.ReportText.seedsText;
import static io.radnet.cli.ReportText.table;
import static io.radnet.cli.ReportText.widths;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.experiments.RadialExperiment1;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.network.TrainingPass;
import io.radnet.experiments.RadialExperiment3.Run;
import io.radnet.experiments.RadialPaper;
import io.radnet.experiments.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Formats the results of the radial paper's experiments ({@link RadialExperiment1},
 * {@link RadialExperiment2}, {@link RadialExperiment3}) for {@code radnet reproduce}, as text
 * tables beside the paper's figures or as one JSON object. It only builds strings; the command
 * prints them.
 *
 * <p><b>Text</b>: a header naming the backend, then per experiment a title, its settings, a
 * table with one row per seed, and a summary line {@code experiment N  STATISTIC  MEAN ± STD
 * (paper: ...)}; the standard deviation is the sample one (divisor N − 1) and is left out for a
 * single seed. Experiments 2 and 3 state the training pass each network used
 * ({@link TrainingPass.Method}: dense, fused or subspace) and, for experiment 3, the
 * {@code --backprop} choice that picked the full network's.
 *
 * <p><b>JSON</b> (pretty-printed; only the experiments that ran; a standard deviation of a
 * single seed is {@code null}):
 * <pre>{@code
 * {"backend": NAME,
 *  "experiment1": {"perSeed": [mean |F − F_red| per seed], "mean", "std", "paper": 1.31e-8,
 *                  "paperStd": 4.45e-9, "widths", "reducedWidths", "maxPerSeed": [max |F − F_red|]},
 *  "experiment2": {"perSeed": [|L − L_red| per seed], "mean", "std", "paper": 4.02e-9,
 *                  "paperStd": 7.01e-9, "epochs", "learningRate", "maxProjectionError",
 *                  "maxSymmetryError", "finalLoss": [L_red per seed],
 *                  "trainingPass": {"full": METHOD, "reduced": METHOD}},
 *  "experiment3": {"full": {"seconds": [...], "epochs": [...], "finalLoss": [...], "stopReason": [...],
 *                           "trainingPass": [METHOD per seed]},
 *                  "reduced": {same fields}, "speedup": {"mean", "std", "perSeed": [...]},
 *                  "paper": 2.04, "paperSeconds": {"full": {"mean", "std"}, "reduced": {"mean", "std"}},
 *                  "widths", "reducedWidths", "targetLoss", "maxEpochs", "learningRate",
 *                  "backprop": "dense" | "subspace" | "auto"},
 *  "radnetVersion": VERSION, "radnetCommit": COMMIT}
 * }</pre>
 * METHOD is {@code "dense"}, {@code "fused"} or {@code "subspace"}.
 */
final class ReproduceReport {
    private ReproduceReport() {
    }

    /**
     * @param backend the backend's name
     * @param threads the backend's thread count
     * @return the text report's header lines
     */
    static List<String> header(String backend, int threads) {
        return List.of("radnet reproduce: the radial paper's experiments on backend " + backend + " (" + threads
                        + (threads == 1 ? " thread" : " threads") + "), in double precision",
                "± is the sample standard deviation (N − 1) over the seeds 1..N");
    }

    /**
     * @param e experiment 1's results
     * @return its text report, one string per line
     */
    static List<String> text(RadialExperiment1.Result e) {
        List<String> lines = new ArrayList<>();
        int seeds = e.meanDifference().length;
        lines.add("");
        lines.add("experiment 1 (Theorem 5): QR-compress keeps the function");
        lines.add("  widths " + widths(e.widths()) + " → " + widths(e.reducedWidths())
                + ", radial sigmoid, 121 points x = −3 + i/20, " + seedsText(seeds));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "mean |F − F_red|", "max |F − F_red|"});
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), sci(e.meanDifference()[s]), sci(e.maxDifference()[s])});
        }
        table(rows, lines);
        lines.add("experiment 1  mean |F − F_red|  " + plusMinus(e.summary(), false)
                + "  (paper, float32: " + plusMinus(RadialPaper.PAPER_EXPERIMENT1, false) + ")");
        return lines;
    }

    /**
     * @param e experiment 2's results
     * @return its text report, one string per line
     */
    static List<String> text(RadialExperiment2.Result e) {
        List<String> lines = new ArrayList<>();
        int seeds = e.lossDifference().length;
        int epochs = e.settings().epochs();
        lines.add("");
        lines.add("experiment 2 (Theorem 7): projected GD on Q⁻¹·(W, b) tracks GD on (W_red, b_red)");
        lines.add("  widths " + widths(RadialPaper.SMALL_WIDTHS) + ", " + epochs
                + " epochs of full-batch GD, lr " + RadialPaper.LEARNING_RATE + ", MSE, " + seedsText(seeds)
                + (epochs == RadialExperiment2.Settings.DEFAULT_EPOCHS ? ""
                        : " (shortened: the paper runs " + RadialExperiment2.Settings.DEFAULT_EPOCHS + " epochs)"));
        lines.add("  training passes: full-width networks " + passText(e.fullTrainingPass()) + ", reduced network "
                + passText(e.reducedTrainingPass()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "|L − L_red|", "max projection error", "max symmetry error", "L_red"});
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), sci(e.lossDifference()[s]), sci(e.maxProjectionError()[s]),
                sci(e.maxSymmetryError()[s]), String.format(Locale.ROOT, "%.6f", e.finalLoss()[s])});
        }
        table(rows, lines);
        lines.add("experiment 2  |L − L_red| after " + epochs + " epochs  " + plusMinus(e.summary(), false)
                + "  (paper: " + plusMinus(RadialPaper.PAPER_EXPERIMENT2, false) + ")");
        lines.add("experiment 2  max projection error over all epochs and seeds  " + sci(max(e.maxProjectionError())));
        return lines;
    }

    /**
     * @param e experiment 3's results
     * @return its text report, one string per line
     */
    static List<String> text(RadialExperiment3.Result e) {
        List<String> lines = new ArrayList<>();
        int seeds = e.full().length;
        RadialExperiment3.Settings settings = e.settings();
        lines.add("");
        lines.add("experiment 3: the compressed network trains faster");
        lines.add("  widths " + widths(e.widths()) + " → " + widths(e.reducedWidths())
                + " (QR-compressed before training), 14,641 points, full-batch GD, lr " + RadialPaper.LEARNING_RATE
                + ", until MSE < " + settings.targetLoss() + " (at most " + settings.maxEpochs() + " epochs), "
                + seedsText(seeds)
                + (settings.papersStoppingRules() ? "" : " (changed: the paper stops at MSE < "
                        + RadialExperiment3.Settings.DEFAULT_TARGET_LOSS + ", at most "
                        + RadialExperiment3.Settings.DEFAULT_MAX_EPOCHS + " epochs)"));
        lines.add("  training passes: full network " + passesText(e.full()) + " (--backprop "
                + backpropName(settings.backprop()) + backpropNote(settings.backprop()) + "), reduced network "
                + passesText(e.reduced()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "full s", "full epochs", "reduced s", "reduced epochs", "speedup"});
        double[] speedups = e.speedups();
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), fixed2(e.full()[s].seconds()), epochs(e.full()[s]),
                fixed2(e.reduced()[s].seconds()), epochs(e.reduced()[s]), fixed2(speedups[s])});
        }
        table(rows, lines);
        lines.add("experiment 3  seconds to MSE < " + settings.targetLoss() + "  full " + plusMinus(e.fullSeconds(), true)
                + " s, reduced " + plusMinus(e.reducedSeconds(), true) + " s  (paper: full "
                + plusMinus(RadialPaper.PAPER_EXPERIMENT3_FULL_SECONDS, true) + " s, reduced "
                + plusMinus(RadialPaper.PAPER_EXPERIMENT3_REDUCED_SECONDS, true) + " s)");
        lines.add("experiment 3  speedup full/reduced  " + plusMinus(e.speedup(), true) + "  (paper: "
                + fixed2(RadialPaper.PAPER_EXPERIMENT3_SPEEDUP) + ")");
        if (!e.allReachedTarget()) {
            lines.add("experiment 3  note: runs marked * stopped at the epoch limit before reaching the target loss");
        }
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param e1 experiment 1's results, or null if it did not run
     * @param e2 experiment 2's results, or null if it did not run
     * @param e3 experiment 3's results, or null if it did not run
     * @return the JSON report, pretty-printed, without a trailing line separator
     */
    static String json(String backend, RadialExperiment1.Result e1, RadialExperiment2.Result e2,
            RadialExperiment3.Result e3) {
        ObjectNode root = ReportJson.object();
        root.put("backend", backend);
        if (e1 != null) {
            ObjectNode node = root.putObject("experiment1");
            summary(node, e1.meanDifference(), e1.summary(), RadialPaper.PAPER_EXPERIMENT1);
            ints(node.putArray("widths"), e1.widths());
            ints(node.putArray("reducedWidths"), e1.reducedWidths());
            doubles(node.putArray("maxPerSeed"), e1.maxDifference());
        }
        if (e2 != null) {
            ObjectNode node = root.putObject("experiment2");
            summary(node, e2.lossDifference(), e2.summary(), RadialPaper.PAPER_EXPERIMENT2);
            node.put("epochs", e2.settings().epochs());
            node.put("learningRate", RadialPaper.LEARNING_RATE);
            node.put("maxProjectionError", max(e2.maxProjectionError()));
            node.put("maxSymmetryError", max(e2.maxSymmetryError()));
            doubles(node.putArray("finalLoss"), e2.finalLoss());
            ObjectNode passes = node.putObject("trainingPass");
            passes.put("full", e2.fullTrainingPass().toString());
            passes.put("reduced", e2.reducedTrainingPass().toString());
        }
        if (e3 != null) {
            ObjectNode node = root.putObject("experiment3");
            runs(node.putObject("full"), e3.full());
            runs(node.putObject("reduced"), e3.reduced());
            ObjectNode speedup = node.putObject("speedup");
            meanStd(speedup, e3.speedup());
            doubles(speedup.putArray("perSeed"), e3.speedups());
            node.put("paper", RadialPaper.PAPER_EXPERIMENT3_SPEEDUP);
            ObjectNode paperSeconds = node.putObject("paperSeconds");
            meanStd(paperSeconds.putObject("full"), RadialPaper.PAPER_EXPERIMENT3_FULL_SECONDS);
            meanStd(paperSeconds.putObject("reduced"), RadialPaper.PAPER_EXPERIMENT3_REDUCED_SECONDS);
            ints(node.putArray("widths"), e3.widths());
            ints(node.putArray("reducedWidths"), e3.reducedWidths());
            node.put("targetLoss", e3.settings().targetLoss());
            node.put("maxEpochs", e3.settings().maxEpochs());
            node.put("learningRate", RadialPaper.LEARNING_RATE);
            node.put("backprop", backpropName(e3.settings().backprop()));
        }
        return ReportJson.write(root, "reproduce report");
    }

    private static void summary(ObjectNode node, double[] perSeed, Summary summary, Summary paper) {
        doubles(node.putArray("perSeed"), perSeed);
        meanStd(node, summary);
        node.put("paper", paper.mean());
        node.put("paperStd", paper.std());
    }

    private static void runs(ObjectNode node, Run[] runs) {
        ArrayNode seconds = node.putArray("seconds");
        ArrayNode epochs = node.putArray("epochs");
        ArrayNode finalLoss = node.putArray("finalLoss");
        ArrayNode stopReason = node.putArray("stopReason");
        ArrayNode trainingPass = node.putArray("trainingPass");
        for (Run run : runs) {
            seconds.add(run.seconds());
            epochs.add(run.epochs());
            finalLoss.add(run.finalLoss());
            stopReason.add(run.stopReason().name());
            trainingPass.add(run.trainingPass().toString());
        }
    }

    /**
     * @param choice how the full network's pass was chosen
     * @return its name on the command line: {@code dense}, {@code subspace} or {@code auto}
     */
    static String backpropName(Backprop choice) {
        return switch (choice) {
            case DENSE -> "dense";
            case SUBSPACE -> "subspace";
            case AUTOMATIC -> "auto";
        };
    }

    private static String backpropNote(Backprop choice) {
        return switch (choice) {
            case DENSE -> ", as the paper: every layer at full width";
            case SUBSPACE -> ": the reduced widths' per-sample cost; the paper times the dense pass";
            case AUTOMATIC -> ": the cheaper pass for the widths; the paper times the dense pass";
        };
    }

    /** @return how a pass ran: {@code dense}, {@code fused dense} (the backend's fused kernel) or {@code subspace} */
    private static String passText(TrainingPass.Method method) {
        return switch (method) {
            case DENSE -> "dense";
            case FUSED -> "fused dense";
            case SUBSPACE -> "subspace";
            case COMPOSITE -> "composite";
        };
    }

    /** @return the passes of the runs, each named once in seed order, joined with " / " */
    private static String passesText(Run[] runs) {
        Set<String> passes = new LinkedHashSet<>();
        for (Run run : runs) {
            passes.add(passText(run.trainingPass()));
        }
        return String.join(" / ", passes);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** The epochs of a run, marked {@code *} when it stopped at the limit before the target. */
    private static String epochs(Run run) {
        return run.epochs() + (run.reachedTarget() ? "" : "*");
    }
}
