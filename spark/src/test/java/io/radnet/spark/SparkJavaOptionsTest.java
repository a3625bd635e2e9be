package io.radnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options Spark 3.5 needs on Java 17 (its {@link JavaModuleOptions}, which spark-submit
 * passes) are the ones bin/radnet-java passes with RADNET_SPARK=1: for ./radnet with --spark and
 * for this module's and the cli's test JVMs.
 */
class SparkJavaOptionsTest {
    private static final List<String> SPARK_OPTIONS = List.of(JavaModuleOptions.defaultModuleOptions().split(" "));

    @TempDir
    Path directory;

    @Test
    void binRadnetJavaPassesSparksOwnListWithRadnetSpark() throws Exception {
        Path fakeJava = Files.writeString(directory.resolve("fake-java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder(Path.of("..", "bin", "radnet-java").toString(), "-jar", "app.jar")
                .redirectErrorStream(true);
        builder.environment().put("RADNET_JAVA", fakeJava.toString());
        builder.environment().put("RADNET_SPARK", "1");
        Process process = builder.start();
        List<String> arguments = Arrays.asList(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
        assertEquals(SPARK_OPTIONS, arguments.subList(0, arguments.size() - 2), "Spark's options, then the arguments");
        assertEquals(List.of("-jar", "app.jar"), arguments.subList(arguments.size() - 2, arguments.size()));

        builder.environment().remove("RADNET_SPARK");
        Process plain = builder.start();
        String without = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(plain.waitFor(30, TimeUnit.SECONDS));
        assertEquals("-jar\napp.jar\n", without, "without RADNET_SPARK the arguments pass unchanged");
    }

    @Test
    void thisTestJvmHasThem() {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : SPARK_OPTIONS) {
            assertTrue(jvmArguments.contains(option), option + " is passed to the test JVM; it has " + jvmArguments);
        }
    }
}
