package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./radnet} maps the program's classes from the class-data-sharing archive
 * {@code cli/target/radnet-cli.jsa} that the cli module's build writes, when the archive is newer
 * than the jar and every jar of {@code lib/}; a missing, stale, corrupt or foreign archive only
 * means a slower start: the program runs, prints exactly what it prints without an archive and
 * nothing else.
 *
 * <p>The launcher runs in a copy of the checkout's layout in a temporary directory
 * ({@link LauncherCheckout}), so it never rebuilds this checkout, and the real JVM runs it.
 */
class ClassArchiveLauncherTest {
    private static final Path TARGET = LauncherCheckout.TARGET;
    private static final Path JAVA = LauncherCheckout.JAVA;

    @TempDir
    Path repo;

    private LauncherCheckout checkout;
    private Path jar;
    private Path archive;

    @BeforeEach
    void layOutACheckout() throws IOException {
        checkout = new LauncherCheckout(repo);
        jar = checkout.jar();
        archive = checkout.target().resolve("radnet-cli.jsa");
    }

    private LauncherCheckout.Run radnet(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return checkout.radnet(env, args);
    }

    /** @return the arguments a stand-in java saw: "args=ARGS" */
    private String fakeJavaArgs(String... args) throws IOException, InterruptedException {
        return checkout.radnetWithFakeJava(Map.of(), args).out().lines().findFirst().orElseThrow();
    }

    /**
     * Writes an archive of the classes {@code radnet --version} loads, as the build does for its
     * training run: on the program's class path, the jar's manifest over lib/.
     */
    private void dumpArchive() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(JAVA.toString(), "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off",
                "-cp", jar.toString(), "io.radnet.cli.RadnetCommand", "--version")
                .redirectErrorStream(true).redirectOutput(repo.resolve("dump.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the training run ends");
        assertEquals(0, process.exitValue(), Files.readString(repo.resolve("dump.txt")));
        assertTrue(Files.size(archive) > 0, "the JVM wrote " + archive);
    }

    /** @return the lines of -Xlog:class+load naming radnet's command class and where it came from */
    private static List<String> commandClassLoads(String out) {
        return out.lines().filter(line -> line.contains(" io.radnet.cli.RadnetCommand source: ")).toList();
    }

    @Test
    void aFreshArchiveIsMappedAndTheOutputIsUnchanged() throws Exception {
        LauncherCheckout.Run without = radnet(Map.of(), "--version");
        assertEquals(0, without.exitCode(), without.err());
        assertTrue(without.out().startsWith("radnet "), without.out());
        dumpArchive();

        assertEquals(without, radnet(Map.of(), "--version"));
        LauncherCheckout.Run traced = radnet(Map.of("RADNET_JAVA_OPTS", "-Xlog:class+load"), "--version");
        List<String> fromTheArchive = commandClassLoads(traced.out());
        assertEquals(1, fromTheArchive.size(), traced.out());
        assertTrue(fromTheArchive.get(0).endsWith("source: shared objects file (top)"), fromTheArchive.get(0));
    }

    @Test
    void theLauncherPassesTheArchiveOnlyWhenItIsNewerThanEveryJar() throws Exception {
        String plain = "args=-jar " + jar + " --version";
        assertEquals(plain, fakeJavaArgs("--version"), "no archive");
        dumpArchive();
        assertEquals("args=-XX:SharedArchiveFile=" + archive + " -Xlog:cds*=off -jar " + jar + " --version",
                fakeJavaArgs("--version"), "a fresh archive");

        checkout.replaceLibraryJar("picocli-", FileTime.from(Files.getLastModifiedTime(archive).toInstant()
                .plusSeconds(1)));
        assertEquals(plain, fakeJavaArgs("--version"), "a library jar newer than the archive");

        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        String spark = fakeJavaArgs("train", "--spark", "local[1]");
        assertTrue(spark.endsWith(" io.radnet.cli.RadnetCommand train --spark local[1]"), spark);
        assertFalse(spark.contains("SharedArchiveFile"), "--spark runs on another class path, without the archive: "
                + spark);
    }

    @Test
    void anArchiveTheJvmRefusesChangesNothingButTheStartUpTime() throws Exception {
        LauncherCheckout.Run without = radnet(Map.of(), "--version");
        assertEquals(0, without.exitCode(), without.err());
        dumpArchive();
        // Older than the archive, so the launcher passes the archive on, but not the jar it was
        // written for: the JVM checks each jar's time and size and refuses it.
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().minusSeconds(3600)));
        assertEquals(without, radnet(Map.of(), "--version"), "a stale archive");

        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        assertEquals(without, radnet(Map.of(), "--version"), "a corrupt archive");
    }

    @Test
    void theBuildWritesAnArchiveNewerThanTheJar() throws Exception {
        Path built = TARGET.resolve("radnet-cli.jsa");
        assertTrue(Files.isRegularFile(built), "the cli module's build writes " + built);
        assertFalse(Files.getLastModifiedTime(built).toInstant().isBefore(
                Files.getLastModifiedTime(TARGET.resolve("radnet-cli.jar")).toInstant()), "the archive is newer than the jar");
    }
}
