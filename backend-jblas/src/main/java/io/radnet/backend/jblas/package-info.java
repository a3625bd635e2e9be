/**
 * The JBLAS backend: native products and QR through jblas's bundled OpenBLAS and LAPACK, on
 * column-major tensors on the Java heap ({@link io.radnet.backend.jblas.JblasTensor}); the
 * memory-bound ops are Java loops. On Linux it needs the system's {@code libgfortran.so.5}
 * (package {@code libgfortran5}); without it the provider reports exactly that.
 */
package io.radnet.backend.jblas;
