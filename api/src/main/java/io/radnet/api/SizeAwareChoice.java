package io.radnet.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The size-aware default: which backend {@link BackendRegistry#defaultBackendFor(Workload)}
 * takes when no backend is named (see {@code docs/default-backend.md} for the designs weighed).
 *
 * <p>The rule: work whose {@link Workload#largestProductMultiplyAdds() largest product} is
 * below the crossover of its {@link Workload.Kind kind} runs on the highest-priority available
 * backend (the embedded pure-Java default, EJML, when present: its results for the radial
 * paper's networks are the ones the README quotes); work at or above the crossover runs on the
 * available <em>native</em> backend with the least estimated time
 * ({@link KernelCosts#estimatedNanos}: the tensors the run allocates and the multiply-adds of its
 * products or QR decompositions, each at the backend's measured cost; backends that declare no
 * costs after those that do, by priority), and on the same pure-Java default when no native
 * backend can load. The choice is a function of the workload, of the declared costs and of which
 * backends are available, so a given machine computes a given command on a given backend every
 * time, with that backend's deterministic results.
 *
 * <p>The crossovers are where the fastest backend changes in {@code CrossoverBenchmark}
 * (module {@code bench}), measured with
 * <pre>{@code
 * taskset -c 1 bench/run jmh CrossoverBenchmark -p backend=ejml,nd4j,jblas -p threads=1 \
 *     -bm sample -tu us -f 1 -wi 3 -w 300ms -i 5 -r 500ms
 * }</pre>
 * (2026-12-05, 2 vCPUs of an AMD EPYC with AVX-512, shared with other jobs: the minimum of
 * each sample is compared; the tables are in {@code docs/default-backend.md}).
 *
 * <p><b>Threads.</b> The native backends rank by their {@link BackendProvider#kernelCosts(int)
 * costs at the thread count the work states} ({@link BackendRegistry#defaultBackendFor(Workload,
 * int)}); work that states none ranks by the one-thread costs. The providers declare two costs
 * apart for all cores: QR-compress's (ND4J's OpenBLAS runs its QR and products on every core,
 * JBLAS only its products) and a product call's (ND4J's OpenBLAS splits products from about
 * 2.6·10⁵ multiply-adds over its threads, whose waiting costs a small product more than the split
 * saves). The experiment commands state all cores, the threads their backend runs on. A process that runs one compression, such as {@code radnet compress},
 * does not state its threads: there ND4J's faster QR on two cores (about 30 ms for
 * (784, 1024³, 10)) is worth less than its slower start-up (about 0.6 s of the whole process), which
 * the costs do not model.
 */
public final class SizeAwareChoice {
    /**
     * Passes of a network with pointwise activations, and of a network of general layers
     * ({@link Workload.Kind#LAYER_PASSES}, whose products are the same kernels), run natively
     * from this largest product on:
     * (64, 64, 64, 10) at batch 64, where the native backends were 5.5× ahead of EJML (they
     * were ahead at every width of the sweep, 1.5× at w = 8; below this size a step costs
     * EJML under half a millisecond, less than loading a native library saves in a typical run).
     */
    public static final long NETWORK_PASSES_NATIVE_FROM = 262_144L;
    /**
     * Passes of a radial network run natively from this largest product on: the dense pass of a
     * (2, 16, 64, 128, 16, 2) network at batch 1,024 (8,388,608), where JBLAS was 1.5× ahead
     * of EJML. The reduced experiment-3 network (2, 3, 4, 5, 6, 2) stayed fastest on EJML up to
     * the paper's full batch of 14,641 (439,230; EJML 2.3× ahead). The full experiment-3 network
     * runs the subspace pass at every batch of the sweep, whose largest product is B·272
     * (3,982,352 at 14,641): EJML was 1.35× ahead of the fastest native backend there
     * ({@code bench/run fitness}, quiet machine, 2026-12-05: 4.66 against 6.35 ms), and the
     * README's session (441 samples) stays bitwise EJML's.
     */
    public static final long RADIAL_NETWORK_PASSES_NATIVE_FROM = 8_388_608L;
    /**
     * QR-compress runs natively from this largest product on: (256, 256, 256, 256, 10)
     * (16,777,216), where ND4J was 2.5× ahead of EJML; at w = 128 (2,097,152) EJML was ahead.
     */
    public static final long QR_COMPRESSION_NATIVE_FROM = 16_777_216L;

    private SizeAwareChoice() {
    }

    /**
     * @param kind a kind of work
     * @return the multiply-adds of the largest product from which that kind runs natively
     */
    public static long nativeFrom(Workload.Kind kind) {
        Shapes.requireNonNull("nativeFrom", "kind", kind);
        return switch (kind) {
            case NETWORK_PASSES, LAYER_PASSES -> NETWORK_PASSES_NATIVE_FROM;
            case RADIAL_NETWORK_PASSES -> RADIAL_NETWORK_PASSES_NATIVE_FROM;
            case QR_COMPRESSION -> QR_COMPRESSION_NATIVE_FROM;
        };
    }

