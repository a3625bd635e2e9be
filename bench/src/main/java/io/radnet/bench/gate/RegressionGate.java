package io.radnet.bench.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a run with a baseline through ratios measured within each run.
 *
 * <p>For every benchmark row b of a run, its ratio is t(b) / t(c): its time per operation
 * divided by the calibration benchmark c's time per operation in the same run. A row got
 * slower when currentRatio / baselineRatio − 1 exceeds the threshold; a row of the baseline
 * that is missing from the run fails the gate too (the run no longer measures it). Rows only
 * in the run are listed as new and do not fail it.
 */
public final class RegressionGate {
    /** The calibration benchmark of radnet's suites. */
    public static final String DEFAULT_CALIBRATION = "io.radnet.bench.CalibrationBenchmark.javaMatrixProduct";

    private final String calibration;
    private final double threshold;

    /**
     * @param calibration the fully qualified calibration benchmark, present once (without
     *     parameters) in both runs
     * @param threshold the largest accepted relative worsening of a ratio, e.g. 0.3 for 30 %;
     *     finite and positive
     */
    public RegressionGate(String calibration, double threshold) {
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        if (!(Double.isFinite(threshold) && threshold > 0)) {
            throw new IllegalArgumentException("the threshold must be finite and positive, got " + threshold);
        }
        this.threshold = threshold;
    }


    /**
     * @param key the benchmark and its parameters
     * @param baselineRatio its time over the calibration's time in the baseline (NaN if new)
     * @param currentRatio the same in the run (NaN if missing)
     * @param status the verdict for this row
     */
    public record Row(String key, double baselineRatio, double currentRatio, GateStatus status) {
        /** @return currentRatio / baselineRatio − 1 (NaN when one side is missing) */
        public double change() {
            return currentRatio / baselineRatio - 1;
        }
    }

    /**
     * @param rows one per benchmark row of either file, baseline order first
     * @param threshold the threshold the rows were judged with
     */
    public record Verdict(List<Row> rows, double threshold) {
        /** @return true when no row got slower or went missing */
        public boolean passed() {
            return rows.stream().noneMatch(r -> r.status() == GateStatus.SLOWER || r.status() == GateStatus.MISSING);
        }

        /** @return a plain-text table of every row and a closing verdict line */
        public String table() {
            int width = Math.max("benchmark".length(), rows.stream().mapToInt(r -> r.key().length()).max().orElse(0));
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %14s  %14s  %8s  %s%n",
                    "benchmark", "baseline ratio", "current ratio", "change", "status"));
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "%-" + width + "s  %14s  %14s  %8s  %s%n", row.key(),
                        ratio(row.baselineRatio()), ratio(row.currentRatio()),
                        Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * row.change()),
                        row.status().name().toLowerCase(Locale.ROOT)));
            }
            long slower = rows.stream().filter(r -> r.status() == GateStatus.SLOWER).count();
            long missing = rows.stream().filter(r -> r.status() == GateStatus.MISSING).count();
            String limit = String.format(Locale.ROOT, "%.0f%%", 100 * threshold);
            if (passed()) {
                out.append("gate passed: no benchmark's ratio to the calibration worsened by more than ").append(limit)
                        .append(" (").append(rows.size()).append(" rows)\n");
            } else {
                out.append("gate FAILED: ").append(slower).append(" benchmark(s) slower by more than ").append(limit)
                        .append(" relative to the calibration");
                if (missing > 0) {
                    out.append(", ").append(missing).append(" missing from the run");
                }
                out.append('\n');
            }
            return out.toString();
        }

        private static String ratio(double value) {
            return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4g", value);
        }
    }

    /**
     * @param baseline the committed baseline's rows
     * @param current the run's rows
     * @return the verdict for every row
     * @throws IllegalArgumentException when the calibration benchmark is missing from either side
     */
    public Verdict compare(List<BenchmarkResult> baseline, List<BenchmarkResult> current) {
        Map<String, Double> before = ratios(baseline, "the baseline");
        Map<String, Double> after = ratios(current, "the run");
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Double> entry : before.entrySet()) {
            Double now = after.get(entry.getKey());
            if (now == null) {
                rows.add(new Row(entry.getKey(), entry.getValue(), Double.NaN, GateStatus.MISSING));
                continue;
            }
            double change = now / entry.getValue() - 1;
            GateStatus status = change > threshold ? GateStatus.SLOWER : change < -threshold ? GateStatus.FASTER : GateStatus.OK;
            rows.add(new Row(entry.getKey(), entry.getValue(), now, status));
        }
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey())) {
                rows.add(new Row(entry.getKey(), Double.NaN, entry.getValue(), GateStatus.NEW));
            }
        }
        return new Verdict(List.copyOf(rows), threshold);
    }

    private Map<String, Double> ratios(List<BenchmarkResult> results, String which) {
        BenchmarkResult yardstick = results.stream().filter(r -> r.benchmark().equals(calibration)).reduce((a, b) -> {
            throw new IllegalArgumentException(which + " has the calibration benchmark " + calibration + " more than once");
        }).orElseThrow(() -> new IllegalArgumentException(which + " lacks the calibration benchmark " + calibration
                + ": run it in the same JMH invocation"));
        double unit = yardstick.secondsPerOperation();
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (BenchmarkResult result : results) {
            if (result != yardstick) {
                ratios.put(result.key(), result.secondsPerOperation() / unit);
            }
        }
        return ratios;
    }
}
