package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;

/**
 * A trainable map ℝ^{n₀} → ℝ^{n_L} applied to batches (one row per sample), with its
 * parameters as a point of a {@link ParameterVector} space and an analytic backward pass.
 */
public interface Network {
    /** @return the backend its parameters live on; inputs must belong to it */
    Backend backend();

    /** @return the parameters, live: the optimizer updates them in place */
    ParameterVector parameters();

    /** @return n₀, the number of input features */
    int inputWidth();

    /** @return n_L, the number of outputs */
    int outputWidth();

    /**
     * @param x a batch × n₀ tensor of finite inputs on {@link #backend()}, not modified
     * @return a new batch × n_L tensor F(x)
     * @throws io.radnet.api.ShapeMismatchException if x does not have n₀ columns
     * @throws io.radnet.api.NonFiniteValueException if x holds NaN or ∞
     */
    Tensor forward(Tensor x);

    /**
     * @param batch the number of rows of the batches the pass will see, ≥ 1
     * @return a forward/backward pass with preallocated buffers for that batch size
     */
    TrainingPass trainingPass(int batch);

    /**
     * A training pass for training only some of the parameters (the rest frozen): its backward
     * writes the tensors of the gradient at the given positions exactly as the pass of
     * {@link #trainingPass(int)} does, bit for bit, and may leave every other tensor of the
     * gradient as it was, skipping work no update reads (e.g. the back-propagation through frozen
     * leading layers). ∂L/∂x, when asked for ({@link TrainingPass#backwardAccumulating}), is
     * exact. The default ignores the restriction.
     *
     * @param batch the number of rows of the batches the pass will see, ≥ 1
     * @param neededTensors positions in {@link #parameters()}{@code .tensors()} whose gradients
     *     are read; not modified, not kept
     * @return the pass
     * @throws IllegalArgumentException if a position is outside the parameters' tensors
     */
    default TrainingPass restrictedTrainingPass(int batch, int[] neededTensors) {
        return trainingPass(batch);
    }

    /**
     * The state outside the parameters that training passes change (batch-norm running
     * statistics and batch counts), for a trainer to save and restore with the parameters when an
     * epoch diverges.
     *
     * @return that state's tensors as a live point (copying into it restores the state), or null
     *     if training changes nothing but the parameters (the default)
     */
    default ParameterVector trainingState() {
        return null;
    }
}
