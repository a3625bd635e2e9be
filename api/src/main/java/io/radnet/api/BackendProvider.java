package io.radnet.api;

import java.util.Optional;

/**
 * The service-provider interface of a backend, discovered through
 * {@code META-INF/services/io.radnet.api.BackendProvider}.
 *
 * <p>Constructing a provider must do nothing: native code is loaded in {@link #probe()} or
 * {@link #create()} only, so that discovering providers never fails and never costs much.
 * Implementations are public, have a public no-argument constructor and are named
 * {@code *BackendProvider} (enforced by the architecture rules).
 */
public interface BackendProvider {
    /**
     * @return the backend's name, lower case, unique among providers (e.g. {@code "ejml"})
     */
    String name();

    /**
     * @return the rank used when no backend is chosen explicitly: the highest-priority
     *     available provider wins, ties go to the embedded default ({@code "ejml"})
     */
    int priority();

    /**
     * @return true if the backend runs native code
     */
    boolean isNative();

    /**
     * @return the version of the underlying linear-algebra library, read from the library
     *     itself where it says, never requiring native code to load
     */
    String libraryVersion();

    /**
     * Checks whether the backend can run here, loading native code if it has any. Never
     * throws: every failure becomes an unavailable value with its reason, fix and cause.
     *
     * @return whether the backend can run on this machine
     */
    Availability probe();

    /**
     * @return a ready backend
     * @throws BackendUnavailableException if {@link #probe()} says unavailable
     */
    Backend create();

    /**
     * What this backend's kernels cost, measured, from which the size-aware default picks among
     * the native backends the one with the least estimated time for a piece of work
     * ({@link SizeAwareChoice}). Declared data: answering loads nothing.
     *
     * @return the measured costs, or empty when they were not measured (such a backend ranks
     *     after those that declare costs, by priority)
     */
    default Optional<KernelCosts> kernelCosts() {
        return Optional.empty();
    }

    /**
     * What this backend's kernels cost when it may use the given number of threads (the
     * size-aware default asks with the threads the work will run on). A backend whose kernels
     * run on several threads declares the costs measured so where they differ from
     * {@link #kernelCosts()}; by default they are the same.
     *
     * @param threads the threads the backend may use, ≥ 1
     * @return the measured costs at that thread count, or empty when they were not measured
     */
    default Optional<KernelCosts> kernelCosts(int threads) {
        return kernelCosts();
    }
}
