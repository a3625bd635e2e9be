package io.radnet.bench.report;

import io.radnet.bench.gate.BenchmarkResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where each backend wins: rows of a run grouped by benchmark and every parameter except
 * {@code backend}; in each group the fastest backend and the others' time ratios to it; and,
 * along each group's size parameter, the sizes where the winner changes (crossovers).
 */
public final class BackendComparison {
    /** Parameters that order a benchmark's groups by problem size, in the order they are looked for. */
    private static final List<String> SIZE_PARAMETERS = List.of("size", "shape", "widths", "batch");

    private BackendComparison() {
    }

    /**
     * One benchmark at one parameter setting, across backends.
     *
     * @param benchmark the benchmark's short name, e.g. {@code GemmBenchmark.product}
     * @param setting the parameters except backend (sorted)
     * @param secondsPerOperation backend → time per operation
     */
    public record Group(String benchmark, Map<String, String> setting, Map<String, Double> secondsPerOperation) {
        /** @return the backend with the smallest time */
        public String winner() {
            return secondsPerOperation.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }

        /** @return backend → its time over the winner's time (1 for the winner) */
        public Map<String, Double> ratios() {
            double best = secondsPerOperation.get(winner());
            Map<String, Double> ratios = new TreeMap<>();
            secondsPerOperation.forEach((backend, seconds) -> ratios.put(backend, seconds / best));
            return ratios;
        }
    }

    /**
     * @param results a run's rows
     * @return the groups of rows that have a backend parameter, in first-seen order
     */
    public static List<Group> groups(List<BenchmarkResult> results) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (BenchmarkResult result : results) {
            String backend = result.params().get("backend");
            if (backend == null) {
                continue;
            }
            Map<String, String> setting = new TreeMap<>(result.params());
            setting.remove("backend");
            String benchmark = shortName(result.benchmark());
            groups.computeIfAbsent(benchmark + setting, k -> new Group(benchmark, setting, new TreeMap<>()))
                    .secondsPerOperation().put(backend, result.secondsPerOperation());
        }
        return new ArrayList<>(groups.values());
    }

    /**
     * @param benchmark a fully qualified benchmark method
     * @return its class and method, e.g. {@code GemmBenchmark.product}
     */
    public static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /**
     * @param results a run's rows
     * @return a Markdown table: benchmark, setting, winner, and every backend's ratio to the
     *     winner, sorted by benchmark, the other parameters, then size; followed by the
     *     crossover sizes
     */
    public static String markdown(List<BenchmarkResult> results) {
        List<Group> groups = groups(results);
        TreeSet<String> backends = new TreeSet<>();
        groups.forEach(g -> backends.addAll(g.secondsPerOperation().keySet()));
        groups.sort(Comparator.comparing(Group::benchmark).thenComparing(g -> family(g.setting()).toString())
                .thenComparingDouble(g -> sizeOrder(g.setting())));
        StringBuilder out = new StringBuilder("| benchmark | setting | fastest |");
        backends.forEach(b -> out.append(' ').append(b).append(" |"));
        out.append("\n|---|---|---|");
        backends.forEach(b -> out.append("---:|"));
        out.append('\n');
        for (Group group : groups) {
            out.append("| ").append(group.benchmark()).append(" | ").append(setting(group.setting())).append(" | ")
                    .append(group.winner()).append(" |");
            Map<String, Double> ratios = group.ratios();
            for (String backend : backends) {
                Double ratio = ratios.get(backend);
                out.append(' ').append(ratio == null ? "–" : ratio == 1.0 ? "**1**"
                        : String.format(Locale.ROOT, "%.2f×", ratio)).append(" |");
            }
            out.append('\n');
        }
        out.append("\nCrossovers (the fastest backend changes between consecutive sizes):\n\n");
        int crossovers = 0;
        for (int i = 1; i < groups.size(); i++) {
            Group before = groups.get(i - 1);
            Group after = groups.get(i);
            if (before.benchmark().equals(after.benchmark()) && family(before.setting()).equals(family(after.setting()))
                    && !before.winner().equals(after.winner())) {
                out.append("- ").append(after.benchmark()).append(' ').append(setting(family(after.setting())))
                        .append(": ").append(before.winner()).append(" up to ").append(size(before.setting()))
                        .append(", ").append(after.winner()).append(" from ").append(size(after.setting())).append('\n');
                crossovers++;
            }
        }
        if (crossovers == 0) {
            out.append("- none: within every benchmark the same backend wins at every size\n");
        }
        return out.toString();
    }

    private static Map<String, String> family(Map<String, String> setting) {
        Map<String, String> family = new TreeMap<>(setting);
        SIZE_PARAMETERS.forEach(family::remove);
        return family;
    }

    private static String size(Map<String, String> setting) {
        for (String name : SIZE_PARAMETERS) {
            if (setting.containsKey(name)) {
                return name + "=" + setting.get(name);
            }
        }
        return "";
    }

    /** Orders sizes numerically: products of the numbers in the value (64x64 → 4096). */
    private static double sizeOrder(Map<String, String> setting) {
        for (String name : SIZE_PARAMETERS) {
            String value = setting.get(name);
            if (value != null) {
                double product = 1;
                for (String number : value.split("[^0-9]+")) {
                    if (!number.isEmpty()) {
                        product *= Double.parseDouble(number);
                    }
                }
                return product;
            }
        }
        return 0;
    }

    private static String setting(Map<String, String> setting) {
        StringBuilder out = new StringBuilder();
        setting.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return out.toString();
    }
}
