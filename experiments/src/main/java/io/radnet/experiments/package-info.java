/**
 * The papers' experiments as a library. Each experiment is one class holding a
 * {@code Settings} record (its defaults are {@code Settings.defaults()}; read from and written
 * to JSON by {@link io.radnet.experiments.ExperimentJson}), a runner ({@code run(Settings)} on
 * a backend, reporting progress to an {@link io.radnet.experiments.ExperimentListener}) and a
 * {@code Result} record that carries the settings, the backend's name, the radnet version and
 * the per-seed values:
 * <ul>
 *   <li>{@link io.radnet.experiments.RadialExperiment1}, {@link io.radnet.experiments.RadialExperiment2},
 *       {@link io.radnet.experiments.RadialExperiment3}: §7 of the radial paper (lossless
 *       compression, projected gradient descent, the compressed model trains faster);</li>
 *   <li>{@link io.radnet.experiments.HypernetExperiment}: the hypernetworks paper, §5 (synthetic
 *       targets, depth sweep); {@link io.radnet.experiments.EmbeddingDimensionExperiment} (the
 *       embedding-dimension sweep), {@link io.radnet.experiments.RotationExperiment} (rotation
 *       prediction on Fashion-MNIST) and {@link io.radnet.experiments.WidthSweepExperiment} (the
 *       check of its Assumption 2);</li>
 *   <li>{@link io.radnet.experiments.RcnetExperiment}: the RCNet paper, §4.</li>
 * </ul>
 * Nothing here prints; the {@code radnet} program formats the results.
 */
package io.radnet.experiments;
