package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    @TempDir
    Path dir;

    /**
     * @return what the stand-in java saw: "pad=VALUE|unset mmap=VALUE|unset tunables=VALUE|unset
     *     args=ARGS"
     */
    private String run(Map<String, String> env) throws IOException, InterruptedException {
        return RadnetJavaScript.run(dir, "pad=${MALLOC_TOP_PAD_-unset} mmap=${MALLOC_MMAP_THRESHOLD_-unset}"
                + " tunables=${GLIBC_TUNABLES-unset} args=$*", List.of("MALLOC_TOP_PAD_", "GLIBC_TUNABLES",
                "MALLOC_MMAP_THRESHOLD_", "RADNET_HUGE_PAGES"), env, "-version");
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
