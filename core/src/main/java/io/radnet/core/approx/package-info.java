/**
 * Constructive universal approximation: networks of the library built from a target function,
 * each returned with a {@link io.radnet.core.approx.Certificate} (the guaranteed error bound,
 * the sizes, and which parameters depend on the target).
 *
 * <ul>
 *   <li>{@link io.radnet.core.approx.BallCover}: a cover of a box K by balls on which a
 *       Lipschitz target varies by less than ε (radial paper, §4.1 and footnote 2).</li>
 *   <li>{@link io.radnet.core.approx.StepReluBallCover}: Theorem 3 of the radial paper, a
 *       Step-ReLU radial network with hidden widths (n+1, …, n+N).</li>
 *   <li>{@link io.radnet.core.approx.BoundedWidthApproximation}: Theorem 4 (every hidden
 *       width n+m+1) and its compact-domain variant (width max(n, m)+1).</li>
 *   <li>{@link io.radnet.core.approx.IntrinsicParameterNetwork}: the ReLU network
 *       s·(φ₂∘L∘φ₁)+b of "Deep network approximation in terms of intrinsic parameters"
 *       (Theorem 2.1, Appendix A–B), in which only n+2 parameters depend on the target.</li>
 * </ul>
 *
 * <p>Targets are Java functions ({@link io.radnet.core.approx.VectorFunction}); this package
 * parses no expressions.
 */
package io.radnet.core.approx;
