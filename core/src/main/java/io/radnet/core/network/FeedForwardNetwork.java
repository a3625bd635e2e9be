package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.core.activation.LayerActivation;
import io.radnet.core.activation.LayerKernel;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A feed-forward network with widths n = (n₀, …, n_L): affine layers z_i = W_i a_{i−1} + b_i,
 * an activation a_i = act_i(z_i) after every hidden layer i &lt; L (with the shift s_i when the
 * parameters carry shifts), and an affine last layer, F(x) = z_L (radial paper, §3).
 *
 * <p>Batches given and returned hold one sample per row, so layer i computes
 * Z_i = A_{i−1}·W_iᵀ + 1·b_iᵀ (internally transposed, see the training pass). The backward
 * pass is the exact chain rule: with Δ_i = ∂L/∂Z_i, ∂L/∂W_i = Δ_iᵀ·A_{i−1},
 * ∂L/∂b_i = 1ᵀ·Δ_i, ∂L/∂A_{i−1} = Δ_i·W_i, and Δ_{i−1} = J_{act}ᵀ(∂L/∂A_{i−1}).
 */
public abstract class FeedForwardNetwork implements Network {
    private final Param param;
    private final List<LayerActivation> activations;
    private final boolean trainableShifts;
    private final boolean layerBiases;

    /**
     * A network with layer biases.
     *
     * @param param the parameters, adopted (not copied): the network trains them in place
     * @param activations one activation per hidden layer, L − 1 of them
     * @param trainableShifts whether the optimizer may change the shifts (the gradient of the
     *     shifts is zero otherwise); requires param to carry shifts
     * @throws IllegalArgumentException if the counts do not match
     */
    protected FeedForwardNetwork(Param param, List<? extends LayerActivation> activations, boolean trainableShifts) {
        this(param, activations, trainableShifts, true);
    }

    /**
     * @param param the parameters, adopted (not copied): the network trains them in place
     * @param activations one activation per hidden layer, L − 1 of them
     * @param trainableShifts whether the optimizer may change the shifts (the gradient of the
     *     shifts is zero otherwise); requires param to carry shifts
     * @param layerBiases false for layers z_i = W_i a_{i−1} without biases: the bias tensors of
     *     param must then be exact zeros, and every training pass leaves ∂L/∂b_i = 0, so
     *     gradient-based training keeps them zero
     * @throws IllegalArgumentException if the counts do not match, or a network without layer
     *     biases is given a non-zero bias
     */
    protected FeedForwardNetwork(Param param, List<? extends LayerActivation> activations, boolean trainableShifts,
                                 boolean layerBiases) {
        this.param = Objects.requireNonNull(param, "param");
        this.layerBiases = layerBiases;
        if (!layerBiases) {
            requireZeroBiases(param);
        }
        this.activations = List.copyOf(activations);
        if (this.activations.size() != param.depth() - 1) {
            throw new IllegalArgumentException("widths " + Arrays.toString(param.widths()) + " have "
                    + (param.depth() - 1) + " hidden layers but " + this.activations.size() + " activations were given");
        }
        if (trainableShifts && !param.hasShifts()) {
            throw new IllegalArgumentException("trainable shifts need parameters that carry shifts");
        }
        this.trainableShifts = trainableShifts;
    }

