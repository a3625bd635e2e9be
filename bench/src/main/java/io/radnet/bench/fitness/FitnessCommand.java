package io.radnet.bench.fitness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Backends;
import io.radnet.bench.Tools;
import io.radnet.bench.gate.BenchmarkResult;
import io.radnet.bench.gate.JmhResults;
import io.radnet.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -cp bench/target/benchmarks.jar io.radnet.bench.fitness.FitnessCommand --jmh R.json…
 * [--pytorch-epoch E.json] [--pytorch-wide W.json…] [--processes P.tsv] --json OUT.json}: prints
 * {@link Fitness}'s table and writes it as JSON. Exits 0, or 2 on unusable input.
 */
@Command(name = "fitness", mixinStandardHelpOptions = true,
        description = "The fitness table: every workload on the default choice and on each backend, with its anchor.")
public final class FitnessCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--jmh", required = true, description = "JMH JSON results of the fitness runs (repeatable; the"
            + " samples of a row in several files, single shots or iterations, are pooled: median and least).")
    private List<Path> jmh = new ArrayList<>();

    @Option(names = "--pytorch-epoch", description = "The JSON of pytorch_epoch.py --json (experiment-3 epochs).")
    private Path pytorchEpoch;

    @Option(names = "--pytorch-wide", description = "The JSON of pytorch_wide.py mlp --json or pytorch_fitness.py"
            + " rcnet|hypernet --json (repeatable; its \"workload\" field names the row).")
    private List<Path> pytorchWide = new ArrayList<>();

    @Option(names = "--processes",
            description = "Whole-process times: lines NAME<TAB>COLUMN<TAB>SECONDS, the median of each NAME and COLUMN is used.")
    private Path processes;

    @Option(names = "--json", required = true, description = "Where the table is written as JSON.")
    private Path json;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * @param out where the table goes
     * @param err where a one-line reason goes on unusable input
     * @param args the command line
     * @return the exit code: 0, or 2 on unusable input
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Tools.commandLine("fitness", new FitnessCommand()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        List<BenchmarkResult> results = new ArrayList<>();
        List<JmhSamples.Samples> samples = new ArrayList<>();
        for (Path file : jmh) {
            results.addAll(JmhResults.read(file));
            samples.addAll(JmhSamples.read(file));
        }
        Map<String, Double> measurements = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        if (pytorchEpoch != null) {
            JsonNode perEpoch = readJson(mapper, pytorchEpoch).path("msPerEpoch");
            for (String key : List.of("reduced-float32", "full-float32")) {
                measurements.put("pytorch-epoch:" + key, number(perEpoch.path(key), pytorchEpoch, "msPerEpoch." + key));
            }
        }
        for (Path file : pytorchWide) {
            JsonNode anchor = readJson(mapper, file);
            if (!anchor.path("workload").isTextual()) {
                throw new IllegalArgumentException(file + " has no text field 'workload'");
            }
            measurements.put("pytorch-" + anchor.path("workload").asText() + ":float32",
                    number(anchor.path("ms").path("float32"), file, "ms.float32"));
        }
        if (processes != null) {
            measurements.putAll(ProcessTimes.medianMillis(processes));
        }
        List<Fitness.Row> rows = Fitness.rows(results, samples, measurements);
        String defaultBackend = Backends.defaultBackend().name();
        PrintWriter out = spec.commandLine().getOut();
        out.print(Fitness.table(rows, defaultBackend));
        out.flush();
        ObjectNode root = mapper.createObjectNode();
        root.put("defaultBackend", defaultBackend);
        root.put("unit", "ms");
        ArrayNode array = root.putArray("workloads");
        for (Fitness.Row row : rows) {
            ObjectNode entry = array.addObject();
            entry.put("workload", row.workload().name());
            ObjectNode times = entry.putObject("ms");
            row.millis().forEach((column, value) -> putNumber(times, column, value));
            putNumber(entry, "defaultOverBest", row.defaultOverBest());
            if (row.pooled()) {
                ObjectNode least = entry.putObject("leastMs");
                row.least().forEach((column, value) -> putNumber(least, column, value));
                ObjectNode counts = entry.putObject("samples");
                row.samples().forEach(counts::put);
                entry.put("samplesAre", row.singleShots() ? "single shots" : "iterations' mean times");
                putNumber(entry, "defaultOverBestLeast", row.defaultOverBestLeast());
            }
            if (row.workload().anchor() != null) {
                entry.put("anchor", row.workload().anchorName());
                putNumber(entry, "anchorMs", row.anchorMillis());
                putNumber(entry, "defaultOverAnchor", row.defaultOverAnchor());
            }
        }
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        AtomicFiles.write(json, stream -> stream.write(bytes));
        return 0;
    }

    /** Writes a finite number, or {@code null} for NaN (JSON has no NaN). */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static JsonNode readJson(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode node, Path file, String field) {
        if (!node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
            throw new IllegalArgumentException(file + " has no positive number at " + field);
        }
        return node.asDouble();
    }
}
