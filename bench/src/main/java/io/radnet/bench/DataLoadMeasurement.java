package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench/run data-load}: how long Fashion-MNIST takes to load and how much heap it takes,
 * outside the tests (timing claims do not belong in tests). For each backend and repeat: the
 * wall time of {@link Datasets#fashionMnist} and the CPU time of the loading thread (on a shared
 * machine the wall time also counts the time other processes hold the cores; the first load of a
 * JVM also counts growing the heap and compiling the parsing loops); the peak heap during the load above the heap in
 * use before it (the sum of the heap pools' peaks after a reset: an upper bound, as pools peak
 * at different times); and the heap the data set retains after a collection. Both heap numbers
 * are also given as multiples of the data as doubles (N · 785 · 8 bytes: inputs and targets).
 */
@Command(name = "data-load", mixinStandardHelpOptions = true,
        description = "Times loading Fashion-MNIST and measures its heap, per backend.")
public final class DataLoadMeasurement implements Callable<Integer> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", split = ",", defaultValue = "ejml,nd4j,jblas",
            description = "Backends to load on (default: ${DEFAULT-VALUE}).")
    private List<String> backends;

    @Option(names = "--split", defaultValue = "TRAIN", description = "TRAIN or TEST (default: ${DEFAULT-VALUE}).")
    private Datasets.Split split;

    @Option(names = "--repeat", defaultValue = "3", description = "Loads per backend, ≥ 1 (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--data-dir", description = "The directory of the IDX files (default: RADNET_DATA, else Debian's).")
    private Path directory;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(Tools.commandLine("data-load", new DataLoadMeasurement())
                .setOut(new PrintWriter(System.out, true)).setErr(new PrintWriter(System.err, true)).execute(args));
    }

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-7s %7s %-26s %-26s %12s %12s%n", "backend", "samples", "wall seconds (per load)", "CPU seconds (per load)",
                "peak heap", "retained");
        for (String name : backends) {
            Backend backend = Backends.get(name);
            double[] seconds = new double[repeat];
            double[] cpuSeconds = new double[repeat];
            long peak = 0;
            long retained = 0;
            int samples = 0;
            for (int r = 0; r < repeat; r++) {
                long before = usedAfterCollection();
                resetPeaks();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Dataset data = directory == null ? Datasets.fashionMnist(backend, split)
                        : Datasets.fashionMnist(backend, split, directory);
                seconds[r] = (System.nanoTime() - start) / 1e9;
                cpuSeconds[r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                peak = Math.max(peak, peakHeap() - before);
                retained = Math.max(retained, usedAfterCollection() - before);
                samples = data.size();
                data.inputs().close();
                data.targets().close();
            }
            double asDoubles = samples * (Datasets.FASHION_MNIST_PIXELS + 1) * 8.0;
            out.printf(Locale.ROOT, "%-7s %7d %-26s %-26s %6.0f MB %.2fx %6.0f MB %.2fx%n", name, samples, list(seconds),
                    list(cpuSeconds), peak / 1048576.0, peak / asDoubles, retained / 1048576.0, retained / asDoubles);
        }
        out.printf(Locale.ROOT, "data as doubles: %.0f MB (N × 785 × 8 bytes); heap: the largest over %d loads%n",
                (split == Datasets.Split.TRAIN ? 60000 : 10000) * 785 * 8.0 / 1048576.0, repeat);
        out.flush();
        return 0;
    }

    private static String list(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return s.toString();
    }

    private static long usedAfterCollection() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
