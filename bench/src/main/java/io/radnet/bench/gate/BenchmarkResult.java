package io.radnet.bench.gate;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of JMH's JSON results: a benchmark method with its parameter values and its primary
 * score.
 *
 * @param benchmark the fully qualified benchmark method, e.g.
 *     {@code io.radnet.bench.GemmBenchmark.product}
 * @param params the JMH parameters of this row (name → value), sorted by name
 * @param mode JMH's mode: {@code avgt}, {@code sample}, {@code ss} (time per operation) or
 *     {@code thrpt} (operations per time)
 * @param score the primary score in {@code unit}, finite and positive
 * @param unit e.g. {@code us/op} or {@code ops/s}
 */
public record BenchmarkResult(String benchmark, Map<String, String> params, String mode, double score, String unit) {
    /** Validates the row and sorts the parameters. */
    public BenchmarkResult {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Map.copyOf(new TreeMap<>(params));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(unit, "unit");
        if (!(Double.isFinite(score) && score > 0)) {
            throw new IllegalArgumentException("the score of " + benchmark + " " + params + " must be finite and positive, got "
                    + score);
        }
    }

    /** @return the benchmark and its parameters, e.g. {@code GemmBenchmark.product{backend=ejml, size=64}} */
    public String key() {
        String shortName = benchmark.startsWith("io.radnet.bench.") ? benchmark.substring("io.radnet.bench.".length()) : benchmark;
        return shortName + new TreeMap<>(params);
    }

    /**
     * @return the time per operation in seconds, converting throughput scores
     * @throws IllegalArgumentException for units JMH does not write
     */
    public double secondsPerOperation() {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unknown JMH unit '" + unit + "' of " + key());
        }
        if (parts[1].equals("op")) {
            return score * seconds(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return seconds(parts[1]) / score;
        }
        throw new IllegalArgumentException("unknown JMH unit '" + unit + "' of " + key());
    }

    private double seconds(String timeUnit) {
        return switch (timeUnit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            case "hr" -> 3600;
            case "day" -> 86400;
            default -> throw new IllegalArgumentException("unknown JMH time unit '" + timeUnit + "' in '" + unit + "' of "
                    + key());
        };
    }
}
