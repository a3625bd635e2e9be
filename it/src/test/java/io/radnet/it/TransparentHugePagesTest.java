package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/radnet-java} with RADNET_HUGE_PAGES=1 (what {@code ./radnet} sets) puts the Java
 * heap and glibc's malloc heaps in transparent huge pages when the kernel offers them to programs
 * that ask ([always] or [madvise]): -XX:+UseTransparentHugePages before the arguments (so that
 * later options win) and GLIBC_TUNABLES=glibc.malloc.hugetlb=1 unless the user set
 * GLIBC_TUNABLES. Without the switch, with THP [never], or without the sysfs file nothing changes.
 * The script runs with a stand-in "java" that prints what it saw, on fixtures of the sysfs file.
 */
class TransparentHugePagesTest {
    @TempDir
    Path dir;

    /** @return what the stand-in java saw: "tunables=VALUE|unset pad=VALUE|unset args=ARGS" */
    private String run(String thpEnabled, Map<String, String> env) throws IOException, InterruptedException {
        Path enabled = dir.resolve("enabled");
        if (thpEnabled == null) {
            Files.deleteIfExists(enabled);
        } else {
            Files.writeString(enabled, thpEnabled + "\n", StandardCharsets.US_ASCII);
        }
        Map<String, String> all = new HashMap<>(env);
        all.put("RADNET_THP_ENABLED", enabled.toString());
        return RadnetJavaScript.run(dir, "tunables=${GLIBC_TUNABLES-unset} pad=${MALLOC_TOP_PAD_-unset} args=$*",
                List.of("GLIBC_TUNABLES", "MALLOC_TOP_PAD_", "RADNET_HUGE_PAGES"), all, "-Xmx64m", "-jar", "app.jar");
    }

    private static Map<String, String> switchedOn(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("RADNET_HUGE_PAGES", "1"));
        for (int k = 0; k < more.length; k += 2) {
            env.put(more[k], more[k + 1]);
        }
        return env;
    }

    @Test
    void madviseOrAlwaysTurnsThemOnForTheHeapAndMalloc() throws Exception {
        String on = "tunables=glibc.malloc.hugetlb=1 pad=67108864 args=-XX:+UseTransparentHugePages -Xmx64m -jar app.jar";
        assertEquals(on, run("always [madvise] never", switchedOn()));
        assertEquals(on, run("[always] madvise never", switchedOn()));
    }

    @Test
    void glibcTunablesTheUserSetAreKept() throws Exception {
        assertEquals("tunables=glibc.malloc.arena_max=2 pad=unset args=-XX:+UseTransparentHugePages -Xmx64m -jar app.jar",
                run("always [madvise] never", switchedOn("GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
    }

    @Test
    void theLauncherSwitchesThemOnUnlessTheUserSwitchedThemOff() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(Files.createDirectories(dir.resolve("checkout")));
        Path madvise = Files.writeString(dir.resolve("madvise"), "always [madvise] never\n");
        String on = checkout.radnetWithFakeJava(Map.of("RADNET_THP_ENABLED", madvise.toString()), "--version").out();
        assertEquals("args=-XX:+UseTransparentHugePages -jar " + checkout.jar() + " --version", on.lines().findFirst()
                .orElseThrow());
        String off = checkout.radnetWithFakeJava(Map.of("RADNET_THP_ENABLED", madvise.toString(), "RADNET_HUGE_PAGES",
                "0"), "--version").out();
        assertEquals("args=-jar " + checkout.jar() + " --version", off.lines().findFirst().orElseThrow());
    }

    @Test
    void withoutTheSwitchOrWithoutHugePagesNothingChanges() throws Exception {
        String off = "tunables=unset pad=67108864 args=-Xmx64m -jar app.jar";
        assertEquals(off, run("always [madvise] never", Map.of()));
        assertEquals(off, run("always [madvise] never", switchedOn("RADNET_HUGE_PAGES", "0")));
        assertEquals(off, run("always madvise [never]", switchedOn()));
        assertEquals(off, run(null, switchedOn()));
    }
}
