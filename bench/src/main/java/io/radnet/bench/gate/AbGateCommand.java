package io.radnet.bench.gate;

import io.radnet.bench.Tools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -cp bench/target/benchmarks.jar io.radnet.bench.gate.AbGateCommand --base-classpath
 * BASE.jar --candidate-classpath CANDIDATE.jar --results DIR -- JMH-ARGS}: runs both builds in
 * alternating JVMs ({@link AbGate}), prints {@link AbComparison}'s table; exits 0 when it
 * passes, 1 when a benchmark got slower in every fork or went missing, 2 on unusable input or a
 * failed run.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Runs JMH on a base and a candidate build in alternating JVMs on this machine and compares them.")
public final class AbGateCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--base-classpath", required = true, description = "The base build's class path (its benchmarks.jar).")
    private String baseClassPath;

    @Option(names = "--candidate-classpath", required = true, description = "The candidate's class path (its benchmarks.jar).")
    private String candidateClassPath;

    @Option(names = "--base-jvm-arg", description = "A JVM option of the base build's runs (repeatable).")
    private List<String> baseJvmArgs = new ArrayList<>();

    @Option(names = "--candidate-jvm-arg", description = "A JVM option of the candidate's runs (repeatable).")
    private List<String> candidateJvmArgs = new ArrayList<>();

    @Option(names = "--launcher", defaultValue = "java",
            description = "The command that starts a JVM (default: ${DEFAULT-VALUE}; bench/run passes bin/radnet-java).")
    private String launcher;

    @Option(names = "--rounds", defaultValue = "3", description = "JVM forks per build (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--threshold", defaultValue = "0.30",
            description = "Largest accepted slowdown of the medians (default: ${DEFAULT-VALUE}, i.e. 30%%).")
    private double threshold;

    @Option(names = "--results", required = true, description = "The directory for every run's JSON and log.")
    private Path results;

    @Parameters(arity = "1..*", paramLabel = "JMH-ARGS", description = "The benchmarks and JMH options of every run.")
    private List<String> jmhArgs;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * @param out where the table goes
     * @param err where progress and a one-line reason go
     * @param args the command line
     * @return the exit code: 0 passed, 1 failed, 2 unusable input or a failed run
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Tools.commandLine("gate", new AbGateCommand()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        AbComparison comparison = new AbComparison(threshold);
        PrintWriter err = spec.commandLine().getErr();
        AbGate.Forks forks = new AbGate(List.of(launcher), results, err).run(
                new AbGate.Build("base", baseClassPath, baseJvmArgs),
                new AbGate.Build("candidate", candidateClassPath, candidateJvmArgs), rounds, jmhArgs);
        AbComparison.Verdict verdict = comparison.compare(forks.base(), forks.candidate());
        PrintWriter out = spec.commandLine().getOut();
        out.print(verdict.table());
        out.flush();
        return verdict.passed() ? 0 : 1;
    }
}
