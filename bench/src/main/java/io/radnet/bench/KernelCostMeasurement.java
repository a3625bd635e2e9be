package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.KernelCosts;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.api.Workload;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench/run kernel-costs}: the three numbers of {@link KernelCosts} for each backend, on
 * one thread, as the providers declare them for the size-aware default:
 * <ul>
 *   <li>nanoseconds per tensor: {@code zeros(64, 64)}, the allocation of a zero-filled tensor
 *       (each allocated tensor is closed at once, so off-heap memory does not pile up);</li>
 *   <li>nanoseconds per multiply-add of products: C ← A·B with A, B, C of 256 × 256
 *       (16,777,216 multiply-adds);</li>
 *   <li>nanoseconds per QR multiply-add: QR-compress of a seeded (784, 1024, 1024, 1024, 10)
 *       radial-sigmoid network (the size of issue 26's compression rows) over
 *       {@link Workload#qrCompression}'s multiply-adds, at most {@value #QR_ROUNDS} rounds.</li>
 * </ul>
 * Each number is the least, over {@code --rounds} rounds, of the mean time of a round's
 * repetitions (the time an operation takes when other processes leave the core alone: on a
 * shared machine means and medians measure the load). The operations are the benchmarks'
 * shapes; they are not checked against EJML here (their kernels are, by the contract suites and
 * every JMH state's setup).
 */
@Command(name = "kernel-costs", mixinStandardHelpOptions = true,
        description = "Measures each backend's cost per tensor, per product multiply-add and per QR multiply-add.")
public final class KernelCostMeasurement implements Callable<Integer> {
    /** The widths of the QR-compress measurement. */
    static final int[] QR_WIDTHS = {784, 1024, 1024, 1024, 10};
    /** The most rounds of the QR-compress measurement (a compression takes a few tenths of a second). */
    static final int QR_ROUNDS = 8;

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", split = ",", defaultValue = "ejml,nd4j,jblas",
            description = "Backends to measure (default: ${DEFAULT-VALUE}).")
    private List<String> backends;

    @Option(names = "--rounds", defaultValue = "30", description = "Rounds per number, ≥ 1 (default: ${DEFAULT-VALUE}).")
    private int rounds;

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
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-7s %14s %26s %22s%n", "backend", "ns per tensor", "ns per product multiply-add",
                "ns per QR multiply-add");
        for (String name : backends) {
            Backend backend = Backends.get(name);
            ThreadLimit.apply(name, 1);
            KernelCosts costs = measure(backend, rounds);
            out.printf(Locale.ROOT, "%-7s %14.0f %26.4f %22.4f%n", name, costs.nanosPerTensor(),
                    costs.nanosPerMultiplyAdd(), costs.nanosPerQrMultiplyAdd());
        }
        out.printf(Locale.ROOT, "least mean over %d rounds; one thread; tensors 64 x 64, products 256^3, QR-compress of %s (at most %d rounds)%n",
                rounds, Arrays.toString(QR_WIDTHS), QR_ROUNDS);
        out.flush();
        return 0;
    }

    /**
     * @param backend the backend to measure
     * @param rounds rounds per number, ≥ 1
     * @return its measured costs
     */
    static KernelCosts measure(Backend backend, int rounds) {
        double tensor = leastMeanNanos(() -> backend.zeros(64, 64).close(), 50, rounds);
        Tensor a = SeededTensors.uniform(backend, 256, 256, 1);
        Tensor b = SeededTensors.uniform(backend, 256, 256, 2);
        Tensor c = backend.zeros(256, 256);
        double product = leastMeanNanos(() -> backend.gemm(1.0, a, Transpose.NONE, b, Transpose.NONE, 0.0, c), 4,
                rounds) / (256.0 * 256 * 256);
        RadialNetwork network = RadialNetwork.initialized(backend, QR_WIDTHS, RadialProfiles.sigmoid(), 7);
        double qr = leastMeanNanos(() -> QrCompression.compress(network), 1, Math.min(rounds, QR_ROUNDS))
                / Workload.qrCompression(QR_WIDTHS).multiplyAdds();
        return new KernelCosts(tensor, product, qr);
    }

    private static double leastMeanNanos(Runnable operation, int repetitions, int rounds) {
        operation.run();
        double least = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int k = 0; k < repetitions; k++) {
                operation.run();
            }
            least = Math.min(least, (System.nanoTime() - start) / (double) repetitions);
        }
        return least;
    }
}
