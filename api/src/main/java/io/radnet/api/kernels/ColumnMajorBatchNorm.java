package io.radnet.api.kernels;

import io.radnet.api.Tensor;
import java.nio.DoubleBuffer;
import java.util.function.Function;

/**
 * The batch-normalisation capabilities ({@code batchNormStatistics}, {@code batchNormForward},
 * {@code batchNormBackward} of {@link io.radnet.api.Backend}) for a backend whose tensors are
 * column-major in one {@link DoubleBuffer} each (ND4J, JBLAS): entry (i, j) of an m × n tensor
 * at i + j·m. With the F features in the rows (perRow) the values of a feature are a row, hence
 * interleaved in storage; with the features in the columns, a column, hence feature-major
 * (see {@link BatchNormKernels}, whose arithmetic this is). Kernels, not entry points: the
 * backend's shared checks have run.
 */
public final class ColumnMajorBatchNorm {
    private ColumnMajorBatchNorm() {
    }

    /**
     * {@link BatchNormKernels#statistics} of x.
     *
     * @param storage the backend's buffer of a tensor
     * @param x F × M (perRow) or M × F
     * @param perRow whether the features are the rows of x
     * @param mean F, overwritten
     * @param centeredSquares F, overwritten
     */
    public static void statistics(Function<Tensor, DoubleBuffer> storage, Tensor x, boolean perRow, Tensor mean,
                                  Tensor centeredSquares) {
        BatchNormKernels.statistics(storage.apply(x), features(x, perRow), count(x, perRow), !perRow,
                storage.apply(mean), storage.apply(centeredSquares), null);
    }

    /**
     * {@link BatchNormKernels#forward} of x into out.
     *
     * @param storage the backend's buffer of a tensor
     * @param x F × M (perRow) or M × F
     * @param perRow whether the features are the rows of x
     * @param mean μ, F
     * @param inverseDeviation s, F
     * @param weight γ, F
     * @param bias β, F
     * @param relu whether ReLU follows
     * @param out shaped as x, overwritten; distinct from x
     */
    public static void forward(Function<Tensor, DoubleBuffer> storage, Tensor x, boolean perRow, Tensor mean,
                               Tensor inverseDeviation, Tensor weight, Tensor bias, boolean relu, Tensor out) {
        BatchNormKernels.forward(storage.apply(x), features(x, perRow), count(x, perRow), !perRow, storage.apply(mean),
                storage.apply(inverseDeviation), storage.apply(weight), storage.apply(bias), relu, storage.apply(out));
    }

    /**
     * {@link BatchNormKernels#backward}: the parameter gradients and, if dx is given, ∂L/∂x.
     *
     * @param storage the backend's buffer of a tensor
     * @param dOut ∂L/∂out, shaped as x
     * @param x the forward's input, F × M (perRow) or M × F
     * @param perRow whether the features are the rows of x
     * @param mean μ
     * @param inverseDeviation s
     * @param weight γ
     * @param bias β
     * @param relu whether ReLU followed in the forward
     * @param batchStatistics whether μ and s were the batch's own statistics
     * @param biasGradient F, overwritten
     * @param weightGradient F, overwritten
     * @param dx null, or shaped as x and overwritten; distinct from dOut and x
     */
    public static void backward(Function<Tensor, DoubleBuffer> storage, Tensor dOut, Tensor x, boolean perRow,
                                Tensor mean, Tensor inverseDeviation, Tensor weight, Tensor bias, boolean relu,
                                boolean batchStatistics, Tensor biasGradient, Tensor weightGradient, Tensor dx) {
        BatchNormKernels.backward(storage.apply(dOut), storage.apply(x), features(x, perRow), count(x, perRow), !perRow,
                storage.apply(mean), storage.apply(inverseDeviation), storage.apply(weight), storage.apply(bias), relu,
                batchStatistics, storage.apply(biasGradient), storage.apply(weightGradient),
                dx == null ? null : storage.apply(dx), null);
    }

    private static int features(Tensor x, boolean perRow) {
        return perRow ? x.rows() : x.cols();
    }

    private static int count(Tensor x, boolean perRow) {
        return perRow ? x.cols() : x.rows();
    }
}
