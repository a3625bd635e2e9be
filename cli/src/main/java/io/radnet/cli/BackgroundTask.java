package io.radnet.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * One computation on a daemon thread of its own, started at once, whose result the starting
 * thread collects later: a command overlaps independent phases (on two cores, the second phase
 * leaves the critical path). What the computation throws is rethrown by {@link #join()} as it
 * was thrown.
 *
 * @param <T> the result
 */
final class BackgroundTask<T> {
    private final FutureTask<T> task;

    private BackgroundTask(FutureTask<T> task) {
        this.task = task;
    }

    /**
     * @param threadName the thread's name (shown in thread dumps and profiles)
     * @param computation what to compute; it must not share mutable state with the caller
     * @param <T> the result
     * @return the started task
     */
    static <T> BackgroundTask<T> start(String threadName, Callable<T> computation) {
        FutureTask<T> task = new FutureTask<>(computation);
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundTask<>(task);
    }

    /**
     * Waits for the result (an interrupt is kept for later and the wait goes on: the
     * computation holds resources the caller must release).
     *
     * @return the result
     * @throws RuntimeException or Error as the computation threw it
     */
    T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
        T result;
        try {
            result = join();
        } catch (RuntimeException | Error ignored) {
            return;
        }
        release.accept(result);
    }
}
