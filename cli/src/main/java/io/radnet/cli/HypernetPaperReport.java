package io.radnet.cli;

import static io.radnet.cli.ReportJson.doubles;
import static io.radnet.cli.ReportJson.meanStd;
import static io.radnet.cli.ReportText.sci;
import static io.radnet.cli.ReportText.seedsText;
import static io.radnet.cli.ReportText.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.experiments.RotationExperiment;
import io.radnet.experiments.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the results of the hypernetworks paper's real-data experiment
 * ({@link RotationExperiment}) for {@code radnet experiment rotation}: a text table beside the
 * paper's claim, one JSON object, and a PNG chart. It prints nothing itself.
 *
 * <p><b>JSON</b> of {@code rotation}: {@code {"backend", "experiment": "rotation", "settings":
 * {...}, "rows": [{"depth", "hypernetwork": MODEL, "embedding": MODEL}]}} with MODEL =
 * {@code {"trainedParameters", "generatorParameters", "primaryParameters", "testError": [per
 * seed], "mean", "std", "testLoss": [...], "firstEpochLoss": [...], "lastEpochLoss": [...]}}.
 * A standard deviation of one seed is null.
 */
final class HypernetPaperReport {
    /** The paper's claim on rotation prediction, quoted beside the table. */
    static final String ROTATION_CLAIM = "paper (Fig. 3, MNIST and CIFAR10; figures only): the hypernetwork is ahead of "
            + "the embedding method by a wide margin and improves with depth; the embedding method does not";
    /** The chart {@link #plots(RotationExperiment.Result, Path)} writes. */
    static final List<String> ROTATION_PLOTS = List.of("rotation-test-error.png");

    private HypernetPaperReport() {
    }

    /**
     * @param backend the backend's name
     * @param threads its thread count
     * @param r the results
     * @return the text report, one string per line
     */
    static List<String> text(String backend, int threads, RotationExperiment.Result r) {
        RotationExperiment.Settings s = r.settings();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment rotation: hypernetwork g(x; f(I)) versus embedding method q([x, e(I)]) on backend "
                + backend + " (" + threads + (threads == 1 ? " thread)" : " threads)"));
        lines.add("  Fashion-MNIST: I an image, x = I rotated by α ~ U(0°, 360°) (bilinear, zero fill), label the"
                + " nearest multiple of 30° (12 classes)");
        lines.add("  f and e: ReLU MLPs 784 → " + s.hiddenWidth() + " → … → N_g of k layers (f's last layer "
                + s.initialization().label() + "); g: 784 → " + s.primaryHidden() + " → 12 (ReLU, no biases); q: (784 + E) → "
                + s.primaryHidden() + " → 12, E = N_g");
        lines.add("  " + s.trainSamples() + " training / " + s.testSamples() + " test samples, " + s.epochs()
                + " epochs of SGD (batch " + s.batchSize() + ", lr " + s.learningRate() + "), softmax cross-entropy, "
                + seedsText(s.seeds()) + "; ± is the sample standard deviation; chance error 0.917");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"k", "N_f", "N_g", "hypernet test error", "train loss 1st → last", "N_e", "N_q",
            "embedding test error", "train loss 1st → last", "better"});
        for (RotationExperiment.Row row : r.rows()) {
            RotationExperiment.ModelResult h = row.hypernetwork();
            RotationExperiment.ModelResult e = row.embedding();
            rows.add(new String[] {Integer.toString(row.depth()), Integer.toString(h.generatorParameters()),
                Integer.toString(h.primaryParameters()), SharingReport.fixed3(h.testErrorSummary()),
                SharingReport.trend(h.firstEpochLoss(), h.lastEpochLoss()), Integer.toString(e.generatorParameters()),
                Integer.toString(e.primaryParameters()), SharingReport.fixed3(e.testErrorSummary()),
                SharingReport.trend(e.firstEpochLoss(), e.lastEpochLoss()),
                h.testErrorSummary().mean() < e.testErrorSummary().mean() ? "hyper" : "embed"});
        }
        table(rows, lines);
        lines.add(ROTATION_CLAIM);
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return the JSON report, pretty-printed
     */
    static String json(String backend, RotationExperiment.Result r) {
        ObjectNode root = SharingReport.root(backend, "rotation", r.settings());
        ArrayNode rows = root.putArray("rows");
        for (RotationExperiment.Row row : r.rows()) {
            ObjectNode node = rows.addObject();
            node.put("depth", row.depth());
            model(node.putObject("hypernetwork"), row.hypernetwork());
            model(node.putObject("embedding"), row.embedding());
        }
        return ReportJson.write(root, "experiment report");
    }

    /**
     * Writes {@code rotation-test-error.png}: the test error against the depth k, one line per
     * model, mean over the seeds with a band of ± one sample standard deviation (several seeds).
     *
     * @param r the results
     * @param directory an existing directory
     * @return the files written
     */
    static List<Path> plots(RotationExperiment.Result r, Path directory) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (RotationExperiment.Row row : r.rows()) {
            series.merge("hypernetwork", SharingReport.point(row.depth(), row.hypernetwork().testError()), SharingReport::append);
            series.merge("embedding method", SharingReport.point(row.depth(), row.embedding().testError()), SharingReport::append);
        }
        Path file = directory.resolve(ROTATION_PLOTS.get(0));
        Charts.write(Charts.lineChart("Rotation prediction on Fashion-MNIST", "depth k of f and e",
                "test error" + SharingReport.seedsNote(r.settings().seeds()), false, series), file);
        return List.of(file);
    }

    private static void model(ObjectNode node, RotationExperiment.ModelResult m) {
        node.put("trainedParameters", m.trainedParameters());
        node.put("generatorParameters", m.generatorParameters());
        node.put("primaryParameters", m.primaryParameters());
        doubles(node.putArray("testError"), m.testError());
        meanStd(node, m.testErrorSummary());
        doubles(node.putArray("testLoss"), m.testLoss());
        doubles(node.putArray("firstEpochLoss"), m.firstEpochLoss());
        doubles(node.putArray("lastEpochLoss"), m.lastEpochLoss());
    }
}
