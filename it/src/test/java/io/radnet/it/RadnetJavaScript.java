package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/radnet-java} with a stand-in "java" (through RADNET_JAVA) that prints what it
 * was given, for the tests of the environment the script sets up.
 */
final class RadnetJavaScript {
    private static final Path SCRIPT = Path.of("..", "bin", "radnet-java").toAbsolutePath().normalize();

    private RadnetJavaScript() {
    }

    /**
     * @param dir a scratch directory for the stand-in
     * @param report what the stand-in prints, in sh syntax, e.g. {@code pad=${MALLOC_TOP_PAD_-unset} args=$*}
     * @param unset variables removed from the inherited environment first
     * @param env variables set then
     * @param args the script's arguments
     * @return the stand-in's output, trimmed (the script must end within 30 s with exit code 0)
     */
    static String run(Path dir, String report, List<String> unset, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"" + report + "\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
        pb.command().addAll(List.of(args));
        unset.forEach(pb.environment()::remove);
        pb.environment().put("RADNET_JAVA", fakeJava.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
