package io.radnet.core.loss;

import io.radnet.api.Backend;
import io.radnet.api.RowLoss;
import io.radnet.api.Shapes;
import io.radnet.api.Tensor;

/**
 * Mean squared error over all entries, as the reference implementation's
 * {@code ((P − Y)²).mean()}: L = Σ_{s,j} (P_sj − Y_sj)² / (batch·k), with
 * ∂L/∂P = 2(P − Y)/(batch·k). Targets are batch × k like the predictions.
 *
 * <p>As a {@link RowLoss} (for fused training passes that take the loss block by block), the
 * running sum is Σ (P_sj − Y_sj)² added one entry at a time in row-major order, the order of the
 * backend's {@code dot} on EJML, and ∂L/∂P_sj = (2/(batch·k))·(P_sj − Y_sj): on EJML bitwise
 * what {@link #valueAndGradient} computes ({@code subtract}, {@code dot}, {@code scale}).
 */
public final class MeanSquaredError implements Loss, RowLoss {
    /** Creates the loss; it keeps no state. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double value(Tensor prediction, Tensor target) {
        check(prediction, target);
        Backend b = prediction.backend();
        try (Tensor difference = b.zeros(prediction.rows(), prediction.cols())) {
            b.subtract(prediction, target, difference);
            return meanOfSquares(b, difference);
        }
    }

    /** Targets must have one column per network output. */
    @Override
    public void requireValidTargets(Tensor targets, int outputWidth) {
        if (targets.cols() != outputWidth) {
            throw new IllegalArgumentException("mean squared error needs targets with one column per network output, but"
                    + " the targets have " + targets.cols() + " columns and the network's output width n_L is "
                    + outputWidth);
        }
    }

    @Override
    public double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
        check(prediction, target);
        Shapes.requireSameShape("mse", "prediction", prediction, "gradient", gradient);
        Shapes.requireDistinct("mse", "prediction", prediction, "gradient", gradient);
        Shapes.requireDistinct("mse", "target", target, "gradient", gradient);
        Backend b = prediction.backend();
        b.subtract(prediction, target, gradient);
        double loss = meanOfSquares(b, gradient);
        b.scale(2.0 / prediction.size(), gradient, gradient);
        return loss;
    }

    /** @return k: targets are batch × k like the predictions */
    @Override
    public int targetColumns(int outputs) {
        return outputs;
    }

    @Override
    public double addRows(double sum, double[] prediction, double[] target, double[] gradient, int outputs, int batch,
                          int fromRow, int toRow) {
        long entries = (long) batch * outputs;
        if (outputs < 1 || fromRow < 0 || fromRow > toRow || toRow > batch || prediction.length < entries
                || target.length < entries || gradient.length < entries) {
            throw new IllegalArgumentException("mse: rows " + fromRow + " to " + toRow + " of a batch of " + batch + " × "
                    + outputs + " do not fit arrays of " + prediction.length + ", " + target.length + " and "
                    + gradient.length + " entries");
        }
        double scale = 2.0 / (batch * outputs);
        double total = sum;
        for (int p = fromRow * outputs, end = toRow * outputs; p < end; p++) {
            double difference = prediction[p] - target[p];
            total += difference * difference;
            gradient[p] = scale * difference;
        }
        return total;
    }

    /** @return sum/(batch·k), the mean of the squares */
    @Override
    public double value(double sum, int outputs, int batch) {
        return sum / (batch * outputs);
    }

    private static double meanOfSquares(Backend b, Tensor difference) {
        return b.dot(difference, difference) / difference.size();
    }

    private static void check(Tensor prediction, Tensor target) {
        Shapes.requireNonNull("mse", "prediction", prediction);
        Shapes.requireNonNull("mse", "target", target);
        Shapes.requireSameShape("mse", "prediction", prediction, "target", target);
        if (prediction.size() == 0) {
            throw new IllegalArgumentException("mse: the mean of an empty " + prediction.shape() + " batch is undefined");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
