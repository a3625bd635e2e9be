package io.radnet.bench.gate;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the same JMH benchmarks on two builds in alternating JVMs on this machine: round r runs
 * the base then the candidate when r is odd, the candidate then the base when r is even (A B B A
 * …, so a linear drift of the machine weighs equally on both). Each run is a fresh
 * {@code launcher jvmArgs -cp classpath org.openjdk.jmh.Main jmhArgs -rf json -rff FILE}, its
 * output kept in {@code FILE.log}.
 */
public final class AbGate {
    /**
     * One build to run: a class path holding JMH and the benchmarks, and JVM options.
     *
     * @param name {@code base} or {@code candidate}; names the result files
     * @param classPath the class path (e.g. a {@code benchmarks.jar} whose manifest lists its
     *     dependencies)
     * @param jvmArgs options for the JVM that runs JMH
     */
    public record Build(String name, String classPath, List<String> jvmArgs) {
        /** Validates and copies. */
        public Build {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(classPath, "classPath");
            jvmArgs = List.copyOf(jvmArgs);
        }
    }

    /**
     * The forks of both builds.
     *
     * @param base the base build's rows, one list per fork
     * @param candidate the candidate's rows, one list per fork
     */
    public record Forks(List<List<BenchmarkResult>> base, List<List<BenchmarkResult>> candidate) {
    }

    private final List<String> launcher;
    private final Path results;
    private final PrintWriter progress;

    /**
     * @param launcher the command that starts a JVM, e.g. {@code [bin/radnet-java]}
     * @param results the directory for the JSON results and logs (created if missing)
     * @param progress where one line per started run goes
     */
    public AbGate(List<String> launcher, Path results, PrintWriter progress) {
        if (launcher.isEmpty()) {
            throw new IllegalArgumentException("the launcher command is empty");
        }
        this.launcher = List.copyOf(launcher);
        this.results = Objects.requireNonNull(results, "results");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * @param base the build judged against
     * @param candidate the build judged
     * @param rounds forks per build, ≥ 1
     * @param jmhArgs the benchmarks and JMH options of every run (without {@code -rf}/{@code -rff})
     * @return the rows of every fork
     * @throws IllegalStateException naming the log when a run exits with a non-zero code
     * @throws UncheckedIOException when a run cannot be started or its results read
     */
    public Forks run(Build base, Build candidate, int rounds, List<String> jmhArgs) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        try {
            Files.createDirectories(results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + results + ": " + e.getMessage(), e);
        }
        List<List<BenchmarkResult>> baseForks = new ArrayList<>();
        List<List<BenchmarkResult>> candidateForks = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            boolean baseFirst = round % 2 == 1;
            for (Build build : baseFirst ? List.of(base, candidate) : List.of(candidate, base)) {
                List<BenchmarkResult> rows = runOnce(build, round, rounds, jmhArgs);
                (build == base ? baseForks : candidateForks).add(rows);
            }
        }
        return new Forks(List.copyOf(baseForks), List.copyOf(candidateForks));
    }

    private List<BenchmarkResult> runOnce(Build build, int round, int rounds, List<String> jmhArgs) {
        Path json = results.resolve(build.name() + "-" + round + ".json");
        Path log = results.resolve(build.name() + "-" + round + ".json.log");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(build.jvmArgs());
        command.addAll(List.of("-cp", build.classPath(), "org.openjdk.jmh.Main"));
        command.addAll(jmhArgs);
        command.addAll(List.of("-rf", "json", "-rff", json.toString()));
        progress.println("gate: round " + round + "/" + rounds + ", " + build.name() + " (log: " + log + ")");
        progress.flush();
        int exit;
        try {
            Files.deleteIfExists(json);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            exit = process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the " + build.name() + " build", e);
        }
        if (exit != 0 || !Files.isRegularFile(json)) {
            throw new IllegalStateException("the " + build.name() + " build's JMH run exited with " + exit
                    + (Files.isRegularFile(json) ? "" : " and wrote no results") + "; see " + log);
        }
        List<BenchmarkResult> rows = JmhResults.read(json);
        if (rows.isEmpty()) {
            throw new IllegalStateException("the " + build.name() + " build's JMH run measured nothing; see " + log);
        }
        return rows;
    }
}
