package io.radnet.bench.report;

import io.radnet.bench.Tools;
import io.radnet.bench.gate.BenchmarkResult;
import io.radnet.bench.gate.JmhResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -cp bench/target/benchmarks.jar io.radnet.bench.report.BenchReport --results R.json}:
 * a Markdown report of a JMH run: GEMM GFLOP/s beside the machine's peak, where each backend
 * wins, QR-compress against the reference implementation and its cost model, training steps.
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Markdown report of a JMH JSON result file of radnet's benchmarks.")
public final class BenchReport implements Callable<Integer> {
    /**
     * Seconds the paper's reference implementation takes to QR-compress the three large
     * networks on this project's machine, single-threaded (from the compression issue).
     */
    static final Map<String, Double> REFERENCE_SECONDS = Map.of(
            "784-1024-1024-1024-10", 6.5,
            "784-2048-2048-2048-10", 13.6,
            "64-4096-4096-4096-10", 30.5);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--results", required = true, arity = "1..*",
            description = "JMH JSON result files (-rf json), e.g. a single-threaded and an all-cores run.")
    private List<Path> results;


    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Tools.execute("bench-report", new BenchReport(), args));
    }

    @Override
    public Integer call() {
        List<BenchmarkResult> rows = new ArrayList<>();
        for (Path file : results) {
            rows.addAll(JmhResults.read(file));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(report(rows));
        out.flush();
        return 0;
    }

    /**
     * @param rows a run's rows
     * @return the Markdown report
     */
    static String report(List<BenchmarkResult> rows) {
        StringBuilder out = new StringBuilder();
        out.append("## GEMM (C = A·B, n × n): achieved GFLOP/s\n\n").append(roofline(rows));
        out.append("\n## Where each backend wins (time ratio to the fastest; lower is better)\n\n")
                .append(BackendComparison.markdown(rows));
        out.append("\n## QR-compress\n\n").append(compression(rows));
        return out.toString();
    }

    private static String roofline(List<BenchmarkResult> rows) {
        Map<String, Map<String, Double>> gflops = new TreeMap<>();
        double best = 0;
        for (BenchmarkResult row : rows) {
            if (row.benchmark().endsWith("GemmBenchmark.product")) {
                double n = Double.parseDouble(row.params().get("size"));
                double rate = 2 * n * n * n / row.secondsPerOperation() / 1e9;
                String column = row.params().get("backend") + ", " + threads(row.params().get("threads"));
                gflops.computeIfAbsent(column, k -> new TreeMap<>()).put(row.params().get("size"), rate);
                best = Math.max(best, rate);
            }
        }
        if (gflops.isEmpty()) {
            return "(no GEMM rows in this run)\n";
        }
        TreeMap<Integer, String> sizes = new TreeMap<>();
        gflops.values().forEach(m -> m.keySet().forEach(s -> sizes.put(Integer.parseInt(s), s)));
        StringBuilder out = new StringBuilder("| backend, threads |");
        sizes.values().forEach(s -> out.append(" n = ").append(s).append(" |"));
        out.append("\n|---|");
        sizes.values().forEach(s -> out.append("---:|"));
        out.append('\n');
        gflops.forEach((column, rates) -> {
            out.append("| ").append(column).append(" |");
            sizes.values().forEach(s -> out.append(rates.containsKey(s)
                    ? String.format(Locale.ROOT, " %.1f |", rates.get(s)) : " – |"));
            out.append('\n');
        });
        out.append(String.format(Locale.ROOT, "%nMeasured peak: %.1f GFLOP/s, the fastest GEMM of this run (the machine"
                + " lists no maximum clock, so no theoretical peak is given).%n", best));
        return out.toString();
    }

    private static String threads(String threads) {
        return "1".equals(threads) ? "1 thread" : "all".equals(threads)
                ? Runtime.getRuntime().availableProcessors() + " threads (all cores)" : threads + " threads";
    }

    private static String compression(List<BenchmarkResult> rows) {
        StringBuilder out = new StringBuilder(
                "| widths | backend, threads | seconds | cost model GFLOP | GFLOP/s | reference s | speedup |\n"
                        + "|---|---|---:|---:|---:|---:|---:|\n");
        int count = 0;
        for (BenchmarkResult row : rows) {
            if (!row.benchmark().endsWith("QrCompressBenchmark.compress")) {
                continue;
            }
            String widths = row.params().get("widths");
            int[] n = Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
            double flops = CompressionCost.flops(n);
            double seconds = row.secondsPerOperation();
            Double reference = REFERENCE_SECONDS.get(widths);
            out.append(String.format(Locale.ROOT, "| %s | %s, %s | %.4f | %.3f | %.1f | %s | %s |%n", widths,
                    row.params().get("backend"), threads(row.params().get("threads")), seconds, flops / 1e9,
                    flops / seconds / 1e9, reference == null ? "–" : String.format(Locale.ROOT, "%.1f", reference),
                    reference == null ? "–" : String.format(Locale.ROOT, "%.1f×", reference / seconds)));
            count++;
        }
        return count == 0 ? "(no QR-compress rows in this run)\n" : out.toString();
    }
}
