package io.radnet.core.loss;

import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import java.util.Objects;

/**
 * What a classifier's logits P (samples × k, one row per sample) say: the class probabilities
 * softmax(P_s), the predicted class argmax_j P_{s,j} (the lowest index among equal maxima, as
 * PyTorch's {@code argmax}), the accuracy and the confusion matrix against labels y_s ∈
 * {0, …, k − 1} (a samples × 1 tensor, as {@link SoftmaxCrossEntropy} takes).
 */
public final class Classification {
    private Classification() {
    }

    /**
     * @param logits P, samples × k, k ≥ 1; not modified
     * @return the predicted class of every sample, argmax_j P_{s,j} (first maximum)
     */
    public static int[] predictedClasses(Tensor logits) {
        Objects.requireNonNull(logits, "logits");
        double[] p = logits.toRowMajor();
        int k = logits.cols();
        int[] predicted = new int[logits.rows()];
        for (int s = 0; s < predicted.length; s++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (p[s * k + j] > p[s * k + best]) {
                    best = j;
                }
            }
            predicted[s] = best;
        }
        return predicted;
    }

    /**
     * Row-wise softmax, computed with the row maximum subtracted (no overflow for finite
     * logits): Q_{s,j} = exp(P_{s,j} − max_s) / Σ_i exp(P_{s,i} − max_s); every row sums to 1
     * up to rounding. Dividing by the sum is a few ulps more accurate than
     * exp(P_{s,j} − logsumexp(P_s)), the form of {@link SoftmaxCrossEntropy}'s gradient.
     *
     * @param logits P, samples × k; not modified
     * @return Q, a new tensor of the same shape on the same backend
     */
    public static Tensor probabilities(Tensor logits) {
        Objects.requireNonNull(logits, "logits");
        double[] p = logits.toRowMajor();
        int k = logits.cols();
        double[] q = new double[p.length];
        for (int s = 0; s < logits.rows(); s++) {
            int base = s * k;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, p[base + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < k; j++) {
                q[base + j] = Math.exp(p[base + j] - max);
                sum += q[base + j];
            }
            for (int j = 0; j < k; j++) {
                q[base + j] /= sum;
            }
        }
        return logits.backend().fromRowMajor(logits.rows(), k, q);
    }

    /**
     * @param logits P, samples × k; not modified
     * @param labels y, samples × 1 class indices in [0, k); not modified
     * @return the fraction of samples whose predicted class is the label, in [0, 1]
     * @throws IllegalArgumentException if the shapes disagree or a label is not a class index
     */
    public static double accuracy(Tensor logits, Tensor labels) {
        int[] truth = labels(logits, labels);
        int[] predicted = predictedClasses(logits);
        int correct = 0;
        for (int s = 0; s < predicted.length; s++) {
            correct += predicted[s] == truth[s] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    /**
     * The confusion matrix C (k × k): C[t][p] counts the samples of true class t predicted as
     * class p. Row sums are the class counts of the labels, the trace is the number of correct
     * predictions and the total is the number of samples.
     *
     * @param logits P, samples × k; not modified
     * @param labels y, samples × 1 class indices in [0, k); not modified
     * @return C, rows = true class, columns = predicted class
     * @throws IllegalArgumentException if the shapes disagree or a label is not a class index
     */
    public static long[][] confusion(Tensor logits, Tensor labels) {
        int[] truth = labels(logits, labels);
        int[] predicted = predictedClasses(logits);
        long[][] counts = new long[logits.cols()][logits.cols()];
        for (int s = 0; s < predicted.length; s++) {
            counts[truth[s]][predicted[s]]++;
        }
        return counts;
    }

    private static int[] labels(Tensor logits, Tensor labels) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(labels, "labels");
        if (labels.rows() != logits.rows() || labels.cols() != 1) {
            throw new ShapeMismatchException("classification: labels must be " + logits.rows() + "x1 (one class index per"
                    + " row of the " + logits.shape() + " logits) but are " + labels.shape());
        }
        if (logits.rows() == 0) {
            throw new IllegalArgumentException("classification: needs at least one sample, got logits " + logits.shape());
        }
        double[] y = labels.toRowMajor();
        int k = logits.cols();
        int[] truth = new int[y.length];
        for (int s = 0; s < y.length; s++) {
            if (!(y[s] >= 0 && y[s] < k && y[s] == Math.rint(y[s]))) {
                throw new IllegalArgumentException("classification: label " + y[s] + " of sample " + s
                        + " is not a class index in 0.." + (k - 1));
            }
            truth[s] = (int) y[s];
        }
        return truth;
    }
}
