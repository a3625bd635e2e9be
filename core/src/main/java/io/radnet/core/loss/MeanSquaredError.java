package io.radnet.core.loss;

import io.radnet.api.Backend;
import io.radnet.api.Shapes;
import io.radnet.api.Tensor;

/**
 * Mean squared error over all entries, as the reference implementation's
 * {@code ((P − Y)²).mean()}: L = Σ_{s,j} (P_sj − Y_sj)² / (batch·k), with
 * ∂L/∂P = 2(P − Y)/(batch·k). Targets are batch × k like the predictions.
 */
public final class MeanSquaredError implements Loss {
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
