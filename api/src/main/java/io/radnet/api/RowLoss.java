package io.radnet.api;

/**
 * A loss L(P, Y) over a batch × k prediction P that can be taken a range of rows at a time: its
 * gradient ∂L/∂P in row s depends on row s of P and of Y (and on the batch size) only, and its
 * value is a function of one running sum of per-row terms. This is what lets a fused kernel
 * ({@link RadialNetworkKernel#forwardLossBackward}) take the loss of a block of samples between
 * that block's forward and backward pass, while the block's rows are in the cache.
 *
 * <p>Arrays are dense and row-major: the prediction and the gradient batch × k (entry (s, o) at
 * s·k + o), the targets batch × {@link #targetColumns}(k).
 *
 * <p><b>Order invariant.</b> For every partition 0 = r₀ &lt; r₁ &lt; … &lt; r_m = batch of the
 * rows, the chain {@code sum = addRows(… addRows(0.0, P, Y, G, k, batch, r₀, r₁) …, r_{m−1}, r_m)}
 * followed by {@code value(sum, k, batch)} returns bitwise the same L, and leaves bitwise the same
 * ∂L/∂P in G, as the loss computes over the whole batch at once: the terms are added one at a
 * time, in row-major order, to the running sum handed from range to range.
 */
public interface RowLoss {
    /**
     * @param outputs k, the prediction's columns
     * @return the targets' columns for a prediction of k columns
     */
    int targetColumns(int outputs);

    /**
     * gradient rows fromRow … toRow − 1 ← ∂L/∂P of those rows; the rows' terms added to sum.
     * Reads only those rows of prediction and target, writes only those rows of gradient.
     *
     * @param sum the running sum of the rows before fromRow (0.0 before row 0)
     * @param prediction batch × k, row-major; not modified
     * @param target batch × {@link #targetColumns}(k), row-major; not modified
     * @param gradient batch × k, row-major; rows fromRow … toRow − 1 overwritten
     * @param outputs k
     * @param batch the batch size (the loss may be a mean over it)
     * @param fromRow the first row, 0 ≤ fromRow ≤ toRow
     * @param toRow one past the last row, at most batch
     * @return sum plus the terms of rows fromRow … toRow − 1, added in row-major order
     */
    double addRows(double sum, double[] prediction, double[] target, double[] gradient, int outputs, int batch,
                   int fromRow, int toRow);

    /**
     * @param sum the running sum over all rows of the batch
     * @param outputs k
     * @param batch the batch size
     * @return L
     */
    double value(double sum, int outputs, int batch);
}
