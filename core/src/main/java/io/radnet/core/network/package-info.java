/**
 * Feed-forward networks (radial networks and MLPs), their parameter space {@link
 * io.radnet.core.network.Param}, batched forward and analytic backward passes, and the
 * parameter-sharing networks built on them: {@link io.radnet.core.network.HyperNetwork} (a
 * weight generator f producing every sample's primary network g), its baseline
 * {@link io.radnet.core.network.EmbeddingNetwork} q([x, e(I)]), and
 * {@link io.radnet.core.network.RepeatedCompositionNetwork} L₂ ∘ g^{∘r} ∘ L₁.
 *
 * <p>Conventions (radial paper, §3 and §5): widths n = (n₀, …, n_L); layer i ∈ 1..L maps
 * ℝ^{n_{i−1}} → ℝ^{n_i} by z ↦ W_i z + b_i with W_i of shape n_i × n_{i−1}, followed by the
 * activation of hidden layer i (i &lt; L); the last layer is affine. Batches are tensors with
 * one row per sample, so a layer computes Z = X·W_iᵀ + 1·b_iᵀ.
 */
package io.radnet.core.network;
