package io.radnet.api;

/**
 * What a backend's kernels cost on this kind of machine, measured, from which the size-aware
 * default estimates the time of a {@link Workload} on each native backend and takes the least
 * ({@link SizeAwareChoice}). The estimate is
 * <pre>
 *   T = tensors · nanosPerTensor
 *     + multiplyAdds · (nanosPerMultiplyAdd, or nanosPerQrMultiplyAdd for QR-compress)
 *     + entries · nanosPerEntry
 * </pre>
 * with {@link Workload#tensors()}, {@link Workload#multiplyAdds()} and
 * {@link Workload#entries()}: a fixed cost for every tensor a run allocates (ND4J allocates
 * off-heap buffers through native calls, tens of microseconds each; heap arrays cost about a
 * microsecond), a cost per multiply-add of its compute-bound products or of its QR
 * decompositions with their products, and a cost per entry of its memory-bound passes (the
 * entrywise and layout kernels between the products: on heap arrays or on ND4J's off-heap
 * buffers). The numbers are measured by {@code bench/run kernel-costs} (module {@code bench},
 * {@code KernelCostMeasurement}) and recorded in each provider with the command and the machine.
 *
 * @param nanosPerTensor nanoseconds to allocate one zero-filled 64 × 64 tensor, ≥ 0
 * @param nanosPerMultiplyAdd nanoseconds per multiply-add of a 256 × 256 by 256 × 256 product, ≥ 0
 * @param nanosPerQrMultiplyAdd nanoseconds per multiply-add of QR-compress of a
 *     (784, 1024, 1024, 1024, 10) network, counted as {@link Workload#qrCompression} counts them, ≥ 0
 * @param nanosPerEntry nanoseconds per entry of the memory-bound passes of a convolutional
 *     layer's training step (im2col, col2im, an entrywise map and an entrywise product of two
 *     tensors, at the shapes of the second convolution of the intrinsic-parameters CNN), ≥ 0
 */
public record KernelCosts(double nanosPerTensor, double nanosPerMultiplyAdd, double nanosPerQrMultiplyAdd,
                          double nanosPerEntry) {
    /**
     * @throws IllegalArgumentException if a cost is negative or not finite
     */
    public KernelCosts {
        requireCost("nanosPerTensor", nanosPerTensor);
        requireCost("nanosPerMultiplyAdd", nanosPerMultiplyAdd);
        requireCost("nanosPerQrMultiplyAdd", nanosPerQrMultiplyAdd);
        requireCost("nanosPerEntry", nanosPerEntry);
    }

    private static void requireCost(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("KernelCosts: " + name + " must be finite and ≥ 0, got " + value);
        }
    }

    /**
     * @param work the work to run
     * @return its estimated time on a backend with these costs, in nanoseconds (see the class
     *     documentation)
     */
    public double estimatedNanos(Workload work) {
        Shapes.requireNonNull("estimatedNanos", "work", work);
        double perMultiplyAdd = work.kind() == Workload.Kind.QR_COMPRESSION ? nanosPerQrMultiplyAdd : nanosPerMultiplyAdd;
        return work.tensors() * nanosPerTensor + work.multiplyAdds() * perMultiplyAdd + work.entries() * nanosPerEntry;
    }
}
