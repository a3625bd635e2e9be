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
 * MALLOC_MMAP_THRESHOLD_ to 32 MiB when neither it nor GLIBC_TUNABLES is set (the pad switches
 * off glibc's adaptive threshold, so large native buffers would be fresh mappings on every
 * allocation), and never overrides any of them. The script runs with a stand-in "java" that
 * prints what it saw.
 */
class MallocTopPadTest {
    private static final Path SCRIPT = Path.of("..", "bin", "radnet-java").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * @return what the stand-in java saw: "pad=VALUE|unset mmap=VALUE|unset tunables=VALUE|unset
     *     args=ARGS"
     */
    private String run(Map<String, String> env) throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("fake-java");
        Files.writeString(fakeJava,
                "#!/bin/sh\necho \"pad=${MALLOC_TOP_PAD_-unset} mmap=${MALLOC_MMAP_THRESHOLD_-unset}"
                        + " tunables=${GLIBC_TUNABLES-unset} args=$*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-version").redirectErrorStream(true);
        pb.environment().remove("MALLOC_TOP_PAD_");
        pb.environment().remove("GLIBC_TUNABLES");
        pb.environment().remove("MALLOC_MMAP_THRESHOLD_");
        pb.environment().put("RADNET_JAVA", fakeJava.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the script ends");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void unsetTheyBecome64MiBAnd32MiB() throws Exception {
        assertEquals("pad=67108864 mmap=33554432 tunables=unset args=-version", run(Map.of()));
    }

    @Test
    void aValueTheUserSetIsKept() throws Exception {
        assertEquals("pad=1048576 mmap=33554432 tunables=unset args=-version",
                run(Map.of("MALLOC_TOP_PAD_", "1048576")));
        assertEquals("pad=67108864 mmap=262144 tunables=unset args=-version",
                run(Map.of("MALLOC_MMAP_THRESHOLD_", "262144")));
    }

    @Test
    void glibcTunablesSetByTheUserLeaveBothUnset() throws Exception {
        assertEquals("pad=unset mmap=unset tunables=glibc.malloc.trim_threshold=0 args=-version",
                run(Map.of("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=0")));
    }
}
