package io.radnet.cli;

import java.util.Locale;

/**
 * Checks that a command's largest allocations fit in the Java heap before making them, and words
 * the advice when they do not: the {@code radnet} launcher passes {@code RADNET_JAVA_OPTS} to
 * Java, so {@code RADNET_JAVA_OPTS=-Xmx8g} gives it an 8 GB heap.
 */
final class HeapBudget {
    private static final long GIGABYTE = 1L << 30;

    private HeapBudget() {
    }

    /**
     * @param bytes an estimate of the heap an action needs, in bytes (saturated at
     *     {@link Long#MAX_VALUE} by the caller when it overflows)
     * @param what the action, e.g. {@code "--widths 2,100000000,2 (500000002 parameters)"}
     * @throws IllegalArgumentException naming the action, the sizes and the remedy when the
     *     heap not in use now is smaller than the estimate
     */
    static void require(long bytes, String what) {
        long free = freeBytes();
        if (bytes > free) {
            throw new IllegalArgumentException(what + " needs about " + size(bytes) + " of Java heap, more than the "
                    + size(free) + " free; " + remedy(bytes));
        }
    }

    /** @return the heap not in use now: the maximum heap less what is allocated */
    static long freeBytes() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * @param bytes the heap needed beyond what is in use now, or 0 when unknown
     * @return the advice, e.g. {@code give Java a larger heap, e.g. RADNET_JAVA_OPTS=-Xmx12g
     *     (the maximum is now 6.0 GB)}
     */
    static String remedy(long bytes) {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long wanted = bytes > Long.MAX_VALUE / 2 - used ? Long.MAX_VALUE / 2 : Math.max(2 * max, used + bytes + bytes / 4);
        long gigabytes = Math.max(1, (wanted + GIGABYTE - 1) / GIGABYTE);
        return "give Java a larger heap, e.g. RADNET_JAVA_OPTS=-Xmx" + gigabytes + "g (the maximum is now " + size(max) + ")";
    }

    /**
     * @param a a non-negative count
     * @param b another
     * @return a × b, or {@link Long#MAX_VALUE} when that overflows
     */
    static long saturatedProduct(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** @return a byte count in binary units, e.g. {@code 512 MB}, {@code 3.7 GB} */
    static String size(long bytes) {
        if (bytes < GIGABYTE) {
            return ((bytes + (1 << 20) - 1) >> 20) + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) GIGABYTE);
    }
}
