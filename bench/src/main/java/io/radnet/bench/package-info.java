/**
 * JMH suites that compare radnet's backends on the hot paths: GEMM (the roofline reference),
 * complete and economy QR, QR-compression of radial networks, and training steps of the radial
 * paper's experiment-3 networks and of an MLP.
 *
 * <p>Every suite's state extends {@link io.radnet.bench.BackendState}: the backend and the
 * thread limit are JMH parameters, inputs are seeded, and each benchmarked result is checked
 * once against EJML before timing starts, so a broken kernel fails the run instead of posting
 * a fast time. {@link io.radnet.bench.CalibrationBenchmark} is the backend-free yardstick the
 * {@linkplain io.radnet.bench.gate regression gate} divides every score by.
 */
package io.radnet.bench;
