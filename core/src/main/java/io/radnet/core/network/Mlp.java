package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.core.activation.PointwiseLayerActivation;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A multilayer perceptron: widths n = (n₀, …, n_L), a pointwise activation σ_i after every
 * hidden layer, an affine last layer. Its parameters carry no shifts.
 */
public final class Mlp extends FeedForwardNetwork {
    private final List<PointwiseActivation> sigmas;

    /**
     * @param param the parameters (without shifts), adopted (not copied)
     * @param sigmas one activation per hidden layer (L − 1)
     */
    public Mlp(Param param, List<PointwiseActivation> sigmas) {
        super(param, sigmas.stream().map(PointwiseLayerActivation::new).toList(), false);
        if (param.hasShifts()) {
            throw new IllegalArgumentException("an MLP has no activation shifts; pass parameters without shifts");
        }
        this.sigmas = List.copyOf(sigmas);
    }

    /**
     * @param param the parameters (without shifts), adopted
     * @param sigma the activation of every hidden layer
     */
    public Mlp(Param param, PointwiseActivation sigma) {
        this(param, Collections.nCopies(param.depth() - 1, Objects.requireNonNull(sigma, "sigma")));
    }

    /**
     * @param backend the backend
     * @param widths n₀ … n_L
     * @param sigma the activation of every hidden layer
     * @param seed the seed
     * @return an MLP initialised as PyTorch's {@code nn.Linear} default
     */
    public static Mlp initialized(Backend backend, int[] widths, PointwiseActivation sigma, long seed) {
        Param p = Param.zeros(backend, widths, false);
        initializeLikePyTorch(p, seed);
        return new Mlp(p, sigma);
    }

    /** @return the activations σ_i of hidden layers 1 … L − 1 */
    public List<PointwiseActivation> activationFunctions() {
        return sigmas;
    }

    @Override
    public String toString() {
        return "Mlp" + java.util.Arrays.toString(widths()) + " " + (sigmas.isEmpty() ? "affine" : sigmas.get(0));
    }
}
