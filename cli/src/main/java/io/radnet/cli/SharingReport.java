package io.radnet.cli;

import static io.radnet.cli.ReportJson.doubles;
import static io.radnet.cli.ReportJson.meanStd;
import static io.radnet.cli.ReportText.plusMinus;
import static io.radnet.cli.ReportText.sci;
import static io.radnet.cli.ReportText.seedsText;
import static io.radnet.cli.ReportText.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.experiments.HypernetExperiment;
import io.radnet.experiments.HypernetExperiment.ModelResult;
import io.radnet.experiments.RcnetExperiment;
import io.radnet.experiments.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Formats the results of {@link HypernetExperiment} and {@link RcnetExperiment} for {@code radnet experiment}: text tables with
 * the papers' claims, one JSON object, and PNG charts. It prints nothing itself.
 *
 * <p><b>JSON</b> of {@code hypernet}: {@code {"backend", "experiment": "hypernet", "settings":
 * {...}, "rows": [{"type", "depth", "hypernetwork": MODEL, "embedding": MODEL}]}} with MODEL =
 * {@code {"trainedParameters", "generatorParameters", "primaryParameters", "testMse": [per seed],
 * "mean", "std", "firstEpochLoss": [...], "lastEpochLoss": [...]}}. Of {@code rcnet}:
 * {@code {"backend", "experiment": "rcnet", "settings": {...}, "rows": [{"r", "approximation":
 * {"parameters", "testMse": [...], "mse": {"mean", "std"}, "maxError": [...], "max": {...},
 * "firstEpochLoss", "lastEpochLoss"}, "spirals": {"parameters", "accuracy": [...], "mean", "std",
 * "firstEpochLoss", "lastEpochLoss"}}]}}. A standard deviation of one seed is null.
 */
final class SharingReport {
    /** The hypernetworks paper's claim, quoted beside the table. */
    static final String HYPERNET_CLAIM = "paper (figures only): the hypernetwork beats the embedding method once f and e "
            + "have ≥ 3 layers and improves with depth; the embedding method does not improve with depth";
    /** The RCNet paper's claims, quoted beside the table. */
    static final String RCNET_CLAIM = "paper: test MSE falls from ~1e-2 (r = 1) to ~1e-5 (r = 4) for n = 100; "
            + "spiral accuracy rises with r, 0.57 → 0.87 for n = 30";
    /** The charts {@link #plots(HypernetExperiment.Result, Path)} writes, by file name. */
    static final List<String> HYPERNET_PLOTS = List.of("hypernet-test-mse.png");
    /** The charts {@link #plots(RcnetExperiment.Result, Path)} writes, by file name, in its order. */
    static final List<String> RCNET_PLOTS = List.of("rcnet-errors.png", "rcnet-spiral-accuracy.png",
            "rcnet-training-loss.png");

    private SharingReport() {
    }

