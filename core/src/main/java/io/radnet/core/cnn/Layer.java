package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One module of a {@link SequentialNetwork}, PyTorch's module of the same name: it maps a batch
 * of features of {@link #inputShape()} to features of {@link #outputShape()} (held as
 * {@link FeatureShape} says), owns its trainable parameters as backend tensors (in PyTorch's
 * state-dict order and row-major PyTorch shapes, e.g. a convolution's weight
 * C_out × (C_in·k·k) for [C_out, C_in, k, k]) and has an analytic batched backward pass.
 *
 * <p><b>Modes.</b> {@link SequentialNetwork#forward} always evaluates (PyTorch's
 * {@code eval()}). A training pass runs each layer in training mode while {@link #training()}
 * holds (the default; PyTorch's {@code train()}): batch normalisation then normalises with the
 * batch's statistics and updates its running statistics, dropout drops. With
 * {@link #setTraining}(false) the layer behaves in training passes as in evaluation (running
 * statistics used and left unchanged, no dropout), as PyTorch's {@code module.eval()} on a frozen
 * block does.
 */
public abstract sealed class Layer permits Conv2d, MaxPool2d, BatchNorm, Dropout, Flatten, Relu, Linear {
    private final Backend backend;
    private final FeatureShape inputShape;
    private final FeatureShape outputShape;
    private volatile boolean training = true;

    Layer(Backend backend, FeatureShape inputShape, FeatureShape outputShape) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
        this.outputShape = outputShape;
    }

    /** @return the backend the parameters and the features live on */
    public final Backend backend() {
        return backend;
    }

    /** @return the features of one input sample */
    public final FeatureShape inputShape() {
        return inputShape;
    }

    /** @return the features of one output sample */
    public final FeatureShape outputShape() {
        return outputShape;
    }

    /** @return PyTorch's class name of the module, e.g. {@code Conv2d} */
    public abstract String typeName();

    /** @return the module as PyTorch prints it, e.g. {@code Conv2d(1, 32, kernel_size=3, stride=1, padding=0)} */
    public abstract String describe();

    /** @return the parameters' state-dict names within the module ({@code weight}, {@code bias}), possibly none */
    public List<String> parameterNames() {
        return List.of();
    }

    /** @return the trainable tensors in the order of {@link #parameterNames()}; live */
    public List<Tensor> parameters() {
        return List.of();
    }

    /** @return the number of trainable scalars */
    public final int parameterCount() {
        int count = 0;
        for (Tensor t : parameters()) {
            count += t.size();
        }
        return count;
    }

    /** @return whether training passes run this layer in training mode (see the class comment) */
    public final boolean training() {
        return training;
    }

    /**
     * @param training whether training passes run this layer in training mode; takes effect at the
     *     next forward of a pass
     */
    public final void setTraining(boolean training) {
        this.training = training;
    }

    /**
     * @param batch N ≥ 1
     * @param trainingPass whether the pass trains (then the layer's {@link #training()} flag
     *     chooses its mode at every forward) or only evaluates
     * @param random the source of dropout masks of this pass
     * @return a pass with buffers for batches of N samples
     */
    abstract LayerPass newPass(int batch, boolean trainingPass, SplittableRandom random);

    /**
     * @param batch N
     * @param shape the features
     * @return a zero tensor for a batch of N samples of that shape, in its layout
     */
    final Tensor batchTensor(int batch, FeatureShape shape) {
        return backend.zeros(shape.tensorRows(batch), shape.tensorCols(batch));
    }

    /**
     * A parameter gradient's store: target ← the term (without accumulate, written straight into
     * target) or target ← target + the term (with accumulate, the term written into scratch first).
     *
     * @param backend the backend of the tensors
     * @param target the gradient, overwritten or added to
     * @param accumulate whether to add
     * @param scratch a tensor of target's shape, overwritten when accumulating
     * @param term writes the term into the tensor it is given (target's shape)
     */
    static void storeGradient(Backend backend, Tensor target, boolean accumulate, Tensor scratch,
                              Consumer<Tensor> term) {
        if (accumulate) {
            term.accept(scratch);
            backend.add(target, scratch, target);
        } else {
            term.accept(target);
        }
    }

    /**
     * @param random the source of the values
     * @param count entries
     * @param bound b > 0
     * @return count values uniform on (−b, b), PyTorch's default law for weights and biases
     *     (kaiming_uniform with a = √5 gives b = 1/√fan_in)
     */
    static double[] uniform(SplittableRandom random, int count, double bound) {
        return random.doubles(count, -bound, bound).toArray();
    }

    @Override
    public String toString() {
        return describe();
    }
}
