/**
 * Kernels on raw storage that backends share: column-major layout, broadcast and reduction
 * loops on {@link java.nio.DoubleBuffer}s ({@link io.radnet.api.kernels.ColumnMajorKernels}),
 * the radial rescaling on column-major storage
 * ({@link io.radnet.api.kernels.RadialColumnArrays}), entrywise arithmetic on arrays
 * ({@link io.radnet.api.kernels.ElementwiseArrays}), the one overflow- and underflow-safe
 * norm ({@link io.radnet.api.kernels.NormArrays}), and the capabilities of every backend on
 * column-major buffers run once on them ({@link io.radnet.api.kernels.ColumnMajorBackend}).
 *
 * <p>Not the public API of radnet: these are building blocks for implementations of
 * {@link io.radnet.api.Backend}'s kernels. They validate nothing (the backend's public
 * operations have checked every argument) and allocate nothing per call. The package depends
 * on the JDK and {@code io.radnet.api} only; {@code io.radnet.api} never depends on it.
 */
package io.radnet.api.kernels;
