/**
 * Exact arithmetic for the constructions whose proofs need more digits than a double carries:
 * {@link io.radnet.core.approx.exact.Rational} (BigInteger p/q in lowest terms, with a shift-only
 * fast path for dyadic m·2^{−k}), {@link io.radnet.core.approx.exact.ExactAffine} (sparse affine
 * maps with rational entries, their exact application and composition) and
 * {@link io.radnet.core.approx.exact.ExactNetwork} (ReLU/affine feed-forward networks evaluated
 * without rounding, convertible from and to {@link io.radnet.core.network.Mlp}).
 */
package io.radnet.core.approx.exact;
