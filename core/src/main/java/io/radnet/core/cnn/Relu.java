package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * PyTorch's {@code ReLU}: y = max(x, 0) entrywise, ∂L/∂x = ∂L/∂y where x &gt; 0 and 0 elsewhere
 * (PyTorch's subgradient 0 at x = 0). Any shape; no parameters.
 */
public final class Relu extends Layer {
    private static final DoubleUnaryOperator RELU = value -> value > 0.0 ? value : 0.0;
    private static final DoubleBinaryOperator RELU_BACKWARD = (output, upstream) -> output > 0.0 ? upstream : 0.0;

    /**
     * @param backend the backend
     * @param shape the features (kept)
     */
    Relu(Backend backend, FeatureShape shape) {
        super(backend, shape, shape);
    }

    @Override
    public String typeName() {
        return "ReLU";
    }

    @Override
    public String describe() {
        return "ReLU()";
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Tensor output = batchTensor(batch, outputShape());
        Backend backend = backend();
        return new LayerPass() {
            @Override
            public Tensor forward(Tensor input) {
                backend.map(input, RELU, output);
                return output;
            }

            @Override
            public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                if (dInput != null) {
                    backend.zip(output, dOutput, RELU_BACKWARD, dInput);
                }
            }
        };
    }
}
