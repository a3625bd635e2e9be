package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.cnn.BatchNorm;
import io.radnet.core.cnn.Block;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.cnn.CnnWorkload;
import io.radnet.core.cnn.Layer;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.optim.LearningRateSchedule;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The intrinsic-parameters paper's experiment (§3.3, Tables 1–2, Figure 5): its CNN
 * ({@link CnnArchitectures#intrinsicParameters}, four blocks) trained on Fashion-MNIST by two
 * strategies, reporting the best test accuracy over the epochs.
 * <ul>
 *   <li><b>S1</b> trains every parameter on all training samples.</li>
 *   <li><b>S2</b> pre-trains every parameter on the training samples of classes 0–4, then
 *       trains only blocks 2 and 4 (Conv-3, Conv-4, FC-2, FC-3 with their batch norms) on all
 *       training samples. During that second phase blocks 1 and 3 are frozen as PyTorch's
 *       {@code requires_grad = False} with {@code block.eval()} freezes them: their parameters
 *       and batch-norm running statistics stay bitwise unchanged, their batch norms normalise
 *       with the running statistics and their dropout is off.</li>
 * </ul>
 * Both start from the same initial network (the seed), train with softmax cross-entropy, RAdam
 * with weight decay 1e-4 (coupled L2, as PyTorch's) and the learning rate 0.002·0.93^(i−1) in
 * epoch i, on shuffled minibatches of 128; each training phase starts a fresh optimizer and
 * schedule. The test accuracy is measured after every epoch (evaluation mode, in chunks of
 * {@link SequentialNetwork#EVALUATION_BATCH}).
 *
 * <p>Inputs are the first {@code trainSamples} training and {@code testSamples} test images of
 * Fashion-MNIST (pixels b/255), standardised as the paper says ("rescale the samples to have a
 * mean of 0 and a standard deviation of 1") by one mean and one standard deviation: those of
 * every pixel of the training images used, applied to training and test images alike.
 *
 * <p>Parameter counts are of trainable scalars: weights, biases and batch-norm γ and β (the
 * running statistics are state, not parameters). The paper's 88,970 for S2 counts weights and
 * biases only and lists Conv-4 as 36,992 where 64·64·9 + 64 = 36,928; {@link Strategy} gives the
 * weights and biases and the batch-norm parameters apart.
 */
public final class IntrinsicExperiment {
    /** The paper's best test accuracy of S1 on Fashion-MNIST (Table 2). */
    public static final double PAPER_S1_ACCURACY = 0.9458;
    /** The paper's best test accuracy of S2 on Fashion-MNIST (Table 2). */
    public static final double PAPER_S2_ACCURACY = 0.9360;
    /** The paper's count of S2's trained weights and biases (Table 1: blocks 2 and 4). */
    public static final int PAPER_S2_TRAINABLE = 88_970;
    /** The classes S2 pre-trains on. */
    public static final int[] PRETRAINING_CLASSES = {0, 1, 2, 3, 4};
    /** The blocks S2 trains after pre-training. */
    public static final List<String> TRAINED_BLOCKS = List.of("block2", "block4");
    /** The blocks S2 freezes after pre-training. */
    public static final List<String> FROZEN_BLOCKS = List.of("block1", "block3");

    private final Backend backend;
    private final ExperimentListener listener;
    private final Supplier<Dataset> trainImages;
    private final Supplier<Dataset> testImages;

    /**
     * Runs on Fashion-MNIST as {@link Datasets#fashionMnist(Backend, Datasets.Split)} finds it.
     *
     * @param backend where every tensor lives
     * @param listener where the training phases report their epochs
     */
    public IntrinsicExperiment(Backend backend, ExperimentListener listener) {
        this(backend, listener, () -> Datasets.fashionMnist(backend, Datasets.Split.TRAIN),
                () -> Datasets.fashionMnist(backend, Datasets.Split.TEST));
    }

    /**
     * Runs on given images (e.g. a directory's Fashion-MNIST, or a smaller set in tests).
     *
     * @param backend where every tensor lives
     * @param listener where the training phases report their epochs
     * @param trainImages supplies the training images, N × 784 rows in [0, 1] with class indices
     *     0 … 9 on the backend; read once per run
     * @param testImages supplies the test images, in the same form
     */
    public IntrinsicExperiment(Backend backend, ExperimentListener listener, Supplier<Dataset> trainImages,
            Supplier<Dataset> testImages) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.trainImages = Objects.requireNonNull(trainImages, "trainImages");
        this.testImages = Objects.requireNonNull(testImages, "testImages");
    }

    /**
     * @param trainSamples the first training images used (paper: all 60,000)
     * @param testSamples the first test images the accuracy is measured on (paper: all 10,000)
     * @param epochs S1's epochs (paper: 300)
     * @param pretrainEpochs S2's epochs on classes 0–4 (paper: 300)
     * @param fineTuneEpochs S2's epochs training blocks 2 and 4 (paper: 300)
     * @param batchSize the minibatch size (paper: 128)
     * @param learningRate η₁, the rate of the first epoch (paper: 0.002)
     * @param decay γ: the rate of epoch i is η₁·γ^(i−1) (paper: 0.93)
     * @param weightDecay RAdam's coupled L2 weight decay (paper: 1e-4)
     * @param seed the seed of the initial network (shared by S1 and S2), the dropout masks and the
     *     minibatch order
     */
    public record Settings(int trainSamples, int testSamples, int epochs, int pretrainEpochs, int fineTuneEpochs,
            int batchSize, double learningRate, double decay, double weightDecay, long seed) {
        /**
         * Validates every field, naming the bad one.
         *
         * @param trainSamples the first training images used (paper: all 60,000)
         * @param testSamples the first test images the accuracy is measured on (paper: all 10,000)
         * @param epochs S1's epochs (paper: 300)
         * @param pretrainEpochs S2's epochs on classes 0–4 (paper: 300)
         * @param fineTuneEpochs S2's epochs training blocks 2 and 4 (paper: 300)
         * @param batchSize the minibatch size (paper: 128)
         * @param learningRate η₁, the rate of the first epoch (paper: 0.002)
         * @param decay γ: the rate of epoch i is η₁·γ^(i−1) (paper: 0.93)
         * @param weightDecay RAdam's coupled L2 weight decay (paper: 1e-4)
         * @param seed the seed of the initial network (shared by S1 and S2), the dropout masks and the
         *     minibatch order
         */
        public Settings {
            SettingsChecks.positive("training samples", trainSamples);
            SettingsChecks.positive("test samples", testSamples);
            SettingsChecks.positive("S1 epochs", epochs);
            SettingsChecks.positive("S2 pre-training epochs", pretrainEpochs);
            SettingsChecks.positive("S2 fine-tuning epochs", fineTuneEpochs);
            SettingsChecks.positive("batch size", batchSize);
            SettingsChecks.rate(learningRate);
            if (!(decay > 0 && decay <= 1)) {
                throw new IllegalArgumentException("the learning-rate decay per epoch must be in (0, 1], got " + decay);
            }
            if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
                throw new IllegalArgumentException("the weight decay must be finite and non-negative, got " + weightDecay);
            }
        }

        /** @return the paper's setting: all 60,000 and 10,000 images, 300 epochs per phase, batch 128 */
        public static Settings paper() {
            return new Settings(60_000, 10_000, 300, 300, 300, 128, 0.002, 0.93, 1e-4, 1);
        }

        /**
         * @return radnet's default, scaled to about 13 minutes on 2 cores: the first 24,000
         *     training images and all 10,000 test images, 4 epochs of S1, 4 + 4 of S2; batch,
         *     rates and weight decay as the paper's
         */
        public static Settings defaults() {
            return new Settings(24_000, 10_000, 4, 4, 4, 128, 0.002, 0.93, 1e-4, 1);
        }

        /**
         * The run's training steps as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): each step is a full training step of the
         * network ({@link CnnWorkload#trainingStep}) on a batch of {@link #batchSize}; S1 and S2's
         * fine-tuning take ⌈trainSamples / batch⌉ steps per epoch, S2's pre-training on classes
         * 0–4 is counted as ⌈trainSamples / (2·batch)⌉ per epoch (half the classes). Fine-tuning's
         * steps skip the frozen blocks and cost less; the estimate counts them in full, the same
         * for every backend.
         *
         * @param network the network the run trains (its shapes are read; nothing is computed)
         * @return the whole run's work
         */
        public Workload workload(SequentialNetwork network) {
            long perEpoch = (trainSamples + (long) batchSize - 1) / batchSize;
            long pretrainPerEpoch = (trainSamples + 2L * batchSize - 1) / (2L * batchSize);
            long steps = perEpoch * ((long) epochs + fineTuneEpochs) + pretrainPerEpoch * pretrainEpochs;
            return CnnWorkload.trainingStep(network, batchSize).withSteps(Math.max(1, steps));
        }
    }

    /**
     * What one strategy gives.
     *
     * @param testAccuracy the best test accuracy over the (fine-tuning) epochs, the paper's
     *     reported value
     * @param accuracies the test accuracy after every epoch of the (last) training phase
     * @param losses the training loss of every epoch of that phase
     * @param pretrainAccuracies S2: the test accuracy after every pre-training epoch (on all ten
     *     classes); S1: empty
     * @param trainableParameters the scalars the (last) phase trains: weights, biases, batch-norm γ, β
     * @param trainableWeightsAndBiases the weights and biases among them
     * @param trainableBatchNormParameters the batch-norm γ and β among them
     * @param totalParameters every trainable scalar of the network
     * @param network the trained network
     */
    public record Strategy(double testAccuracy, double[] accuracies, double[] losses, double[] pretrainAccuracies,
            int trainableParameters, int trainableWeightsAndBiases, int trainableBatchNormParameters,
            int totalParameters, SequentialNetwork network) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from
     * @param s1 strategy S1
     * @param s2 strategy S2
     * @param frozenBlocksUnchanged whether S2's fine-tuning left every parameter, batch-norm
     *     running statistic and batch count of blocks 1 and 3 bit for bit as pre-training left
     *     them (compared after the run)
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit, Strategy s1,
            Strategy s2, boolean frozenBlocksUnchanged) {
    }

    /**
     * Runs S1, then S2.
     *
     * @param settings the settings
     * @return both strategies' accuracies, parameter counts and networks
     * @throws IllegalArgumentException if the images are fewer than the settings ask for, or the
     *     training images hold none of classes 0–4
     */
    public Result run(Settings settings) {
        Settings s = Objects.requireNonNull(settings, "settings");
        Dataset rawTrain = first(trainImages.get(), s.trainSamples(), "training");
        Dataset rawTest = first(testImages.get(), s.testSamples(), "test");
        double[] moments = rawTrain.inputMeanAndDeviation();
        if (!(moments[1] > 0)) {
            throw new IllegalArgumentException("the training images are constant (every pixel " + moments[0]
                    + "); cannot standardise them");
        }
        Dataset train = rawTrain.standardizedInputs(moments[0], moments[1]);
        Dataset test = rawTest.standardizedInputs(moments[0], moments[1]);

        SequentialNetwork s1Network = CnnArchitectures.intrinsicParameters(backend, s.seed());
        Phase s1 = train(s, "S1, all blocks, all classes", s1Network, train, test, s.epochs(), s1Network.parameters());

        SequentialNetwork s2Network = CnnArchitectures.intrinsicParameters(backend, s.seed());
        Phase pretraining = train(s, "S2, all blocks, classes 0-4", s2Network, train.ofClasses(PRETRAINING_CLASSES), test,
                s.pretrainEpochs(), s2Network.parameters());
        List<Tensor> trained = new ArrayList<>();
        for (String block : TRAINED_BLOCKS) {
            trained.addAll(s2Network.block(block).parameters());
        }
        for (String block : FROZEN_BLOCKS) {
            s2Network.setTraining(block, false);
        }
        long[] frozenBefore = frozenState(s2Network);
        Phase fineTuning = train(s, "S2, blocks 2 and 4, all classes", s2Network, train, test, s.fineTuneEpochs(),
                ParameterVector.of(trained));
        boolean frozenUnchanged = Arrays.equals(frozenBefore, frozenState(s2Network));

        int total = s1Network.parameters().size();
        int s1BatchNorm = batchNormParameters(s1Network.blocks());
        Strategy first = new Strategy(max(s1.accuracies()), s1.accuracies(), s1.losses(), new double[0], total,
                total - s1BatchNorm, s1BatchNorm, total, s1Network);
        List<Block> trainedBlocks = TRAINED_BLOCKS.stream().map(s2Network::block).toList();
        int s2Trainable = trainedBlocks.stream().mapToInt(Block::parameterCount).sum();
        int s2BatchNorm = batchNormParameters(trainedBlocks);
        Strategy second = new Strategy(max(fineTuning.accuracies()), fineTuning.accuracies(), fineTuning.losses(),
                pretraining.accuracies(), s2Trainable, s2Trainable - s2BatchNorm, s2BatchNorm,
                s2Network.parameters().size(), s2Network);
        return new Result(s, backend.name(), RadnetVersion.current(), RadnetVersion.commit(), first, second,
                frozenUnchanged);
    }

    /** The test accuracies and training losses of one training phase, per epoch. */
    private record Phase(double[] accuracies, double[] losses) {
    }

    private Phase train(Settings s, String name, SequentialNetwork network, Dataset data, Dataset test, int epochs,
            ParameterVector trainable) {
        int batch = Math.min(s.batchSize(), data.size());
        LearningRateSchedule schedule = LearningRateSchedule.perEpoch(
                LearningRateSchedule.exponentialDecay(s.learningRate(), s.decay()), data.batchesPerEpoch(batch));
        RAdam optimizer = RAdam.builder().schedule(schedule).weightDecay(s.weightDecay()).build();
        double[] accuracies = new double[epochs];
        try (ExperimentListener.Task task = listener.start(name, epochs)) {
            Trainer.Builder trainer = Trainer.builder(network, new SoftmaxCrossEntropy(), optimizer, data)
                    .batchSize(batch)
                    .seed(s.seed())
                    .maxEpochs(epochs)
                    .listener(event -> {
                        double accuracy = accuracy(network, test);
                        accuracies[event.epoch() - 1] = accuracy;
                        task.stepTo(event.epoch(), String.format(Locale.ROOT, "loss %.4f, test accuracy %.4f",
                                event.loss(), accuracy));
                    });
            if (trainable != network.parameters()) {
                trainer.trainOnly(trainable);
            }
            TrainingResult result = trainer.build().train();
            task.finish(result.epochs(), "");
            return new Phase(accuracies, result.lossHistory());
        }
    }

    /**
     * @param network the network, evaluated in evaluation mode
     * @param test the test images and labels
     * @return the fraction of test images whose largest logit is at their label
     */
    static double accuracy(SequentialNetwork network, Dataset test) {
        try (Tensor logits = network.forward(test.inputs())) {
            return Classification.accuracy(logits, test.targets());
        }
    }

    /**
     * @param network the network
     * @return the raw bits of every parameter, batch-norm running statistic and batch count of
     *     the {@link #FROZEN_BLOCKS}, in layer order
     */
    private static long[] frozenState(SequentialNetwork network) {
        List<double[]> parts = new ArrayList<>();
        for (String name : FROZEN_BLOCKS) {
            for (Layer layer : network.block(name).layers()) {
                for (Tensor t : layer.parameters()) {
                    parts.add(t.toRowMajor());
                }
                if (layer instanceof BatchNorm norm) {
                    parts.add(norm.runningMean().toRowMajor());
                    parts.add(norm.runningVariance().toRowMajor());
                    parts.add(new double[] {norm.batchesTracked()});
                }
            }
        }
        return parts.stream().flatMapToDouble(Arrays::stream).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static int batchNormParameters(List<Block> blocks) {
        int count = 0;
        for (Block block : blocks) {
            for (Layer layer : block.layers()) {
                if (layer instanceof BatchNorm) {
                    count += layer.parameterCount();
                }
            }
        }
        return count;
    }

    private static double max(double[] values) {
        double best = values[0];
        for (double v : values) {
            best = Math.max(best, v);
        }
        return best;
    }

    private static Dataset first(Dataset data, int count, String what) {
        if (data.size() < count) {
            throw new IllegalArgumentException("the settings ask for " + count + " " + what + " images but there are "
                    + data.size());
        }
        if (data.size() == count) {
            return data;
        }
        int[] rows = new int[count];
        for (int r = 0; r < count; r++) {
            rows[r] = r;
        }
        return data.subset(rows);
    }
}
