package io.radnet.core.network;

import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;

/**
 * What every training pass of a {@link FeedForwardNetwork} shares: one batch size, the input
 * checks of forward, the rule that backward follows a forward call, the checks of backward, and
 * its two entry points (overwriting and accumulating).
 */
abstract class BatchTrainingPass implements TrainingPass {
    private final FeedForwardNetwork network;
    private final int batch;
    private boolean forwardDone;

    /**
     * @param network the network whose parameters the pass trains
     * @param batch the batch size, at least 1
     * @throws IllegalArgumentException if batch &lt; 1
     */
    BatchTrainingPass(FeedForwardNetwork network, int batch) {
        this.network = network;
        this.batch = FeedForwardNetwork.requireBatch(batch);
    }

    @Override
    public final int batch() {
        return batch;
    }

    @Override
    public final Tensor forward(Tensor x) {
        network.checkInput(x, "forward");
        if (x.rows() != batch) {
            throw new ShapeMismatchException("forward: this training pass is for batches of " + batch
                    + " rows but the input is " + x.shape());
        }
        Tensor output = forwardChecked(x);
        forwardDone = true;
        return output;
    }

    @Override
    public final void backward(Tensor dOutput, Param gradient) {
        backward(dOutput, gradient, false, null);
    }

    @Override
    public final void backwardAccumulating(Tensor dOutput, Param gradientSum, Tensor dInput) {
        backward(dOutput, gradientSum, true, dInput);
    }

    private void backward(Tensor dOutput, Param gradient, boolean accumulate, Tensor dInput) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        network.checkBackward(gradient, dOutput, dInput, batch);
        backwardChecked(dOutput, gradient, accumulate, dInput);
    }

    /**
     * See {@link #forward}; x is batch × n₀ of the network's backend.
     *
     * @param x the input, kept by reference until backward
     * @return the output buffer
     */
    abstract Tensor forwardChecked(Tensor x);

    /**
     * See {@link #backwardAccumulating}; a forward call came first and the arguments fit.
     *
     * @param dOutput ∂L/∂F(x)
     * @param gradient overwritten with ∂L/∂θ, or added to when accumulating
     * @param accumulate whether to add
     * @param dInput null or ∂L/∂x
     */
    abstract void backwardChecked(Tensor dOutput, Param gradient, boolean accumulate, Tensor dInput);
}
