package io.radnet.bench.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a candidate build against a base build measured on the same machine in the same run,
 * in interleaved JVM forks (base, candidate, candidate, base, …).
 *
 * <p>Every benchmark row has one time per operation per fork on each side. Its change is
 * median(candidate) / median(base) − 1. A row is {@link GateStatus#SLOWER} (fails the gate) when
 * both hold:
 * <ol>
 *   <li>the change exceeds the threshold, and</li>
 *   <li>the two sides do not overlap: the fastest candidate fork is slower than the slowest base
 *       fork.</li>
 * </ol>
 * The second condition is what makes the gate hold on a shared or bimodal machine: a drift or a
 * JVM that lands in a slow mode hits the interleaved forks of both builds, so their ranges
 * overlap, while a real regression moves every candidate fork. With k forks per side, two
 * identical builds separate by chance with probability 1 / C(2k, k) (1/20 for k = 3), and then
 * must still differ by more than the threshold. {@link GateStatus#FASTER} is the mirror image. A row
 * of the base missing from the candidate fails the gate; a row only in the candidate is
 * {@link GateStatus#NEW}.
 */
public final class AbComparison {
    private final double threshold;

    /**
     * @param threshold the largest accepted relative slowdown of the medians, e.g. 0.3 for 30 %;
     *     finite and positive
     */
    public AbComparison(double threshold) {
        if (!(Double.isFinite(threshold) && threshold > 0)) {
            throw new IllegalArgumentException("the threshold must be finite and positive, got " + threshold);
        }
        this.threshold = threshold;
    }


    /**
     * @param key the benchmark and its parameters
     * @param base the base build's seconds per operation, one per fork (empty if new)
     * @param candidate the candidate's seconds per operation, one per fork (empty if missing)
     * @param status the verdict
     */
    public record Row(String key, List<Double> base, List<Double> candidate, GateStatus status) {
        /** Copies the lists. */
        public Row {
            base = List.copyOf(base);
            candidate = List.copyOf(candidate);
        }

        /** @return median(candidate) / median(base) − 1, NaN when a side is empty */
        public double change() {
            return median(candidate) / median(base) - 1;
        }
    }

    /**
     * @param rows one per benchmark row of either build, base order first
     * @param threshold the threshold the rows were judged with
     */
    public record Verdict(List<Row> rows, double threshold) {
        /** @return true when no row got slower or went missing */
        public boolean passed() {
            return rows.stream().noneMatch(r -> r.status() == GateStatus.SLOWER || r.status() == GateStatus.MISSING);
        }

        /** @return a plain-text table (medians and ranges in µs) and a closing verdict line */
        public String table() {
            int width = Math.max("benchmark".length(), rows.stream().mapToInt(r -> r.key().length()).max().orElse(0));
            String format = "%-" + width + "s  %12s  %21s  %12s  %21s  %8s  %s%n";
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, format, "benchmark", "base µs", "base range", "candidate µs",
                    "candidate range", "change", "status"));
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, format, row.key(), micros(median(row.base())), range(row.base()),
                        micros(median(row.candidate())), range(row.candidate()),
                        Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%+.1f%%", 100 * row.change()),
                        row.status().name().toLowerCase(Locale.ROOT)));
            }
            long slower = rows.stream().filter(r -> r.status() == GateStatus.SLOWER).count();
            long missing = rows.stream().filter(r -> r.status() == GateStatus.MISSING).count();
            String limit = String.format(Locale.ROOT, "%.0f%%", 100 * threshold);
            if (passed()) {
                out.append("gate passed: no benchmark slower than the base build by more than ").append(limit)
                        .append(" in every fork (").append(rows.size()).append(" rows)\n");
            } else {
                out.append("gate FAILED: ").append(slower).append(" benchmark(s) slower than the base build by more than ")
                        .append(limit).append(" in every fork");
                if (missing > 0) {
                    out.append(", ").append(missing).append(" missing from the candidate");
                }
                out.append('\n');
            }
            return out.toString();
        }

        private static String micros(double seconds) {
            return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.4g", seconds * 1e6);
        }

        private static String range(List<Double> seconds) {
            if (seconds.isEmpty()) {
                return "-";
            }
            return String.format(Locale.ROOT, "%.4g–%.4g", Collections.min(seconds) * 1e6, Collections.max(seconds) * 1e6);
        }
    }

    /**
     * @param base the base build's forks, each the rows of one JMH run
     * @param candidate the candidate's forks, each the rows of one JMH run
     * @return the verdict for every row
     * @throws IllegalArgumentException when a side has no fork
     */
    public Verdict compare(List<List<BenchmarkResult>> base, List<List<BenchmarkResult>> candidate) {
        if (base.isEmpty() || candidate.isEmpty()) {
            throw new IllegalArgumentException("the gate needs at least one fork of each build, got " + base.size()
                    + " of the base and " + candidate.size() + " of the candidate");
        }
        Map<String, List<Double>> before = byKey(base);
        Map<String, List<Double>> after = byKey(candidate);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Double>> entry : before.entrySet()) {
            List<Double> now = after.getOrDefault(entry.getKey(), List.of());
            rows.add(new Row(entry.getKey(), entry.getValue(), now, status(entry.getValue(), now)));
        }
        for (Map.Entry<String, List<Double>> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey())) {
                rows.add(new Row(entry.getKey(), List.of(), entry.getValue(), GateStatus.NEW));
            }
        }
        return new Verdict(List.copyOf(rows), threshold);
    }

    private GateStatus status(List<Double> base, List<Double> candidate) {
        if (candidate.isEmpty()) {
            return GateStatus.MISSING;
        }
        double change = median(candidate) / median(base) - 1;
        if (change > threshold && Collections.min(candidate) > Collections.max(base)) {
            return GateStatus.SLOWER;
        }
        if (change < -threshold && Collections.max(candidate) < Collections.min(base)) {
            return GateStatus.FASTER;
        }
        return GateStatus.OK;
    }

    private static Map<String, List<Double>> byKey(List<List<BenchmarkResult>> forks) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (List<BenchmarkResult> fork : forks) {
            for (BenchmarkResult result : fork) {
                times.computeIfAbsent(result.key(), k -> new ArrayList<>()).add(result.secondsPerOperation());
            }
        }
        return times;
    }

    /** @return the median of the values (the mean of the middle two for an even count), NaN when empty */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
