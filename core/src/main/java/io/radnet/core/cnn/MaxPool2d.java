package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * PyTorch's {@code MaxPool2d(k, stride=s)} without padding: y[c, oy, ox] = the maximum of
 * x[c, oy·s + i, ox·s + j] over 0 ≤ i, j &lt; k ({@link Backend#maxPool}); the backward pass
 * routes ∂L/∂y to the first maximum of each window ({@link Backend#maxPoolBackward}), as
 * PyTorch's CPU kernel does. No parameters.
 */
public final class MaxPool2d extends Layer {
    private final ConvolutionGeometry geometry;

    /**
     * @param backend the backend
     * @param input spatial features
     * @param kernel k ≥ 1
     * @param stride s ≥ 1 (PyTorch's default is k)
     * @throws IllegalArgumentException if the input is not spatial or the window does not fit
     */
    MaxPool2d(Backend backend, FeatureShape input, int kernel, int stride) {
        this(backend, input, geometry(input, kernel, stride));
    }

    private MaxPool2d(Backend backend, FeatureShape input, ConvolutionGeometry geometry) {
        super(backend, input, FeatureShape.maps(input.channels(), geometry.outputHeight(), geometry.outputWidth()));
        this.geometry = geometry;
    }

    private static ConvolutionGeometry geometry(FeatureShape input, int kernel, int stride) {
        if (!input.spatial()) {
            throw new IllegalArgumentException("MaxPool2d needs spatial input, got a vector of " + input.channels());
        }
        return new ConvolutionGeometry(input.channels(), input.height(), input.width(), kernel, stride, 0);
    }

    /** @return the input maps and the window */
    public ConvolutionGeometry geometry() {
        return geometry;
    }

    @Override
    public String typeName() {
        return "MaxPool2d";
    }

    @Override
    public String describe() {
        return "MaxPool2d(kernel_size=" + geometry.kernel() + ", stride=" + geometry.stride() + ", padding=0)";
    }

    @Override
    LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random) {
        Tensor output = batchTensor(batch, outputShape());
        int[] argmax = new int[output.size()];
        Backend backend = backend();
        return new LayerPass() {
            @Override
            public Tensor forward(Tensor input) {
                backend.maxPool(input, geometry, output, argmax);
                return output;
            }

            @Override
            public void backward(Tensor dOutput, List<Tensor> gradients, boolean accumulate, Tensor dInput) {
                if (dInput != null) {
                    backend.maxPoolBackward(dOutput, argmax, dInput);
                }
            }
        };
    }
}
