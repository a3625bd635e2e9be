package io.radnet.api;

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
 * highest-priority available <em>native</em> backend, and on the same pure-Java default when
 * no native backend can load. The choice is a function of the workload and of which backends
 * are available, so a given machine computes a given command on a given backend every time,
 * with that backend's deterministic results.
 *
 * <p>The crossovers are where the fastest backend changes in {@code CrossoverBenchmark}
 * (module {@code bench}), measured with
 * <pre>{@code
 * taskset -c 1 bench/run jmh CrossoverBenchmark -p backend=ejml,nd4j,jblas -p threads=1 \
 *     -bm sample -tu us -f 1 -wi 3 -w 300ms -i 5 -r 500ms
 * }</pre>
 * (2026-12-05, 2 vCPUs of an AMD EPYC without AVX-512, shared with other jobs: the minimum of
 * each sample is compared; the tables are in {@code docs/default-backend.md}).
 */
public final class SizeAwareChoice {
    /**
     * Passes of a network with pointwise activations run natively from this largest product on:
     * (64, 64, 64, 10) at batch 64, where the native backends were 5.5× ahead of EJML (they
     * were ahead at every width of the sweep, 1.5× at w = 8; below this size a step costs
     * EJML under half a millisecond, less than loading a native library saves in a typical run).
     */
    public static final long NETWORK_PASSES_NATIVE_FROM = 262_144L;
    /**
     * Passes of a radial network run natively from this largest product on: the experiment-3
     * network (2, 16, 64, 128, 16, 2) at batch 1,024 (8,388,608), where JBLAS was 1.5× ahead
     * of EJML, as it was at every larger batch. The reduced network (2, 3, 4, 5, 6, 2) stayed
     * fastest on EJML up to the paper's full batch of 14,641 (439,230; EJML 2.3× ahead); the
     * README's session trains the full network on 441 samples (3,612,672), which stays on EJML
     * so that its printed results stay bitwise those of the pure-Java default.
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
            case NETWORK_PASSES -> NETWORK_PASSES_NATIVE_FROM;
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
     * The rule applied to a list of available providers.
     *
     * @param work the work to run
     * @param available the available providers, in selection order (priority descending, the
     *     embedded default first among ties)
     * @return the name of the provider to use, empty when none is available
     */
    public static Optional<String> choose(Workload work, List<BackendProvider> available) {
        Shapes.requireNonNull("choose", "available", available);
        return prefersNative(work) ? largeWork(available) : available.stream().findFirst().map(BackendProvider::name);
    }

    /**
     * @param available the available providers, in selection order
     * @return the provider large work runs on: the first native one, else the first one; empty
     *     when none is available
     */
    public static Optional<String> largeWork(List<BackendProvider> available) {
        Shapes.requireNonNull("largeWork", "available", available);
        return available.stream().filter(BackendProvider::isNative).findFirst()
                .or(() -> available.stream().findFirst()).map(BackendProvider::name);
    }

    /**
     * @param smallWork the backend small work runs on
     * @param largeWork the backend large work runs on (the same when no native backend is
     *     available)
     * @return one line saying how the default chooses, for {@code radnet backends}
     */
    public static String describe(String smallWork, String largeWork) {
        if (smallWork.equals(largeWork)) {
            return "size-aware: every workload on " + smallWork + " (no native backend is available)";
        }
        return String.format("size-aware: %s for small work; %s from a largest product of %,d multiply-adds "
                        + "(network passes), %,d (radial network passes), %,d (QR-compress)", smallWork, largeWork,
                NETWORK_PASSES_NATIVE_FROM, RADIAL_NETWORK_PASSES_NATIVE_FROM, QR_COMPRESSION_NATIVE_FROM);
    }
}
