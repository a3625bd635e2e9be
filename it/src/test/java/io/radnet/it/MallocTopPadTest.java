package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/radnet-java} sets glibc's MALLOC_TOP_PAD_ to 64 MiB when neither it nor
 * GLIBC_TUNABLES is set (so jblas's per-call JNI copies do not page-fault on every call), and
 * never overrides either. The script runs with a stand-in "java" that prints what it saw.
 */
class MallocTopPadTest {
    private static final Path SCRIPT = Path.of("..", "bin", "radnet-java").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** @return what the stand-in java saw: "pad=VALUE|unset tunables=VALUE|unset args=ARGS" */
    private String run(Map<String, String> env) throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("fake-java");
        Files.writeString(fakeJava,
                "#!/bin/sh\necho \"pad=${MALLOC_TOP_PAD_-unset} tunables=${GLIBC_TUNABLES-unset} args=$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-version").redirectErrorStream(true);
        pb.environment().remove("MALLOC_TOP_PAD_");
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().put("RADNET_JAVA", fakeJava.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void unsetItBecomes64MiB() throws Exception {
        assertEquals("pad=67108864 tunables=unset args=-version", run(Map.of()));
    }

    @Test
    void aValueTheUserSetIsKept() throws Exception {
        assertEquals("pad=1048576 tunables=unset args=-version", run(Map.of("MALLOC_TOP_PAD_", "1048576")));
    }

    @Test
    void glibcTunablesSetByTheUserLeaveThePadUnset() throws Exception {
        assertEquals("pad=unset tunables=glibc.malloc.trim_threshold=0 args=-version",
                run(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")));
    }
}
