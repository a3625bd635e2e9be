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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * <p>The launcher runs in a copy of the checkout's layout in a temporary directory (the script,
 * {@code bin/radnet-java}, the built jar, its {@code lib/} as links to the built jars, and empty
 * stand-ins for the Spark files the launcher checks), so it never rebuilds this checkout, and the
 * real JVM runs it.
 */
class ClassArchiveLauncherTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path TARGET = REPO.resolve("cli").resolve("target");
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path repo;

    private Path jar;
    private Path archive;

    /** The exit code and the two streams of a run. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void layOutACheckout() throws IOException {
        assertTrue(Files.isRegularFile(TARGET.resolve("radnet-cli.jar")), "the cli module builds the jar before the"
                + " integration tests");
        Path pom = Files.writeString(repo.resolve("pom.xml"), "a build input older than the jar");
        Files.setLastModifiedTime(pom, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.copy(REPO.resolve("radnet"), repo.resolve("radnet"));
        Files.createDirectories(repo.resolve("bin"));
        Files.copy(REPO.resolve("bin").resolve("radnet-java"), repo.resolve("bin").resolve("radnet-java"));
        assertTrue(repo.resolve("radnet").toFile().setExecutable(true));
        assertTrue(repo.resolve("bin").resolve("radnet-java").toFile().setExecutable(true));
        Path lib = Files.createDirectories(repo.resolve("cli").resolve("target").resolve("lib"));
        jar = repo.resolve("cli").resolve("target").resolve("radnet-cli.jar");
        archive = repo.resolve("cli").resolve("target").resolve("radnet-cli.jsa");
        Files.copy(TARGET.resolve("radnet-cli.jar"), jar);
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            for (Path built : jars.toList()) {
                Files.createSymbolicLink(lib.resolve(built.getFileName()), built);
            }
        }
        Path sparkJars = Files.createDirectories(repo.resolve("spark").resolve("target").resolve("spark-home")
                .resolve("jars"));
        Files.createFile(sparkJars.getParent().getParent().resolve("radnet-spark.jar"));
    }

    private Run radnet(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("radnet").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(repo.resolve("stdout.txt").toFile())
                .redirectError(repo.resolve("stderr.txt").toFile());
        builder.environment().remove("RADNET_JAVA_OPTS");
        builder.environment().put("RADNET_JAVA", JAVA.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "radnet ends");
        return new Run(process.exitValue(), Files.readString(repo.resolve("stdout.txt")),
                Files.readString(repo.resolve("stderr.txt")));
    }

    /** @return what a stand-in java saw: "args=ARGS" */
    private Run radnetWithFakeJava(String... args) throws IOException, InterruptedException {
        Path fakeJava = repo.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"args=$*\"\n");
        assertTrue(fakeJava.toFile().setExecutable(true));
        return radnet(Map.of("RADNET_JAVA", fakeJava.toString()), args);
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
        Run without = radnet(Map.of(), "--version");
        assertEquals(0, without.exitCode(), without.err());
        assertTrue(without.out().startsWith("radnet "), without.out());
        dumpArchive();

        assertEquals(without, radnet(Map.of(), "--version"));
        Run traced = radnet(Map.of("RADNET_JAVA_OPTS", "-Xlog:class+load"), "--version");
        List<String> fromTheArchive = commandClassLoads(traced.out());
        assertEquals(1, fromTheArchive.size(), traced.out());
        assertTrue(fromTheArchive.get(0).endsWith("source: shared objects file (top)"), fromTheArchive.get(0));
    }

    @Test
    void theLauncherPassesTheArchiveOnlyWhenItIsNewerThanEveryJar() throws Exception {
        String plain = "args=-jar " + jar + " --version";
        assertEquals(plain, radnetWithFakeJava("--version").out().strip(), "no archive");
        dumpArchive();
        assertEquals("args=-XX:SharedArchiveFile=" + archive + " -Xlog:cds*=off -jar " + jar + " --version",
                radnetWithFakeJava("--version").out().strip(), "a fresh archive");

        Path picocli;
        try (Stream<Path> jars = Files.list(jar.resolveSibling("lib"))) {
            picocli = jars.filter(path -> path.getFileName().toString().startsWith("picocli-")).findFirst().orElseThrow();
        }
        Path built = Files.readSymbolicLink(picocli);
        Files.delete(picocli);
        Files.copy(built, picocli);
        Files.setLastModifiedTime(picocli, FileTime.from(Files.getLastModifiedTime(archive).toInstant().plusSeconds(1)));
        assertEquals(plain, radnetWithFakeJava("--version").out().strip(), "a library jar newer than the archive");

        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        String spark = radnetWithFakeJava("train", "--spark", "local[1]").out().strip();
        assertTrue(spark.endsWith(" io.radnet.cli.RadnetCommand train --spark local[1]"), spark);
        assertFalse(spark.contains("SharedArchiveFile"), "--spark runs on another class path, without the archive: "
                + spark);
    }

    @Test
    void anArchiveTheJvmRefusesChangesNothingButTheStartUpTime() throws Exception {
        Run without = radnet(Map.of(), "--version");
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
