package io.radnet.api.kernels;

/**
 * Blocks of whole columns for the kernels that run on direct (native) column-major buffers
 * (and blocks of entries for the entrywise ones, {@link ElementwiseArrays#adamUpdate}):
 * a block of about 32 KiB (the L1 cache) is copied to a per-thread heap array with one bulk
 * get, worked on by a Java loop over {@code double[]}, and written back with one bulk put,
 * instead of one buffer access per entry. The scratch arrays grow on demand and are reused,
 * so the kernels allocate nothing per call.
 */
final class ColumnBlocks {
    /** Entries per block (32 KiB of doubles). */
    static final int BLOCK_ENTRIES = 4096;
    /** Per-thread scratch arrays, grown on demand. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][0]);

    private ColumnBlocks() {
    }

    /**
     * @param slot which of the calling thread's four scratch arrays
     * @param length the entries needed
     * @return that array, grown to at least length entries
     */
    static double[] scratch(int slot, int length) {
        double[][] arrays = SCRATCH.get();
        if (arrays[slot].length < length) {
            arrays[slot] = new double[length];
        }
        return arrays[slot];
    }

    /** @return the columns per block: about {@value #BLOCK_ENTRIES} entries, at least one column */
    static int columns(int rows, int cols) {
        return Math.max(1, Math.min(cols, BLOCK_ENTRIES / Math.max(1, rows)));
    }
}
