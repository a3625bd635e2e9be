package io.radnet.core.loss;

import io.radnet.api.Shapes;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;

/**
 * Softmax cross-entropy with integer labels, averaged over the batch (PyTorch's
 * {@code cross_entropy} with mean reduction): for logits P (batch × k) and labels y_s ∈
 * {0, …, k − 1}, L = (1/batch)·Σ_s (logsumexp(P_s) − P_{s,y_s}), and
 * ∂L/∂P_s = (softmax(P_s) − e_{y_s})/batch. Computed with the row maximum subtracted, so it
 * neither overflows nor underflows for any finite logits.
 *
 * <p>Targets are a batch × 1 tensor whose entries are integers in [0, k).
 *
 * <p>The logits, labels and gradient pass through per-thread arrays that are reused while the
 * batch shape stays the same, so a training step allocates nothing here.
 */
public final class SoftmaxCrossEntropy implements Loss {
    /** Per-thread arrays for the logits, the labels and the gradient, in that order. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);
    /** Creates the loss; it keeps no state. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public String name() {
        return "ce";
    }

    @Override
    public double value(Tensor prediction, Tensor target) {
        return compute(prediction, target, null);
    }

    @Override
    public double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
        Shapes.requireNonNull("cross-entropy", "gradient", gradient);
        Shapes.requireSameShape("cross-entropy", "prediction", prediction, "gradient", gradient);
        Shapes.requireDistinct("cross-entropy", "prediction", prediction, "gradient", gradient);
        Shapes.requireDistinct("cross-entropy", "target", target, "gradient", gradient);
        return compute(prediction, target, gradient);
    }

    private static double compute(Tensor prediction, Tensor target, Tensor gradient) {
        Shapes.requireNonNull("cross-entropy", "prediction", prediction);
        Shapes.requireNonNull("cross-entropy", "target", target);
        int batch = prediction.rows();
        int k = prediction.cols();
        if (batch == 0 || k == 0) {
            throw new IllegalArgumentException("cross-entropy: needs at least one sample and one class, got logits "
                    + prediction.shape());
        }
        if (target.rows() != batch || target.cols() != 1) {
            throw new ShapeMismatchException("cross-entropy: labels must be " + batch + "x1 (one class index per row of the "
                    + prediction.shape() + " logits) but are " + target.shape());
        }
        double[][] scratch = SCRATCH.get();
        double[] logits = scratch(scratch, 0, prediction.size());
        double[] labels = scratch(scratch, 1, batch);
        double[] grad = gradient == null ? null : scratch(scratch, 2, prediction.size());
        prediction.toRowMajor(logits);
        target.toRowMajor(labels);
        double total = 0.0;
        for (int s = 0; s < batch; s++) {
            double label = labels[s];
            if (!(label >= 0 && label < k && label == Math.rint(label))) {
                throw new IllegalArgumentException("cross-entropy: label " + label + " of sample " + s
                        + " is not a class index in 0.." + (k - 1));
            }
            int base = s * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[base + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logits[base + j] - max);
            }
            double logSum = max + Math.log(sum);
            total += logSum - logits[base + (int) label];
            if (grad != null) {
                for (int j = 0; j < k; j++) {
                    grad[base + j] = Math.exp(logits[base + j] - logSum) / batch;
                }
                grad[base + (int) label] -= 1.0 / batch;
            }
        }
        if (grad != null) {
            gradient.setRowMajor(grad);
        }
        return total / batch;
    }

    /** @return the calling thread's array of the slot, of exactly length entries (reallocated when the length changes) */
    private static double[] scratch(double[][] scratch, int slot, int length) {
        if (scratch[slot].length != length) {
            scratch[slot] = new double[length];
        }
        return scratch[slot];
    }

    /** Targets must be one column of class indices 0 … n_L − 1. */
    @Override
    public void requireValidTargets(Tensor targets, int outputWidth) {
        if (targets.cols() != 1) {
            throw new IllegalArgumentException("cross-entropy needs targets with one column of class indices, but the"
                    + " targets have " + targets.cols() + " columns");
        }
        double[] labels = targets.toRowMajor();
        for (int s = 0; s < labels.length; s++) {
            double label = labels[s];
            if (!(label >= 0 && label < outputWidth && label == Math.rint(label))) {
                throw new IllegalArgumentException("cross-entropy: the label " + label + " of sample " + s
                        + " is not a class index in 0.." + (outputWidth - 1) + " (the network has " + outputWidth
                        + " outputs)");
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
