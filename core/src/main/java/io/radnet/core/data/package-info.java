/**
 * In-memory data sets of (x, y) tensors with seeded shuffling and minibatching into reusable
 * buffers, the synthetic data sets of the radial paper's experiments 1–3, the hypernetworks
 * paper's target functions of Type I–III ({@link io.radnet.core.data.HypernetworkTargets}) and
 * the RCNet paper's 2-D target and two spirals ({@link io.radnet.core.data.RcNetDatasets}).
 */
package io.radnet.core.data;
