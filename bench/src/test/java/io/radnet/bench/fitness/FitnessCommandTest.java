package io.radnet.bench.fitness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fitness table from injected JMH rows, anchors and whole-process times. */
class FitnessCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A JMH row of the MLP epoch on one backend column, in ms. */
    private static String mlpRow(String backend, double millis) {
        return "{\"benchmark\": \"io.radnet.bench.FitnessBenchmark.mlpEpoch\", \"mode\": \"ss\", \"params\": {\"backend\": \""
                + backend + "\", \"threads\": \"1\", \"samples\": \"10000\"}, \"primaryMetric\": {\"score\": " + millis
                + ", \"scoreUnit\": \"ms/op\"}}";
    }

    private static String reducedRow(String backend, double micros) {
        return "{\"benchmark\": \"io.radnet.bench.TrainingStepBenchmark.radialExperiment3\", \"mode\": \"avgt\", \"params\": "
                + "{\"backend\": \"" + backend + "\", \"network\": \"reduced\", \"threads\": \"1\"}, \"primaryMetric\": "
                + "{\"score\": " + micros + ", \"scoreUnit\": \"us/op\"}}";
    }

    @Test
    void theTableSetsEveryColumnSideBySideWithDefaultOverBestAndTheAnchor() throws IOException {
        Path jmh = Files.writeString(directory.resolve("run.json"), "[" + String.join(",", mlpRow("default", 4900),
                mlpRow("ejml", 4900), mlpRow("nd4j", 1300), mlpRow("jblas", 1800), reducedRow("default", 1250),
                reducedRow("ejml", 1250), reducedRow("nd4j", 3700), reducedRow("jblas", 3600)) + "]");
        Path epoch = Files.writeString(directory.resolve("epoch.json"),
                "{\"threads\": 1, \"msPerEpoch\": {\"reduced-float32\": 3.125, \"full-float32\": 50.0}}");
        Path mlp = Files.writeString(directory.resolve("mlp.json"), "{\"workload\": \"mlp\", \"ms\": {\"float32\": 1160.0}}");
        Path rcnet = Files.writeString(directory.resolve("rcnet.json"), "{\"workload\": \"rcnet\", \"ms\": {\"float32\": 21.5}}");
        Path cnn = Files.writeString(directory.resolve("cnn.json"), "{\"workload\": \"cnn\", \"ms\": {\"float32\": 630.0}}");
        Path processes = Files.writeString(directory.resolve("p.tsv"), String.join("\n",
                "radnet-compress\tdefault\t6.5", "radnet-compress\tdefault\t6.7", "radnet-compress\tdefault\t6.3",
                "radnet-compress\tnd4j\t3.1", "numpy-compress\tanchor\t2.5", "numpy-compress\tanchor\t2.7") + "\n");
        Path json = directory.resolve("fitness.json");

        int exit = FitnessCommand.run(new PrintWriter(out), new PrintWriter(err), "--jmh", jmh.toString(), "--pytorch-epoch",
                epoch.toString(), "--pytorch-wide", mlp.toString(), "--pytorch-wide", rcnet.toString(), "--pytorch-wide", cnn.toString(),
                "--processes", processes.toString(), "--json",
                json.toString());

        assertEquals(0, exit, err.toString());
        String table = out.toString();
        assertTrue(table.contains("3.77×") && table.contains("4.22×"), "MLP: 4900/1300 and 4900/1160\n" + table);
        assertTrue(table.contains("0.40×"), "reduced: 1.25 ms / 3.125 ms\n" + table);
        assertTrue(table.contains("small work on " + Backends.defaultBackend().name()), table);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode mlpRow = root.path("workloads").get(2);
        assertEquals(4900.0 / 1300.0, mlpRow.path("defaultOverBest").asDouble(), 1e-12);
        assertEquals(4900.0 / 1160.0, mlpRow.path("defaultOverAnchor").asDouble(), 1e-12);
        JsonNode compress = root.path("workloads").get(8);
        assertEquals(6500.0, compress.path("ms").path("default").asDouble(), 1e-9, "median of three runs");
        assertEquals(2600.0, compress.path("anchorMs").asDouble(), 1e-9, "median of two runs");
        assertEquals(6500.0 / 3100.0, compress.path("defaultOverBest").asDouble(), 1e-12);
        JsonNode rcnetRow = root.path("workloads").get(3);
        assertEquals(21.5, rcnetRow.path("anchorMs").asDouble(), 1e-12);
        assertTrue(rcnetRow.path("ms").path("ejml").isNull() && rcnetRow.path("defaultOverAnchor").isNull(),
                "an unmeasured cell is null, never NaN");
        JsonNode cnnRow = root.path("workloads").get(5);
        assertTrue(cnnRow.path("workload").asText().startsWith("intrinsic CNN step"), cnnRow.toString());
        assertEquals(630.0, cnnRow.path("anchorMs").asDouble(), 1e-12, "pytorch_fitness.py cnn's float32 time");
    }

    /**
     * A JMH row with one fork's samples.
     *
     * @param head the row's fields before {@code primaryMetric}: benchmark, mode and parameters
     * @param unit the samples' unit
     * @param samples the fork's samples, in that unit
     */
    private static String rowWithSamples(String head, String unit, double... samples) {
        StringBuilder raw = new StringBuilder();
        for (double sample : samples) {
            raw.append(raw.length() == 0 ? "" : ", ").append(sample);
        }
        return "{" + head + ", \"primaryMetric\": {\"score\": 1.0, \"scoreUnit\": \"" + unit + "\", \"rawData\": [["
                + raw + "]]}}";
    }

    /** A single-shot JMH row of QR-compress of (784,2048³,10) on all cores, with its shots in ms. */
    private static String qrShots(String backend, double... millis) {
        return rowWithSamples("\"benchmark\": \"io.radnet.bench.QrCompressBenchmark.compress\", \"mode\": \"ss\", \"params\": "
                + "{\"backend\": \"" + backend + "\", \"threads\": \"all\", \"widths\": \"784-2048-2048-2048-10\"}", "ms/op",
                millis);
    }

    @Test
    void singleShotsOfSeveralRunsArePooledIntoMedianAndLeast() throws IOException {
        Path first = Files.writeString(directory.resolve("compress-1.json"), "[" + String.join(",",
                qrShots("default", 500, 420, 900), qrShots("nd4j", 480, 430, 700), qrShots("jblas", 600, 610, 650)) + "]");
        Path second = Files.writeString(directory.resolve("compress-2.json"), "[" + String.join(",",
                qrShots("default", 410, 450, 460), qrShots("nd4j", 440, 445, 2000), qrShots("jblas", 590, 620, 640)) + "]");
        Path json = directory.resolve("fitness.json");

        int exit = FitnessCommand.run(new PrintWriter(out), new PrintWriter(err), "--jmh", first.toString(), "--jmh",
                second.toString(), "--json", json.toString());

        assertEquals(0, exit, err.toString());
        String table = out.toString();
        assertTrue(table.contains("QR-compress (784,2048³,10), all cores, median"), table);
        assertTrue(table.contains("least of 6 shots per column"), table);
        JsonNode row = new ObjectMapper().readTree(json.toFile()).path("workloads").get(7);
        assertEquals(455.0, row.path("ms").path("default").asDouble(), 1e-9, "median of 410 420 450 460 500 900");
        assertEquals(462.5, row.path("ms").path("nd4j").asDouble(), 1e-9, "median of 430 440 445 480 700 2000");
        assertEquals(410.0, row.path("leastMs").path("default").asDouble(), 1e-9);
        assertEquals(430.0, row.path("leastMs").path("nd4j").asDouble(), 1e-9);
        assertEquals(6, row.path("samples").path("jblas").asInt());
        assertEquals("single shots", row.path("samplesAre").asText());
        assertEquals(455.0 / 462.5, row.path("defaultOverBest").asDouble(), 1e-12);
        assertEquals(410.0 / 430.0, row.path("defaultOverBestLeast").asDouble(), 1e-12);
        assertTrue(row.path("leastMs").path("ejml").isNull(), "an unmeasured column has no least shot");
    }

    /** An average-time JMH row of the full experiment-3 epoch, one fork per JMH run, with its iterations in µs/op. */
    private static String fullEpochIterations(String backend, double... micros) {
        return rowWithSamples("\"benchmark\": \"io.radnet.bench.TrainingStepBenchmark.radialExperiment3\", \"mode\": \"avgt\", "
                + "\"params\": {\"backend\": \"" + backend + "\", \"network\": \"full\", \"threads\": \"1\"}", "us/op", micros);
    }

    @Test
    void iterationsOfInterleavedRunsArePooledIntoMedianAndLeastSoOneSlowJvmDoesNotDecideTheRow() throws IOException {
        Path first = Files.writeString(directory.resolve("round-1.json"), "[" + String.join(",",
                fullEpochIterations("default", 6600, 6550, 6680), fullEpochIterations("ejml", 4800, 4790, 4990)) + "]");
        Path second = Files.writeString(directory.resolve("round-2.json"), "[" + String.join(",",
                fullEpochIterations("default", 4570, 4540, 4920), fullEpochIterations("ejml", 6440, 6500, 6600)) + "]");
        Path third = Files.writeString(directory.resolve("round-3.json"), "[" + String.join(",",
                fullEpochIterations("default", 4600, 4700, 4650), fullEpochIterations("ejml", 4750, 4870, 4700)) + "]");
        Path json = directory.resolve("fitness.json");

        int exit = FitnessCommand.run(new PrintWriter(out), new PrintWriter(err), "--jmh", first.toString(), "--jmh",
                second.toString(), "--jmh", third.toString(), "--json", json.toString());

        assertEquals(0, exit, err.toString());
        String table = out.toString();
        assertTrue(table.contains("experiment-3 epoch, full (2,16,64,128,16,2), full batch 14,641, median"), table);
        assertTrue(table.contains("least of 9 iterations per column"), table);
        JsonNode row = new ObjectMapper().readTree(json.toFile()).path("workloads").get(1);
        assertEquals(4.70, row.path("ms").path("default").asDouble(), 1e-12,
                "median of 4540 4570 4600 4650 4700 4920 6550 6600 6680 µs");
        assertEquals(4.87, row.path("ms").path("ejml").asDouble(), 1e-12,
                "median of 4700 4750 4790 4800 4870 4990 6440 6500 6600 µs");
        assertEquals(4.54, row.path("leastMs").path("default").asDouble(), 1e-12);
        assertEquals(4.70 / 4.87, row.path("defaultOverBest").asDouble(), 1e-12);
        assertEquals(9, row.path("samples").path("ejml").asInt());
        assertEquals("iterations' mean times", row.path("samplesAre").asText());
    }

    @Test
    void aMalformedProcessLineIsOneLineAndExitTwo() throws IOException {
        Path jmh = Files.writeString(directory.resolve("run.json"), "[" + mlpRow("ejml", 4900) + "]");
        Path processes = Files.writeString(directory.resolve("p.tsv"), "radnet-compress\tejml\tNaN\n");

        int exit = FitnessCommand.run(new PrintWriter(out), new PrintWriter(err), "--jmh", jmh.toString(), "--processes",
                processes.toString(), "--json", directory.resolve("fitness.json").toString());

        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("fitness: ") && err.toString().contains("p.tsv, line 1"), err.toString());
        assertTrue(Files.notExists(directory.resolve("fitness.json")));
    }
}
