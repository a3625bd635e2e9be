package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --spark local[2]}: the same numbers as the local run for reproduce and experiment, and
 * data-parallel train (Spark is on the tests' class path as the cli's provided dependency).
 */
class SparkOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Supplier<BackendDiagnostics> UNUSED =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    @TempDir
    Path directory;

    private static CliRun radnet(String... args) {
        CliRun run = CliRun.run(UNUSED, args);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void reproduceOnSparkPrintsTheLocalRunsJson() {
        assertEquals(radnet("reproduce", "-e", "1,2", "-n", "3", "--epochs", "30", "--json").out(),
                radnet("reproduce", "-e", "1,2", "-n", "3", "--epochs", "30", "--json", "--spark", "local[2]").out());
    }

    @Test
    void experimentOnSparkPrintsTheLocalRunsJson() {
        String[] args = {"experiment", "hypernet", "--types", "I", "--depths", "1,2", "-n", "2", "--width", "6",
            "--train", "100", "--test", "20", "--epochs", "2", "--json"};
        String local = radnet(args).out();
        String[] onSpark = java.util.Arrays.copyOf(args, args.length + 2);
        onSpark[args.length] = "--spark";
        onSpark[args.length + 1] = "local[2]";
        assertEquals(local, radnet(onSpark).out());
    }

    @Test
    void trainOnSparkFollowsTheLocalLossesAndWritesTheModel() throws Exception {
        Path model = directory.resolve("net.json");
        radnet("init", "--widths", "2,5,3,1", "-o", model.toString());
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 60; i++) {
            double a = i / 60.0;
            double b = (i % 7) / 7.0;
            csv.append(a).append(',').append(b).append(',').append(a * b - 0.5 * a).append('\n');
        }
        Path data = Files.writeString(directory.resolve("data.csv"), csv);
        JsonNode local = JSON.readTree(radnet("train", model.toString(), "--data", data.toString(), "--epochs", "8",
                "-o", directory.resolve("local.json").toString(), "--json").out());
        JsonNode spark = JSON.readTree(radnet("train", model.toString(), "--data", data.toString(), "--epochs", "8",
                "-o", directory.resolve("spark.json").toString(), "--json", "--spark", "local[2]", "--partitions", "3").out());
        assertEquals(3, spark.get("partitions").asInt());
        assertEquals(8, spark.get("steps").asInt());
        for (int e = 0; e < 8; e++) {
            double difference = Math.abs(local.get("losses").get(e).asDouble() - spark.get("losses").get(e).asDouble());
            assertTrue(difference <= 1e-14, "epoch " + (e + 1) + ": |Δ loss| = " + difference);
        }
        assertTrue(Files.isRegularFile(directory.resolve("spark.json")));
    }

    @Test
    void badSparkOptionsExitWithOneLine() {
        CliRun bogus = CliRun.run(UNUSED, "reproduce", "-e", "1", "--spark", "bogus");
        assertEquals(1, bogus.exitCode());
        assertEquals(1, bogus.errLines().size(), bogus.err());
        assertTrue(bogus.err().startsWith("radnet: --spark: not a Spark master URL: 'bogus'"), bogus.err());
        CliRun partitions = CliRun.run(UNUSED, "train", "m.json", "--data", "d.csv", "-o", "o.json", "--partitions", "2");
        assertEquals(2, partitions.exitCode());
        assertTrue(partitions.err().startsWith("radnet: --partitions needs --spark"), partitions.err());
    }
}
