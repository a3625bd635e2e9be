package io.radnet.bench;

import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Param;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.Optimizer;

/**
 * One training step on a fixed batch, allocation-free after construction: forward, loss and
 * ∂L/∂F, backward into a gradient Param, optimizer update of the network's parameters in
 * place (what {@link io.radnet.core.optim.Trainer} does per batch).
 */
final class TrainingStep {
    private final FeedForwardNetwork network;
    private final Tensor inputs;
    private final Tensor targets;
    private final Loss loss;
    private final Optimizer optimizer;
    private final TrainingPass pass;
    private final Tensor outputGradient;
    private final Param gradient;

    TrainingStep(FeedForwardNetwork network, Tensor inputs, Tensor targets, Loss loss, Optimizer optimizer) {
        this.network = network;
        this.inputs = inputs;
        this.targets = targets;
        this.loss = loss;
        this.optimizer = optimizer;
        this.pass = network.trainingPass(inputs.rows());
        this.outputGradient = network.backend().zeros(inputs.rows(), network.outputWidth());
        this.gradient = network.parameters().zerosLike();
    }

    /** @return the loss before the update */
    double run() {
        double value = pass.forwardLossBackward(inputs, loss, targets, outputGradient, gradient);
        optimizer.step(network.parameters(), gradient);
        return value;
    }

    /** @return the network being trained */
    FeedForwardNetwork network() {
        return network;
    }
}
