package io.radnet.bench.fitness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.bench.gate.BenchmarkResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single shots of JMH's single-shot rows ({@code -bm ss}): every measured iteration of every
 * fork ({@code primaryMetric.rawData}), in milliseconds, so that rows measured in several JMH runs
 * (rounds that interleave the backends) can be pooled and summarised by their median and least.
 */
final class JmhShots {
    /**
     * The shots of one JMH row.
     *
     * @param benchmark the fully qualified benchmark method
     * @param params its parameter values
     * @param millis the measured shots in milliseconds, in the order JMH ran them
     */
    record Shots(String benchmark, Map<String, String> params, List<Double> millis) {
        /** Copies the parameters and the shots. */
        Shots {
            params = Map.copyOf(params);
            millis = List.copyOf(millis);
        }
    }

    private JmhShots() {
    }

    /**
     * @param file a JMH JSON result file
     * @return the shots of its single-shot rows, in file order (rows of other modes, and rows
     *     without {@code rawData}, whose score then stands alone, are left out)
     * @throws UncheckedIOException naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file and the entry when a shot is not a finite
     *     positive number
     */
    static List<Shots> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
        }
        List<Shots> rows = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return rows;
        }
        for (int index = 0; index < root.size(); index++) {
            JsonNode entry = root.get(index);
            if (!"ss".equals(entry.path("mode").asText())) {
                continue;
            }
            String where = file + ", entry " + index;
            String benchmark = entry.path("benchmark").asText();
            String unit = entry.path("primaryMetric").path("scoreUnit").asText();
            JsonNode forks = entry.path("primaryMetric").path("rawData");
            Map<String, String> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.put(param.getKey(), param.getValue().asText());
            }
            List<Double> millis = new ArrayList<>();
            for (JsonNode fork : forks) {
                for (JsonNode shot : fork) {
                    if (!shot.isNumber()) {
                        throw new IllegalArgumentException(where + " (" + benchmark + ") has a shot that is not a number: "
                                + shot);
                    }
                    try {
                        millis.add(new BenchmarkResult(benchmark, params, "ss", shot.asDouble(), unit)
                                .secondsPerOperation() * 1e3);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                    }
                }
            }
            if (!millis.isEmpty()) {
                rows.add(new Shots(benchmark, params, millis));
            }
        }
        return rows;
    }

    /**
     * @param values a non-empty list
     * @return its median (the mean of the middle two for an even count)
     */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
