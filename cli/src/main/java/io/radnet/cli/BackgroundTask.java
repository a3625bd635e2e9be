package io.radnet.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One computation on a daemon thread of its own, started at once, whose result the starting
 * thread collects later: a command overlaps independent phases (on two cores, the second phase
 * leaves the critical path). What the computation throws is rethrown by {@link #join()} as it
 * was thrown.
 *
 * @param <T> the result
 */
final class BackgroundTask<T> {
    private final CompletableFuture<T> result;

    private BackgroundTask(CompletableFuture<T> result) {
        this.result = result;
    }

    /**
     * @param threadName the thread's name (shown in thread dumps and profiles)
     * @param computation what to compute; it must not share mutable state with the caller
     * @param <T> the result
     * @return the started task
     */
    static <T> BackgroundTask<T> start(String threadName, Supplier<T> computation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(computation.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask<>(result);
    }

    /**
     * Waits for the result, not interruptibly (the computation holds resources the caller must
     * release).
     *
     * @return the result
     * @throws RuntimeException or Error as the computation threw it
     */
    T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * For a caller that no longer needs the result because it failed itself: waits for the
     * computation and releases its result; a failure of the computation is dropped (the caller's
     * own failure is the one to report).
     *
     * @param release releases the result, e.g. closes it
     */
    void discard(Consumer<? super T> release) {
        T made;
        try {
            made = join();
        } catch (RuntimeException | Error ignored) {
            return;
        }
        release.accept(made);
    }
}
