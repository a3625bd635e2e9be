/**
 * Lossless model compression of radial networks (radial paper, §5–6): the reduced widths, the
 * orthogonal change-of-basis symmetry Q·(W, b) of parameter space, QR-compress (Algorithm 1),
 * the projection of projected gradient descent, and checks of Theorems 5 and 7.
 */
package io.radnet.core.compress;