    /**
     * Fills weights and biases as PyTorch's {@code nn.Linear} does by default: every entry of
     * W_i and b_i independently uniform on (−1/√n_{i−1}, 1/√n_{i−1}). Same law, not the same
     * numbers as PyTorch; deterministic for a seed. Shifts are left as they are.
     *
     * @param param the parameters to overwrite
     * @param seed the seed
     */
    public static void initializeLikePyTorch(Param param, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] n = param.widths();
        for (int i = 1; i < n.length; i++) {
            double bound = 1.0 / Math.sqrt(n[i - 1]);
            double[] w = random.doubles((long) n[i] * n[i - 1], -bound, bound).toArray();
            param.weight(i).setRowMajor(w);
            double[] bias = random.doubles(n[i], -bound, bound).toArray();
            param.bias(i).setRowMajor(bias);
        }
    }

    @Override
    public final Backend backend() {
        return param.backend();
    }

    @Override
    public final Param parameters() {
        return param;
    }

    /** @return a copy of the widths n₀ … n_L */
    public final int[] widths() {
        return param.widths();
    }

    /** @return L, the number of affine layers */
    public final int depth() {
        return param.depth();
    }

    @Override
    public final int inputWidth() {
        return param.width(0);
    }

    @Override
    public final int outputWidth() {
        return param.width(param.depth());
    }

    /** @return the activations of hidden layers 1 … L − 1 */
    public final List<LayerActivation> activations() {
        return activations;
    }

    /** @return whether the optimizer trains the activation shifts */
    public final boolean trainableShifts() {
        return trainableShifts;
    }

    /**
     * @return true if the affine layers carry biases, z_i = W_i a_{i−1} + b_i; false if they
     *     are linear, z_i = W_i a_{i−1} (the bias tensors of {@link #parameters()} are then held
     *     at zero)
     */
    public final boolean layerBiases() {
        return layerBiases;
    }

    private static void requireZeroBiases(Param param) {
        for (int i = 1; i <= param.depth(); i++) {
            double[] bias = param.bias(i).toRowMajor();
            for (int k = 0; k < bias.length; k++) {
                if (bias[k] != 0.0) {
                    throw new IllegalArgumentException("a network without layer biases needs b_" + i
                            + " = 0, but b_" + i + "[" + k + "] = " + bias[k]);
                }
            }
        }
    }

    /**
     * Sets ∂L/∂b_i = 0 in a gradient of a network without layer biases (nothing with biases), so
     * that its biases stay zero under training.
     *
     * @param gradient a gradient in this network's parameter space
     */
    final void clearBiasGradients(Param gradient) {
        if (!layerBiases) {
            for (int i = 1; i <= gradient.depth(); i++) {
                gradient.backend().fill(gradient.bias(i), 0.0);
            }
        }
    }

    @Override
    public final Tensor forward(Tensor x) {
        return partialForward(x, depth());
    }

    /**
     * The partial feedforward map F_i (radial paper, §5): F_0(x) = x,
     * F_i(x) = act_i(W_i F_{i−1}(x) + b_i) for 0 &lt; i &lt; L, and F_L = F.
     *
     * @param x a batch × n₀ tensor of finite inputs, not modified
     * @param i the layer, 0 ≤ i ≤ L
     * @return a new batch × n_i tensor F_i(x)
     * @throws ShapeMismatchException if x does not have n₀ columns
     * @throws io.radnet.api.NonFiniteValueException if x holds NaN or ∞
     */
    public final Tensor partialForward(Tensor x, int i) {
        if (i < 0 || i > depth()) {
            throw new IllegalArgumentException("partial feedforward index must be in 0.." + depth() + ", got " + i);
        }
        checkInput(x, "forward");
        backend().requireAllFinite("forward", "x", x);
        if (i == 0) {
            return backend().copy(x);
        }
        Pass pass = new Pass(x.rows(), i);
        return pass.forward(x);
    }

    /**
     * The dense pass: every layer's products at full width, Z_iᵀ = W_i·A_{i−1}ᵀ + b_i·1ᵀ and the
     * chain rule above.
     */
    @Override
    public TrainingPass trainingPass(int batch) {
        return layerByLayerPass(batch);
    }

    /**
     * @param batch the batch size, at least 1
     * @return the dense pass composed of one backend call per layer and operation, whatever
     *     {@link #trainingPass} of a subclass chooses
     */
    final TrainingPass layerByLayerPass(int batch) {
        return new Pass(BatchTrainingPass.requireBatch(batch), depth());
    }

    /**
     * Stores ∂L/∂s_i for every hidden layer i (zero unless the shifts are trainable) in the
     * gradient, when it carries shifts: one bulk read (when accumulating) and one bulk write.
     *
     * @param gradient the gradient being formed
     * @param values ∂L/∂s_i at index i − 1 as back-propagated; overwritten with what was stored
     * @param accumulate whether to add to the stored values instead of overwriting them
     * @param stored scratch of length L − 1 for the stored values when accumulating
     */
    final void storeShiftGradients(Param gradient, double[] values, boolean accumulate, double[] stored) {
        if (!gradient.hasShifts()) {
            return;
        }
        if (!trainableShifts) {
            Arrays.fill(values, 0.0);
        }
        if (accumulate) {
            gradient.readShifts(stored);
            for (int k = 0; k < values.length; k++) {
                values[k] = stored[k] + values[k];
            }
        }
        gradient.writeShifts(values);
    }

    final void checkInput(Tensor x, String op) {
        Objects.requireNonNull(x, op + ": x");
        if (x.backend() != backend()) {
            throw new BackendMismatchException(op + ": the input (" + x.shape() + ") belongs to backend '"
                    + x.backend().name() + "' but the network's parameters to '" + backend().name()
                    + "'; convert it with Backend.copyOf");
        }
        if (x.cols() != inputWidth()) {
            throw new ShapeMismatchException(op + ": the input is " + x.shape() + " but the network's input width n₀ is "
                    + inputWidth() + " (widths " + Arrays.toString(widths()) + ")");
        }
    }

    /**
     * Buffers and kernels for one batch size, running layers 1 … last. Internally every
     * activation is stored transposed, width × batch (one sample per column), so that the long
     * batch dimension is the inner one of every loop: Z_iᵀ = W_i·A_{i−1}ᵀ + b_i·1ᵀ,
     * ∂L/∂W_i = Δ_iᵀ·A_{i−1} and ∂L/∂A_{i−1}ᵀ = W_iᵀ·Δ_iᵀ. Only the input, the output and
     * their gradients are transposed at the boundary.
     */
    private final class Pass extends BatchTrainingPass {
        private final int last;
        private final Tensor inputTransposed;
        private final Tensor[] preActivations;
        private final Tensor[] layerOutputs;
        private final Tensor[] delta;
        private final Tensor[] dActivation;
        private final Tensor[] biasGradient;
        private final LayerKernel[] kernels;
        private final Tensor output;
        /** s_i at index i − 1, read from the parameters at every forward call. */
        private final double[] shifts;
        /** ∂L/∂s_i at index i − 1, and the stored values when accumulating. */
        private final double[] shiftGradients;
        private final double[] storedShiftGradients;
        private Tensor inputGradientTransposed;

        Pass(int batch, int last) {
            super(FeedForwardNetwork.this, batch, FeedForwardNetwork.this::checkInput);
            this.last = last;
            shifts = new double[depth() - 1];
            shiftGradients = new double[depth() - 1];
            storedShiftGradients = new double[depth() - 1];
            Backend b = backend();
            int[] n = param.widths();
            inputTransposed = b.zeros(n[0], batch);
            preActivations = new Tensor[last + 1];
            layerOutputs = new Tensor[last + 1];
            delta = new Tensor[last + 1];
            dActivation = new Tensor[last + 1];
            biasGradient = new Tensor[last + 1];
            kernels = new LayerKernel[last + 1];
            layerOutputs[0] = inputTransposed;
            for (int i = 1; i <= last; i++) {
                preActivations[i] = b.zeros(n[i], batch);
                if (i < depth()) {
                    layerOutputs[i] = b.zeros(n[i], batch);
                    kernels[i] = activations.get(i - 1).kernel(b, batch, n[i]);
                }
            }
            output = b.zeros(batch, n[last]);
        }

        private void allocateBackwardBuffers() {
            if (delta[1] != null) {
                return;
            }
            Backend b = backend();
            for (int i = 1; i <= last; i++) {
                int n = param.width(i);
                delta[i] = b.zeros(n, batch);
                dActivation[i] = b.zeros(n, batch);
                biasGradient[i] = b.zeros(1, n);
            }
        }

        @Override
        Tensor forwardChecked(Tensor x) {
            Backend b = backend();
            param.readShifts(shifts);
            b.transpose(x, inputTransposed);
            for (int i = 1; i <= last; i++) {
                b.gemm(1.0, param.weight(i), Transpose.NONE, layerOutputs[i - 1], Transpose.NONE, 0.0, preActivations[i]);
                b.addColumnVector(preActivations[i], param.bias(i), preActivations[i]);
                if (i < depth()) {
                    kernels[i].forward(preActivations[i], shifts[i - 1], layerOutputs[i]);
                }
            }
            b.transpose(last == depth() ? preActivations[last] : layerOutputs[last], output);
            return output;
        }

        @Override
        void backwardChecked(Tensor dOutput, ParameterVector gradientVector, boolean accumulate, Tensor dInput) {
            Param gradient = (Param) gradientVector;
            if (last != depth()) {
                throw new IllegalStateException("a partial pass has no backward");
            }
            Backend b = backend();
            allocateBackwardBuffers();
            double beta = accumulate ? 1.0 : 0.0;
            b.transpose(dOutput, delta[last]);
            for (int i = last; i >= 1; i--) {
                Tensor current = delta[i];
                b.gemm(1.0, current, Transpose.NONE, layerOutputs[i - 1], Transpose.TRANSPOSED, beta, gradient.weight(i));
                if (accumulate) {
                    b.rowSums(current, biasGradient[i]);
                    b.add(gradient.bias(i), biasGradient[i], gradient.bias(i));
                } else {
                    b.rowSums(current, gradient.bias(i));
                }
                if (i > 1) {
                    b.gemm(1.0, param.weight(i), Transpose.TRANSPOSED, current, Transpose.NONE, 0.0, dActivation[i - 1]);
                    shiftGradients[i - 2] = kernels[i - 1].backward(dActivation[i - 1], delta[i - 1], trainableShifts);
                } else if (dInput != null) {
                    if (inputGradientTransposed == null) {
                        inputGradientTransposed = b.zeros(param.width(0), batch);
                    }
                    b.gemm(1.0, param.weight(1), Transpose.TRANSPOSED, current, Transpose.NONE, 0.0, inputGradientTransposed);
                    b.transpose(inputGradientTransposed, dInput);
                }
            }
            storeShiftGradients(gradient, shiftGradients, accumulate, storedShiftGradients);
        }
    }
}
