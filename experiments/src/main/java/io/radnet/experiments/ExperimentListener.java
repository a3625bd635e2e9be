package io.radnet.experiments;

/**
 * Where an experiment reports how far a long run has got. The experiments only call it;
 * whether anything is shown (the {@code radnet} program draws a progress bar on a terminal) is
 * the caller's choice.
 */
public interface ExperimentListener {
    /** Reports nothing. */
    ExperimentListener NONE = (name, total) -> new Task() {
        @Override
        public void stepTo(long done, String message) {
        }

        @Override
        public void finish(long done, String message) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts a unit of work.
     *
     * @param name what is running, e.g. {@code experiment 3, seed 1/3, full}
     * @param total the most steps it can take (e.g. the epoch limit), ≥ 1
     * @return the task; the experiment closes it when the work ends, also on failure
     */
    Task start(String name, long total);

    /** One unit of work in progress. */
    interface Task extends AutoCloseable {
        /**
         * @param done the steps done so far, ≤ the total
         * @param message a short note to show beside the progress (e.g. the current loss)
         */
        void stepTo(long done, String message);

        /**
         * The work ended after {@code done} steps, possibly fewer than the total (training
         * stopped on its target loss).
         *
         * @param done the steps done
         * @param message a short final note
         */
        void finish(long done, String message);

        /** Ends this task; never throws. */
        @Override
        void close();
    }
}
