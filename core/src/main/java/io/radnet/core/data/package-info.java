/**
 * In-memory data sets of (x, y) tensors with seeded shuffling and minibatching into reusable
 * buffers, and the synthetic data sets of the radial paper's experiments 1–3.
 */
package io.radnet.core.data;
