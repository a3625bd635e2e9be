package io.radnet.backend.ejml;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One persistent daemon thread that runs one task at a time for whichever caller claimed it, so
 * that a pass of about a millisecond can hand half of its work to the second core without
 * creating a thread or going through a pool's queue.
 *
 * <p>Protocol: {@link #tryStart} claims the thread and hands it a task, or returns false at once
 * when another caller holds it (that caller then does the work itself); {@link #await} waits for
 * the task, releases the thread and rethrows what the task threw. Both sides spin for
 * {@value #SPIN_NANOS} ns before parking: after a task the thread spins for the next one, so the
 * backward pass that follows a forward pass and its loss finds it awake, and the caller spins for
 * the result, so a short task costs no wake-up. An idle thread is parked and costs nothing.
 */
final class HelperThread {
    /** The one helper of this JVM's EJML kernels. */
    static final HelperThread SHARED = new HelperThread();
    /** How long each side spins before parking. */
    static final long SPIN_NANOS = 50_000;

    private final AtomicBoolean claimed = new AtomicBoolean();
    private volatile Runnable task;
    private volatile boolean finished;
    private volatile Throwable failure;
    /** The caller parked in {@link #await}, or null. */
    private volatile Thread waiter;
    /** Whether the helper thread is parked (or about to park) waiting for a task. */
    private volatile boolean parked;
    private Thread thread;

    private HelperThread() {
    }

    /**
     * Hands work to the helper thread if no other caller holds it.
     *
     * @param work the task; it must not call {@link #tryStart} itself
     * @return true if the helper runs it (the caller must then call {@link #await}), false if
     *     another caller holds the helper (nothing was started)
     */
    boolean tryStart(Runnable work) {
        if (!claimed.compareAndSet(false, true)) {
            return false;
        }
        Thread helper = started();
        finished = false;
        task = work;
        if (parked) {
            LockSupport.unpark(helper);
        }
        return true;
    }

    /** @return whether the task handed over by the last {@link #tryStart} has ended */
    boolean isFinished() {
        return finished;
    }

    /**
     * Waits until the task has ended, releases the helper, and rethrows what the task threw.
     */
    void await() {
        long start = System.nanoTime();
        while (!finished && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
        if (!finished) {
            waiter = Thread.currentThread();
            while (!finished) {
                LockSupport.park(this);
            }
            waiter = null;
        }
        Throwable thrown = failure;
        failure = null;
        claimed.set(false);
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
    }

    private synchronized Thread started() {
        if (thread == null) {
            thread = new Thread(this::serve, "radnet-ejml-helper");
            thread.setDaemon(true);
            thread.start();
        }
        return thread;
    }

    private void serve() {
        while (true) {
            Runnable work = nextTask();
            try {
                work.run();
            } catch (RuntimeException | Error thrown) {
                failure = thrown;
            }
            task = null;
            finished = true;
            Thread caller = waiter;
            if (caller != null) {
                LockSupport.unpark(caller);
            }
        }
    }

    private Runnable nextTask() {
        long start = System.nanoTime();
        Runnable work;
        while ((work = task) == null && System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
        if (work != null) {
            return work;
        }
        parked = true;
        while ((work = task) == null) {
            LockSupport.park(this);
        }
        parked = false;
        return work;
    }
}
