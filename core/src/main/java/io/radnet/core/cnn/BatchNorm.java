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
    private long batchesTracked;

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
        return batchesTracked;
    }

    /**
     * @param count num_batches_tracked, ≥ 0 (as read from a model file)
     * @throws IllegalArgumentException if negative
     */
    public final void setBatchesTracked(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("num_batches_tracked must be non-negative, got " + count);
        }
        this.batchesTracked = count;
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
        return new Pass(batch, trainingPass);
    }

    private void sums(Tensor a, Tensor out) {
        if (perRow) {
            backend().rowSums(a, out);
        } else {
            backend().columnSums(a, out);
        }
    }

    private void dots(Tensor a, Tensor b, Tensor out) {
        if (perRow) {
            backend().rowDots(a, b, out);
        } else {
            backend().columnDots(a, b, out);
        }
    }

    private void scale(Tensor a, Tensor factors, Tensor out) {
        if (perRow) {
            backend().scaleRows(a, factors, out);
        } else {
            backend().scaleColumns(a, factors, out);
        }
    }

    private void addVector(Tensor a, Tensor vector, Tensor out) {
        if (perRow) {
            backend().addColumnVector(a, vector, out);
        } else {
            backend().addRowVector(a, vector, out);
        }
    }

    /** Buffers for one batch size; the per-feature arithmetic runs on arrays of length C. */
    private final class Pass implements LayerPass {
        private final Backend backend = backend();
        private final boolean trainingPass;
        private final Tensor output;
        private final Tensor normalized;
        private final Tensor scratch;
        private final Tensor vector;
        private final Tensor secondVector;
        private final double[] mean = new double[features];
        private final double[] inverseDeviation = new double[features];
        private final double[] factors = new double[features];
        private final double[] values = new double[features];
        private final double[] secondValues = new double[features];
        private final int count;
        private boolean batchStatistics;

        Pass(int batch, boolean trainingPass) {
            this.trainingPass = trainingPass;
            this.output = batchTensor(batch, outputShape());
            this.normalized = batchTensor(batch, outputShape());
            this.scratch = trainingPass ? batchTensor(batch, outputShape()) : null;
            this.vector = backend.zeros(1, features);
            this.secondVector = backend.zeros(1, features);
            this.count = perRow ? output.cols() : output.rows();
        }

        @Override
        public Tensor forward(Tensor input) {
            batchStatistics = trainingPass && training();
            if (batchStatistics) {
                if (count < 2) {
                    throw new IllegalArgumentException(typeName() + ": training mode needs more than one value per feature,"
                            + " got a batch of " + count);
                }
                sums(input, vector);
                vector.toRowMajor(mean);
                for (int c = 0; c < features; c++) {
                    mean[c] /= count;
                    values[c] = -mean[c];
                }
                vector.setRowMajor(values);
                addVector(input, vector, normalized);
                dots(normalized, normalized, vector);
                vector.toRowMajor(values);
                runningMean.toRowMajor(secondValues);
                for (int c = 0; c < features; c++) {
                    secondValues[c] = (1.0 - MOMENTUM) * secondValues[c] + MOMENTUM * mean[c];
                }
                runningMean.setRowMajor(secondValues);
                runningVariance.toRowMajor(secondValues);
                for (int c = 0; c < features; c++) {
                    double variance = values[c] / count;
                    inverseDeviation[c] = 1.0 / Math.sqrt(variance + EPSILON);
                    secondValues[c] = (1.0 - MOMENTUM) * secondValues[c] + MOMENTUM * (values[c] / (count - 1));
                }
                runningVariance.setRowMajor(secondValues);
                batchesTracked++;
            } else {
                runningMean.toRowMajor(mean);
                runningVariance.toRowMajor(values);
                for (int c = 0; c < features; c++) {
                    inverseDeviation[c] = 1.0 / Math.sqrt(values[c] + EPSILON);
                    values[c] = -mean[c];
                }
                vector.setRowMajor(values);
                addVector(input, vector, normalized);
            }
            vector.setRowMajor(inverseDeviation);
            scale(normalized, vector, normalized);
            scale(normalized, weight, output);
            addVector(output, bias, output);
            return output;
        }

        @Override
        public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
            Tensor weightGradient = gradients.get(0);
            Tensor biasGradient = gradients.get(1);
            sums(dOutput, vector);
            dots(dOutput, normalized, secondVector);
            if (dInput != null) {
                weight.toRowMajor(factors);
                for (int c = 0; c < features; c++) {
                    factors[c] *= inverseDeviation[c];
                }
                if (batchStatistics) {
                    vector.toRowMajor(values);
                    secondVector.toRowMajor(secondValues);
                    for (int c = 0; c < features; c++) {
                        values[c] = -factors[c] * values[c] / count;
                        secondValues[c] = factors[c] * secondValues[c] / count;
                    }
                }
            }
            if (accumulate) {
                backend.add(biasGradient, vector, biasGradient);
                backend.add(weightGradient, secondVector, weightGradient);
            } else {
                backend.copy(vector, biasGradient);
                backend.copy(secondVector, weightGradient);
            }
            if (dInput == null) {
                return;
            }
            vector.setRowMajor(factors);
            scale(dOutput, vector, dInput);
            if (batchStatistics) {
                secondVector.setRowMajor(secondValues);
                scale(normalized, secondVector, scratch);
                backend.subtract(dInput, scratch, dInput);
                vector.setRowMajor(values);
                addVector(dInput, vector, dInput);
            }
        }
    }
}
