package io.radnet.bench.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes rows in the layout of JMH's JSON results, for tests. */
final class JmhJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JmhJson() {
    }

    static Path write(Path file, List<BenchmarkResult> rows) throws IOException {
        ArrayNode array = MAPPER.createArrayNode();
        for (BenchmarkResult row : rows) {
            ObjectNode entry = array.addObject();
            entry.put("jmhVersion", "1.37");
            entry.put("benchmark", row.benchmark());
            entry.put("mode", row.mode());
            if (!row.params().isEmpty()) {
                ObjectNode params = entry.putObject("params");
                row.params().forEach(params::put);
            }
            ObjectNode metric = entry.putObject("primaryMetric");
            metric.put("score", row.score());
            metric.put("scoreUnit", row.unit());
        }
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        return file;
    }
}
