package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.TrainingDivergedException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What the reference implementation's noisy-image scripts 4 and 5 ({@link RadialExperiment4},
 * {@link RadialExperiment5}; not in the radial paper's text, settings in {@code papers/README.md})
 * share: the two models, their training and the published figures.
 *
 * <p>For originals of dimension d and n of them (784 and 3 in the scripts):
 * <ul>
 * <li>the radial network of widths (d, d + 1, d + 2, n), (784, 785, 786, 3) in the scripts, with
 * the Step-ReLU profile η(r) = r for r ≥ 1 and 10⁻⁶ below ({@link RadialProfiles#stepRelu(double)})
 * after both hidden layers and no activation shifts: the scripts' {@code RadNet(eta=stepReLU_eta,
 * dims, has_bias=False)}, whose {@code has_bias} is the activation shift; its layers are
 * {@code nn.Linear} with their biases, as here;</li>
 * <li>the ReLU MLP of widths (d, d + 1, d + 2, n, n), Linear(d, d + 1)–ReLU–Linear(d + 1, d + 2)–
 * ReLU–Linear(d + 2, n)–ReLU–Linear(n, n): the scripts' {@code make_relu_network} puts a ReLU
 * after every linear layer of the widths and then the n × n output layer;</li>
 * <li>both initialised as PyTorch's {@code nn.Linear} default (seeded) and trained by full-batch
 * gradient descent, learning rate 0.05, on the softmax cross-entropy of the label.</li>
 * </ul>
 * An epoch is one step on all the training copies; its loss and accuracy are those of its
 * forward pass, before the step, as the scripts' training loop reports them.
 */
public final class NoisyImageRecovery {
    /** The scripts' learning rate, 0.05. */
    public static final double LEARNING_RATE = 0.05;
    /** The scripts' noise scale: the noise ball's radius is 3 × the distance to the nearest other original. */
    public static final double NOISE_SCALE = 3.0;
    /** The value of the scripts' Step-ReLU η below the step, 10⁻⁶. */
    public static final double STEP_RELU_BELOW = 1e-6;
    /** The scripts' number of originals, 3. */
    public static final int ORIGINALS = 3;
    /** The pixels of a Fashion-MNIST image, 28 × 28: the dimension d of the originals. */
    public static final int IMAGE_PIXELS = 28 * 28;
    /** The class of Fashion-MNIST whose first images are the originals by default: 3 (dress). */
    public static final int DEFAULT_CLASS = 3;

    /** Published (reference repository, Results-summary-2), script 4: radial final loss. */
    public static final Summary PUBLISHED_RADIAL_LOSS = new Summary(3.91e-3, 3.2e-5);
    /** Published, script 4: radial final accuracy. */
    public static final Summary PUBLISHED_RADIAL_ACCURACY = new Summary(1.0, 0.0);
    /** Published, script 4: ReLU MLP final loss. */
    public static final Summary PUBLISHED_RELU_LOSS = new Summary(0.311, 0.289);
    /** Published, script 4: ReLU MLP final accuracy. */
    public static final Summary PUBLISHED_RELU_ACCURACY = new Summary(0.921, 0.249);
    /** Published, held-out variant: radial test loss (no deviation given). */
    public static final Summary PUBLISHED_RADIAL_TEST_LOSS = new Summary(3.1e-3, Double.NaN);
    /** Published, held-out variant: radial test accuracy (no deviation given). */
    public static final Summary PUBLISHED_RADIAL_TEST_ACCURACY = new Summary(1.0, Double.NaN);
    /** Published, held-out variant: ReLU MLP test loss. */
    public static final Summary PUBLISHED_RELU_TEST_LOSS = new Summary(0.214, 0.258);
    /** Published, held-out variant: ReLU MLP test accuracy. */
    public static final Summary PUBLISHED_RELU_TEST_ACCURACY = new Summary(0.88, 0.158);

    private NoisyImageRecovery() {
    }

