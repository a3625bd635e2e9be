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
 * The measured samples of JMH rows ({@code primaryMetric.rawData}): every measured iteration of
 * every fork, in milliseconds per operation. For a single-shot row ({@code -bm ss}) a sample is one
 * operation; for an average-time row ({@code -bm avgt}) it is one iteration's mean time per
 * operation. Rows measured in several JMH runs (rounds that interleave the backends, one JVM per
 * column and round) are pooled and summarised by their median and least, which a JVM whose code
 * the JIT compiled worse, or a round the machine was busier, moves less than a mean does.
 */
final class JmhSamples {
    /**
     * The samples of one JMH row.
     *
     * @param benchmark the fully qualified benchmark method
     * @param params its parameter values
     * @param singleShots true for a single-shot row (a sample is one operation), false for a row
     *     whose samples are iterations' mean times
     * @param millis the measured samples in milliseconds per operation, in the order JMH ran them
     */
    record Samples(String benchmark, Map<String, String> params, boolean singleShots, List<Double> millis) {
        /** Copies the parameters and the samples. */
        Samples {
            params = Map.copyOf(params);
            millis = List.copyOf(millis);
        }
    }

    private JmhSamples() {
    }

    /**
     * @param file a JMH JSON result file
     * @return the samples of its single-shot and average-time rows, in file order (rows of other
     *     modes, and rows without {@code rawData}, whose score then stands alone, are left out)
     * @throws UncheckedIOException naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file and the entry when a sample is not a finite
     *     positive number
     */
    static List<Samples> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
        }
        List<Samples> rows = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return rows;
        }
        for (int index = 0; index < root.size(); index++) {
            JsonNode entry = root.get(index);
            String mode = entry.path("mode").asText();
            if (!"ss".equals(mode) && !"avgt".equals(mode)) {
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
                for (JsonNode sample : fork) {
                    if (!sample.isNumber()) {
                        throw new IllegalArgumentException(where + " (" + benchmark + ") has a sample that is not a number: "
                                + sample);
                    }
                    try {
                        millis.add(new BenchmarkResult(benchmark, params, mode, sample.asDouble(), unit)
                                .secondsPerOperation() * 1e3);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                    }
                }
            }
            if (!millis.isEmpty()) {
                rows.add(new Samples(benchmark, params, "ss".equals(mode), millis));
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