    /**
     * @param backend the backend's name
     * @param threads its thread count
     * @param r the results
     * @return the text report of the hypernet experiment, one string per line
     */
    static List<String> text(String backend, int threads, HypernetExperiment.Result r) {
        HypernetExperiment.Settings s = r.settings();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment hypernet: hypernetwork g(x; f(I)) versus embedding method q([x, e(I)]) on "
                + onBackend(backend, threads));
        lines.add("  d_x = " + s.xWidth() + ", d_I = " + s.iWidth() + "; f and e: ReLU MLPs of k layers, hidden width "
                + s.hiddenWidth() + " (f's last layer " + s.initialization().label() + "); g: " + s.xWidth() + " → " + s.primaryHidden() + " → 1 (ReLU, no biases); q: ("
                + s.xWidth() + " + E) → " + s.primaryHidden() + " → 1, E = N_g");
        lines.add("  " + s.trainSamples() + " training / " + s.testSamples() + " test samples, " + s.epochs()
                + " epochs of SGD (batch " + s.batchSize() + ", lr " + s.learningRate() + "), MSE, "
                + seedsText(s.seeds()) + "; ± is the sample standard deviation");
        table(ModelCells.table(List.of("type", "k"), "MSE", true, r.rows(),
                row -> List.of(row.type().name(), Integer.toString(row.depth())),
                row -> ModelCells.of(row.hypernetwork()), row -> ModelCells.of(row.embedding())), lines);
        lines.add(HYPERNET_CLAIM);
        return lines;
    }

    /**
     * @param backend the backend's name
     * @param threads its thread count
     * @param r the results
     * @return the text report of the rcnet experiments, one string per line
     */
    static List<String> text(String backend, int threads, RcnetExperiment.Result r) {
        RcnetExperiment.Settings s = r.settings();
        List<String> lines = new ArrayList<>();
        lines.add("radnet experiment rcnet: L₂ ∘ g^r ∘ L₁ with one shared block g(v) = ReLU(A v + c) on "
                + onBackend(backend, threads));
        lines.add("  2-D function on [0,1]²: n = " + s.approximationWidth() + ", " + s.approximationTrain() + " training / "
                + s.approximationTest() + " test samples, " + s.approximationEpochs() + " epochs of RAdam (batch "
                + s.approximationBatch() + ", lr " + s.approximationRate() + " × 0.9 every 5 epochs), MSE");
        lines.add("  two spirals (s = " + s.spiralHalfTurns() + " half-turns, ε = 0.006): n = " + s.spiralWidth() + ", "
                + s.spiralTrain() + " training / " + s.spiralTest() + " test samples, " + s.spiralEpochs()
                + " epochs of RAdam (batch " + s.spiralBatch() + ", lr " + s.spiralRate()
                + " × 0.95 every 5 epochs), cross-entropy");
        lines.add("  " + seedsText(s.seeds()) + "; ± is the sample standard deviation");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"r", "params", "test MSE", "max error", "train MSE 1st → last", "params",
            "spiral accuracy", "train CE 1st → last"});
        for (RcnetExperiment.Row row : r.rows()) {
            rows.add(new String[] {Integer.toString(row.repetitions()), Integer.toString(row.parameters()),
                plusMinus(Summary.of(row.testMse()), false), plusMinus(Summary.of(row.maxError()), false),
                curveTrend(row.approximationLossCurve()), Integer.toString(row.spiralParameters()),
                fixed3(Summary.of(row.accuracy())), curveTrend(row.spiralLossCurve())});
        }
        table(rows, lines);
        lines.add(RCNET_CLAIM);
        return lines;
    }

    /** @return "backend NAME (T threads)", or "(1 thread)" */
    static String onBackend(String backend, int threads) {
        return "backend " + backend + " (" + threads + (threads == 1 ? " thread)" : " threads)");
    }

    /**
     * One model's cells in the table comparing a hypernetwork with the embedding method.
     *
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g, or N_q
     * @param statistic the test statistic over the seeds (lower is better)
     * @param statisticText how the table shows it
     * @param lossTrend the mean training loss of the first and the last epoch, "first → last"
     */
    record ModelCells(int generatorParameters, int primaryParameters, Summary statistic, String statisticText,
            String lossTrend) {
        /** @return the cells of a model of the hypernet experiments, the test MSE shown as mean ± std */
        static ModelCells of(ModelResult m) {
            return new ModelCells(m.generatorParameters(), m.primaryParameters(), m.testMseSummary(),
                    plusMinus(m.testMseSummary(), false), trend(m.firstEpochLoss(), m.lastEpochLoss()));
        }

        /**
         * @param leading the columns naming the row
         * @param statistic the statistic's name, e.g. "MSE"
         * @param withPrimary whether the hypernetwork's N_g has a column
         * @return the header: the leading columns, N_f, (N_g,) both models' statistic and loss
         *     trend with N_e and N_q between them, and "better"
         */
        static String[] header(List<String> leading, String statistic, boolean withPrimary) {
            List<String> cells = new ArrayList<>(leading);
            cells.add("N_f");
            if (withPrimary) {
                cells.add("N_g");
            }
            cells.addAll(List.of("hypernet test " + statistic, "train loss 1st → last", "N_e", "N_q",
                    "embedding test " + statistic, "train loss 1st → last", "better"));
            return cells.toArray(String[]::new);
        }

        /**
         * @param leadingHeader the names of the columns naming a row
         * @param statistic the statistic's name, e.g. "MSE"
         * @param withPrimary whether the hypernetwork's N_g has a column
         * @param rows the result's rows
         * @param leading the cells naming a row
         * @param hypernetwork the hypernetwork's cells of a row
         * @param embedding the embedding method's cells of a row
         * @return the table: {@link #header}, then one {@link #row} per row
         */
        static <W> List<String[]> table(List<String> leadingHeader, String statistic, boolean withPrimary, List<W> rows,
                Function<W, List<String>> leading, Function<W, ModelCells> hypernetwork,
                Function<W, ModelCells> embedding) {
            List<String[]> table = new ArrayList<>();
            table.add(header(leadingHeader, statistic, withPrimary));
            for (W row : rows) {
                table.add(row(leading.apply(row), hypernetwork.apply(row), embedding.apply(row), withPrimary));
            }
            return table;
        }

        /**
         * @return the row under {@link #header}: the leading cells, both models' cells, and which
         *     model's statistic has the lower mean ("hyper" or "embed")
         */
        static String[] row(List<String> leading, ModelCells hypernetwork, ModelCells embedding, boolean withPrimary) {
            List<String> cells = new ArrayList<>(leading);
            cells.add(Integer.toString(hypernetwork.generatorParameters()));
            if (withPrimary) {
                cells.add(Integer.toString(hypernetwork.primaryParameters()));
            }
            cells.addAll(List.of(hypernetwork.statisticText(), hypernetwork.lossTrend(),
                    Integer.toString(embedding.generatorParameters()), Integer.toString(embedding.primaryParameters()),
                    embedding.statisticText(), embedding.lossTrend(),
                    hypernetwork.statistic().mean() < embedding.statistic().mean() ? "hyper" : "embed"));
            return cells.toArray(String[]::new);
        }
    }

    static String trend(double[] first, double[] last) {
        return sci(Summary.of(first).mean()) + " → " + sci(Summary.of(last).mean());
    }

    private static String curveTrend(double[] curve) {
        return sci(curve[0]) + " → " + sci(curve[curve.length - 1]);
    }

    static String fixed3(Summary s) {
        String mean = String.format(Locale.ROOT, "%.3f", s.mean());
        return Double.isFinite(s.std()) ? mean + " ± " + String.format(Locale.ROOT, "%.3f", s.std()) : mean;
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return the JSON report, pretty-printed
     */
    static String json(String backend, HypernetExperiment.Result r) {
        return comparisonJson(backend, "hypernet", r.settings(), r.rows(), (node, row) -> {
            node.put("type", row.type().name());
            node.put("depth", row.depth());
        }, HypernetExperiment.Row::hypernetwork, HypernetExperiment.Row::embedding, SharingReport::model);
    }

    /**
     * @param backend the backend's name
     * @param r the results
     * @return the JSON report, pretty-printed
     */
    static String json(String backend, RcnetExperiment.Result r) {
        ObjectNode root = root(backend, "rcnet", r.settings());
        ArrayNode rows = root.putArray("rows");
        for (RcnetExperiment.Row row : r.rows()) {
            ObjectNode node = rows.addObject();
            node.put("r", row.repetitions());
            ObjectNode approx = node.putObject("approximation");
            approx.put("parameters", row.parameters());
            doubles(approx.putArray("testMse"), row.testMse());
            meanStd(approx.putObject("mse"), Summary.of(row.testMse()));
            doubles(approx.putArray("maxError"), row.maxError());
            meanStd(approx.putObject("max"), Summary.of(row.maxError()));
            approx.put("firstEpochLoss", row.approximationLossCurve()[0]);
            approx.put("lastEpochLoss", row.approximationLossCurve()[row.approximationLossCurve().length - 1]);
            ObjectNode spirals = node.putObject("spirals");
            spirals.put("parameters", row.spiralParameters());
            doubles(spirals.putArray("accuracy"), row.accuracy());
            meanStd(spirals, Summary.of(row.accuracy()));
            spirals.put("firstEpochLoss", row.spiralLossCurve()[0]);
            spirals.put("lastEpochLoss", row.spiralLossCurve()[row.spiralLossCurve().length - 1]);
        }
        return write(root);
    }

    /**
     * The JSON report of a hypernetwork-versus-embedding experiment: {@code {"backend",
     * "experiment", "settings", "rows": [{NAMES, "hypernetwork": MODEL, "embedding": MODEL}]}}.
     *
     * @param backend the backend's name
     * @param experiment the experiment's name
     * @param settings what ran
     * @param rows the result's rows
     * @param names puts the fields naming a row (e.g. "type", "depth") into its object
     * @param hypernetwork the hypernetwork's results of a row
     * @param embedding the embedding method's results of a row
     * @param model puts a model's results (MODEL) into an object
     * @return the JSON report, pretty-printed
     */
    static <W, M> String comparisonJson(String backend, String experiment, Record settings, List<W> rows,
            BiConsumer<ObjectNode, W> names, Function<W, M> hypernetwork, Function<W, M> embedding,
            BiConsumer<ObjectNode, M> model) {
        ObjectNode root = root(backend, experiment, settings);
        ArrayNode array = root.putArray("rows");
        for (W row : rows) {
            ObjectNode node = array.addObject();
            names.accept(node, row);
            model.accept(node.putObject("hypernetwork"), hypernetwork.apply(row));
            model.accept(node.putObject("embedding"), embedding.apply(row));
        }
        return write(root);
    }

    static ObjectNode root(String backend, String experiment, Record settings) {
        ObjectNode root = ReportJson.object();
        root.put("backend", backend);
        root.put("experiment", experiment);
        root.set("settings", ReportJson.tree(settings));
        return root;
    }

    static void model(ObjectNode node, ModelResult m) {
        node.put("trainedParameters", m.trainedParameters());
        node.put("generatorParameters", m.generatorParameters());
        node.put("primaryParameters", m.primaryParameters());
        doubles(node.putArray("testMse"), m.testMse());
        meanStd(node, m.testMseSummary());
        doubles(node.putArray("firstEpochLoss"), m.firstEpochLoss());
        doubles(node.putArray("lastEpochLoss"), m.lastEpochLoss());
    }

    private static String write(ObjectNode root) {
        return ReportJson.write(root, "experiment report");
    }

    /**
     * Writes {@code hypernet-test-mse.png}: the test MSE against the depth k, one line per type
     * and model, mean over the seeds with a band of ± one sample standard deviation (with several
     * seeds), on a logarithmic axis.
     *
     * @param r the results
     * @param directory an existing directory
     * @return the files written
     */
    static List<Path> plots(HypernetExperiment.Result r, Path directory) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (HypernetExperiment.Row row : r.rows()) {
            for (boolean hyper : new boolean[] {true, false}) {
                String name = "Type " + row.type() + (hyper ? " hypernetwork" : " embedding");
                ModelResult m = hyper ? row.hypernetwork() : row.embedding();
                series.merge(name, point(row.depth(), m.testMse()), SharingReport::append);
            }
        }
        Path file = directory.resolve(HYPERNET_PLOTS.get(0));
        Charts.write(Charts.lineChart("Hypernetwork vs embedding method", "depth k of f and e",
                "test MSE" + seedsNote(r.settings().seeds()), true, series), file);
        return List.of(file);
    }

    /**
     * Writes {@code rcnet-errors.png} (test MSE and max error against r, log scale),
     * {@code rcnet-spiral-accuracy.png} (test accuracy against r), both the mean over the seeds
     * with a band of ± one sample standard deviation (with several seeds), and
     * {@code rcnet-training-loss.png} (the seeds' mean training MSE per epoch, one line per r,
     * log scale).
     *
     * @param r the results
     * @param directory an existing directory
     * @return the files written
     */
    static List<Path> plots(RcnetExperiment.Result r, Path directory) {
        Map<String, double[][]> errors = new LinkedHashMap<>();
        Map<String, double[][]> accuracy = new LinkedHashMap<>();
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (RcnetExperiment.Row row : r.rows()) {
            errors.merge("test MSE", point(row.repetitions(), row.testMse()), SharingReport::append);
            errors.merge("max error", point(row.repetitions(), row.maxError()), SharingReport::append);
            accuracy.merge("test accuracy", point(row.repetitions(), row.accuracy()), SharingReport::append);
            double[] epochs = new double[row.approximationLossCurve().length];
            for (int e = 0; e < epochs.length; e++) {
                epochs[e] = e + 1;
            }
            curves.put("r = " + row.repetitions(), new double[][] {epochs, row.approximationLossCurve()});
        }
        int seeds = r.settings().seeds();
        List<Path> files = RCNET_PLOTS.stream().map(directory::resolve).toList();
        Charts.write(Charts.lineChart("RCNet, 2-D function approximation", "compositions r",
                "error" + seedsNote(seeds), true, errors), files.get(0));
        Charts.write(Charts.lineChart("RCNet, two-spiral classification", "compositions r",
                "test accuracy" + seedsNote(seeds), false, accuracy), files.get(1));
        Charts.write(Charts.lineChart("RCNet, training MSE of the 2-D approximation", "epoch",
                seeds == 1 ? "training MSE" : "training MSE (mean of " + seeds + " seeds)", true, curves),
                files.get(2));
        return files;
    }

    static String seedsNote(int seeds) {
        return seeds == 1 ? "" : " (mean ± sd of " + seeds + " seeds)";
    }

    /**
     * @param x the abscissa
     * @param perSeed the values of every seed
     * @return {{x}, {mean}} for one seed, else {{x}, {mean}, {mean − sd}, {mean + sd}}
     */
    static double[][] point(double x, double[] perSeed) {
        Summary summary = Summary.of(perSeed);
        if (perSeed.length == 1) {
            return new double[][] {{x}, {summary.mean()}};
        }
        return new double[][] {{x}, {summary.mean()}, {summary.mean() - summary.std()},
            {summary.mean() + summary.std()}};
    }

    static double[][] append(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length + b[0].length];
        for (int k = 0; k < a.length; k++) {
            System.arraycopy(a[k], 0, out[k], 0, a[k].length);
            System.arraycopy(b[k], 0, out[k], a[k].length, b[k].length);
        }
        return out;
    }
}