    /**
     * The originals of the scripts, taken from Fashion-MNIST instead of MNIST: the first
     * {@code count} images of a class in the training file, in file order (the scripts take the
     * first images of the label in a shuffled batch of MNIST).
     *
     * @param backend the backend the training set is read onto (see {@link Datasets#fashionMnist})
     * @param imageClass the class, 0 … 9 (the scripts' label 3 by default: {@link #DEFAULT_CLASS})
     * @param count how many originals, ≥ 2
     * @return count rows of 784 pixels scaled to [0, 1]
     * @throws IllegalArgumentException if the class is not 0 … 9, count &lt; 2 or the class has
     *     fewer than count images
     * @throws io.radnet.core.io.ModelFileException in one line if the files are missing or
     *     corrupt, and {@link io.radnet.core.io.DataTooLargeException} if they do not fit in the
     *     heap (see {@link Datasets#fashionMnist(Backend, Datasets.Split)})
     */
    public static double[][] fashionMnistOriginals(Backend backend, int imageClass, int count) {
        if (imageClass < 0 || imageClass >= Datasets.FASHION_MNIST_CLASSES) {
            throw new IllegalArgumentException("a Fashion-MNIST class is 0.." + (Datasets.FASHION_MNIST_CLASSES - 1)
                    + ", got " + imageClass);
        }
        if (count < 2) {
            throw new IllegalArgumentException("noisy image recovery needs at least 2 originals, got " + count);
        }
        Dataset training = Datasets.fashionMnist(backend, Datasets.Split.TRAIN);
        double[] labels = training.targets().toRowMajor();
        double[][] originals = new double[count][];
        int found = 0;
        try (Tensor row = backend.zeros(1, training.inputWidth())) {
            for (int s = 0; s < labels.length && found < count; s++) {
                if (labels[s] == imageClass) {
                    backend.copyBlock(training.inputs(), s, 0, 1, training.inputWidth(), row, 0, 0);
                    originals[found++] = row.toRowMajor();
                }
            }
        }
        if (found < count) {
            throw new IllegalArgumentException("the Fashion-MNIST training set has " + found + " images of class "
                    + imageClass + ", fewer than the " + count + " asked for");
        }
        return originals;
    }

    /**
     * @param dimension d, the originals' dimension
     * @param classes n, the number of originals
     * @return the radial network's widths (d, d + 1, d + 2, n)
     */
    public static int[] radialWidths(int dimension, int classes) {
        return new int[] {dimension, dimension + 1, dimension + 2, classes};
    }

    /**
     * @param dimension d, the originals' dimension
     * @param classes n, the number of originals
     * @return the ReLU MLP's widths (d, d + 1, d + 2, n, n)
     */
    public static int[] reluWidths(int dimension, int classes) {
        return new int[] {dimension, dimension + 1, dimension + 2, classes, classes};
    }

    /**
     * @param backend where the parameters live
     * @param dimension d
     * @param classes n
     * @param seed the initialisation's seed
     * @param layerBiases true for the reference code's layers ({@code nn.Linear} with biases),
     *     false for linear layers without biases (the same weights for the same seed, biases zero)
     * @return the Step-ReLU radial network (d, d + 1, d + 2, n), no activation shifts
     */
    static RadialNetwork radialNetwork(Backend backend, int dimension, int classes, long seed, boolean layerBiases) {
        int[] widths = radialWidths(dimension, classes);
        return layerBiases ? RadialNetwork.initialized(backend, widths, RadialProfiles.stepRelu(STEP_RELU_BELOW), seed)
                : RadialNetwork.initializedWithoutBiases(backend, widths, RadialProfiles.stepRelu(STEP_RELU_BELOW), seed);
    }

    /**
     * @param backend where the parameters live
     * @param dimension d
     * @param classes n
     * @param seed the initialisation's seed
     * @return the ReLU MLP (d, d + 1, d + 2, n, n)
     */
    static Mlp reluNetwork(Backend backend, int dimension, int classes, long seed) {
        return Mlp.initialized(backend, reluWidths(dimension, classes), PointwiseActivations.relu(), seed);
    }

    /**
     * The seeds one trial draws from: a {@link SplittableRandom} seeded with the trial's seed s
     * gives, in this order, the noise of the training copies, the noise of the held-out copies,
     * the held-out split, the radial network's initialisation and the MLP's.
     */
    record Seeds(long noise, long heldOutNoise, long split, long radial, long relu) {
        static Seeds of(long trial) {
            SplittableRandom source = new SplittableRandom(trial);
            return new Seeds(source.nextLong(), source.nextLong(), source.nextLong(), source.nextLong(),
                    source.nextLong());
        }
    }

    /**
     * The outcome of one training run.
     *
     * @param losses the loss of every epoch's forward pass, index e − 1 for epoch e
     * @param finalAccuracy the fraction of copies the last epoch's forward pass classified right
     * @param trainingPass how the gradients were computed
     */
    record Run(double[] losses, double finalAccuracy, TrainingPass.Method trainingPass) {
        double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * Both models of a trial trained on the same copies.
     *
     * @param radialNetwork the trained radial network
     * @param reluNetwork the trained ReLU MLP
     * @param radial the radial network's run
     * @param relu the MLP's run
     */
    record Trained(RadialNetwork radialNetwork, Mlp reluNetwork, Run radial, Run relu) {
    }

