package io.radnet.bench.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
    @TempDir
    Path directory;

    @Test
    void rowsRoundTripWithTheirParametersSortedByName() throws IOException {
        BenchmarkResult row = new BenchmarkResult("io.radnet.bench.QrBenchmark.factorize",
                Map.of("threads", "1", "backend", "nd4j", "shape", "64x64"), "avgt", 12.5, "us/op");
        Path file = JmhJson.write(directory.resolve("r.json"), List.of(row));

        List<BenchmarkResult> read = JmhResults.read(file);
        assertEquals(List.of(row), read);
        assertEquals("QrBenchmark.factorize{backend=nd4j, shape=64x64, threads=1}", read.get(0).key());
    }

    @Test
    void malformedFilesAreRefusedNamingTheFileAndEntry() throws IOException {
        Path notArray = Files.writeString(directory.resolve("object.json"), "{}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(notArray))
                .getMessage().contains("object.json is not a JMH JSON result file"));

        Path noScore = Files.writeString(directory.resolve("noscore.json"),
                "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":{\"scoreUnit\":\"us/op\"}}]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(noScore))
                .getMessage().contains("entry 0 (a.B.c) has no numeric primaryMetric.score"));

        Path zero = Files.writeString(directory.resolve("zero.json"),
                "[{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":0,\"scoreUnit\":\"us/op\"}}]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(zero))
                .getMessage().contains("finite and positive"));

        String entry = "{\"benchmark\":\"a.B.c\",\"mode\":\"avgt\",\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"us/op\"}}";
        Path twice = Files.writeString(directory.resolve("twice.json"), "[" + entry + "," + entry + "]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.read(twice))
                .getMessage().contains("entries 0 and 1 are both"));

        Path truncated = Files.writeString(directory.resolve("truncated.json"), "[{\"benchmark\":");
        assertTrue(assertThrows(UncheckedIOException.class, () -> JmhResults.read(truncated))
                .getMessage().contains("truncated.json"));
    }
}
