package io.radnet.bench.fitness;

import io.radnet.bench.gate.BenchmarkResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The fitness table of issue 26: every workload of the suite on the default choice and on each
 * backend, side by side, with default/best and, where an anchor measured the same workload,
 * default/anchor. Times are milliseconds per operation (an epoch, a step, a compression, a
 * whole process).
 *
 * <p>Sources: JMH rows (one per workload and {@code backend} parameter, {@code default} being
 * {@code Backends.defaultBackendFor} the benchmark's workload in its JVM), and named measurements: the anchors
 * ({@code pytorch-epoch:reduced-float32}, {@code pytorch-epoch:full-float32},
 * {@code pytorch-mlp:float32}, {@code pytorch-rcnet:float32}, {@code pytorch-hypernet:float32},
 * {@code pytorch-cnn:float32},
 * {@code process:numpy-compress}) and the whole-process times
 * ({@code process:radnet-compress:BACKEND}).
 */
public final class Fitness {
    /** The columns, the default choice first. */
    public static final List<String> COLUMNS = List.of("default", "ejml", "nd4j", "jblas");

    /**
     * One workload of the suite.
     *
     * @param name what one operation is
     * @param benchmark the JMH benchmark that times it, or {@code null} for a whole-process
     *     measurement
     * @param params the JMH parameters that select its rows (besides {@code backend})
     * @param process the measurement name of its whole-process times, or {@code null}
     * @param anchor the measurement name of its anchor, or {@code null} when no anchor runs the
     *     same workload
     * @param anchorName how the anchor is described in the table
     */
    public record Workload(String name, String benchmark, Map<String, String> params, String process, String anchor,
            String anchorName) {
        /** Copies the parameters. */
        public Workload {
            Objects.requireNonNull(name, "name");
            params = Map.copyOf(params);
        }
    }

    /** The suite, in the order of the table. */
    public static final List<Workload> SUITE = List.of(
            new Workload("experiment-3 epoch, reduced (2,3,4,5,6,2), full batch 14,641",
                    "io.radnet.bench.TrainingStepBenchmark.radialExperiment3", Map.of("network", "reduced"), null,
                    "pytorch-epoch:reduced-float32", "PyTorch f32"),
            new Workload("experiment-3 epoch, full (2,16,64,128,16,2), full batch 14,641",
                    "io.radnet.bench.TrainingStepBenchmark.radialExperiment3", Map.of("network", "full"), null,
                    "pytorch-epoch:full-float32", "PyTorch f32"),
            new Workload("MLP epoch (784,256,256,10), Adam, batch 64, 10,000 images",
                    "io.radnet.bench.FitnessBenchmark.mlpEpoch", Map.of(), null, "pytorch-mlp:float32", "PyTorch f32"),
            new Workload("RCNet epoch (n = 100, r = 4), batch 500, 10,000 samples",
                    "io.radnet.bench.FitnessBenchmark.rcnetEpoch", Map.of(), null, "pytorch-rcnet:float32", "PyTorch f32"),
            new Workload("hypernetwork step, depth 4, batch 200",
                    "io.radnet.bench.FitnessBenchmark.hypernetworkStep", Map.of(), null, "pytorch-hypernet:float32",
                    "PyTorch f32"),
            new Workload("intrinsic CNN step (Table 1), RAdam, batch 128",
                    "io.radnet.bench.FitnessBenchmark.cnnStep", Map.of(), null, "pytorch-cnn:float32", "PyTorch f32"),
            new Workload("QR-compress (784,1024³,10)", "io.radnet.bench.QrCompressBenchmark.compress",
                    Map.of("widths", "784-1024-1024-1024-10"), null, null, null),
            new Workload("QR-compress (784,2048³,10)", "io.radnet.bench.QrCompressBenchmark.compress",
                    Map.of("widths", "784-2048-2048-2048-10"), null, null, null),
            new Workload("radnet compress (784,1024³,10), whole process", null, Map.of(), "process:radnet-compress",
                    "process:numpy-compress", "numpy, whole process"));

    /**
     * One line of the table.
     *
     * @param workload the workload
     * @param millis milliseconds per operation per column (NaN where not measured)
     * @param anchorMillis the anchor's milliseconds (NaN when none)
     */
    public record Row(Workload workload, Map<String, Double> millis, double anchorMillis) {
        /** Copies the times. */
        public Row {
            millis = Map.copyOf(millis);
        }

        /** @return the fastest backend's time (NaN when no backend was measured) */
        public double best() {
            return COLUMNS.stream().skip(1).mapToDouble(c -> millis.getOrDefault(c, Double.NaN))
                    .filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        }

        /** @return the default choice's time over the fastest backend's */
        public double defaultOverBest() {
            return millis.getOrDefault("default", Double.NaN) / best();
        }

        /** @return the default choice's time over the anchor's */
        public double defaultOverAnchor() {
            return millis.getOrDefault("default", Double.NaN) / anchorMillis;
        }
    }

    private Fitness() {
    }

    /**
     * @param jmh the JMH rows of the run (single-threaded, {@code backend} parameters among
     *     {@link #COLUMNS})
     * @param measurements named measurements in milliseconds: anchors and whole-process times
     *     ({@code process:radnet-compress:BACKEND})
     * @return one row per workload of {@link #SUITE}, NaN where nothing was measured
     */
    public static List<Row> rows(List<BenchmarkResult> jmh, Map<String, Double> measurements) {
        List<Row> rows = new ArrayList<>();
        for (Workload workload : SUITE) {
            Map<String, Double> millis = new LinkedHashMap<>();
            for (String column : COLUMNS) {
                double value = Double.NaN;
                if (workload.benchmark() != null) {
                    for (BenchmarkResult result : jmh) {
                        if (result.benchmark().equals(workload.benchmark()) && column.equals(result.params().get("backend"))
                                && result.params().entrySet().containsAll(workload.params().entrySet())) {
                            value = result.secondsPerOperation() * 1e3;
                        }
                    }
                } else {
                    value = measurements.getOrDefault(workload.process() + ":" + column, Double.NaN);
                }
                millis.put(column, value);
            }
            double anchor = workload.anchor() == null ? Double.NaN : measurements.getOrDefault(workload.anchor(), Double.NaN);
            rows.add(new Row(workload, millis, anchor));
        }
        return List.copyOf(rows);
    }

    /**
     * @param rows the rows
     * @param defaultBackend the backend {@code Backends.defaultBackend()} chose for small work
     *     where the table was made
     * @return the plain-text table
     */
    public static String table(List<Row> rows, String defaultBackend) {
        int width = Math.max("workload".length(), rows.stream().mapToInt(r -> r.workload().name().length()).max().orElse(0));
        String format = "%-" + width + "s  %10s  %10s  %10s  %10s  %12s  %22s  %12s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "workload (ms)", "default", "ejml", "nd4j", "jblas", "default/best",
                "anchor ms", "default/anchor"));
        for (Row row : rows) {
            String anchor = Double.isNaN(row.anchorMillis()) ? "–"
                    : number(row.anchorMillis()) + " " + row.workload().anchorName();
            out.append(String.format(Locale.ROOT, format, row.workload().name(), number(row.millis().get("default")),
                    number(row.millis().get("ejml")), number(row.millis().get("nd4j")), number(row.millis().get("jblas")),
                    ratio(row.defaultOverBest()), anchor, ratio(row.defaultOverAnchor())));
        }
        out.append("default: the size-aware choice for each workload (Backends.defaultBackendFor; small work on ")
                .append(defaultBackend).append("); one thread everywhere but the whole processes\n");
        return out.toString();
    }

    private static String number(Double value) {
        if (value == null || Double.isNaN(value)) {
            return "–";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }
}