    /**
     * Initialises both models from a trial's seeds and trains each for the epochs.
     *
     * @param inputs samples × d copies
     * @param labels samples × 1 class indices 0 … classes − 1
     * @param classes n, the number of originals
     * @param seeds the trial's seeds (the initialisations)
     * @param epochs ≥ 1
     * @param layerBiases whether the radial network's layers carry biases (the MLP's always do)
     * @param listener where progress goes
     * @param name the trial's name; the tasks append the model's
     * @return the trained networks and their runs
     */
    static Trained trainBoth(Tensor inputs, Tensor labels, int classes, Seeds seeds, int epochs, boolean layerBiases,
            ExperimentListener listener, String name) {
        Backend backend = inputs.backend();
        RadialNetwork radialNetwork = radialNetwork(backend, inputs.cols(), classes, seeds.radial(), layerBiases);
        Run radial = train(radialNetwork, inputs, labels, epochs, listener, name + ", radial");
        Mlp reluNetwork = reluNetwork(backend, inputs.cols(), classes, seeds.relu());
        Run relu = train(reluNetwork, inputs, labels, epochs, listener, name + ", ReLU MLP");
        return new Trained(radialNetwork, reluNetwork, radial, relu);
    }

    /**
     * Full-batch gradient descent for a number of epochs, reporting one progress task. Per
     * epoch: forward pass, cross-entropy and its gradient, backward pass, θ ← θ − 0.05·∇L. The
     * pass's buffers, the gradient and ∂L/∂F are allocated once, before the first epoch; with
     * {@link ExperimentListener#NONE} an epoch allocates only what the loss does.
     *
     * @param network trained in place
     * @param inputs samples × d, on the network's backend
     * @param labels samples × 1 class indices
     * @param epochs ≥ 1
     * @param listener where progress goes
     * @param name the task's name
     * @return the losses and the last epoch's accuracy
     * @throws TrainingDivergedException if a loss is NaN or ∞
     */
    static Run train(FeedForwardNetwork network, Tensor inputs, Tensor labels, int epochs, ExperimentListener listener,
            String name) {
        Backend backend = network.backend();
        int samples = inputs.rows();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        loss.requireValidTargets(labels, network.outputWidth());
        GradientDescent descent = new GradientDescent(LEARNING_RATE);
        Param parameters = network.parameters();
        Param gradient = parameters.zerosLike();
        TrainingPass pass = network.trainingPass(samples);
        double[] losses = new double[epochs];
        double accuracy = Double.NaN;
        boolean reporting = listener != ExperimentListener.NONE;
        try (ExperimentListener.Task task = listener.start(name, epochs);
                Tensor outputGradient = backend.zeros(samples, network.outputWidth())) {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                Tensor prediction = pass.forward(inputs);
                double value = loss.valueAndGradient(prediction, labels, outputGradient);
                if (!Double.isFinite(value)) {
                    throw new TrainingDivergedException(name + ": the loss of epoch " + epoch + " is " + value, epoch,
                            value);
                }
                if (epoch == epochs) {
                    accuracy = accuracy(prediction, labels);
                }
                pass.backward(outputGradient, gradient);
                descent.step(parameters, gradient);
                losses[epoch - 1] = value;
                if (reporting) {
                    task.stepTo(epoch, "loss " + String.format(Locale.ROOT, "%.3e", value));
                }
            }
            task.finish(epochs, "loss " + String.format(Locale.ROOT, "%.3e", losses[epochs - 1]));
        }
        return new Run(losses, accuracy, pass.method());
    }

    /**
     * The loss and accuracy of a network on held-out copies.
     *
     * @param network not modified
     * @param inputs samples × d
     * @param labels samples × 1 class indices
     * @return {cross-entropy, accuracy}
     */
    static double[] evaluate(FeedForwardNetwork network, Tensor inputs, Tensor labels) {
        try (Tensor prediction = network.forward(inputs)) {
            return new double[] {new SoftmaxCrossEntropy().value(prediction, labels), accuracy(prediction, labels)};
        }
    }

    /** @return the fraction of rows whose largest logit (the first of equal ones) is the label's */
    private static double accuracy(Tensor prediction, Tensor labels) {
        double[] logits = prediction.toRowMajor();
        double[] classes = labels.toRowMajor();
        int k = prediction.cols();
        int right = 0;
        for (int s = 0; s < classes.length; s++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (logits[s * k + j] > logits[s * k + best]) {
                    best = j;
                }
            }
            if (best == (int) classes[s]) {
                right++;
            }
        }
        return (double) right / classes.length;
    }
}
