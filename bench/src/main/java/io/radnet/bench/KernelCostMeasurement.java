package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.KernelCosts;
import io.radnet.api.PatchOrder;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.Workload;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench/run kernel-costs}: the five numbers of {@link KernelCosts} for each backend, on
 * one thread (or {@code --threads}), as the providers declare them for the size-aware default:
 * <ul>
 *   <li>nanoseconds per tensor: {@code zeros(64, 64)}, the allocation of a zero-filled tensor
 *       (each allocated tensor is closed at once, so off-heap memory does not pile up);</li>
 *   <li>nanoseconds per multiply-add of products: C ← A·B with A, B, C of 256 × 256
 *       (16,777,216 multiply-adds);</li>
 *   <li>nanoseconds per QR multiply-add: QR-compress of a seeded radial-sigmoid network
 *       (784, 1024, 1024, 1024, 10) over {@link Workload#qrCompression}'s multiply-adds, at most
 *       {@value #QR_ROUNDS} rounds, and the same for (784, 2048, 2048, 2048, 10), at most
 *       {@value #LARGE_QR_ROUNDS} rounds (issue 26's two compression rows, the two references of
 *       {@link KernelCosts#nanosPerQrMultiplyAdd(long)});</li>
 *   <li>nanoseconds per entry of memory-bound passes: on the shapes of the second convolution of
 *       the intrinsic-parameters CNN (32 maps of 26 × 26, 3 × 3 windows) for a group of
 *       {@value #ENTRY_SAMPLES} samples, im2col, col2im, a ReLU map of the 32 output maps and an
 *       entrywise product with them, over the entries written (2 × 288 × 576 + 2 × 32 × 576 per
 *       sample);</li>
 *   <li>nanoseconds per product call: a 64 × 784 by 784 × 29 product (the width sweep's first
 *       layer on a batch of 64: 1,455,104 multiply-adds, above the size from which OpenBLAS
 *       splits a product over its threads) less its multiply-adds at the 256³ product's cost per
 *       multiply-add timed the same way, at least 0;</li>
 *   <li>nanoseconds per dense entry: on a batch of {@value #DENSE_SAMPLES} samples of a
 *       {@value #DENSE_OUTPUTS} × {@value #DENSE_INPUTS} layer with generated weights (the hypernet
 *       experiment's primary network), {@code batchedMatVec} both ways, {@code rowwiseOuter}, an
 *       entrywise sum of two weight tensors and a map of one, over the weight entries they touch
 *       (5 × 200 × 80).</li>
 * </ul>
 * Each number is the least, over {@code --rounds} rounds, of the mean time of a round's
 * repetitions, timed by the measuring thread's CPU time: every kernel runs on that one thread
 * (OpenBLAS and ND4J limited to one), so its CPU time is what the operation costs when other
 * processes leave the core alone, which on a loaded machine its wall time is not. With
 * {@code --threads all} (or a count above 1) the backends may use more threads and the measuring
 * thread's CPU time is its own share and its waiting for the others (ND4J's OpenBLAS waits
 * spinning, JBLAS's split products block): on an idle machine the operation's wall time, the
 * critical path; the QR-compress pair measured so is what the providers declare for all cores
 * ({@link io.radnet.api.BackendProvider#kernelCosts(int)}). The product call on several threads
 * is timed by the <em>process's</em> CPU time instead (every thread's, read from
 * {@code /proc/self/task/*}{@code /schedstat}): OpenBLAS's helper threads spin while they wait for
 * the next product (on Linux partly in {@code sched_yield}, system time), which a small product
 * pays for on the machine's other core without finishing sooner. The output has
 * one line per backend, {@code backend ns-per-tensor ns-per-product-multiply-add
 * ns-per-QR-multiply-add ns-per-large-QR-multiply-add ns-per-entry ns-per-product-call
 * ns-per-dense-entry}; {@code bench/run kernel-costs --passes N} runs N passes of
 * one JVM per backend, interleaved, and keeps the least of each number. The operations are the
 * benchmarks' shapes; they are not checked against EJML here (their kernels are, by the contract
 * suites and every JMH state's setup).
 */
@Command(name = "kernel-costs", mixinStandardHelpOptions = true,
        description = "Measures each backend's cost per tensor, per product multiply-add, per QR multiply-add and per memory-bound entry.")
public final class KernelCostMeasurement implements Callable<Integer> {
    /** The most rounds of the (784, 1024³, 10) QR-compress measurement (a compression takes a few tenths of a second). */
    static final int QR_ROUNDS = 8;
    /** The most rounds of the (784, 2048³, 10) QR-compress measurement. */
    static final int LARGE_QR_ROUNDS = 4;
    /** The convolution whose memory-bound passes are measured: the CNN's second (32 maps of 26 × 26, 3 × 3). */
    static final ConvolutionGeometry ENTRY_GEOMETRY = new ConvolutionGeometry(32, 26, 26, 3, 1, 0);
    /** The samples of the measured group. */
    static final int ENTRY_SAMPLES = 8;
    /** The batch of the dense-entry measurement (the hypernet experiment's). */
    static final int DENSE_SAMPLES = 200;
    /** The generated layer's outputs in the dense-entry measurement (g's hidden width). */
    static final int DENSE_OUTPUTS = 10;
    /** The generated layer's inputs in the dense-entry measurement (d_x). */
    static final int DENSE_INPUTS = 8;
    /** The product-call measurement's product: rows, inner dimension, columns. */
    static final int[] CALL_PRODUCT = {64, 784, 29};

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", split = ",", defaultValue = "ejml,nd4j,jblas",
            description = "Backends to measure (default: ${DEFAULT-VALUE}).")
    private List<String> backends;

    @Option(names = "--rounds", defaultValue = "30", description = "Rounds per number, ≥ 1 (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--threads", defaultValue = "1",
            description = "Threads each backend may use: a count or 'all' (default: ${DEFAULT-VALUE}).")
    private String threads;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Tools.commandLine("kernel-costs", new KernelCostMeasurement())
                .setOut(new PrintWriter(System.out, true)).setErr(new PrintWriter(System.err, true)).execute(args));
    }

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        int threadCount = ThreadLimit.parse(threads);
        PrintWriter out = spec.commandLine().getOut();
        for (String name : backends) {
            Backend backend = Backends.get(name);
            ThreadLimit.apply(name, threadCount);
            KernelCosts costs = measure(backend, rounds, threadCount > 1);
            out.printf(Locale.ROOT, "%s %.1f %.5f %.5f %.5f %.4f %.1f %.4f%n", name, costs.nanosPerTensor(),
                    costs.nanosPerMultiplyAdd(), costs.nanosPerQrMultiplyAdd(), costs.nanosPerLargeQrMultiplyAdd(),
                    costs.nanosPerEntry(), costs.nanosPerProductCall(), costs.nanosPerDenseEntry());
        }
        out.flush();
        return 0;
    }

    /**
     * @param backend the backend to measure
     * @param rounds rounds per number, ≥ 1
     * @param severalThreads whether the backend runs on several threads: the product call is then
     *     timed by the process's CPU time (see the class documentation)
     * @return its measured costs
     */
    static KernelCosts measure(Backend backend, int rounds, boolean severalThreads) {
        double tensor = leastMeanNanos(() -> backend.zeros(64, 64).close(), 50, rounds);
        Tensor a = SeededTensors.uniform(backend, 256, 256, 1);
        Tensor b = SeededTensors.uniform(backend, 256, 256, 2);
        Tensor c = backend.zeros(256, 256);
        double product = leastMeanNanos(() -> backend.gemm(1.0, a, Transpose.NONE, b, Transpose.NONE, 0.0, c), 4,
                rounds) / (256.0 * 256 * 256);
        double qr = qrNanos(backend, KernelCosts.SMALL_QR_REFERENCE, Math.min(rounds, QR_ROUNDS));
        double largeQr = qrNanos(backend, KernelCosts.LARGE_QR_REFERENCE, Math.min(rounds, LARGE_QR_ROUNDS));
        double call = severalThreads
                ? productCallNanos(backend, leastMeanProcessNanos(() -> backend.gemm(1.0, a, Transpose.NONE, b,
                        Transpose.NONE, 0.0, c), 200, rounds) / (256.0 * 256 * 256), rounds, true)
                : productCallNanos(backend, product, rounds, false);
        return new KernelCosts(tensor, product, qr, largeQr, entryNanos(backend, rounds), call,
                denseEntryNanos(backend, rounds));
    }

    /** A product call's cost beyond its multiply-adds at {@code perMultiplyAdd} (see the class documentation). */
    private static double productCallNanos(Backend backend, double perMultiplyAdd, int rounds, boolean severalThreads) {
        int rows = CALL_PRODUCT[0];
        int inner = CALL_PRODUCT[1];
        int columns = CALL_PRODUCT[2];
        Tensor a = SeededTensors.uniform(backend, rows, inner, 5);
        Tensor b = SeededTensors.uniform(backend, inner, columns, 6);
        Tensor c = backend.zeros(rows, columns);
        Runnable call = () -> backend.gemm(1.0, a, Transpose.NONE, b, Transpose.NONE, 0.0, c);
        double nanos = severalThreads ? leastMeanProcessNanos(call, 2_000, rounds) : leastMeanNanos(call, 200, rounds);
        return Math.max(0.0, nanos - (double) rows * inner * columns * perMultiplyAdd);
    }

    /** Nanoseconds per weight entry of a generated layer's passes (see the class documentation). */
    private static double denseEntryNanos(Backend backend, int rounds) {
        int weights = DENSE_OUTPUTS * DENSE_INPUTS;
        Tensor generated = SeededTensors.uniform(backend, DENSE_SAMPLES, weights, 7);
        Tensor other = SeededTensors.uniform(backend, DENSE_SAMPLES, weights, 8);
        Tensor inputs = SeededTensors.uniform(backend, DENSE_SAMPLES, DENSE_INPUTS, 9);
        Tensor signals = SeededTensors.uniform(backend, DENSE_SAMPLES, DENSE_OUTPUTS, 10);
        Tensor outputs = backend.zeros(DENSE_SAMPLES, DENSE_OUTPUTS);
        Tensor inputGradients = backend.zeros(DENSE_SAMPLES, DENSE_INPUTS);
        Tensor outer = backend.zeros(DENSE_SAMPLES, weights);
        Tensor sum = backend.zeros(DENSE_SAMPLES, weights);
        double entries = 5.0 * DENSE_SAMPLES * weights;
        return leastMeanNanos(() -> {
            backend.batchedMatVec(generated, Transpose.NONE, inputs, outputs);
            backend.batchedMatVec(generated, Transpose.TRANSPOSED, signals, inputGradients);
            backend.rowwiseOuter(signals, inputs, outer);
            backend.add(generated, outer, sum);
            backend.map(other, value -> value > 0.0 ? value : 0.0, sum);
        }, 100, rounds) / entries;
    }

    /** Nanoseconds per multiply-add of QR-compress of a seeded radial-sigmoid network of the reference's widths. */
    private static double qrNanos(Backend backend, Workload reference, int rounds) {
        RadialNetwork network = RadialNetwork.initialized(backend, reference.widths(), RadialProfiles.sigmoid(), 7);
        return leastMeanNanos(() -> QrCompression.compress(network), 1, rounds) / reference.multiplyAdds();
    }

    /** Nanoseconds per entry written by im2col, col2im, a map and an entrywise product (see the class documentation). */
    private static double entryNanos(Backend backend, int rounds) {
        ConvolutionGeometry g = ENTRY_GEOMETRY;
        Tensor planes = SeededTensors.uniform(backend, g.channels(), ENTRY_SAMPLES * g.inputPixels(), 3);
        Tensor columns = backend.zeros(g.patchSize(), ENTRY_SAMPLES * g.outputPixels());
        Tensor maps = SeededTensors.uniform(backend, g.channels(), ENTRY_SAMPLES * g.outputPixels(), 4);
        Tensor rectified = backend.zeros(g.channels(), ENTRY_SAMPLES * g.outputPixels());
        Tensor scaled = backend.zeros(g.channels(), ENTRY_SAMPLES * g.outputPixels());
        double entries = 2.0 * columns.size() + 2.0 * maps.size();
        PatchOrder order = backend.preferredPatchOrder();
        return leastMeanNanos(() -> {
            backend.im2col(planes, g, order, 0, columns);
            backend.col2im(columns, g, order, 0, planes);
            backend.map(maps, value -> value > 0.0 ? value : 0.0, rectified);
            backend.hadamard(rectified, maps, scaled);
        }, 4, rounds) / entries;
    }

    /** The least, over the rounds, of the mean CPU time of the whole process per repetition. */
    private static double leastMeanProcessNanos(Runnable operation, int repetitions, int rounds) {
        operation.run();
        double least = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rounds; r++) {
            long start = processCpuNanos();
            for (int k = 0; k < repetitions; k++) {
                operation.run();
            }
            least = Math.min(least, (processCpuNanos() - start) / (double) repetitions);
        }
        return least;
    }

    /**
     * @return the CPU nanoseconds of every thread of this process, Java's and native libraries'
     *     (the first field of each {@code /proc/self/task/ID/schedstat}; a thread that ended
     *     between two readings takes its time with it, so a round's difference is a lower bound)
     * @throws IllegalStateException off Linux, where the file does not exist
     */
    static long processCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            throw new IllegalStateException("kernel-costs: the process's CPU time on several threads needs Linux's "
                    + tasks);
        }
        long total = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String line = Files.readString(thread.resolve("schedstat"));
                    total += Long.parseLong(line.substring(0, line.indexOf(' ')));
                } catch (NoSuchFileException ended) {
                    // the thread ended after the listing: its time is gone from both readings' sums
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("kernel-costs: cannot read " + tasks, e);
        }
        return total;
    }

    /** The least, over the rounds, of the mean CPU time of the measuring thread per repetition. */
    private static double leastMeanNanos(Runnable operation, int repetitions, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        operation.run();
        double least = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < repetitions; k++) {
                operation.run();
            }
            least = Math.min(least, (threads.getCurrentThreadCpuTime() - start) / (double) repetitions);
        }
        return least;
    }
}
