package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program as {@code ./radnet} starts it ({@code bin/radnet-java -jar
 * cli/target/radnet-cli.jar}, its class path the jar's manifest over {@code cli/target/lib})
 * runs every backend this test JVM can run. The test JVM's class path holds the provided
 * dependencies too (Spark and its own dependencies), so a backend's runtime dependency that a
 * provided one shadows in the program's class path (Spark's commons-math3 against ND4J's) passes
 * every in-process test and is caught only here.
 */
class ProgramClassPathTest {
    private static final Path SCRIPT = Path.of("..", "bin", "radnet-java").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("..", "cli", "target", "radnet-cli.jar").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theProgramRunsEveryBackendThisJvmRuns() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the cli module before the integration tests");
        ProcessBuilder builder = new ProcessBuilder(List.of(SCRIPT.toString(), "-jar", JAR.toString(), "backends", "--json"))
                .redirectOutput(dir.resolve("stdout.json").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().remove("RADNET_BACKEND");
        builder.environment().put("RADNET_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "radnet backends ends");
        assertEquals(0, process.exitValue(), Files.readString(dir.resolve("stderr.txt")));
        JsonNode report = new ObjectMapper().readTree(dir.resolve("stdout.json").toFile());
        List<String> here = AvailableBackends.names().toList();
        assertTrue(!here.isEmpty(), "this JVM runs at least one backend");
        for (String name : here) {
            JsonNode backend = null;
            for (JsonNode entry : report.path("backends")) {
                if (name.equals(entry.path("name").asText())) {
                    backend = entry;
                }
            }
            assertTrue(backend != null, "the program lists " + name + ": " + report);
            assertTrue(backend.path("available").asBoolean(), "the program runs " + name + " as this JVM does: "
                    + backend.path("reason").asText());
        }
    }
}
