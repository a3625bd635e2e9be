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
import io.radnet.experiments.NoisyImageRecovery;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RadialExperiment4;
import io.radnet.experiments.RadialExperiment5;
import io.radnet.experiments.SeedStatistics;
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
 * {@link RadialExperiment2}, {@link RadialExperiment3}) and of its reference implementation's
 * scripts 4 and 5 ({@link RadialExperiment4}, {@link RadialExperiment5}) for
 * {@code radnet reproduce}, as text tables beside the paper's and the reference's published
 * figures or as one JSON object. It only builds strings; the command
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
 *  "experiment4": {"radial": {"finalLoss": STAT, "finalAccuracy": STAT, "testLoss": STAT,
 *                             "testAccuracy": STAT, "published": {the same four, each {"mean", "std"}}},
 *                  "relu": {the same fields},
 *                  "compression": {"reducedWidths", "maxDifference": STAT, "relativeMaxDifference": STAT},
 *                  "fashionMnistClass", "radii", "radialWidths", "reluWidths", "seeds", "copies", "epochs",
 *                  "learningRate", "noiseScale", "heldOutCopies", "heldOutTraining", "heldOutTest",
 *                  "trainingPass": {"radial": METHOD, "relu": METHOD}},
 *  "experiment5": {"radial": {"losses": [[loss per epoch] per seed], "finalAccuracy": [per seed],
 *                             "trainingPass": METHOD},
 *                  "relu": {the same fields},
 *                  "fashionMnistClass", "radialWidths", "reluWidths", "seeds", "copies", "epochs",
 *                  "learningRate", "noiseScale"},
 *  "radnetVersion": VERSION, "radnetCommit": COMMIT}
 * }</pre>
 * METHOD is {@code "dense"}, {@code "fused"} or {@code "subspace"}; STAT is
 * {@code {"mean", "std", "perSeed": [...]}} over the seeds.
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
        return List.of("radnet reproduce on backend " + backend + " (" + threads + (threads == 1 ? " thread" : " threads")
                        + "), in double precision: experiments 1–3 are the radial paper's, 4–5 its reference"
                        + " implementation's scripts",
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
     * @param e experiment 4's results
     * @param source where the originals came from, e.g. {@code the first 3 Fashion-MNIST training
     *     images of class 3}
     * @return its text report, one string per line
     */
    static List<String> text(RadialExperiment4.Result e, String source) {
        List<String> lines = new ArrayList<>();
        RadialExperiment4.Settings settings = e.settings();
        int seeds = settings.seeds();
        lines.add("");
        lines.add("experiment 4 (reference script 4): noisy image recovery, Step-ReLU radial network vs ReLU MLP");
        lines.add("  originals: " + source + "; nearest-other distances r_i " + sciList(e.radii()));
        lines.add("  " + settings.copies() + " copies of each, x_i + 3·r_i·u (u uniform in the unit ball); radial "
                + widths(e.radialWidths()) + " (η(r) = r for r ≥ 1, 1e-6 below; no activation shifts"
                + (settings.layerBiases() ? "" : "; no layer biases") + "), ReLU MLP "
                + widths(e.reluWidths()) + "; " + settings.epochs() + " epochs of full-batch GD, lr "
                + NoisyImageRecovery.LEARNING_RATE + ", cross-entropy; " + seedsText(seeds)
                + (settings.scriptSettings() ? "" : " (changed: the script runs "
                        + RadialExperiment4.Settings.DEFAULT_SEEDS + " seeds, "
                        + RadialExperiment4.Settings.DEFAULT_COPIES + " copies, "
                        + RadialExperiment4.Settings.DEFAULT_EPOCHS + " epochs, held out "
                        + RadialExperiment4.Settings.DEFAULT_HELD_OUT_COPIES + " copies, with layer biases)"));
        lines.add("  held out: " + settings.heldOutCopies() + " fresh copies of each, " + e.heldOutTraining()
                + " to train and " + e.heldOutTest() + " to test; training passes: radial "
                + passText(e.radialTrainingPass()) + ", ReLU MLP " + passText(e.reluTrainingPass()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"seed", "radial loss", "radial acc", "radial test loss", "radial test acc",
            "ReLU loss", "ReLU acc", "ReLU test loss", "ReLU test acc"});
        RadialExperiment4.Model radial = e.radial();
        RadialExperiment4.Model relu = e.relu();
        for (int s = 0; s < seeds; s++) {
            rows.add(new String[] {Integer.toString(s + 1), sci(radial.finalLoss().perSeed()[s]),
                fixed3(radial.finalAccuracy().perSeed()[s]), sci(radial.testLoss().perSeed()[s]),
                fixed3(radial.testAccuracy().perSeed()[s]), sci(relu.finalLoss().perSeed()[s]),
                fixed3(relu.finalAccuracy().perSeed()[s]), sci(relu.testLoss().perSeed()[s]),
                fixed3(relu.testAccuracy().perSeed()[s])});
        }
        table(rows, lines);
        List<String[]> summary = new ArrayList<>();
        summary.add(new String[] {"", "radnet", "published (float32)"});
        summary.add(new String[] {"radial final loss", plusMinus(radial.finalLoss().summary(), false),
            plusMinus(NoisyImageRecovery.PUBLISHED_RADIAL_LOSS, false)});
        summary.add(new String[] {"radial final accuracy", accuracy(radial.finalAccuracy().summary()),
            accuracy(NoisyImageRecovery.PUBLISHED_RADIAL_ACCURACY)});
        summary.add(new String[] {"ReLU final loss", plusMinus(relu.finalLoss().summary(), false),
            plusMinus(NoisyImageRecovery.PUBLISHED_RELU_LOSS, false)});
        summary.add(new String[] {"ReLU final accuracy", accuracy(relu.finalAccuracy().summary()),
            accuracy(NoisyImageRecovery.PUBLISHED_RELU_ACCURACY)});
        summary.add(new String[] {"radial test loss", plusMinus(radial.testLoss().summary(), false),
            plusMinus(NoisyImageRecovery.PUBLISHED_RADIAL_TEST_LOSS, false)});
        summary.add(new String[] {"radial test accuracy", accuracy(radial.testAccuracy().summary()),
            accuracy(NoisyImageRecovery.PUBLISHED_RADIAL_TEST_ACCURACY)});
        summary.add(new String[] {"ReLU test loss", plusMinus(relu.testLoss().summary(), false),
            plusMinus(NoisyImageRecovery.PUBLISHED_RELU_TEST_LOSS, false)});
        summary.add(new String[] {"ReLU test accuracy", accuracy(relu.testAccuracy().summary()),
            accuracy(NoisyImageRecovery.PUBLISHED_RELU_TEST_ACCURACY)});
        lines.add("experiment 4 beside the reference's published numbers:");
        table(summary, lines);
        RadialExperiment4.Compression compression = e.compression();
        lines.add("experiment 4  QR-compression of the trained radial networks: " + widths(e.radialWidths()) + " → "
                + widths(compression.reducedWidths())
                + (Arrays.equals(e.radialWidths(), compression.reducedWidths())
                        ? " (nothing to remove: every width is at most the previous reduced width + 1)" : "")
                + ", max |F − F_red| over the training copies " + sci(max(compression.maxDifference().perSeed()))
                + " (relative " + sci(max(compression.relativeMaxDifference().perSeed())) + ")");
        return lines;
    }

    /**
     * @param e experiment 5's results
     * @param source where the originals came from
     * @return its text report, one string per line
     */
    static List<String> text(RadialExperiment5.Result e, String source) {
        List<String> lines = new ArrayList<>();
        RadialExperiment5.Settings settings = e.settings();
        int seeds = settings.seeds();
        int epochs = settings.epochs();
        lines.add("");
        lines.add("experiment 5 (reference script 5): loss curves of noisy image recovery");
        lines.add("  originals: " + source + "; " + settings.copies() + " copies of each; radial "
                + widths(e.radialWidths()) + (settings.layerBiases() ? "" : " without layer biases") + " vs ReLU MLP "
                + widths(e.reluWidths()) + "; " + epochs
                + " epochs of full-batch GD, lr " + NoisyImageRecovery.LEARNING_RATE + ", cross-entropy; "
                + seedsText(seeds)
                + (settings.scriptSettings() ? "" : " (changed: the script runs "
                        + RadialExperiment5.Settings.DEFAULT_SEEDS + " seeds, "
                        + RadialExperiment5.Settings.DEFAULT_COPIES + " copies, "
                        + RadialExperiment5.Settings.DEFAULT_EPOCHS + " epochs, with layer biases)"));
        int[] shown = epochsShown(epochs);
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[1 + 2 * shown.length + 2];
        header[0] = "seed";
        for (int k = 0; k < shown.length; k++) {
            header[1 + k] = "radial @" + shown[k];
            header[1 + shown.length + k] = "ReLU @" + shown[k];
        }
        header[header.length - 2] = "radial acc";
        header[header.length - 1] = "ReLU acc";
        rows.add(header);
        for (int s = 0; s < seeds; s++) {
            String[] row = new String[header.length];
            row[0] = Integer.toString(s + 1);
            for (int k = 0; k < shown.length; k++) {
                row[1 + k] = sci(e.radial().losses()[s][shown[k] - 1]);
                row[1 + shown.length + k] = sci(e.relu().losses()[s][shown[k] - 1]);
            }
            row[header.length - 2] = fixed3(e.radial().finalAccuracy()[s]);
            row[header.length - 1] = fixed3(e.relu().finalAccuracy()[s]);
            rows.add(row);
        }
        table(rows, lines);
        lines.add("experiment 5  final loss  radial " + plusMinus(Summary.of(e.radial().finalLosses()), false)
                + ", ReLU MLP " + plusMinus(Summary.of(e.relu().finalLosses()), false)
                + "  (the reference publishes the curves only; --plot draws them)");
        return lines;
    }

    /** @return the epochs whose losses the text table shows: 1, a tenth, a third and the last, distinct */
    private static int[] epochsShown(int epochs) {
        return java.util.stream.IntStream.of(1, Math.max(1, epochs / 10), Math.max(1, epochs / 3), epochs).distinct()
                .toArray();
    }

    /** @return an accuracy as {@code 0.921 ± 0.249}, or the mean alone for a single seed */
    private static String accuracy(Summary s) {
        return fixed3(s.mean()) + (Double.isFinite(s.std()) ? " ± " + fixed3(s.std()) : "");
    }

    private static String fixed3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String sciList(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(sci(v));
        }
        return String.join(", ", parts);
    }

    /**
     * @param backend the backend's name
     * @param e1 experiment 1's results, or null if it did not run
     * @param e2 experiment 2's results, or null if it did not run
     * @param e3 experiment 3's results, or null if it did not run
     * @param imageClass the Fashion-MNIST class of the originals of experiments 4 and 5
     * @param e4 experiment 4's results, or null if it did not run
     * @param e5 experiment 5's results, or null if it did not run
     * @return the JSON report, pretty-printed, without a trailing line separator
     */
    static String json(String backend, int imageClass, RadialExperiment1.Result e1, RadialExperiment2.Result e2,
            RadialExperiment3.Result e3, RadialExperiment4.Result e4, RadialExperiment5.Result e5) {
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
        if (e4 != null) {
            ObjectNode node = root.putObject("experiment4");
            model(node.putObject("radial"), e4.radial(), NoisyImageRecovery.PUBLISHED_RADIAL_LOSS,
                    NoisyImageRecovery.PUBLISHED_RADIAL_ACCURACY, NoisyImageRecovery.PUBLISHED_RADIAL_TEST_LOSS,
                    NoisyImageRecovery.PUBLISHED_RADIAL_TEST_ACCURACY);
            model(node.putObject("relu"), e4.relu(), NoisyImageRecovery.PUBLISHED_RELU_LOSS,
                    NoisyImageRecovery.PUBLISHED_RELU_ACCURACY, NoisyImageRecovery.PUBLISHED_RELU_TEST_LOSS,
                    NoisyImageRecovery.PUBLISHED_RELU_TEST_ACCURACY);
            ObjectNode compression = node.putObject("compression");
            ints(compression.putArray("reducedWidths"), e4.compression().reducedWidths());
            statistic(compression.putObject("maxDifference"), e4.compression().maxDifference());
            statistic(compression.putObject("relativeMaxDifference"), e4.compression().relativeMaxDifference());
            noisyImageSettings(node, imageClass, e4.radii(), e4.radialWidths(), e4.reluWidths(), e4.settings().seeds(),
                    e4.settings().copies(), e4.settings().epochs());
            node.put("layerBiases", e4.settings().layerBiases());
            node.put("heldOutCopies", e4.settings().heldOutCopies());
            node.put("heldOutTraining", e4.heldOutTraining());
            node.put("heldOutTest", e4.heldOutTest());
            ObjectNode passes = node.putObject("trainingPass");
            passes.put("radial", e4.radialTrainingPass().toString());
            passes.put("relu", e4.reluTrainingPass().toString());
        }
        if (e5 != null) {
            ObjectNode node = root.putObject("experiment5");
            curves(node.putObject("radial"), e5.radial());
            curves(node.putObject("relu"), e5.relu());
            noisyImageSettings(node, imageClass, null, e5.radialWidths(), e5.reluWidths(), e5.settings().seeds(),
                    e5.settings().copies(), e5.settings().epochs());
            node.put("layerBiases", e5.settings().layerBiases());
        }
        return ReportJson.write(root, "reproduce report");
    }

    private static void summary(ObjectNode node, double[] perSeed, Summary summary, Summary paper) {
        doubles(node.putArray("perSeed"), perSeed);
        meanStd(node, summary);
        node.put("paper", paper.mean());
        node.put("paperStd", paper.std());
    }

    /** Puts the four statistics, each {mean, std, perSeed}, and the published ones under "published". */
    private static void model(ObjectNode node, RadialExperiment4.Model model, Summary loss, Summary accuracy,
            Summary testLoss, Summary testAccuracy) {
        statistic(node.putObject("finalLoss"), model.finalLoss());
        statistic(node.putObject("finalAccuracy"), model.finalAccuracy());
        statistic(node.putObject("testLoss"), model.testLoss());
        statistic(node.putObject("testAccuracy"), model.testAccuracy());
        ObjectNode published = node.putObject("published");
        meanStd(published.putObject("finalLoss"), loss);
        meanStd(published.putObject("finalAccuracy"), accuracy);
        meanStd(published.putObject("testLoss"), testLoss);
        meanStd(published.putObject("testAccuracy"), testAccuracy);
    }

    private static void statistic(ObjectNode node, SeedStatistics statistic) {
        meanStd(node, statistic.summary());
        doubles(node.putArray("perSeed"), statistic.perSeed());
    }

    private static void curves(ObjectNode node, RadialExperiment5.Curves curves) {
        ArrayNode losses = node.putArray("losses");
        for (double[] seed : curves.losses()) {
            doubles(losses.addArray(), seed);
        }
        doubles(node.putArray("finalAccuracy"), curves.finalAccuracy());
        node.put("trainingPass", curves.trainingPass().toString());
    }

    private static void noisyImageSettings(ObjectNode node, int imageClass, double[] radii, int[] radialWidths,
            int[] reluWidths, int seeds, int copies, int epochs) {
        node.put("fashionMnistClass", imageClass);
        if (radii != null) {
            doubles(node.putArray("radii"), radii);
        }
        ints(node.putArray("radialWidths"), radialWidths);
        ints(node.putArray("reluWidths"), reluWidths);
        node.put("seeds", seeds);
        node.put("copies", copies);
        node.put("epochs", epochs);
        node.put("learningRate", NoisyImageRecovery.LEARNING_RATE);
        node.put("noiseScale", NoisyImageRecovery.NOISE_SCALE);
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
