package io.radnet.core.network;

import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.RowLoss;
import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;
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
    /** s_i at index i − 1, read from the parameters at every forward call. */
    private final double[] shifts;
    /** ∂L/∂s_i at index i − 1 from the kernel, and the stored values when accumulating. */
    private final double[] shiftGradients;
    private final double[] storedShiftGradients;
    private final Tensor output;
    private Param gradientLists;
    private List<Tensor> weightGradients;
    private List<Tensor> biasGradients;

    /**
     * @param network the network, whose parameters the pass reads at every forward call
     * @param kernel the backend's kernel for the network's widths, profiles and batch size
     */
    FusedRadialPass(RadialNetwork network, RadialNetworkKernel kernel) {
        super(network, kernel.batch(), network::checkInput);
        this.network = network;
        this.kernel = kernel;
        Param param = network.parameters();
        int layers = param.depth();
        weights = weights(param);
        biases = biases(param);
        shifts = new double[layers - 1];
        shiftGradients = new double[layers - 1];
        storedShiftGradients = new double[layers - 1];
        output = network.backend().zeros(kernel.batch(), network.outputWidth());
    }

    @Override
    Tensor forwardChecked(Tensor x) {
        network.parameters().readShifts(shifts);
        kernel.forward(weights, biases, shifts, x, output);
        return output;
    }

    @Override
    void backwardChecked(Tensor dOutput, ParameterVector gradientVector, boolean accumulate, Tensor dInput) {
        Param gradient = (Param) gradientVector;
        useGradient(gradient);
        kernel.backward(dOutput, weightGradients, biasGradients, accumulate, shiftGradients, dInput);
        network.storeShiftGradients(gradient, shiftGradients, accumulate, storedShiftGradients);
    }

    /**
     * For a loss that can be taken a block of rows at a time ({@link RowLoss}, e.g. the mean
     * squared error), the kernel's {@link RadialNetworkKernel#forwardLossBackward}: each block of
     * samples goes forward, through the loss and backward while its rows are in the cache, with
     * the bits of forward, the loss and backward. Other losses take the default path.
     */
    @Override
    double forwardLossBackwardChecked(Tensor x, Loss loss, Tensor target, Tensor dOutput, ParameterVector gradient) {
        if (!(loss instanceof RowLoss rowLoss)) {
            return super.forwardLossBackwardChecked(x, loss, target, dOutput, gradient);
        }
        Param gradientParam = (Param) gradient;
        useGradient(gradientParam);
        network.parameters().readShifts(shifts);
        boolean shiftsTrained = gradientParam.hasShifts() && network.trainableShifts();
        double value = kernel.forwardLossBackward(weights, biases, shifts, x, target, rowLoss, output, dOutput,
                weightGradients, biasGradients, shiftsTrained ? shiftGradients : null);
        network.storeShiftGradients(gradientParam, shiftGradients, false, storedShiftGradients);
        return value;
    }

    /** The gradient's weight and bias tensors as the kernel takes them, listed once per gradient Param. */
    private void useGradient(Param gradient) {
        if (gradient == gradientLists) {
            return;
        }
        weightGradients = weights(gradient);
        biasGradients = biases(gradient);
        gradientLists = gradient;
    }

    /** @return W₁ … W_L of the parameters, live */
    private static List<Tensor> weights(Param param) {
        List<Tensor> weights = new ArrayList<>();
        for (int i = 1; i <= param.depth(); i++) {
            weights.add(param.weight(i));
        }
        return List.copyOf(weights);
    }

    /** @return b₁ … b_L of the parameters, live */
    private static List<Tensor> biases(Param param) {
        List<Tensor> biases = new ArrayList<>();
        for (int i = 1; i <= param.depth(); i++) {
            biases.add(param.bias(i));
        }
        return List.copyOf(biases);
    }

    /** @return {@link TrainingPass.Method#FUSED} */
    @Override
    public Method method() {
        return Method.FUSED;
    }
}
