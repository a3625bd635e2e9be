package io.radnet.core.network;

import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The dense training pass of a {@link RadialNetwork} through the backend's fused
 * {@link RadialNetworkKernel}: the same computation as the layer-by-layer pass of
 * {@link FeedForwardNetwork#trainingPass}, with every layer at full width, one block of samples
 * at a time through the whole network. Used where the backend offers the kernel.
 */
final class FusedRadialPass extends BatchTrainingPass {
    private final RadialNetwork network;
    private final RadialNetworkKernel kernel;
    private final List<Tensor> weights;
    private final List<Tensor> biases;
    private final double[] shifts;
    private final double[] shiftGradients;
    private final Tensor output;
    private Param gradientLists;
    private List<Tensor> weightGradients;
    private List<Tensor> biasGradients;

    /**
     * @param network the network, whose parameters the pass reads at every forward call
     * @param kernel the backend's kernel for the network's widths, profiles and batch size
     */
    FusedRadialPass(RadialNetwork network, RadialNetworkKernel kernel) {
        super(network, kernel.batch());
        this.network = network;
        this.kernel = kernel;
        Param param = network.parameters();
        int layers = param.depth();
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            w.add(param.weight(i));
            b.add(param.bias(i));
        }
        weights = List.copyOf(w);
        biases = List.copyOf(b);
        shifts = new double[layers - 1];
        shiftGradients = new double[layers - 1];
        output = network.backend().zeros(kernel.batch(), network.outputWidth());
    }

    @Override
    Tensor forwardChecked(Tensor x) {
        for (int i = 1; i <= shifts.length; i++) {
            shifts[i - 1] = network.parameters().shift(i);
        }
        kernel.forward(weights, biases, shifts, x, output);
        return output;
    }

    @Override
    void backwardChecked(Tensor dOutput, Param gradient, boolean accumulate, Tensor dInput) {
        useGradient(gradient);
        kernel.backward(dOutput, weightGradients, biasGradients, accumulate, shiftGradients, dInput);
        for (int i = 1; i <= shiftGradients.length; i++) {
            network.storeShiftGradient(gradient, i, shiftGradients[i - 1], accumulate);
        }
    }

    /** The gradient's weight and bias tensors as the kernel takes them, listed once per gradient Param. */
    private void useGradient(Param gradient) {
        if (gradient == gradientLists) {
            return;
        }
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        for (int i = 1; i <= gradient.depth(); i++) {
            w.add(gradient.weight(i));
            b.add(gradient.bias(i));
        }
        weightGradients = List.copyOf(w);
        biasGradients = List.copyOf(b);
        gradientLists = gradient;
    }
}
