package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/radnet-java}, through which {@code ./radnet} and the test JVMs start, defaults
 * OPENBLAS_CORETYPE to Haswell on CPUs with avx2 and fma (AVX-512 ones included), never
 * overrides a value the user set, and sets nothing on CPUs without those flags. The script runs with a stand-in "java"
 * that prints what it was given, on cpuinfo fixtures.
 */
class OpenBlasCoreTypeTest {
    private static final String ZEN4 = "fpu vme de pse tsc msr sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2"
            + " avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16";
    private static final String ZEN2 = "fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c bmi1 avx2 bmi2";
    private static final String NEHALEM = "fpu vme sse sse2 ssse3 cx16 sse4_1 sse4_2 popcnt";

    @TempDir
    Path dir;

    private Path cpuinfo(String flags) throws IOException {
        String processor = "processor\t: %d\nvendor_id\t: AuthenticAMD\nmodel name\t: test CPU\nflags\t\t: " + flags
                + "\nbugs\t\t: sysret_ss_attrs\n\n";
        return Files.writeString(dir.resolve("cpuinfo"),
                String.format(processor, 0) + String.format(processor, 1), StandardCharsets.US_ASCII);
    }

    /** @return what the stand-in java saw: "coretype=VALUE|unset args=ARGS" */
    private String run(Path cpuinfo, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("RADNET_CPUINFO", cpuinfo.toString());
        return RadnetJavaScript.run(dir, "coretype=${OPENBLAS_CORETYPE-unset} args=$*",
                List.of("OPENBLAS_CORETYPE"), all,
                "-Xmx64m", "-jar", "some app.jar");
    }

    @Test
    void anAvx2FmaCpuGetsHaswellKernels() throws Exception {
        assertEquals("coretype=Haswell args=-Xmx64m -jar some app.jar", run(cpuinfo(ZEN2), Map.of()));
    }

    @Test
    void anAvx512CpuGetsHaswellKernelsTooNeverSkylakeX() throws Exception {
        // ND4J's OpenBLAS computes wrong QR factors with its SkylakeX kernels on Zen 4.
        assertEquals("coretype=Haswell args=-Xmx64m -jar some app.jar", run(cpuinfo(ZEN4), Map.of()));
    }

    @Test
    void aCpuWithoutTheFlagsGetsNothing() throws Exception {
        assertEquals("coretype=unset args=-Xmx64m -jar some app.jar", run(cpuinfo(NEHALEM), Map.of()));
        assertEquals("coretype=unset args=-Xmx64m -jar some app.jar",
                run(cpuinfo(NEHALEM + " avx2"), Map.of()), "avx2 without fma is not Haswell");
        Path arm = Files.writeString(dir.resolve("arm"), "processor\t: 0\nFeatures\t: fp asimd evtstrm aes pmull\n");
        assertEquals("coretype=unset args=-Xmx64m -jar some app.jar", run(arm, Map.of()), "aarch64 lists no flags");
        assertEquals("coretype=unset args=-Xmx64m -jar some app.jar", run(dir.resolve("no-such-file"), Map.of()),
                "no cpuinfo (macOS, Windows): nothing is set");
    }

    @Test
    void aValueTheUserSetIsKeptAndAnEmptyOneCountsAsUnset() throws Exception {
        assertEquals("coretype=Prescott args=-Xmx64m -jar some app.jar",
                run(cpuinfo(ZEN4), Map.of("OPENBLAS_CORETYPE", "Prescott")));
        assertEquals("coretype=Haswell args=-Xmx64m -jar some app.jar",
                run(cpuinfo(ZEN4), Map.of("OPENBLAS_CORETYPE", "")));
    }

    @Test
    void thisTestJvmStartedThroughTheScript() throws IOException {
        // Surefire's <jvm> is bin/radnet-java: on a CPU with the flags, this JVM has the setting.
        Path real = Path.of("/proc/cpuinfo");
        assumeTrue(Files.isReadable(real), "no /proc/cpuinfo on this system: the script sets nothing");
        Set<String> flags = new HashSet<>();
        for (String line : Files.readAllLines(real)) {
            if (line.startsWith("flags")) {
                flags.addAll(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                break;
            }
        }
        assumeTrue(flags.containsAll(List.of("avx2", "fma")), "this CPU has no avx2 and fma: the script sets nothing");
        String value = System.getenv("OPENBLAS_CORETYPE");
        assertTrue(value != null && !value.isBlank(),
                "test JVMs start through bin/radnet-java, so OPENBLAS_CORETYPE is set here (flags " + flags + ")");
    }
}
