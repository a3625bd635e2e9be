package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code Linear(in, out)} on rows: Y = X·Wᵀ + 1·bᵀ for X of N × in, W of out × in,
 * b of 1 × out; backward ∂L/∂W = ∂L/∂Yᵀ·X, ∂L/∂b = the column sums of ∂L/∂Y,
 * ∂L/∂X = ∂L/∂Y·W. Initialised as PyTorch's default: W and b uniform on (−1/√in, 1/√in).
 */
public final class Linear extends Layer {
    private final Tensor weight;
    private final Tensor bias;

    /**
     * @param backend the backend
     * @param input flat features (in)
     * @param outputs out ≥ 1
     * @param hasBias whether there is a bias
     * @param random the source of the initial values
     * @throws IllegalArgumentException if the input is spatial (flatten it first) or out &lt; 1
     */
    Linear(Backend backend, FeatureShape input, int outputs, boolean hasBias, SplittableRandom random) {
        super(backend, requireFlat(input), FeatureShape.vector(requirePositive(outputs)));
        if ((long) outputs * input.channels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Linear: a " + outputs + " x " + input.channels()
                    + " weight exceeds a Java array");
        }
        double bound = 1.0 / Math.sqrt(input.channels());
        this.weight = backend.fromRowMajor(outputs, input.channels(), uniform(random, outputs * input.channels(), bound));
        this.bias = hasBias ? backend.fromRowMajor(1, outputs, uniform(random, outputs, bound)) : null;
    }

    private static FeatureShape requireFlat(FeatureShape input) {
        if (input.spatial()) {
            throw new IllegalArgumentException("Linear needs flat input; add a Flatten after the " + input + " maps");
        }
        return input;
    }

    private static int requirePositive(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("Linear needs at least one output, got " + outputs);
        }
        return outputs;
    }

    /** @return whether the layer has a bias */
    public boolean hasBias() {
        return bias != null;
    }

    /** @return the weight, out × in, live */
    public Tensor weight() {
        return weight;
    }

    @Override
    public String typeName() {
        return "Linear";
    }

    @Override
    public String describe() {
        return "Linear(in_features=" + inputShape().channels() + ", out_features=" + outputShape().channels() + ", bias="
                + (bias == null ? "False" : "True") + ")";
    }

    @Override
    public List<String> parameterNames() {
        return bias == null ? List.of("weight") : List.of("weight", "bias");
    }

    @Override
    public List<Tensor> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Backend backend = backend();
        Tensor output = batchTensor(batch, outputShape());
        Tensor biasGradient = bias == null ? null : backend.zeros(1, outputShape().channels());
        return new LayerPass() {
            private Tensor input;

            @Override
            public Tensor forward(Tensor x) {
                this.input = x;
                backend.gemm(1.0, x, Transpose.NONE, weight, Transpose.TRANSPOSED, 0.0, output);
                if (bias != null) {
                    backend.addRowVector(output, bias, output);
                }
                return output;
            }

            @Override
            public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                if (gradients != null) {
                    parameterGradients(dOutput, gradients, accumulate);
                }
                if (dInput != null) {
                    backend.gemm(1.0, dOutput, Transpose.NONE, weight, Transpose.NONE, 0.0, dInput);
                }
            }

            private void parameterGradients(Tensor dOutput, List<Tensor> gradients, boolean accumulate) {
                backend.gemm(1.0, dOutput, Transpose.TRANSPOSED, input, Transpose.NONE, accumulate ? 1.0 : 0.0,
                        gradients.get(0));
                if (bias != null) {
                    storeGradient(backend, gradients.get(1), accumulate, biasGradient,
                            term -> backend.columnSums(dOutput, term));
                }
            }
        };
    }
}
