package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program starts quietly: in a JVM of its own, with the program's class path, loading every
 * backend leaves stderr empty (ND4J logs through slf4j, which without a binding prints
 * {@code SLF4J: Failed to load class …} on stderr when ND4J loads). The program binds
 * slf4j-nop; the library modules bind nothing, so their users keep their own logging (the
 * parent POM's enforcer rule {@code library-binds-no-logger} fails the build otherwise).
 */
class QuietStartTest {
    @TempDir
    Path dir;

    private String run(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), RadnetCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile());
        builder.environment().remove("RADNET_BACKEND");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program ends");
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, process.exitValue(), err);
        return err;
    }

    @Test
    void loadingEveryBackendPrintsNothingOnStderr() throws IOException, InterruptedException {
        assertEquals("", run("backends"), "radnet backends loads every native backend");
    }
}
