package io.radnet.core.io;

import java.nio.file.Path;

/**
 * The heap check the data readers make before they allocate: a reader that would need more of
 * the Java heap than is free refuses with a {@link DataTooLargeException} instead of failing
 * half-way with an {@link OutOfMemoryError}. The values are counted as if the backend held them
 * on the Java heap (8 bytes a double), which is an upper bound for a native backend.
 */
final class DataHeap {
    private DataHeap() {
    }

    /** @return the heap not in use now: the maximum heap less what is allocated */
    static long freeBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * @param file the file being read, named in the message
     * @param bytes the heap the read needs, in bytes
     * @param what what needs it, e.g. {@code "60000×784 values"}
     * @throws DataTooLargeException naming the file, the need and the heap free, when the need
     *     exceeds the maximum heap, or the free heap after a collection of what is garbage already
     */
    static void require(Path file, long bytes, String what) {
        if (bytes <= freeBytes()) {
            return;
        }
        if (bytes > Runtime.getRuntime().maxMemory()) {
            throw tooLarge(file, bytes, what, freeBytes());
        }
        // The allocated heap counts garbage too; only a collection tells what is really free.
        System.gc();
        long free = freeBytes();
        if (bytes > free) {
            throw tooLarge(file, bytes, what, free);
        }
    }

    /**
     * @return the exception for a read that does not fit: "FILE: too large for the Java heap:
     *     WHAT need about N MB, more than the M MB free"
     */
    static DataTooLargeException tooLarge(Path file, long bytes, String what, long free) {
        return new DataTooLargeException(file + ": too large for the Java heap: " + what + " need about "
                + CsvData.bytes(bytes) + ", more than the " + CsvData.bytes(Math.max(0, free)) + " free", bytes);
    }
}
