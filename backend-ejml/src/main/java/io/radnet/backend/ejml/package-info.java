/**
 * The EJML backend: pure Java, always available, the embedded default. Tensors are EJML
 * {@link org.ejml.data.DMatrixRMaj} (row-major, dense, double); products use EJML's
 * (multi-threaded above a size threshold) kernels, QR its column-Householder decomposition,
 * and the elementwise, broadcast and reduction ops are plain loops over the backing array.
 */
package io.radnet.backend.ejml;
