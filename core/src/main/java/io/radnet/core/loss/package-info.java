/**
 * Losses L(prediction, target) with their gradients ∂L/∂prediction, for batches with one sample
 * per row.
 */
package io.radnet.core.loss;
