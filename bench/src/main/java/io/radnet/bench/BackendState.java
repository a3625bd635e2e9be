package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Workload;
import io.radnet.api.Tensor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The state every backend benchmark extends: which backend runs (resolved through the
 * {@link Backends} facade, so an unavailable backend fails the trial with its reason) and how
 * many threads it may use.
 *
 * <p>Trial setup order: {@link ThreadLimit#apply(String, int) limit the threads}, then
 * {@link #prepare()} (seeded inputs on the benchmarked backend), then {@link #verify()}, which
 * runs the benchmarked operation once and compares it with EJML; a mismatch throws and JMH
 * reports the trial as failed rather than timing it.
 */
@State(Scope.Benchmark)
public abstract class BackendState {
    /**
     * The backend's name, as {@code ./radnet backends} lists it, or {@value #DEFAULT}: whatever
     * {@link Backends#defaultBackendFor(Workload, int)} chooses in the benchmark's JVM for the
     * benchmark's {@link #workload()} on {@link #threads} (the choice a user gets without naming
     * a backend, on a machine with that many cores).
     */
    @Param({"ejml", "nd4j", "jblas"})
    public String backend;

    /** The {@link #backend} value that stands for the default choice. */
    public static final String DEFAULT = "default";

    /** {@code 1} for single-threaded kernels, {@code all} for one thread per available core. */
    @Param({"1", "all"})
    public String threads;

    private Backend resolved;

    /** Resolves the backend, limits its threads, prepares the inputs and verifies the result. */
    @Setup(Level.Trial)
    public final void setUpTrial() {
        int threadCount = ThreadLimit.parse(threads);
        resolved = DEFAULT.equals(backend) ? Backends.defaultBackendFor(workload(), threadCount) : Backends.get(backend);
        ThreadLimit.apply(resolved.name(), threadCount);
        prepare();
        verify();
    }

    /** @return the benchmarked backend (valid from {@link #prepare()} on) */
    protected final Backend backend() {
        return resolved;
    }

    /** @return the reference backend results are checked against */
    protected static Backend reference() {
        return Backends.get("ejml");
    }

    /**
     * @return the size of the benchmarked work, from which the default choice picks a backend
     *     (read before {@link #prepare()}, so from the benchmark's parameters only); by default
     *     the smallest work, which the default keeps on the pure-Java backend
     */
    protected Workload workload() {
        return Workload.networkPasses(new int[] {1, 1}, 1);
    }

    /** Builds the seeded inputs on {@link #backend()}. */
    protected abstract void prepare();

    /**
     * Runs the benchmarked operation once and compares it with EJML.
     *
     * @throws IllegalStateException when the result disagrees
     */
    protected abstract void verify();

    /**
     * Checks that two tensors, possibly of different backends, agree in relative Frobenius
     * norm: ‖A − B‖_F ≤ tolerance · max(‖B‖_F, 1).
     *
     * @param what names the result in the failure message
     * @param actual the benchmarked backend's result
     * @param expected EJML's result
     * @param tolerance the relative tolerance
     * @throws IllegalStateException naming the result, the backend and the error
     */
    protected final void requireAgreement(String what, Tensor actual, Tensor expected, double tolerance) {
        if (actual.rows() != expected.rows() || actual.cols() != expected.cols()) {
            throw new IllegalStateException(what + " on " + backend + " is " + actual.rows() + "×" + actual.cols()
                    + ", EJML's is " + expected.rows() + "×" + expected.cols());
        }
        double[] a = actual.toRowMajor();
        double[] e = expected.toRowMajor();
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            difference += (a[i] - e[i]) * (a[i] - e[i]);
            norm += e[i] * e[i];
        }
        double relative = Math.sqrt(difference) / Math.max(Math.sqrt(norm), 1);
        if (!(relative <= tolerance)) {
            throw new IllegalStateException(what + " on " + backend + " differs from EJML's by " + relative
                    + " (relative Frobenius), more than " + tolerance + ": the kernel is broken, not timing it");
        }
    }
}
