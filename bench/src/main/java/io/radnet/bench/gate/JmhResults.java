package io.radnet.bench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON result files JMH writes with {@code -rf json}. */
public final class JmhResults {
    private JmhResults() {
    }

    /**
     * @param file a JMH JSON result file: an array of objects with {@code benchmark},
     *     {@code mode}, optional {@code params} and {@code primaryMetric.score} and
     *     {@code primaryMetric.scoreUnit}
     * @return its rows, in file order
     * @throws UncheckedIOException naming the file when it cannot be read or is not JSON
     * @throws IllegalArgumentException naming the file and the entry when a field is missing,
     *     a score is not positive, or two rows have the same benchmark and parameters
     */
    public static List<BenchmarkResult> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JMH results " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " is not a JMH JSON result file (expected an array of results)");
        }
        List<BenchmarkResult> results = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int index = 0; index < root.size(); index++) {
            BenchmarkResult result = parse(file, index, root.get(index));
            Integer previous = seen.put(result.key(), index);
            if (previous != null) {
                throw new IllegalArgumentException(file + ": entries " + previous + " and " + index + " are both "
                        + result.key());
            }
            results.add(result);
        }
        return results;
    }

    private static BenchmarkResult parse(Path file, int index, JsonNode entry) {
        String where = file + ", entry " + index;
        String benchmark = text(entry, "benchmark", where);
        String mode = text(entry, "mode", where);
        JsonNode metric = entry.get("primaryMetric");
        if (metric == null || !metric.isObject()) {
            throw new IllegalArgumentException(where + " (" + benchmark + ") has no primaryMetric");
        }
        JsonNode score = metric.get("score");
        if (score == null || !score.isNumber()) {
            throw new IllegalArgumentException(where + " (" + benchmark + ") has no numeric primaryMetric.score");
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = entry.get("params");
        if (paramsNode != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.put(param.getKey(), param.getValue().asText());
            }
        }
        try {
            return new BenchmarkResult(benchmark, params, mode, score.asDouble(), text(metric, "scoreUnit", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(where + " has no text field '" + field + "'");
        }
        return value.asText();
    }
}