    /**
     * @param work the work to run
     * @return true if it is at or above its kind's crossover, so a native backend is preferred
     */
    public static boolean prefersNative(Workload work) {
        Shapes.requireNonNull("prefersNative", "work", work);
        return work.largestProductMultiplyAdds() >= nativeFrom(work.kind());
    }

    /**
     * The rule applied to a list of available providers, by the backends' costs at one thread.
     *
     * @param work the work to run
     * @param available the available providers, in selection order (priority descending, the
     *     embedded default first among ties)
     * @return the name of the provider to use, empty when none is available
     */
    public static Optional<String> choose(Workload work, List<BackendProvider> available) {
        return choose(work, 1, available);
    }

    /**
     * The rule applied to a list of available providers, for work that runs on the given
     * number of threads.
     *
     * @param work the work to run
     * @param threads the threads the backends may use, ≥ 1
     * @param available the available providers, in selection order (priority descending, the
     *     embedded default first among ties)
     * @return the name of the provider to use, empty when none is available
     */
    public static Optional<String> choose(Workload work, int threads, List<BackendProvider> available) {
        Shapes.requireNonNull("choose", "available", available);
        if (!prefersNative(work)) {
            return available.stream().findFirst().map(BackendProvider::name);
        }
        return nativeOrder(work, threads, available).stream().findFirst().or(() -> available.stream().findFirst())
                .map(BackendProvider::name);
    }


    /**
     * The order in which large work tries the native backends: least estimated time first
     * ({@link KernelCosts#estimatedNanos}), then those without declared costs; ties and the
     * undeclared keep the given (priority) order. The costs are those at one thread (see
     * {@link #nativeOrder(Workload, int, List)} for work that states its threads).
     *
     * @param work the work to run
     * @param providers providers in selection order; the non-native ones are left out
     * @return the native providers in the order large work tries them
     */
    public static List<BackendProvider> nativeOrder(Workload work, List<BackendProvider> providers) {
        return nativeOrder(work, 1, providers);
    }

    /**
     * The order in which large work on the given number of threads tries the native backends:
     * least estimated time by each provider's {@link BackendProvider#kernelCosts(int) costs at
     * that thread count} first, then those without declared costs; ties and the undeclared keep
     * the given (priority) order.
     *
     * @param work the work to run
     * @param threads the threads the backends may use, ≥ 1
     * @param providers providers in selection order; the non-native ones are left out
     * @return the native providers in the order large work tries them
     * @throws IllegalArgumentException if threads is below 1
     */
    public static List<BackendProvider> nativeOrder(Workload work, int threads, List<BackendProvider> providers) {
        Shapes.requireNonNull("nativeOrder", "work", work);
        Shapes.requireNonNull("nativeOrder", "providers", providers);
        if (threads < 1) {
            throw new IllegalArgumentException("nativeOrder: threads must be at least 1, got " + threads);
        }
        List<BackendProvider> natives = new ArrayList<>();
        for (BackendProvider provider : providers) {
            if (provider.isNative()) {
                natives.add(provider);
            }
        }
        natives.sort(Comparator.comparingDouble(provider -> provider.kernelCosts(threads)
                .map(costs -> costs.estimatedNanos(work)).orElse(Double.POSITIVE_INFINITY)));
        return natives;
    }

    /**
     * @param smallWork the backend small work runs on
     * @param natives the available native providers, in selection order (empty when none is)
     * @return one line saying how the default chooses, for {@code radnet backends}
     */
    public static String describe(String smallWork, List<BackendProvider> natives) {
        Shapes.requireNonNull("describe", "natives", natives);
        if (natives.isEmpty()) {
            return "size-aware: every workload on " + smallWork + " (no native backend is available)";
        }
        StringBuilder costs = new StringBuilder();
        for (BackendProvider provider : natives) {
            costs.append(costs.length() == 0 ? "" : ", ").append(provider.name()).append(provider.kernelCosts()
                    .map(c -> String.format(" (%,.0f ns/tensor, %.4f ns/product multiply-add, %,.0f ns/product call,"
                                    + " %.4f–%.4f ns/QR multiply-add, %.3f ns/convolution entry, %.3f ns/dense entry)",
                            c.nanosPerTensor(), c.nanosPerMultiplyAdd(), c.nanosPerProductCall(),
                            c.nanosPerQrMultiplyAdd(), c.nanosPerLargeQrMultiplyAdd(), c.nanosPerEntry(),
                            c.nanosPerDenseEntry()))
                    .orElse(" (no measured costs)"));
        }
        return String.format("size-aware: %s for small work; from a largest product of %,d multiply-adds "
                        + "(network and layer passes), %,d (radial network passes), %,d (QR-compress) the native "
                        + "backend with the least estimated time for the work's tensors, multiply-adds, product calls and "
                        + "memory-bound entries: %s",
                smallWork, NETWORK_PASSES_NATIVE_FROM, RADIAL_NETWORK_PASSES_NATIVE_FROM, QR_COMPRESSION_NATIVE_FROM,
                costs);
    }
}
