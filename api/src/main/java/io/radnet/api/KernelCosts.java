package io.radnet.api;

/**
 * What a backend's kernels cost on this kind of machine, measured, from which the size-aware
 * default estimates the time of a {@link Workload} on each native backend and takes the least
 * ({@link SizeAwareChoice}). The estimate is
 * <pre>
 *   T = tensors · nanosPerTensor
 *     + multiplyAdds · (nanosPerMultiplyAdd, or q(m) for QR-compress)
 *     + productCalls · nanosPerProductCall
 *     + (entries − denseEntries) · nanosPerEntry
 *     + denseEntries · nanosPerDenseEntry
 * </pre>
 * with {@link Workload#tensors()}, {@link Workload#multiplyAdds()},
 * {@link Workload#productCalls()}, {@link Workload#entries()} and {@link Workload#denseEntries()}:
 * a fixed cost for every tensor a run allocates (ND4J allocates off-heap buffers through native
 * calls, about ten microseconds each; heap arrays cost about a microsecond), a cost per
 * multiply-add of its compute-bound products or of its QR decompositions with their products, a
 * fixed cost per product call (what a small product costs beyond its multiply-adds at the rate
 * of a large one: the call, copies of its operands, and on several threads the threads' start
 * and wait), and a cost per entry of its memory-bound passes (the entrywise and layout kernels
 * between the products: on heap arrays or on ND4J's off-heap buffers), measured separately for
 * a convolution's passes over large tensors ({@code nanosPerEntry}) and for a dense layer's
 * passes over a batch's activations and generated weights ({@code nanosPerDenseEntry}): ND4J's
 * off-heap buffers cost it about twice JBLAS's time per entry on the second and not on the
 * first. A QR-compress multiply-add costs a backend more or less on a larger network (on one
 * thread JBLAS's LAPACK: 0.0433 ns at (784, 1024³, 10), 0.0482 ns at (784, 2048³, 10); on all
 * cores ND4J's: 0.0440 and 0.0348 ns),
 * so its cost q(m) is measured at both networks and read, for a compression of m multiply-adds, on
 * the line through the two measurements in log m, held at the nearer one outside them:
 * q(m) = q₁ + (q₂ − q₁)·clamp((ln m − ln m₁)/(ln m₂ − ln m₁), 0, 1), with m₁, m₂ the multiply-adds
 * of the two networks ({@link #SMALL_QR_REFERENCE}, {@link #LARGE_QR_REFERENCE}). The numbers are
 * measured by {@code bench/run kernel-costs} (module {@code bench}, {@code KernelCostMeasurement})
 * and recorded in each provider with the command and the machine.
 *
 * @param nanosPerTensor nanoseconds to allocate one zero-filled 64 × 64 tensor, ≥ 0
 * @param nanosPerMultiplyAdd nanoseconds per multiply-add of a 256 × 256 by 256 × 256 product, ≥ 0
 * @param nanosPerQrMultiplyAdd q₁: nanoseconds per multiply-add of QR-compress of a
 *     (784, 1024, 1024, 1024, 10) network, counted as {@link Workload#qrCompression} counts them, ≥ 0
 * @param nanosPerLargeQrMultiplyAdd q₂: the same for a (784, 2048, 2048, 2048, 10) network, ≥ 0
 * @param nanosPerEntry nanoseconds per entry of the memory-bound passes of a convolutional
 *     layer's training step (im2col, col2im, an entrywise map and an entrywise product of two
 *     tensors, at the shapes of the second convolution of the intrinsic-parameters CNN), ≥ 0
 * @param nanosPerProductCall nanoseconds per product call beyond its multiply-adds at
 *     {@code nanosPerMultiplyAdd}: a 64 × 784 by 784 × 29 product (the width sweep's first
 *     layer on a batch of 64, 1,455,104 multiply-adds) less those multiply-adds, ≥ 0
 * @param nanosPerDenseEntry nanoseconds per entry of the memory-bound passes of dense layers
 *     (an entrywise sum and map, and the per-sample products of a hypernetwork's primary network:
 *     {@code batchedMatVec} both ways and {@code rowwiseOuter}, on a batch of 200 samples of
 *     10 × 8 generated weights), ≥ 0
 */
public record KernelCosts(double nanosPerTensor, double nanosPerMultiplyAdd, double nanosPerQrMultiplyAdd,
                          double nanosPerLargeQrMultiplyAdd, double nanosPerEntry, double nanosPerProductCall,
                          double nanosPerDenseEntry) {
    /** m₁: QR-compress of (784, 1024, 1024, 1024, 10), where {@link #nanosPerQrMultiplyAdd} is measured. */
    public static final Workload SMALL_QR_REFERENCE = Workload.qrCompression(new int[] {784, 1024, 1024, 1024, 10});
    /** m₂: QR-compress of (784, 2048, 2048, 2048, 10), where {@link #nanosPerLargeQrMultiplyAdd} is measured. */
    public static final Workload LARGE_QR_REFERENCE = Workload.qrCompression(new int[] {784, 2048, 2048, 2048, 10});

    /**
     * @throws IllegalArgumentException if a cost is negative or not finite
     */
    public KernelCosts {
        requireCost("nanosPerTensor", nanosPerTensor);
        requireCost("nanosPerMultiplyAdd", nanosPerMultiplyAdd);
        requireCost("nanosPerQrMultiplyAdd", nanosPerQrMultiplyAdd);
        requireCost("nanosPerLargeQrMultiplyAdd", nanosPerLargeQrMultiplyAdd);
        requireCost("nanosPerEntry", nanosPerEntry);
        requireCost("nanosPerProductCall", nanosPerProductCall);
        requireCost("nanosPerDenseEntry", nanosPerDenseEntry);
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
        double perMultiplyAdd = work.kind() == Workload.Kind.QR_COMPRESSION
                ? nanosPerQrMultiplyAdd(work.multiplyAddsPerStep()) : nanosPerMultiplyAdd;
        double denseEntries = work.denseEntries();
        return work.tensors() * nanosPerTensor + work.multiplyAdds() * perMultiplyAdd
                + work.productCalls() * nanosPerProductCall + (work.entries() - denseEntries) * nanosPerEntry
                + denseEntries * nanosPerDenseEntry;
    }

    /**
     * @param multiplyAdds the multiply-adds of one compression, m
     * @return q(m), the cost per multiply-add of a compression of that size (see the class documentation)
     */
    public double nanosPerQrMultiplyAdd(long multiplyAdds) {
        double small = Math.log(SMALL_QR_REFERENCE.multiplyAdds());
        double large = Math.log(LARGE_QR_REFERENCE.multiplyAdds());
        double position = (Math.log(Math.max(1, multiplyAdds)) - small) / (large - small);
        double clamped = Math.max(0.0, Math.min(1.0, position));
        return nanosPerQrMultiplyAdd + (nanosPerLargeQrMultiplyAdd - nanosPerQrMultiplyAdd) * clamped;
    }
}
