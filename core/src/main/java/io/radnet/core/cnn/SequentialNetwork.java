package io.radnet.core.cnn;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.network.NamedParameters;
import io.radnet.core.network.Network;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A sequence of {@link Layer}s grouped into named {@link Block}s, PyTorch's {@code nn.Sequential}
 * of the same modules: F = f_{L−1} ∘ … ∘ f_0, module i being the i-th layer over all blocks in
 * order. Inputs and outputs are rows, one sample per row: an input of C × H × W maps is N × (C·H·W)
 * in NCHW order (for one channel simply the N × (H·W) images), an output of flat features N × F.
 *
 * <p>Parameters ({@link #parameters()}): the layers' trainable tensors named as PyTorch's state
 * dict names them, {@code {i}.weight}, {@code {i}.bias} with i the module index; batch-norm
 * running statistics are state of the {@link BatchNorm} layers, not parameters.
 * {@link #forward} evaluates (batch normalisation with running statistics, no dropout) in chunks
 * of {@value #EVALUATION_BATCH} samples; {@link #trainingPass} trains (see {@link Layer} for the
 * modes and {@link #setTraining} to freeze a block's statistics). The backward pass is the exact
 * chain rule through every layer. Dropout masks come from a random source seeded at build time,
 * split once per training pass. Not thread-safe.
 */
public final class SequentialNetwork implements Network {
    /** The samples {@link #forward} runs at a time. */
    public static final int EVALUATION_BATCH = 128;

    private final Backend backend;
    private final FeatureShape inputShape;
    private final List<Block> blocks;
    private final List<Layer> layers;
    private final NamedParameters parameters;
    private final ParameterVector trainingState;
    private final int[] parameterOffsets;
    private final SplittableRandom dropoutRandom;
    private final Map<Integer, Pass> evaluationPasses = new HashMap<>();

    private SequentialNetwork(Backend backend, FeatureShape inputShape, List<Block> blocks, SplittableRandom dropoutRandom) {
        this.backend = backend;
        this.inputShape = inputShape;
        this.blocks = List.copyOf(blocks);
        List<Layer> all = new ArrayList<>();
        for (Block block : blocks) {
            all.addAll(block.layers());
        }
        this.layers = List.copyOf(all);
        List<String> names = new ArrayList<>();
        List<Tensor> tensors = new ArrayList<>();
        this.parameterOffsets = new int[layers.size() + 1];
        for (int i = 0; i < layers.size(); i++) {
            parameterOffsets[i] = tensors.size();
            for (String name : layers.get(i).parameterNames()) {
                names.add(i + "." + name);
            }
            tensors.addAll(layers.get(i).parameters());
        }
        parameterOffsets[layers.size()] = tensors.size();
        this.parameters = NamedParameters.of(backend, names, tensors);
        List<Tensor> state = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof BatchNorm norm) {
                state.addAll(norm.state());
            }
        }
        this.trainingState = state.isEmpty() ? null : ParameterVector.of(state);
        this.dropoutRandom = dropoutRandom;
    }

    /**
     * @param backend the backend of the parameters
     * @param input the features of one input sample
     * @param seed the seed of the initial parameters and of the dropout masks
     * @return a builder; layers go into the block opened last by {@link Builder#block}
     */
    public static Builder builder(Backend backend, FeatureShape input, long seed) {
        return new Builder(backend, input, seed);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public NamedParameters parameters() {
        return parameters;
    }

    /**
     * @return every batch-norm layer's running mean, running variance and num_batches_tracked
     *     (1 × 1) in module order, live; null without batch normalisation
     */
    @Override
    public ParameterVector trainingState() {
        return trainingState;
    }

    @Override
    public int inputWidth() {
        return inputShape.size();
    }

    @Override
    public int outputWidth() {
        return outputShape().size();
    }

    /** @return the features of one input sample */
    public FeatureShape inputShape() {
        return inputShape;
    }

    /** @return the features of one output sample */
    public FeatureShape outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** @return the blocks in order */
    public List<Block> blocks() {
        return blocks;
    }

    /**
     * @param name a block's name
     * @return that block
     * @throws IllegalArgumentException naming the blocks if there is none of that name
     */
    public Block block(String name) {
        for (Block block : blocks) {
            if (block.name().equals(name)) {
                return block;
            }
        }
        throw new IllegalArgumentException("no block named '" + name + "'; the blocks are "
                + blocks.stream().map(Block::name).toList());
    }

    /** @return every layer in module order (module i is layers().get(i)) */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * @param name a block's name
     * @param training whether training passes run the block's layers in training mode (false
     *     freezes its batch-norm statistics and switches its dropout off, see {@link Layer})
     * @throws IllegalArgumentException if there is no block of that name
     */
    public void setTraining(String name, boolean training) {
        for (Layer layer : block(name).layers()) {
            layer.setTraining(training);
        }
    }

    /** @return the modules as PyTorch prints an {@code nn.Sequential}, one per line, with the blocks */
    public String describe() {
        StringBuilder text = new StringBuilder();
        int index = 0;
        for (Block block : blocks) {
            text.append(block.name()).append(":\n");
            for (Layer layer : block.layers()) {
                text.append("  (").append(index++).append("): ").append(layer.describe()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "SequentialNetwork(" + inputShape + " -> " + outputShape() + ", " + layers.size() + " modules in "
                + blocks.size() + " blocks, " + parameters.size() + " parameters, on " + backend.name() + ")";
    }

    /**
     * Evaluates F(x) with every layer in evaluation mode, {@value #EVALUATION_BATCH} samples at a time.
     *
     * @param x N × (C·H·W) finite inputs, one sample per row, not modified
     * @return a new N × F tensor
     * @throws ShapeMismatchException if x does not have {@link #inputWidth()} columns
     * @throws io.radnet.api.NonFiniteValueException if x holds NaN or ∞
     */
    @Override
    public Tensor forward(Tensor x) {
        checkInput(x, "forward");
        backend.requireAllFinite("forward", "x", x);
        int rows = x.rows();
        Tensor result = backend.zeros(rows, outputWidth());
        for (int first = 0; first < rows; first += EVALUATION_BATCH) {
            int count = Math.min(EVALUATION_BATCH, rows - first);
            Pass pass = evaluationPass(count);
            if (count == rows) {
                backend.copy(pass.forward(x), result);
            } else {
                try (Tensor chunk = backend.zeros(count, inputWidth())) {
                    backend.copyBlock(x, first, 0, count, inputWidth(), chunk, 0, 0);
                    backend.copyBlock(pass.forward(chunk), 0, 0, count, outputWidth(), result, first, 0);
                }
            }
        }
        return result;
    }

    /**
     * @param count the rows of a chunk, at most {@value #EVALUATION_BATCH}
     * @return the cached evaluation pass for that many rows; besides the one for full chunks at
     *     most one other size is kept
     */
    private Pass evaluationPass(int count) {
        Pass pass = evaluationPasses.get(count);
        if (pass == null) {
            evaluationPasses.keySet().removeIf(size -> size != EVALUATION_BATCH);
            pass = new Pass(count, false, null, null);
            evaluationPasses.put(count, pass);
        }
        return pass;
    }

    @Override
    public TrainingPass trainingPass(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a training pass needs a batch size of at least 1, got " + batch);
        }
        return new Pass(batch, true, dropoutRandom.split(), null);
    }

    /**
     * A training pass for training some of the parameters: the backward pass computes the
     * parameter gradients of the layers holding a needed tensor (all of a layer's, bitwise as
     * {@link #trainingPass(int)}'s pass: the same operations on the same values) and propagates
     * ∂L/∂x only down to the first such layer, unless ∂L/∂x of the input is asked for; the
     * gradients of the other layers' tensors are left as they were. For the intrinsic paper's S2
     * (blocks 2 and 4 trained) this skips block 1's backward pass entirely and block 3's weight
     * gradient. Dropout masks come from the network's source as for {@link #trainingPass(int)}.
     *
     * @param batch the batch size, at least 1
     * @param neededTensors positions in {@link #parameters()}{@code .tensors()}
     * @return the pass
     * @throws IllegalArgumentException if the batch size is below 1 or a position is outside the tensors
     */
    @Override
    public TrainingPass restrictedTrainingPass(int batch, int[] neededTensors) {
        if (batch < 1) {
            throw new IllegalArgumentException("a training pass needs a batch size of at least 1, got " + batch);
        }
        Objects.requireNonNull(neededTensors, "neededTensors");
        boolean[] needed = new boolean[layers.size()];
        for (int position : neededTensors) {
            if (position < 0 || position >= parameterOffsets[layers.size()]) {
                throw new IllegalArgumentException("trainingPass: tensor " + position + " is not one of the network's "
                        + parameterOffsets[layers.size()] + " parameter tensors");
            }
            int layer = 0;
            while (parameterOffsets[layer + 1] <= position) {
                layer++;
            }
            needed[layer] = true;
        }
        return new Pass(batch, true, dropoutRandom.split(), needed);
    }

    /**
     * A training pass whose dropout masks come from the given seed instead of the network's own
     * source: two such passes with one seed draw the same masks in the same order (for
     * reproducible runs and finite-difference checks).
     *
     * @param batch the batch size, at least 1
     * @param dropoutSeed the seed of the masks
     * @return the pass
     */
    public TrainingPass trainingPass(int batch, long dropoutSeed) {
        if (batch < 1) {
            throw new IllegalArgumentException("a training pass needs a batch size of at least 1, got " + batch);
        }
        return new Pass(batch, true, new SplittableRandom(dropoutSeed), null);
    }

    private void checkInput(Tensor x, String op) {
        Objects.requireNonNull(x, op + ": x");
        if (x.backend() != backend) {
            throw new BackendMismatchException(op + ": the input (" + x.shape() + ") belongs to backend '"
                    + x.backend().name() + "' but the network's parameters to '" + backend.name()
                    + "'; convert it with Backend.copyOf");
        }
        if (x.cols() != inputWidth()) {
            throw new ShapeMismatchException(op + ": the input is " + x.shape() + " but the network takes "
                    + inputWidth() + " features per sample (" + inputShape + ")");
        }
    }

    /**
     * One batch size's buffers: the input in the first layer's layout (planes C × (N·H·W) for
     * maps), each stage's pass, the gradients between stages, and the output as rows.
     */
    private final class Pass implements TrainingPass {
        private final int batch;
        private final List<Stage> stages = new ArrayList<>();
        private final Tensor inputPlanes;
        private final Tensor outputRows;
        private final Tensor outputGradientPlanes;
        private final Tensor[] inputGradients;
        private final boolean[] layerNeeded;
        private final int firstNeededLayer;
        private Tensor firstInputGradient;
        private boolean forwardDone;

        /**
         * @param layerNeeded per layer, whether its parameter gradients are read; null when all are
         */
        Pass(int batch, boolean trainingPass, SplittableRandom random, boolean[] layerNeeded) {
            this.batch = batch;
            this.layerNeeded = layerNeeded;
            int first = 0;
            while (layerNeeded != null && first < layers.size() && !layerNeeded[first]) {
                first++;
            }
            this.firstNeededLayer = first;
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                if (layer instanceof BatchNorm norm && i + 1 < layers.size() && layers.get(i + 1) instanceof Relu) {
                    stages.add(new Stage(i, i + 2, norm.newPassWithRelu(batch, trainingPass)));
                    i++;
                } else {
                    stages.add(new Stage(i, i + 1, layer.newPass(batch, trainingPass, random)));
                }
            }
            this.inputPlanes = inputShape.spatial() ? layers.get(0).batchTensor(batch, inputShape) : null;
            FeatureShape out = outputShape();
            this.outputRows = out.spatial() ? backend.zeros(batch, out.size()) : null;
            this.outputGradientPlanes = out.spatial() && trainingPass ? layers.get(0).batchTensor(batch, out) : null;
            this.inputGradients = new Tensor[layers.size()];
        }

        @Override
        public int batch() {
            return batch;
        }

        @Override
        public Tensor forward(Tensor x) {
            checkInput(x, "forward");
            if (x.rows() != batch) {
                throw new ShapeMismatchException("forward: this training pass is for batches of " + batch
                        + " rows but the input is " + x.shape());
            }
            Tensor current = x;
            if (inputPlanes != null) {
                toPlanes(x, inputShape, inputPlanes);
                current = inputPlanes;
            }
            for (Stage stage : stages) {
                current = stage.pass().forward(current);
            }
            if (outputRows != null) {
                backend.transposeBlocks(current, outputShape().pixels(), outputRows);
                current = outputRows;
            }
            forwardDone = true;
            return current;
        }

        /** rows N × (C·H·W) → planes C × (N·H·W); for one channel the same row-major sequence. */
        private void toPlanes(Tensor rows, FeatureShape shape, Tensor planes) {
            if (shape.channels() == 1) {
                backend.copyReshaped(rows, planes);
            } else {
                backend.transposeBlocks(rows, shape.pixels(), planes);
            }
        }

        @Override
        public void backward(Tensor dOutput, ParameterVector gradient) {
            backward(dOutput, gradient, false, null);
        }

        @Override
        public void backwardAccumulating(Tensor dOutput, ParameterVector gradientSum, Tensor dInput) {
            backward(dOutput, gradientSum, true, dInput);
        }

        private void backward(Tensor dOutput, ParameterVector gradient, boolean accumulate, Tensor dInput) {
            if (!forwardDone) {
                throw new IllegalStateException("backward needs a forward pass first");
            }
            if (!parameters.sameSpaceAs(gradient)) {
                throw new IllegalArgumentException("backward: the gradient (" + (gradient == null ? "null"
                        : gradient.describe()) + ") is not of the network's parameter space (" + parameters.describe() + ")");
            }
            Objects.requireNonNull(dOutput, "dOutput");
            if (dOutput.rows() != batch || dOutput.cols() != outputWidth()) {
                throw new ShapeMismatchException("backward: dOutput must be " + batch + "x" + outputWidth() + " but is "
                        + dOutput.shape());
            }
            if (dInput != null && (dInput.rows() != batch || dInput.cols() != inputWidth())) {
                throw new ShapeMismatchException("backward: dInput must be " + batch + "x" + inputWidth() + " but is "
                        + dInput.shape());
            }
            Tensor upstream = dOutput;
            if (outputRows != null) {
                toPlanes(dOutput, outputShape(), outputGradientPlanes);
                upstream = outputGradientPlanes;
            }
            List<Tensor> gradients = gradient.tensors();
            int skipped = dInput == null ? firstNeededLayer : 0;
            for (int index = stages.size() - 1; index >= 0 && stages.get(index).end() > skipped; index--) {
                Stage stage = stages.get(index);
                int i = stage.first();
                Tensor target = i > skipped ? inputGradient(i) : skipped > 0 ? null : firstLayerInputGradient(dInput);
                stage.pass().backward(upstream, stageGradients(stage, gradients), accumulate, target);
                upstream = target;
            }
            if (dInput != null && inputPlanes != null) {
                backend.transposeBlocks(upstream, inputShape.pixels(), dInput);
            }
        }

        /** @return the buffer of ∂L/∂(input of layer i), i ≥ 1, allocated on first use */
        private Tensor inputGradient(int i) {
            if (inputGradients[i] == null) {
                inputGradients[i] = layers.get(i).batchTensor(batch, layers.get(i).inputShape());
            }
            return inputGradients[i];
        }

        /**
         * @return the stage's parameter gradients, or null when none of its layers is needed (its
         *     pass then skips computing them)
         */
        private List<Tensor> stageGradients(Stage stage, List<Tensor> gradients) {
            List<Tensor> own = gradients.subList(parameterOffsets[stage.first()], parameterOffsets[stage.end()]);
            if (layerNeeded == null) {
                return own;
            }
            for (int i = stage.first(); i < stage.end(); i++) {
                if (layerNeeded[i]) {
                    return own;
                }
            }
            return null;
        }

        private Tensor firstLayerInputGradient(Tensor dInput) {
            if (dInput == null || inputPlanes == null) {
                return dInput;
            }
            if (firstInputGradient == null) {
                firstInputGradient = layers.get(0).batchTensor(batch, inputShape);
            }
            return firstInputGradient;
        }
    }

    /**
     * Layers first … end − 1 run as one pass: a single layer, or a {@link BatchNorm} with the
     * {@link Relu} after it fused ({@link BatchNorm#newPassWithRelu}); the pass's parameters are
     * those of its layers, in order.
     *
     * @param first the index of the stage's first layer
     * @param end one past its last layer
     * @param pass the pass, taking the first layer's input and giving the last layer's output
     */
    private record Stage(int first, int end, LayerPass pass) {
    }

    /**
     * Adds layers one at a time, each checked against the features the previous one gives
     * (a bad layer fails at its call, naming the shapes), and initialises each as PyTorch's
     * default from one seeded random source. Layers go into the block opened last.
     */
    public static final class Builder {
        private final Backend backend;
        private final FeatureShape input;
        private final SplittableRandom initialization;
        private final SplittableRandom dropoutRandom;
        private final List<Block> blocks = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private String blockName;
        private List<Layer> blockLayers;
        private FeatureShape current;

        private Builder(Backend backend, FeatureShape input, long seed) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.input = Objects.requireNonNull(input, "input");
            SplittableRandom root = new SplittableRandom(seed);
            this.initialization = root.split();
            this.dropoutRandom = root.split();
            this.current = input;
        }

        /**
         * Closes the open block (if any) and opens a new one.
         *
         * @param name the block's name, unique
         * @return this builder
         * @throws IllegalArgumentException if the name is empty or taken, or the open block has no layer
         */
        public Builder block(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || !names.add(name)) {
                throw new IllegalArgumentException("block name '" + name + "' is empty or used twice");
            }
            closeBlock();
            blockName = name;
            blockLayers = new ArrayList<>();
            return this;
        }

        private void closeBlock() {
            if (blockName != null) {
                blocks.add(new Block(blockName, blockLayers));
            }
        }

        private Builder add(Layer layer) {
            if (blockName == null) {
                throw new IllegalStateException("open a block with block(name) before adding " + layer.typeName());
            }
            blockLayers.add(layer);
            current = layer.outputShape();
            return this;
        }

        /** @return the features the layers added so far give */
        public FeatureShape currentShape() {
            return current;
        }

        /**
         * @param outputChannels C_out
         * @param kernel k
         * @return this builder, with {@code Conv2d(C_in, C_out, k)} (stride 1, no padding, bias) added
         */
        public Builder conv2d(int outputChannels, int kernel) {
            return conv2d(outputChannels, kernel, 1, 0, true);
        }

        /**
         * @param outputChannels C_out ≥ 1
         * @param kernel k ≥ 1
         * @param stride s ≥ 1
         * @param padding 0 ≤ p &lt; k
         * @param bias whether the layer has a bias
         * @return this builder, with a {@link Conv2d} added
         */
        public Builder conv2d(int outputChannels, int kernel, int stride, int padding, boolean bias) {
            return add(new Conv2d(backend, current, outputChannels, kernel, stride, padding, bias, initialization));
        }

        /**
         * @param kernel k, also the stride
         * @return this builder, with {@code MaxPool2d(k)} added
         */
        public Builder maxPool2d(int kernel) {
            return maxPool2d(kernel, kernel);
        }

        /**
         * @param kernel k
         * @param stride s
         * @return this builder, with {@code MaxPool2d(k, stride=s)} added
         */
        public Builder maxPool2d(int kernel, int stride) {
            return add(new MaxPool2d(backend, current, kernel, stride));
        }

        /** @return this builder, with a {@link BatchNorm2d} over the current channels added */
        public Builder batchNorm2d() {
            return add(new BatchNorm2d(backend, current));
        }

        /** @return this builder, with a {@link BatchNorm1d} over the current features added */
        public Builder batchNorm1d() {
            return add(new BatchNorm1d(backend, current));
        }

        /** @return this builder, with a {@link Relu} added */
        public Builder relu() {
            return add(new Relu(backend, current));
        }

        /**
         * @param probability p in [0, 1)
         * @return this builder, with a {@link Dropout} added
         */
        public Builder dropout(double probability) {
            return add(new Dropout(backend, current, probability));
        }

        /** @return this builder, with a {@link Flatten} added */
        public Builder flatten() {
            return add(new Flatten(backend, current));
        }

        /**
         * @param outputs out
         * @return this builder, with {@code Linear(in, out)} (with bias) added
         */
        public Builder linear(int outputs) {
            return linear(outputs, true);
        }

        /**
         * @param outputs out ≥ 1
         * @param bias whether the layer has a bias
         * @return this builder, with a {@link Linear} added
         */
        public Builder linear(int outputs, boolean bias) {
            return add(new Linear(backend, current, outputs, bias, initialization));
        }

        /**
         * @return the network
         * @throws IllegalStateException if no layer was added
         */
        public SequentialNetwork build() {
            if (blockName == null || blockLayers.isEmpty()) {
                throw new IllegalStateException("a sequential network needs at least one block with at least one layer");
            }
            closeBlock();
            SequentialNetwork network = new SequentialNetwork(backend, input, blocks, dropoutRandom);
            blockName = null;
            return network;
        }
    }
}
