package io.radnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.cli.PaperExperiments.Experiment1;
import io.radnet.cli.PaperExperiments.Experiment2;
import io.radnet.cli.PaperExperiments.Experiment3;
import io.radnet.cli.PaperExperiments.Run;
import io.radnet.cli.PaperExperiments.Summary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Formats the results of {@link PaperExperiments} for {@code radnet reproduce}, as text tables
 * beside the paper's figures or as one JSON object. It only builds strings; the command prints
 * them.
 *
 * <p><b>Text</b>: a header naming the backend, then per experiment a title, its settings, a
 * table with one row per seed, and a summary line {@code experiment N  STATISTIC  MEAN ± STD
 * (paper: ...)}; the standard deviation is the sample one (divisor N − 1) and is left out for a
 * single seed.
 *
 * <p><b>JSON</b> (pretty-printed; only the experiments that ran; a standard deviation of a
 * single seed is {@code null}):
 * <pre>{@code
 * {"backend": NAME,
 *  "experiment1": {"perSeed": [mean |F − F_red| per seed], "mean", "std", "paper": 1.31e-8,
 *                  "paperStd": 4.45e-9, "widths", "reducedWidths", "maxPerSeed": [max |F − F_red|]},
 *  "experiment2": {"perSeed": [|L − L_red| per seed], "mean", "std", "paper": 4.02e-9,
 *                  "paperStd": 7.01e-9, "epochs", "learningRate", "maxProjectionError",
 *                  "maxSymmetryError", "finalLoss": [L_red per seed]},
 *  "experiment3": {"full": {"seconds": [...], "epochs": [...], "finalLoss": [...], "stopReason": [...]},
 *                  "reduced": {same fields}, "speedup": {"mean", "std", "perSeed": [...]},
 *                  "paper": 2.04, "paperSeconds": {"full": {"mean", "std"}, "reduced": {"mean", "std"}},
 *                  "widths", "reducedWidths", "targetLoss", "maxEpochs", "learningRate"}}
 * }</pre>
 */
