package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.experiments.IntrinsicExperiment;
import io.radnet.experiments.IntrinsicExperiment.Settings;
import io.radnet.experiments.IntrinsicExperiment.Strategy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code radnet experiment intrinsic}: the best test accuracy of S1 and S2 beside
 * the paper's (Table 2, Fashion-MNIST), the trainable and total parameter counts, as text, JSON
 * and a chart of the test accuracy per epoch.
 */
final class IntrinsicExperimentReport {
    /** The chart {@code --plot DIR} writes. */
    static final List<String> PLOTS = List.of("intrinsic-test-accuracy.png");

    private IntrinsicExperimentReport() {
    }

    /**
     * @param threads the backend's threads
     * @param r the result
     * @return the lines of the text report
     */
    static List<String> text(int threads, IntrinsicExperiment.Result r) {
        Settings s = r.settings();
        Settings paper = Settings.paper();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment intrinsic: the intrinsic-parameters CNN (§3.3, Table 2)");
        lines.add("on Fashion-MNIST, backend " + r.backend() + " (" + threads + " thread" + (threads == 1 ? "" : "s") + ")");
        lines.add(String.format(Locale.ROOT, "the first %,d training and %,d test images; S1 %d epochs;", s.trainSamples(),
                s.testSamples(), s.epochs()));
        lines.add(String.format(Locale.ROOT, "S2 %d epochs on classes 0-4, then %d on blocks 2 and 4 (1 and 3 frozen)",
                s.pretrainEpochs(), s.fineTuneEpochs()));
        lines.add(String.format(Locale.ROOT, "batch %d, RAdam, weight decay %s, learning rate %s·%s^(i-1) in epoch i",
                s.batchSize(), number(s.weightDecay()), number(s.learningRate()), number(s.decay())));
        lines.add("seed " + s.seed() + (s.equals(paper) ? "" : String.format(Locale.ROOT,
                " (paper: %,d and %,d images, %d epochs per phase: --preset paper)", paper.trainSamples(),
                paper.testSamples(), paper.epochs())));
        lines.add("");
        String format = "%-8s %13s %7s  %-36s %10s";
        lines.add(String.format(Locale.ROOT, format, "strategy", "best accuracy", "paper", "trainable parameters",
                "total"));
        lines.add(row(format, "S1", r.s1(), IntrinsicExperiment.PAPER_S1_ACCURACY));
        lines.add(row(format, "S2", r.s2(), IntrinsicExperiment.PAPER_S2_ACCURACY));
        lines.add(String.format(Locale.ROOT, "%-8s %13.4f %7.4f", "S1 - S2",
                r.s1().testAccuracy() - r.s2().testAccuracy(),
                IntrinsicExperiment.PAPER_S1_ACCURACY - IntrinsicExperiment.PAPER_S2_ACCURACY));
        lines.add("");
        lines.add("trainable parameters: weights, biases and batch-norm γ, β (w+b and BN apart);");
        lines.add(String.format(Locale.ROOT, "the paper's %,d for S2 counts weights and biases and lists Conv-4",
                IntrinsicExperiment.PAPER_S2_TRAINABLE));
        lines.add("as 36,992 parameters (64·64·9 + 64 = 36,928)");
        lines.add("S2's frozen blocks 1 and 3 (parameters, running statistics): "
                + (r.frozenBlocksUnchanged() ? "unchanged" : "CHANGED"));
        return lines;
    }

    private static String row(String format, String name, Strategy s, double paper) {
        String trainable = String.format(Locale.ROOT, "%,d (%,d w+b, %,d BN)", s.trainableParameters(),
                s.trainableWeightsAndBiases(), s.trainableBatchNormParameters());
        return String.format(Locale.ROOT, format, name, String.format(Locale.ROOT, "%.4f", s.testAccuracy()),
                String.format(Locale.ROOT, "%.4f", paper), trainable, String.format(Locale.ROOT, "%,d",
                        s.totalParameters()));
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * @param r the result
     * @return the JSON report, pretty-printed: {@code experiment}, {@code backend}, {@code settings},
     *     {@code s1} and {@code s2} (each {@code testAccuracy}, {@code accuracies}, {@code losses},
     *     {@code trainableParameters}, {@code trainableWeightsAndBiases},
     *     {@code trainableBatchNormParameters}, {@code totalParameters}; S2 also
     *     {@code pretrainAccuracies}), {@code frozenBlocksUnchanged}, {@code paper}
     */
    static String json(IntrinsicExperiment.Result r) {
        ObjectNode root = ReportJson.object();
        root.put("backend", r.backend());
        root.put("experiment", "intrinsic");
        root.set("settings", ReportJson.tree(r.settings()));
        strategy(root.putObject("s1"), r.s1());
        ObjectNode s2 = root.putObject("s2");
        strategy(s2, r.s2());
        ReportJson.doubles(s2.putArray("pretrainAccuracies"), r.s2().pretrainAccuracies());
        root.put("frozenBlocksUnchanged", r.frozenBlocksUnchanged());
        ObjectNode paper = root.putObject("paper");
        paper.put("s1", IntrinsicExperiment.PAPER_S1_ACCURACY);
        paper.put("s2", IntrinsicExperiment.PAPER_S2_ACCURACY);
        paper.put("s2TrainableParameters", IntrinsicExperiment.PAPER_S2_TRAINABLE);
        return ReportJson.write(root, "experiment report");
    }

    private static void strategy(ObjectNode node, Strategy s) {
        ReportJson.number(node, "testAccuracy", s.testAccuracy());
        ReportJson.doubles(node.putArray("accuracies"), s.accuracies());
        ReportJson.doubles(node.putArray("losses"), s.losses());
        node.put("trainableParameters", s.trainableParameters());
        node.put("trainableWeightsAndBiases", s.trainableWeightsAndBiases());
        node.put("trainableBatchNormParameters", s.trainableBatchNormParameters());
        node.put("totalParameters", s.totalParameters());
    }

    /**
     * Writes {@code intrinsic-test-accuracy.png}: the test accuracy after every epoch of S1 and of
     * S2's fine-tuning (epoch numbers of each phase), with the paper's best accuracies as dashed
     * lines.
     *
     * @param r the result
     * @param directory an existing directory
     * @return the file written
     */
    static List<Path> plots(IntrinsicExperiment.Result r, Path directory) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("S1, all blocks", curve(r.s1().accuracies()));
        series.put("S2, blocks 2 and 4 after pre-training on classes 0-4", curve(r.s2().accuracies()));
        Map<String, Double> levels = new LinkedHashMap<>();
        levels.put("paper S1 (300 epochs)", IntrinsicExperiment.PAPER_S1_ACCURACY);
        levels.put("paper S2 (300 epochs)", IntrinsicExperiment.PAPER_S2_ACCURACY);
        Path file = directory.resolve(PLOTS.get(0));
        Charts.write(Charts.lineChart("Intrinsic-parameters CNN on Fashion-MNIST", "epoch", "test accuracy", false,
                series, levels), file);
        return List.of(file);
    }

    private static double[][] curve(double[] values) {
        double[] epochs = new double[values.length];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
        }
        return new double[][] {epochs, values.clone()};
    }
}
