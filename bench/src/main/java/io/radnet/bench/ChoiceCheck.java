package io.radnet.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench/run choice-check}: one fitness workload on one column ({@code default}, the
 * size-aware choice for the benchmark's workload, or a backend's name), set up and verified
 * against EJML as JMH would ({@link BackendState#setUpTrial()}), then timed on one thread by the
 * thread's CPU time: a warm-up of at least two operations and one second, then
 * {@code --iterations} operations. It prints
 * one line, {@code WORKLOAD COLUMN BACKEND LEAST-CPU-MS MEDIAN-CPU-MS}, where BACKEND is the
 * backend that ran (for {@code default}, the one the choice took). {@code bench/run choice-check}
 * runs one JVM per workload and column, the columns interleaved round after round, and prints
 * the least per column and default/best.
 *
 * <p>Why CPU time: every kernel of these workloads runs on the calling thread when the backends
 * are limited to one thread, so the thread's CPU time is the operation's cost without the time
 * other processes held the core. On a loaded machine the wall times of one backend in two JVMs
 * differed by 2.5× (the CNN step on ND4J at load average 17: 2.9 s and 7.4 s), so a wall-time
 * check of default/best ≤ 1.2 needs a quiet machine; this one does not.
 */
@Command(name = "choice-check", mixinStandardHelpOptions = true,
        description = "Times one fitness workload on one column by the thread's CPU time, one thread.")
public final class ChoiceCheck implements Callable<Integer> {
    /** The workloads, as the fitness suite names its rows. */
    public enum Row {
        /** {@link FitnessBenchmark#cnnStep}: the intrinsic-parameters CNN, batch 128. */
        CNN,
        /** {@link FitnessBenchmark#mlpEpoch}: the (784, 256, 256, 10) MLP epoch. */
        MLP,
        /** {@link FitnessBenchmark#rcnetEpoch}: the RCNet epoch. */
        RCNET,
        /** {@link FitnessBenchmark#hypernetworkStep}: the hypernetwork step. */
        HYPERNETWORK,
        /** {@link QrCompressBenchmark}: QR-compress of (784, 1024³, 10). */
        QR1024,
        /** {@link QrCompressBenchmark}: QR-compress of (784, 2048³, 10). */
        QR2048
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", required = true, description = "One of ${COMPLETION-CANDIDATES} (case-insensitive).")
    private Row workload;

    @Option(names = "--backend", required = true, description = "default, or a backend's name.")
    private String column;

    @Option(names = "--iterations", defaultValue = "5", description = "Timed operations, ≥ 1 (default: ${DEFAULT-VALUE}).")
    private int iterations;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Tools.commandLine("choice-check", new ChoiceCheck()).setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new PrintWriter(System.out, true)).setErr(new PrintWriter(System.err, true)).execute(args));
    }

    @Override
    public Integer call() {
        if (iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        BackendState state;
        Runnable operation;
        switch (workload) {
            case CNN -> {
                FitnessBenchmark.CnnBatch cnn = new FitnessBenchmark.CnnBatch();
                cnn.batch = 128;
                state = cnn;
                operation = () -> cnn.trainer.train();
            }
            case MLP -> {
                FitnessBenchmark.MlpEpoch mlp = new FitnessBenchmark.MlpEpoch();
                mlp.samples = 10_000;
                state = mlp;
                operation = () -> mlp.trainer.train();
            }
            case RCNET -> {
                FitnessBenchmark.RcnetEpoch rcnet = new FitnessBenchmark.RcnetEpoch();
                rcnet.samples = 10_000;
                state = rcnet;
                operation = () -> rcnet.trainer.train();
            }
            case HYPERNETWORK -> {
                FitnessBenchmark.HypernetworkBatch hypernetwork = new FitnessBenchmark.HypernetworkBatch();
                state = hypernetwork;
                operation = () -> hypernetwork.trainer.train();
            }
            default -> {
                QrCompressBenchmark.Network network = new QrCompressBenchmark.Network();
                network.widths = workload == Row.QR1024 ? "784-1024-1024-1024-10" : "784-2048-2048-2048-10";
                state = network;
                operation = network::compress;
            }
        }
        state.backend = column;
        state.threads = "1";
        state.setUpTrial();
        double[] millis = cpuMillis(operation, iterations);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s %s %s %.3f %.3f%n", workload.name().toLowerCase(Locale.ROOT), column,
                state.backend().name(), millis[0], millis[millis.length / 2]);
        out.flush();
        return 0;
    }

    /** The least CPU time of the warm-up, so that the JIT has compiled a short operation's code. */
    static final long WARM_UP_NANOS = 1_000_000_000L;

    /**
     * @param operation what to time
     * @param iterations timed runs, ≥ 1, after untimed ones: at least two and at least
     *     {@link #WARM_UP_NANOS} of CPU time
     * @return the thread's CPU milliseconds of each timed run, ascending
     */
    static double[] cpuMillis(Runnable operation, int iterations) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long warmUpStart = threads.getCurrentThreadCpuTime();
        for (int run = 0; run < 2 || threads.getCurrentThreadCpuTime() - warmUpStart < WARM_UP_NANOS; run++) {
            operation.run();
        }
        double[] millis = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = threads.getCurrentThreadCpuTime();
            operation.run();
            millis[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }
}
