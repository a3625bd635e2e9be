package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the checkout's layout in a directory, for running {@code ./radnet} without ever
 * rebuilding this checkout: the script, {@code bin/radnet-java}, the built jar, its {@code lib/}
 * as links to the built jars, and empty stand-ins for the Spark files the launcher checks. The
 * real JVM runs it ({@code RADNET_JAVA}); {@code RADNET_JAVA_OPTS} is removed from the
 * environment unless a run sets it.
 */
final class LauncherCheckout {
    /** This checkout. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** This checkout's {@code cli/target}. */
    static final Path TARGET = REPO.resolve("cli").resolve("target");
    /** The JVM running the tests. */
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Path root;

    /** The exit code and the two streams of a run. */
    record Run(int exitCode, String out, String err) {
    }

    /**
     * Lays the checkout out in {@code root}.
     *
     * @param root an empty directory
     */
    LauncherCheckout(Path root) throws IOException {
        this.root = root;
        assertTrue(Files.isRegularFile(TARGET.resolve("radnet-cli.jar")), "the cli module builds the jar before the"
                + " integration tests");
        Path pom = Files.writeString(root.resolve("pom.xml"), "a build input older than the jar");
        Files.setLastModifiedTime(pom, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.copy(REPO.resolve("radnet"), root.resolve("radnet"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(REPO.resolve("bin").resolve("radnet-java"), root.resolve("bin").resolve("radnet-java"));
        assertTrue(root.resolve("radnet").toFile().setExecutable(true));
        assertTrue(root.resolve("bin").resolve("radnet-java").toFile().setExecutable(true));
        Path lib = Files.createDirectories(target().resolve("lib"));
        Files.copy(TARGET.resolve("radnet-cli.jar"), jar());
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            for (Path built : jars.toList()) {
                Files.createSymbolicLink(lib.resolve(built.getFileName()), built);
            }
        }
        Path sparkJars = Files.createDirectories(root.resolve("spark").resolve("target").resolve("spark-home")
                .resolve("jars"));
        Files.createFile(sparkJars.getParent().getParent().resolve("radnet-spark.jar"));
    }

    /** @return the directory of the layout */
    Path root() {
        return root;
    }

    /** @return its {@code cli/target} */
    Path target() {
        return root.resolve("cli").resolve("target");
    }

    /** @return its {@code cli/target/radnet-cli.jar} */
    Path jar() {
        return target().resolve("radnet-cli.jar");
    }

    /**
     * Replaces the link {@code lib/NAME…} (the first jar whose name starts with the prefix) by a
     * copy of the built jar dated {@code time}.
     *
     * @return the copy
     */
    Path replaceLibraryJar(String prefix, FileTime time) throws IOException {
        Path link;
        try (Stream<Path> jars = Files.list(target().resolve("lib"))) {
            link = jars.filter(path -> path.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
        Path built = Files.readSymbolicLink(link);
        Files.delete(link);
        Files.copy(built, link);
        Files.setLastModifiedTime(link, time);
        return link;
    }

    /** Runs {@code ./radnet ARGS} with the environment's additions; it must end in 120 s. */
    Run radnet(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("radnet").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(root.resolve("stdout.txt").toFile())
                .redirectError(root.resolve("stderr.txt").toFile());
        builder.environment().remove("RADNET_JAVA_OPTS");
        builder.environment().put("RADNET_JAVA", JAVA.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "radnet ends");
        return new Run(process.exitValue(), Files.readString(root.resolve("stdout.txt")),
                Files.readString(root.resolve("stderr.txt")));
    }

    /**
     * Runs {@code ./radnet ARGS} with a stand-in java that prints "args=ARGS" and, on a second
     * line, "LD_LIBRARY_PATH=VALUE" (empty when unset). Unless env names a RADNET_THP_ENABLED
     * file, bin/radnet-java reads transparent huge pages as off ([never]), so that the arguments
     * are the launcher's own on any machine.
     */
    Run radnetWithFakeJava(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path fakeJava = root.resolve("fake-java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"args=$*\"\necho \"LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}\"\n");
        assertTrue(fakeJava.toFile().setExecutable(true));
        Map<String, String> all = new HashMap<>(env);
        all.put("RADNET_JAVA", fakeJava.toString());
        if (!all.containsKey("RADNET_THP_ENABLED")) {
            all.put("RADNET_THP_ENABLED", Files.writeString(root.resolve("thp-never"), "always madvise [never]\n").toString());
        }
        return radnet(all, args);
    }
}
