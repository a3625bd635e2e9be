/**
 * The ND4J backend: native, linux-x86_64, always double precision. Tensors are column-major
 * ND4J arrays of {@code DataType.DOUBLE} ({@link io.radnet.backend.nd4j.Nd4jTensor}); products
 * run on OpenBLAS's {@code dgemm}, QR on LAPACK's {@code dgeqrf} and {@code dorgqr}
 * ({@link io.radnet.backend.nd4j.Nd4jQr}), large entrywise arithmetic on ND4J's native ops, and
 * the remaining memory-bound ops as Java loops over the native buffers. ND4J's global defaults
 * are never changed.
 */
package io.radnet.backend.nd4j;
