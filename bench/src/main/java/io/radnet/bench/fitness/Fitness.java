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
 * {@code Backends.defaultBackendFor} the benchmark's workload and threads in its JVM), with every
 * measured sample of every JMH run given ({@link JmhSamples}: single shots, or iterations' mean
 * times) pooled per workload and column: the table shows their median, and under it their least
 * (a row without samples shows JMH's score); and named measurements: the anchors
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
            new Workload("QR-compress (784,1024³,10), all cores", "io.radnet.bench.QrCompressBenchmark.compress",
                    Map.of("widths", "784-1024-1024-1024-10", "threads", "all"), null, null, null),
            new Workload("QR-compress (784,2048³,10), all cores", "io.radnet.bench.QrCompressBenchmark.compress",
                    Map.of("widths", "784-2048-2048-2048-10", "threads", "all"), null, null, null),
            new Workload("radnet compress (784,1024³,10), whole process", null, Map.of(), "process:radnet-compress",
                    "process:numpy-compress", "numpy, whole process"));

    /**
     * One line of the table.
     *
     * @param workload the workload
     * @param millis milliseconds per operation per column (NaN where not measured); for rows
     *     with samples the median of the samples
     * @param least the least sample per column (NaN where the row has none)
     * @param samples the number of samples per column (0 where JMH's score stands alone)
     * @param singleShots true if the samples are single shots, false if they are iterations' mean
     *     times
     * @param anchorMillis the anchor's milliseconds (NaN when none)
     */
    public record Row(Workload workload, Map<String, Double> millis, Map<String, Double> least,
                      Map<String, Integer> samples, boolean singleShots, double anchorMillis) {
        /** Copies the times. */
        public Row {
            millis = Map.copyOf(millis);
            least = Map.copyOf(least);
            samples = Map.copyOf(samples);
        }

        /** @return the fastest backend's time (NaN when no backend was measured) */
        public double best() {
            return best(millis);
        }

        /** @return the default choice's time over the fastest backend's */
        public double defaultOverBest() {
            return millis.getOrDefault("default", Double.NaN) / best();
        }

        /** @return the default choice's least sample over the least sample of the fastest backend (NaN without samples) */
        public double defaultOverBestLeast() {
            return least.getOrDefault("default", Double.NaN) / best(least);
        }

        /** @return true if the row's times are pooled samples, summarised by median and least */
        public boolean pooled() {
            return samples.values().stream().anyMatch(count -> count > 0);
        }

        private static double best(Map<String, Double> times) {
            return COLUMNS.stream().skip(1).mapToDouble(c -> times.getOrDefault(c, Double.NaN))
                    .filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
        }

        /** @return the default choice's time over the anchor's */
        public double defaultOverAnchor() {
            return millis.getOrDefault("default", Double.NaN) / anchorMillis;
        }
    }

    private Fitness() {
    }

    /**
     * @param jmh the JMH rows of the run ({@code backend} parameters among {@link #COLUMNS})
     * @param samples the samples of the JMH runs' rows ({@link JmhSamples#read}), possibly
     *     several runs of the same rows: a row's time is then the median of all its samples, and
     *     its least sample is kept
     * @param measurements named measurements in milliseconds: anchors and whole-process times
     *     ({@code process:radnet-compress:BACKEND})
     * @return one row per workload of {@link #SUITE}, NaN where nothing was measured
     */
    static List<Row> rows(List<BenchmarkResult> jmh, List<JmhSamples.Samples> samples, Map<String, Double> measurements) {
        List<Row> rows = new ArrayList<>();
        for (Workload workload : SUITE) {
            Map<String, Double> millis = new LinkedHashMap<>();
            Map<String, Double> least = new LinkedHashMap<>();
            Map<String, Integer> sampleCounts = new LinkedHashMap<>();
            boolean singleShots = false;
            for (String column : COLUMNS) {
                double value = Double.NaN;
                double leastSample = Double.NaN;
                List<Double> pooled = new ArrayList<>();
                if (workload.benchmark() != null) {
                    for (BenchmarkResult result : jmh) {
                        if (selects(workload, column, result.benchmark(), result.params())) {
                            value = result.secondsPerOperation() * 1e3;
                        }
                    }
                    for (JmhSamples.Samples row : samples) {
                        if (selects(workload, column, row.benchmark(), row.params())) {
                            pooled.addAll(row.millis());
                            singleShots |= row.singleShots();
                        }
                    }
                    if (!pooled.isEmpty()) {
                        value = JmhSamples.median(pooled);
                        leastSample = pooled.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                    }
                } else {
                    value = measurements.getOrDefault(workload.process() + ":" + column, Double.NaN);
                }
                millis.put(column, value);
                least.put(column, leastSample);
                sampleCounts.put(column, pooled.size());
            }
            double anchor = workload.anchor() == null ? Double.NaN : measurements.getOrDefault(workload.anchor(), Double.NaN);
            rows.add(new Row(workload, millis, least, sampleCounts, singleShots, anchor));
        }
        return List.copyOf(rows);
    }

    /** @return true if a JMH row with this benchmark and these parameters is the workload's in this column */
    private static boolean selects(Workload workload, String column, String benchmark, Map<String, String> params) {
        return benchmark.equals(workload.benchmark()) && column.equals(params.get("backend"))
                && params.entrySet().containsAll(workload.params().entrySet());
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
            String name = row.workload().name();
            if (row.pooled()) {
                name += ", median";
            }
            out.append(String.format(Locale.ROOT, format, name, number(row.millis().get("default")),
                    number(row.millis().get("ejml")), number(row.millis().get("nd4j")), number(row.millis().get("jblas")),
                    ratio(row.defaultOverBest()), anchor, ratio(row.defaultOverAnchor())));
            if (row.pooled()) {
                int fewest = row.samples().values().stream().filter(count -> count > 0).min(Integer::compare).orElseThrow();
                int most = row.samples().values().stream().max(Integer::compare).orElseThrow();
                String counts = fewest == most ? Integer.toString(most) : fewest + "–" + most;
                String kind = row.singleShots() ? " shots" : " iterations";
                out.append(String.format(Locale.ROOT, format, "  least of " + counts + kind + " per column",
                        number(row.least().get("default")), number(row.least().get("ejml")),
                        number(row.least().get("nd4j")), number(row.least().get("jblas")),
                        ratio(row.defaultOverBestLeast()), "", ""));
            }
        }
        out.append("default: the size-aware choice for each workload (Backends.defaultBackendFor; small work on ")
                .append(defaultBackend).append("); one thread everywhere but the QR-compress rows (all cores)")
                .append(" and the whole processes; JMH rows pool the samples of runs interleaving the columns (one")
                .append(" JVM per column and run)\n");
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
