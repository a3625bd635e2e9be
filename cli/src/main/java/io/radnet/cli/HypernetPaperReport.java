package io.radnet.cli;

import static io.radnet.cli.ReportJson.doubles;
import static io.radnet.cli.ReportJson.meanStd;
import static io.radnet.cli.ReportText.seedsText;
import static io.radnet.cli.ReportText.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.cli.SharingReport.ModelCells;
import io.radnet.experiments.EmbeddingDimensionExperiment;
import io.radnet.experiments.RotationExperiment;
import io.radnet.experiments.WidthSweepExperiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The paper's claim on Assumption 2, quoted beside the table. */
    static final String WIDTH_CLAIM = "paper (appendix Fig. 8, MNIST and Fashion-MNIST; figures only): the test MSE strictly"
            + " decreases as hidden neurons are added, for a variety of activations";
    /** The chart {@link #plots(WidthSweepExperiment.Result, Path)} writes. */
    static final List<String> WIDTH_PLOTS = List.of("width-sweep-test-mse.png");

    /** The paper's claim on the embedding dimension, quoted beside the table. */
    static final String EMBEDDING_CLAIM = "paper (Fig. 1b; figures only): the embedding method does not improve as E grows"
            + " and stays well behind the hypernetwork";
    /** The chart {@link #plots(EmbeddingDimensionExperiment.Result, Path)} writes. */
    static final List<String> EMBEDDING_PLOTS = List.of("embedding-dim-test-mse.png");

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
        lines.add("radnet experiment rotation: hypernetwork g(x; f(I)) versus embedding method q([x, e(I)]) on "
                + SharingReport.onBackend(backend, threads));
        lines.add("  Fashion-MNIST: I an image, x = I rotated by α ~ U(0°, 360°) (bilinear, zero fill), label the"
                + " nearest multiple of 30° (12 classes)");
        lines.add("  f and e: ReLU MLPs 784 → " + s.hiddenWidth() + " → … → N_g of k layers (f's last layer "
                + s.initialization().label() + "); g: 784 → " + s.primaryHidden() + " → 12 (ReLU, no biases); q: (784 + E) → "
                + s.primaryHidden() + " → 12, E = N_g");
        lines.add("  " + s.trainSamples() + " training / " + s.testSamples() + " test samples, " + s.epochs()
                + " epochs of SGD (batch " + s.batchSize() + ", lr " + s.learningRate() + "), softmax cross-entropy, "
                + seedsText(s.seeds()) + "; ± is the sample standard deviation; chance error 0.917");
        table(ModelCells.table(List.of("k"), "error", true, r.rows(), row -> List.of(Integer.toString(row.depth())),
                row -> cells(row.hypernetwork()), row -> cells(row.embedding())), lines);
        lines.add(ROTATION_CLAIM);
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return the JSON report, pretty-printed
     */
    static String json(String backend, RotationExperiment.Result r) {
        return SharingReport.comparisonJson(backend, "rotation", r.settings(), r.rows(),
                (node, row) -> node.put("depth", row.depth()), RotationExperiment.Row::hypernetwork,
                RotationExperiment.Row::embedding, HypernetPaperReport::model);
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

    /** @return a rotation model's cells, the test error shown to 3 decimals */
    private static ModelCells cells(RotationExperiment.ModelResult m) {
        return new ModelCells(m.generatorParameters(), m.primaryParameters(), m.testErrorSummary(),
                SharingReport.fixed3(m.testErrorSummary()), SharingReport.trend(m.firstEpochLoss(), m.lastEpochLoss()));
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

    /**
     * @param backend the backend's name
     * @param threads its thread count
     * @param r the results
     * @return the text report: per width the test MSE of every activation, then per activation
     *     how many steps w → w + 1 of the listed widths lowered the mean test MSE
     */
    static List<String> text(String backend, int threads, WidthSweepExperiment.Result r) {
        WidthSweepExperiment.Settings s = r.settings();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment width-sweep: Assumption 2 of the hypernetworks paper on "
                + SharingReport.onBackend(backend, threads));
        lines.add("  Fashion-MNIST, 784 → w → 10, MSE against one-hot labels, " + s.trainSamples() + " training / "
                + s.testSamples() + " test samples, " + s.epochs() + " epochs of Adadelta (batch " + s.batchSize()
                + ", lr " + s.learningRate() + "), " + seedsText(s.seeds()) + "; ± is the sample standard deviation");
        List<String> activations = s.activations();
        int[] widths = s.widths();
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[2 + activations.size()];
        header[0] = "w";
        header[1] = "params";
        for (int a = 0; a < activations.size(); a++) {
            header[2 + a] = activations.get(a) + " test MSE";
        }
        rows.add(header);
        for (int i = 0; i < widths.length; i++) {
            String[] row = new String[header.length];
            row[0] = Integer.toString(widths[i]);
            row[1] = Integer.toString(r.rows().get(i).parameters());
            for (int a = 0; a < activations.size(); a++) {
                row[2 + a] = ReportText.plusMinus(r.rows().get(a * widths.length + i).testMseSummary(), false);
            }
            rows.add(row);
        }
        table(rows, lines);
        for (int a = 0; a < activations.size(); a++) {
            int falls = 0;
            for (int i = 1; i < widths.length; i++) {
                if (r.rows().get(a * widths.length + i).testMseSummary().mean()
                        < r.rows().get(a * widths.length + i - 1).testMseSummary().mean()) {
                    falls++;
                }
            }
            lines.add("  " + activations.get(a) + ": the mean test MSE falls at " + falls + " of " + (widths.length - 1)
                    + " steps between listed widths");
        }
        lines.add(WIDTH_CLAIM);
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return {@code {"backend", "experiment": "width-sweep", "settings", "rows": [{"activation",
     *     "width", "parameters", "testMse": [per seed], "mean", "std", "lastEpochLoss": [...]}]}}
     */
    static String json(String backend, WidthSweepExperiment.Result r) {
        ObjectNode root = SharingReport.root(backend, "width-sweep", r.settings());
        ArrayNode rows = root.putArray("rows");
        for (WidthSweepExperiment.Row row : r.rows()) {
            ObjectNode node = rows.addObject();
            node.put("activation", row.activation());
            node.put("width", row.width());
            node.put("parameters", row.parameters());
            doubles(node.putArray("testMse"), row.testMse());
            meanStd(node, row.testMseSummary());
            doubles(node.putArray("lastEpochLoss"), row.lastEpochLoss());
        }
        return ReportJson.write(root, "experiment report");
    }

    /**
     * Writes {@code width-sweep-test-mse.png}: the test MSE against w, one line per activation,
     * mean over the seeds with a band of ± one sample standard deviation (several seeds).
     *
     * @param r the results
     * @param directory an existing directory
     * @return the files written
     */
    static List<Path> plots(WidthSweepExperiment.Result r, Path directory) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (WidthSweepExperiment.Row row : r.rows()) {
            series.merge(row.activation(), SharingReport.point(row.width(), row.testMse()), SharingReport::append);
        }
        Path file = directory.resolve(WIDTH_PLOTS.get(0));
        Charts.write(Charts.lineChart("Assumption 2: 784 → w → 10 on Fashion-MNIST", "hidden width w",
                "test MSE" + SharingReport.seedsNote(r.settings().seeds()), false, series), file);
        return List.of(file);
    }

    /**
     * @param backend the backend's name
     * @param threads its thread count
     * @param r the results
     * @return the text report, one string per line
     */
    static List<String> text(String backend, int threads, EmbeddingDimensionExperiment.Result r) {
        EmbeddingDimensionExperiment.Settings s = r.settings();
        int d = s.width();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment embedding-dim: hypernetwork g(x; f(I)) versus embedding method q([x, e(I)]) as E grows,"
                + " on " + SharingReport.onBackend(backend, threads));
        lines.add("  d_x = d_I = " + d + "; f: " + d + " → " + s.hiddenWidth() + " → E → N_g (f's last layer "
                + s.initialization().label() + "), g: " + d + " → " + s.primaryHidden() + " → 1 (no biases); e: " + d
                + " → " + s.hiddenWidth() + " → " + s.hiddenWidth() + " → E, q: (" + d + " + E) → " + s.primaryHidden()
                + " → 1; ReLU");
        lines.add("  " + s.trainSamples() + " training / " + s.testSamples() + " test samples, " + s.epochs()
                + " epochs of SGD (batch " + s.batchSize() + ", lr " + s.learningRate() + "), MSE, "
                + seedsText(s.seeds()) + "; ± is the sample standard deviation");
        table(ModelCells.table(List.of("type", "E"), "MSE", false, r.rows(),
                row -> List.of(row.type().name(), Integer.toString(row.embeddingDimension())),
                row -> ModelCells.of(row.hypernetwork()), row -> ModelCells.of(row.embedding())), lines);
        lines.add(EMBEDDING_CLAIM);
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return {@code {"backend", "experiment": "embedding-dim", "settings", "rows": [{"type",
     *     "embeddingDimension", "hypernetwork": MODEL, "embedding": MODEL}]}}, MODEL as in
     *     {@code hypernet}'s JSON
     */
    static String json(String backend, EmbeddingDimensionExperiment.Result r) {
        return SharingReport.comparisonJson(backend, "embedding-dim", r.settings(), r.rows(), (node, row) -> {
            node.put("type", row.type().name());
            node.put("embeddingDimension", row.embeddingDimension());
        }, EmbeddingDimensionExperiment.Row::hypernetwork, EmbeddingDimensionExperiment.Row::embedding,
                SharingReport::model);
    }

    /**
     * Writes {@code embedding-dim-test-mse.png}: the test MSE against E (log scale), one line
     * per type and model, mean over the seeds with a band of ± one sample standard deviation.
     *
     * @param r the results
     * @param directory an existing directory
     * @return the files written
     */
    static List<Path> plots(EmbeddingDimensionExperiment.Result r, Path directory) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (EmbeddingDimensionExperiment.Row row : r.rows()) {
            series.merge("Type " + row.type() + " hypernetwork",
                    SharingReport.point(row.embeddingDimension(), row.hypernetwork().testMse()), SharingReport::append);
            series.merge("Type " + row.type() + " embedding",
                    SharingReport.point(row.embeddingDimension(), row.embedding().testMse()), SharingReport::append);
        }
        Path file = directory.resolve(EMBEDDING_PLOTS.get(0));
        Charts.write(Charts.lineChart("Hypernetwork vs embedding method as E grows", "embedding dimension E",
                "test MSE" + SharingReport.seedsNote(r.settings().seeds()), true, series), file);
        return List.of(file);
    }
}
