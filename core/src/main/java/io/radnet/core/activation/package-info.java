/**
 * Activations: radial profiles h (radial paper, §3) and the radial rescaling
 * ρ(v) = h(|v| + s)·v/|v| built from them, pointwise activations σ, and the per-layer kernels
 * networks use to apply them to a batch and to back-propagate through them.
 */
package io.radnet.core.activation;
