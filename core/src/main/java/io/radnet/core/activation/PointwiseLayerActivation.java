package io.radnet.core.activation;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A pointwise activation σ applied to every entry of a layer: out = σ(z), ∂L/∂z = σ′(z) ∘ g.
 * It has no shift parameter.
 */
public final class PointwiseLayerActivation implements LayerActivation {
    private final PointwiseActivation sigma;

    /**
     * @param sigma the activation
     */
    public PointwiseLayerActivation(PointwiseActivation sigma) {
        this.sigma = Objects.requireNonNull(sigma, "sigma");
    }

    /** @return σ */
    public PointwiseActivation activation() {
        return sigma;
    }

    @Override
    public String name() {
        return sigma.toString();
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public LayerKernel kernel(Backend backend, int batch, int width) {
        DoubleUnaryOperator activation = sigma::apply;
        DoubleBinaryOperator activationBackward = (pre, upstream) -> sigma.derivative(pre) * upstream;
        return new LayerKernel() {
            private Tensor preActivation;

            @Override
            public void forward(Tensor z, double shift, Tensor out) {
                this.preActivation = z;
                backend.map(z, activation, out);
            }

            @Override
            public double backward(Tensor g, Tensor dz, boolean wantShiftGradient) {
                backend.zip(preActivation, g, activationBackward, dz);
                return 0.0;
            }
        };
    }
}
