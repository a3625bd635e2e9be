package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batch normalisation over C features (Ioffe and Szegedy; PyTorch's {@code BatchNorm1d} and
 * {@code BatchNorm2d} with affine weight γ and bias β): y = γ·x̂ + β per feature c, with
 * x̂ = (x − μ_c)/√(σ²_c + ε), ε = {@value #EPSILON}.
 *
 * <p>In training mode μ_c and σ²_c are the mean and the biased variance of feature c over the
 * M values of the batch (M = N for {@link BatchNorm1d}, N·H·W for {@link BatchNorm2d}), and the
 * running statistics move by momentum m = {@value #MOMENTUM}: running_mean ← (1 − m)·running_mean
 * + m·μ, running_var ← (1 − m)·running_var + m·σ²·M/(M − 1) (the unbiased variance, as PyTorch),
 * num_batches_tracked ← +1. The backward pass is the exact one through the batch statistics:
 * ∂L/∂β = Σ g, ∂L/∂γ = Σ g∘x̂, ∂L/∂x = γ/√(σ² + ε)·(g − ∂L/∂β/M − x̂·∂L/∂γ/M) per feature.
 * In evaluation mode μ and σ² are the running statistics (initially 0 and 1), left unchanged,
 * and ∂L/∂x = γ/√(σ² + ε)·g. γ starts at 1 and β at 0. Both are trainable parameters
 * ({@code weight}, {@code bias}, 1 × C); the running statistics are state, not parameters.
 */
public abstract sealed class BatchNorm extends Layer permits BatchNorm1d, BatchNorm2d {
    /** ε, added to the variance. */
    public static final double EPSILON = 1e-5;
    /** m, the running statistics' momentum. */
    public static final double MOMENTUM = 0.1;

    private final int features;
    private final boolean perRow;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVariance;
    /** num_batches_tracked as a 1 × 1 tensor (exact up to 2⁵³), so that it is state beside the statistics. */
    private final Tensor batchesTracked;

    /**
     * @param backend the backend
     * @param shape the features (kept)
     * @param perRow whether the statistics are per row of the batch tensor (plane layout) or per column (rows)
     */
    BatchNorm(Backend backend, FeatureShape shape, boolean perRow) {
        super(backend, shape, shape);
        this.features = shape.channels();
        this.perRow = perRow;
        double[] ones = new double[features];
        java.util.Arrays.fill(ones, 1.0);
        this.weight = backend.fromRowMajor(1, features, ones);
        this.bias = backend.zeros(1, features);
        this.runningMean = backend.zeros(1, features);
        this.runningVariance = backend.fromRowMajor(1, features, ones.clone());
        this.batchesTracked = backend.zeros(1, 1);
    }

    /** @return C, the number of normalised features (channels) */
    public final int features() {
        return features;
    }

    /** @return the running mean, 1 × C, live */
    public final Tensor runningMean() {
        return runningMean;
    }

    /** @return the running (unbiased) variance, 1 × C, live */
    public final Tensor runningVariance() {
        return runningVariance;
    }

    /** @return num_batches_tracked, the training-mode forward passes so far */
    public final long batchesTracked() {
        return (long) batchesTracked.get(0, 0);
    }

    /**
     * @return the state training passes change, live: running mean (1 × C), running variance
     *     (1 × C) and num_batches_tracked (1 × 1)
     */
    final List<Tensor> state() {
        return List.of(runningMean, runningVariance, batchesTracked);
    }

    /**
     * @param count num_batches_tracked, 0 ≤ count ≤ 2⁵³ (as read from a model file)
     * @throws IllegalArgumentException if negative or above 2⁵³
     */
    public final void setBatchesTracked(long count) {
        if (count < 0 || count > 1L << 53) {
            throw new IllegalArgumentException("num_batches_tracked must be in [0, 2^53], got " + count);
        }
        batchesTracked.set(0, 0, count);
    }

    @Override
    public final List<String> parameterNames() {
        return List.of("weight", "bias");
    }

    @Override
    public final List<Tensor> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public final String describe() {
        return typeName() + "(" + features + ", eps=1e-05, momentum=" + MOMENTUM
                + ", affine=True, track_running_stats=True)";
    }

    @Override
    final LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        return new Pass(batch, trainingPass, false);
    }

    /**
     * @param batch N ≥ 1
     * @param trainingPass whether the pass trains
     * @return a pass of this layer followed by a {@link Relu} on its output: the output is
     *     max(y, 0) and the backward pass takes ∂L/∂(ReLU's output), the ReLU's gradient folded
     *     into the normalisation's (one pass over the maps each way instead of two)
     */
    final LayerPass newPassWithRelu(int batch, boolean trainingPass) {
        return new Pass(batch, trainingPass, true);
    }

    /**
     * Buffers for one batch size: the output and the per-feature vectors; the forward's input is
     * kept by reference and x̂ recomputed from it in the backward pass
     * ({@link Backend#batchNormForward}, {@link Backend#batchNormBackward}).
     */
    private final class Pass implements LayerPass {
        private final Backend backend = backend();
        private final boolean trainingPass;
        private final boolean relu;
        private final Tensor output;
        private final Tensor meanVector;
        private final Tensor deviationVector;
        private final Tensor squaresVector;
        private final Tensor weightGradient;
        private final Tensor biasGradient;
        private final double[] mean = new double[features];
        private final double[] inverseDeviation = new double[features];
        private final double[] values = new double[features];
        private final int count;
        private Tensor input;
        private boolean batchStatistics;

        Pass(int batch, boolean trainingPass, boolean relu) {
            this.trainingPass = trainingPass;
            this.relu = relu;
            this.output = batchTensor(batch, outputShape());
            this.meanVector = backend.zeros(1, features);
            this.deviationVector = backend.zeros(1, features);
            this.squaresVector = backend.zeros(1, features);
            this.weightGradient = trainingPass ? backend.zeros(1, features) : null;
            this.biasGradient = trainingPass ? backend.zeros(1, features) : null;
            this.count = perRow ? output.cols() : output.rows();
        }

        @Override
        public Tensor forward(Tensor x) {
            input = x;
            batchStatistics = trainingPass && training();
            if (batchStatistics) {
                if (count < 2) {
                    throw new IllegalArgumentException(typeName() + ": training mode needs more than one value per feature,"
                            + " got a batch of " + count);
                }
                backend.batchNormStatistics(x, perRow, meanVector, squaresVector);
                meanVector.toRowMajor(mean);
                squaresVector.toRowMajor(values);
                runningMean.toRowMajor(inverseDeviation);
                for (int c = 0; c < features; c++) {
                    inverseDeviation[c] = (1.0 - MOMENTUM) * inverseDeviation[c] + MOMENTUM * mean[c];
                }
                runningMean.setRowMajor(inverseDeviation);
                runningVariance.toRowMajor(inverseDeviation);
                for (int c = 0; c < features; c++) {
                    inverseDeviation[c] = (1.0 - MOMENTUM) * inverseDeviation[c] + MOMENTUM * (values[c] / (count - 1));
                }
                runningVariance.setRowMajor(inverseDeviation);
                for (int c = 0; c < features; c++) {
                    inverseDeviation[c] = 1.0 / Math.sqrt(values[c] / count + EPSILON);
                }
                batchesTracked.set(0, 0, batchesTracked.get(0, 0) + 1.0);
            } else {
                backend.copy(runningMean, meanVector);
                runningVariance.toRowMajor(values);
                for (int c = 0; c < features; c++) {
                    inverseDeviation[c] = 1.0 / Math.sqrt(values[c] + EPSILON);
                }
            }
            deviationVector.setRowMajor(inverseDeviation);
            backend.batchNormForward(x, perRow, meanVector, deviationVector, weight, bias, relu, output);
            return output;
        }

        @Override
        public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
            boolean own = accumulate || gradients == null;
            Tensor weightTarget = own ? weightGradient : gradients.get(0);
            Tensor biasTarget = own ? biasGradient : gradients.get(1);
            backend.batchNormBackward(dOutput, input, perRow, meanVector, deviationVector, weight, bias, relu,
                    batchStatistics, biasTarget, weightTarget, dInput);
            if (accumulate && gradients != null) {
                backend.add(gradients.get(0), weightGradient, gradients.get(0));
                backend.add(gradients.get(1), biasGradient, gradients.get(1));
            }
        }
    }
}
