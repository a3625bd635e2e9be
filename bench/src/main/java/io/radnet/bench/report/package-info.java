/**
 * Reports built from JMH's JSON results: achieved GFLOP/s of GEMM beside the machine's peak,
 * where each backend wins (per operation and size, with crossover sizes), QR-compress times
 * against the reference implementation and its cost model, and the ratios to PyTorch of the
 * side-by-side anchor.
 */
package io.radnet.bench.report;
