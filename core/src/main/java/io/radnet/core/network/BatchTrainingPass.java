package io.radnet.core.network;

import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;
import java.util.Objects;

/**
 * The training-pass protocol every pass of this package follows (dense, subspace, fused and
 * the passes of networks built from other networks): one batch size; forward checks the input
 * (the network's own check, then the batch's row count) and runs {@link #forwardChecked};
 * backward refuses to run before a forward call, checks that the gradient is of the network's
 * parameter space, that ∂L/∂F(x) is batch × n_L and that ∂L/∂x (when asked for) is
 * batch × n₀, and runs {@link #backwardChecked}, overwriting or accumulating. Every pass reports
 * a bad call with the same messages.
 */
abstract class BatchTrainingPass implements TrainingPass {
    /** The network's check of a forward input: backend and column count, with its own message. */
    @FunctionalInterface
    interface InputCheck {
        /**
         * @param x the input
         * @param op the operation, for the message
         */
        void check(Tensor x, String op);
    }

    private final Network network;
    private final InputCheck inputCheck;
    /** The number of rows of every input, at least 1. */
    final int batch;
    private boolean forwardDone;

    /**
     * @param network the network whose parameters the pass trains
     * @param batch the batch size, at least 1
     * @param inputCheck the network's check of a forward input
     * @throws IllegalArgumentException if batch &lt; 1
     */
    BatchTrainingPass(Network network, int batch, InputCheck inputCheck) {
        this.network = network;
        this.batch = requireBatch(batch);
        this.inputCheck = inputCheck;
    }

    /**
     * @param batch a batch size
     * @return batch
     * @throws IllegalArgumentException if batch &lt; 1
     */
    static int requireBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a training pass needs a batch size of at least 1, got " + batch);
        }
        return batch;
    }

    @Override
    public final int batch() {
        return batch;
    }

    @Override
    public final Tensor forward(Tensor x) {
        requireInput(x);
        Tensor output = forwardChecked(x);
        forwardDone = true;
        return output;
    }

    /** The network's check of x, then its row count. */
    private void requireInput(Tensor x) {
        inputCheck.check(x, "forward");
        if (x.rows() != batch) {
            throw new ShapeMismatchException("forward: this training pass is for batches of " + batch
                    + " rows but the input is " + x.shape());
        }
    }

    /**
     * Checks x as {@link #forward} and the gradient and dOutput as {@link #backward}, then runs
     * {@link #forwardLossBackwardChecked}.
     */
    @Override
    public final double forwardLossBackward(Tensor x, Loss loss, Tensor target, Tensor dOutput,
                                            ParameterVector gradient) {
        Objects.requireNonNull(loss, "loss");
        requireInput(x);
        requireBackward(dOutput, gradient, null);
        forwardDone = false;
        double value = forwardLossBackwardChecked(x, loss, target, dOutput, gradient);
        clearBiasGradients(gradient);
        return value;
    }

    /**
     * See {@link #forwardLossBackward}; x, dOutput and the gradient checked. This default runs
     * {@link #forwardChecked}, {@link Loss#valueAndGradient} and {@link #backwardChecked}.
     *
     * @param x the input
     * @param loss the loss
     * @param target the targets
     * @param dOutput receives ∂L/∂F(x)
     * @param gradient overwritten with ∂L/∂θ
     * @return L
     */
    double forwardLossBackwardChecked(Tensor x, Loss loss, Tensor target, Tensor dOutput, ParameterVector gradient) {
        double value = loss.valueAndGradient(forwardChecked(x), target, dOutput);
        backwardChecked(dOutput, gradient, false, null);
        return value;
    }

    @Override
    public final void backward(Tensor dOutput, ParameterVector gradient) {
        backward(dOutput, gradient, false, null);
    }

    @Override
    public final void backwardAccumulating(Tensor dOutput, ParameterVector gradientSum, Tensor dInput) {
        backward(dOutput, gradientSum, true, dInput);
    }

    private void backward(Tensor dOutput, ParameterVector gradient, boolean accumulate, Tensor dInput) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first");
        }
        requireBackward(dOutput, gradient, dInput);
        backwardChecked(dOutput, gradient, accumulate, dInput);
        clearBiasGradients(gradient);
    }

    /** The gradient is of the network's parameter space, dOutput batch × n_L, dInput null or batch × n₀. */
    private void requireBackward(Tensor dOutput, ParameterVector gradient, Tensor dInput) {
        network.parameters().requireSameSpace(gradient, "backward");
        Objects.requireNonNull(dOutput, "dOutput");
        int outputs = network.outputWidth();
        if (dOutput.rows() != batch || dOutput.cols() != outputs) {
            throw new ShapeMismatchException("backward: dOutput must be " + batch + "x" + outputs + " but is "
                    + dOutput.shape());
        }
        int inputs = network.inputWidth();
        if (dInput != null && (dInput.rows() != batch || dInput.cols() != inputs)) {
            throw new ShapeMismatchException("backward: dInput must be " + batch + "x" + inputs + " but is "
                    + dInput.shape());
        }
    }

    /** The gradients of a feed-forward network's biases that are not trained, set to 0. */
    private void clearBiasGradients(ParameterVector gradient) {
        if (network instanceof FeedForwardNetwork feedForward) {
            feedForward.clearBiasGradients((Param) gradient);
        }
    }

    /**
     * See {@link #forward}; x is a checked batch × n₀ tensor of the network's backend.
     *
     * @param x the input, kept by reference until backward
     * @return the batch × n_L output buffer of this pass
     */
    abstract Tensor forwardChecked(Tensor x);

    /**
     * See {@link #backwardAccumulating}; a forward call came first and the arguments fit.
     *
     * @param dOutput ∂L/∂F(x), batch × n_L
     * @param gradient of the network's parameter space (a {@link Param} for a
     *     {@link FeedForwardNetwork}); overwritten with ∂L/∂θ, or added to when accumulating
     * @param accumulate whether to add
     * @param dInput null, or a batch × n₀ tensor to overwrite with ∂L/∂x
     */
    abstract void backwardChecked(Tensor dOutput, ParameterVector gradient, boolean accumulate, Tensor dInput);
}