public final class ReproduceReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReproduceReport() {
    }

    /**
     * @param backend the backend's name
     * @param threads the backend's thread count
     * @return the text report's header lines
     */
    public static List<String> header(String backend, int threads) {
        return List.of("radnet reproduce: the radial paper's experiments on backend " + backend + " (" + threads
                        + (threads == 1 ? " thread" : " threads") + "), in double precision",
                "± is the sample standard deviation (N − 1) over the seeds 1..N");
    }

    /**
     * @param e experiment 1's results
     * @return its text report, one string per line
     */
    public static List<String> text(Experiment1 e) {
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
                + "  (paper, float32: " + plusMinus(PaperExperiments.PAPER_EXPERIMENT1, false) + ")");
        return lines;
    }

    /**
     * @param e experiment 2's results
     * @return its text report, one string per line
     */
    public static List<String> text(Experiment2 e) {
        List<String> lines = new ArrayList<>();
        int seeds = e.lossDifference().length;
        lines.add("");
        lines.add("experiment 2 (Theorem 7): projected GD on Q⁻¹·(W, b) tracks GD on (W_red, b_red)");
        lines.add("  widths " + widths(PaperExperiments.SMALL_WIDTHS) + ", " + e.epochs()
                + " epochs of full-batch GD, lr " + PaperExperiments.LEARNING_RATE + ", MSE, " + seedsText(seeds)
                + (e.epochs() == PaperExperiments.EXPERIMENT2_EPOCHS ? ""
                        : " (shortened: the paper runs " + PaperExperiments.EXPERIMENT2_EPOCHS + " epochs)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "|L − L_red|", "max projection error", "max symmetry error", "L_red"});
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), sci(e.lossDifference()[s]), sci(e.maxProjectionError()[s]),
                sci(e.maxSymmetryError()[s]), String.format(Locale.ROOT, "%.6f", e.finalLoss()[s])});
        }
        table(rows, lines);
        lines.add("experiment 2  |L − L_red| after " + e.epochs() + " epochs  " + plusMinus(e.summary(), false)
                + "  (paper: " + plusMinus(PaperExperiments.PAPER_EXPERIMENT2, false) + ")");
        lines.add("experiment 2  max projection error over all epochs and seeds  " + sci(max(e.maxProjectionError())));
        return lines;
    }

    /**
     * @param e experiment 3's results
     * @return its text report, one string per line
     */
    public static List<String> text(Experiment3 e) {
        List<String> lines = new ArrayList<>();
        int seeds = e.full().length;
        boolean paperSettings = e.targetLoss() == PaperExperiments.EXPERIMENT3_TARGET_LOSS
                && e.maxEpochs() == PaperExperiments.EXPERIMENT3_MAX_EPOCHS;
        lines.add("");
        lines.add("experiment 3: the compressed network trains faster");
        lines.add("  widths " + widths(e.widths()) + " → " + widths(e.reducedWidths())
                + " (QR-compressed before training), 14,641 points, full-batch GD, lr " + PaperExperiments.LEARNING_RATE
                + ", until MSE < " + e.targetLoss() + " (at most " + e.maxEpochs() + " epochs), " + seedsText(seeds)
                + (paperSettings ? "" : " (changed: the paper stops at MSE < "
                        + PaperExperiments.EXPERIMENT3_TARGET_LOSS + ", at most "
                        + PaperExperiments.EXPERIMENT3_MAX_EPOCHS + " epochs)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "full s", "full epochs", "reduced s", "reduced epochs", "speedup"});
        double[] speedups = e.speedups();
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), seconds(e.full()[s].seconds()), epochs(e.full()[s]),
                seconds(e.reduced()[s].seconds()), epochs(e.reduced()[s]), fixed2(speedups[s])});
        }
        table(rows, lines);
        lines.add("experiment 3  seconds to MSE < " + e.targetLoss() + "  full " + plusMinus(e.fullSeconds(), true)
                + " s, reduced " + plusMinus(e.reducedSeconds(), true) + " s  (paper: full "
                + plusMinus(PaperExperiments.PAPER_EXPERIMENT3_FULL_SECONDS, true) + " s, reduced "
                + plusMinus(PaperExperiments.PAPER_EXPERIMENT3_REDUCED_SECONDS, true) + " s)");
        lines.add("experiment 3  speedup full/reduced  " + plusMinus(e.speedup(), true) + "  (paper: "
                + fixed2(PaperExperiments.PAPER_EXPERIMENT3_SPEEDUP) + ")");
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
    public static String json(String backend, Experiment1 e1, Experiment2 e2, Experiment3 e3) {
        ObjectNode root = JSON.createObjectNode();
        root.put("backend", backend);
        if (e1 != null) {
            ObjectNode node = root.putObject("experiment1");
            summary(node, e1.meanDifference(), e1.summary(), PaperExperiments.PAPER_EXPERIMENT1);
            ints(node.putArray("widths"), e1.widths());
            ints(node.putArray("reducedWidths"), e1.reducedWidths());
            doubles(node.putArray("maxPerSeed"), e1.maxDifference());
        }
        if (e2 != null) {
            ObjectNode node = root.putObject("experiment2");
            summary(node, e2.lossDifference(), e2.summary(), PaperExperiments.PAPER_EXPERIMENT2);
            node.put("epochs", e2.epochs());
            node.put("learningRate", PaperExperiments.LEARNING_RATE);
            node.put("maxProjectionError", max(e2.maxProjectionError()));
            node.put("maxSymmetryError", max(e2.maxSymmetryError()));
            doubles(node.putArray("finalLoss"), e2.finalLoss());
        }
        if (e3 != null) {
            ObjectNode node = root.putObject("experiment3");
            runs(node.putObject("full"), e3.full());
            runs(node.putObject("reduced"), e3.reduced());
            ObjectNode speedup = node.putObject("speedup");
            number(speedup, "mean", e3.speedup().mean());
            number(speedup, "std", e3.speedup().std());
            doubles(speedup.putArray("perSeed"), e3.speedups());
            node.put("paper", PaperExperiments.PAPER_EXPERIMENT3_SPEEDUP);
            ObjectNode paperSeconds = node.putObject("paperSeconds");
            meanStd(paperSeconds.putObject("full"), PaperExperiments.PAPER_EXPERIMENT3_FULL_SECONDS);
            meanStd(paperSeconds.putObject("reduced"), PaperExperiments.PAPER_EXPERIMENT3_REDUCED_SECONDS);
            ints(node.putArray("widths"), e3.widths());
            ints(node.putArray("reducedWidths"), e3.reducedWidths());
            node.put("targetLoss", e3.targetLoss());
            node.put("maxEpochs", e3.maxEpochs());
            node.put("learningRate", PaperExperiments.LEARNING_RATE);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reproduce report as JSON", e);
        }
    }

    /**
     * @param v a number
     * @return v in scientific notation with three significant digits and a short exponent,
     *     e.g. {@code 1.31e-8}; {@code 0} for zero
     */
    static String sci(double v) {
        if (v == 0.0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        return s.substring(0, e) + "e" + Integer.parseInt(s.substring(e + 1));
    }

    private static void summary(ObjectNode node, double[] perSeed, Summary summary, Summary paper) {
        doubles(node.putArray("perSeed"), perSeed);
        number(node, "mean", summary.mean());
        number(node, "std", summary.std());
        node.put("paper", paper.mean());
        node.put("paperStd", paper.std());
    }

    private static void runs(ObjectNode node, Run[] runs) {
        ArrayNode seconds = node.putArray("seconds");
        ArrayNode epochs = node.putArray("epochs");
        ArrayNode finalLoss = node.putArray("finalLoss");
        ArrayNode stopReason = node.putArray("stopReason");
        for (Run run : runs) {
            seconds.add(run.seconds());
            epochs.add(run.epochs());
            finalLoss.add(run.finalLoss());
            stopReason.add(run.stopReason().name());
        }
    }

    private static void meanStd(ObjectNode node, Summary summary) {
        number(node, "mean", summary.mean());
        number(node, "std", summary.std());
    }

    /** A finite number, or null (JSON has no NaN). */
    static void number(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }

    static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static String widths(int[] widths) {
        return Arrays.stream(widths).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    static String seedsText(int seeds) {
        return seeds == 1 ? "seed 1" : "seeds 1.." + seeds;
    }

    static String plusMinus(Summary s, boolean fixed) {
        String mean = fixed ? fixed2(s.mean()) : sci(s.mean());
        if (!Double.isFinite(s.std())) {
            return mean;
        }
        return mean + " ± " + (fixed ? fixed2(s.std()) : sci(s.std()));
    }

    private static String fixed2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String seconds(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String epochs(Run run) {
        return run.epochs() + (run.reachedTarget() ? "" : "*");
    }

    /** Appends rows as a table: first column right-aligned under its header, the others too. */
    static void table(List<String[]> rows, List<String> lines) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int c = 0; c < columns; c++) {
                line.append(' ').append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
                if (c < columns - 1) {
                    line.append(' ');
                }
            }
            lines.add(line.toString());
        }
    }
}
