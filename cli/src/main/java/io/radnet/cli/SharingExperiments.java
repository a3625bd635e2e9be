package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.cli.PaperExperiments.Summary;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.data.RcNetDatasets;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RepeatedCompositionNetwork;
import io.radnet.core.optim.LearningRateSchedule;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Sgd;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The parameter-sharing experiments behind {@code radnet experiment hypernet|rcnet}, at scaled
 * sizes (see {@link HypernetSettings#scaled()}, {@link RcnetSettings#scaled()}); callable from
 * tests with tiny settings. Seed s = 1 … N initialises the networks and the minibatch order;
 * the data and the target functions have their own fixed seeds, so every seed sees the same
 * task.
 *
 * <ul>
 *   <li><b>hypernet</b> (hypernetworks paper, §5): per target type and depth k of f and e, a
 *       hypernetwork g(x; f(I)) with the bias-free primary g: d_x → 10 → 1 (ReLU) and a ReLU MLP
 *       f: d_I → w → … → N_g of k layers, against the embedding method q([x, e(I)]) with e of the
 *       same architecture as f (so E = N_g and N_e = N_f) and q: (d_x + E) → 10 → 1; both trained
 *       with SGD (batch 200, learning rate 0.01, MSE) on the same samples; test MSE per seed.</li>
 *   <li><b>rcnet</b> (RCNet paper, §4): L₂ ∘ g^{∘r} ∘ L₁ with g(v) = ReLU(A v + c), A ∈ ℝ^{n×n},
 *       trained with RAdam and the paper's learning rate decayed every 5 epochs; the 2-D
 *       function approximation (test MSE and max error per r) and the two-spiral classification
 *       (test accuracy per r).</li>
 * </ul>
 */
public final class SharingExperiments {
    private final Backend backend;
    private final ExperimentProgress progress;

    /**
     * @param backend where every tensor lives
     * @param progress where training runs report their epochs ({@link ExperimentProgress#NONE} for none)
     */
    public SharingExperiments(Backend backend, ExperimentProgress progress) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Settings of the hypernetwork experiment.
     *
     * @param types the target families to run
     * @param depths the depths k ≥ 1 of f and e (number of affine layers)
     * @param seeds N ≥ 1: seeds 1 … N
     * @param xWidth d_x ≥ 1
     * @param iWidth d_I ≥ 1 (= d_x when Type III is run)
     * @param hiddenWidth w ≥ 1, the width of f's and e's hidden layers (paper: 100)
     * @param primaryHidden the hidden width of g and q (paper: 10)
     * @param trainSamples training samples ≥ 1 (paper: 30,000)
     * @param testSamples test samples ≥ 1
     * @param epochs epochs ≥ 1
     * @param batchSize minibatch size ≥ 1 (paper: 200)
     * @param learningRate SGD's learning rate &gt; 0 (paper: 0.01)
     */
    public record HypernetSettings(List<HypernetworkTargets.Type> types, int[] depths, int seeds, int xWidth, int iWidth,
            int hiddenWidth, int primaryHidden, int trainSamples, int testSamples, int epochs, int batchSize,
            double learningRate) {
        /** Validates every field, naming the bad one. */
        public HypernetSettings {
            types = List.copyOf(types);
            depths = depths.clone();
            if (types.isEmpty() || depths.length == 0) {
                throw new IllegalArgumentException("the hypernet experiment needs at least one target type and one depth");
            }
            for (int k : depths) {
                positive("depth", k);
            }
            positive("seeds", seeds);
            positive("d_x", xWidth);
            positive("d_I", iWidth);
            positive("hidden width", hiddenWidth);
            positive("primary hidden width", primaryHidden);
            positive("training samples", trainSamples);
            positive("test samples", testSamples);
            positive("epochs", epochs);
            positive("batch size", batchSize);
            rate(learningRate);
            if (types.contains(HypernetworkTargets.Type.III) && xWidth != iWidth) {
                throw new IllegalArgumentException("Type III targets need d_x = d_I, got " + xWidth + " and " + iWidth);
            }
        }

        /**
         * @return radnet's scaled default: all three types, depths 1–4, 3 seeds, d_x = d_I = 8,
         *     hidden width 32 (paper 100), primary hidden 10, 10,000 training and 1,000 test
         *     samples (paper 30,000), 50 epochs, batch 200, SGD learning rate 0.01
         */
        public static HypernetSettings scaled() {
            return new HypernetSettings(List.of(HypernetworkTargets.Type.values()), new int[] {1, 2, 3, 4}, 3, 8, 8, 32,
                    10, 10_000, 1000, 50, 200, 0.01);
        }
    }

    /**
     * One model's results over the seeds.
     *
     * @param trainedParameters everything trained: N_f, or N_e + N_q
     * @param generatorParameters N_f, or N_e
     * @param primaryParameters N_g (generated, not trained), or N_q
     * @param testMse per seed (index s − 1)
     * @param firstEpochLoss per seed, the training loss of epoch 1
     * @param lastEpochLoss per seed, the training loss of the last epoch
     * @param lossCurve the training loss per epoch, averaged over the seeds
     */
    public record ModelResult(int trainedParameters, int generatorParameters, int primaryParameters, double[] testMse,
            double[] firstEpochLoss, double[] lastEpochLoss, double[] lossCurve) {
        /** @return mean and sample standard deviation of the test MSE */
        public Summary testMseSummary() {
            return Summary.of(testMse);
        }
    }

    /**
     * @param type the target family
     * @param depth k, the depth of f and e
     * @param hypernetwork the hypernetwork's results
     * @param embedding the embedding method's results
     */
    public record HypernetRow(HypernetworkTargets.Type type, int depth, ModelResult hypernetwork, ModelResult embedding) {
    }

    /**
     * @param settings what ran
     * @param rows one per (type, depth), types outer
     */
    public record HypernetResult(HypernetSettings settings, List<HypernetRow> rows) {
    }

    /**
     * Runs the hypernetwork-versus-embedding experiment.
     *
     * @param s the settings
     * @return per type and depth, both models' test MSE and parameter counts
     */
    public HypernetResult hypernet(HypernetSettings s) {
        Objects.requireNonNull(s, "settings");
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {s.xWidth(), s.primaryHidden(), 1},
                PointwiseActivations.relu(), false);
        List<HypernetRow> rows = new ArrayList<>();
        for (HypernetworkTargets.Type type : s.types()) {
            HypernetworkTargets target = HypernetworkTargets.create(type, s.xWidth(), s.iWidth(), 1000 + type.ordinal());
            Dataset train = target.sample(backend, s.trainSamples(), 2000 + type.ordinal());
            Dataset test = target.sample(backend, s.testSamples(), 3000 + type.ordinal());
            for (int depth : s.depths()) {
                int[] fWidths = mlpWidths(s.iWidth(), s.hiddenWidth(), g.parameterCount(), depth);
                Runs hyper = new Runs(s.seeds(), s.epochs());
                Runs embedding = new Runs(s.seeds(), s.epochs());
                for (int seed = 1; seed <= s.seeds(); seed++) {
                    String name = "Type " + type + ", depth " + depth + ", seed " + seed + "/" + s.seeds();
                    HyperNetwork h = new HyperNetwork(Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), seed), g);
                    hyper.counts(h.generatorParameterCount(), h.generatorParameterCount(), h.primaryParameterCount());
                    hyper.record(seed, train(name + ", hypernetwork", h, new MeanSquaredError(), sgd(s), train,
                            s.batchSize(), s.epochs(), seed), mse(h, test));
                    EmbeddingNetwork e = new EmbeddingNetwork(s.xWidth(),
                            Mlp.initialized(backend, fWidths, PointwiseActivations.relu(), 100 + seed),
                            Mlp.initialized(backend, new int[] {s.xWidth() + g.parameterCount(), s.primaryHidden(), 1},
                                    PointwiseActivations.relu(), 200 + seed));
                    embedding.counts(e.embeddingParameterCount() + e.primaryParameterCount(), e.embeddingParameterCount(),
                            e.primaryParameterCount());
                    embedding.record(seed, train(name + ", embedding   ", e, new MeanSquaredError(), sgd(s), train,
                            s.batchSize(), s.epochs(), seed), mse(e, test));
                }
                rows.add(new HypernetRow(type, depth, hyper.result(), embedding.result()));
            }
        }
        return new HypernetResult(s, rows);
    }

    private static Optimizer sgd(HypernetSettings s) {
        return Sgd.builder(s.learningRate()).build();
    }

    /** Widths (in, w, …, w, out) of an MLP with k affine layers. */
    static int[] mlpWidths(int in, int hidden, int out, int layers) {
        int[] widths = new int[layers + 1];
        Arrays.fill(widths, hidden);
        widths[0] = in;
        widths[layers] = out;
        return widths;
    }

    /**
     * Settings of the RCNet experiments; r = 1 … of {@code repetitions} for both tasks.
     *
     * @param repetitions the values of r ≥ 1 to sweep
     * @param seeds N ≥ 1: seeds 1 … N
     * @param approximationWidth n for the 2-D approximation (paper: 100, 200)
     * @param approximationTrain training samples (paper: 10⁶)
     * @param approximationTest test samples (paper: 10⁵)
     * @param approximationEpochs epochs (paper: 500)
     * @param approximationBatch minibatch size (paper: 500)
     * @param approximationRate RAdam's initial learning rate (paper: 0.002), × 0.9 every 5 epochs
     * @param spiralWidth n for the spirals (paper: 30, 40)
     * @param spiralHalfTurns s, each spiral covers θ ∈ [0, sπ] (paper: 24)
     * @param spiralTrain training samples, both classes together (paper: 6 × 10⁵)
     * @param spiralTest test samples (paper: 6 × 10⁴)
     * @param spiralEpochs epochs (paper: 1000)
     * @param spiralBatch minibatch size (paper: 300)
     * @param spiralRate RAdam's initial learning rate (paper: 0.001), × 0.95 every 5 epochs
     */
    public record RcnetSettings(int[] repetitions, int seeds, int approximationWidth, int approximationTrain,
            int approximationTest, int approximationEpochs, int approximationBatch, double approximationRate,
            int spiralWidth, int spiralHalfTurns, int spiralTrain, int spiralTest, int spiralEpochs, int spiralBatch,
            double spiralRate) {
        /** Validates every field, naming the bad one. */
        public RcnetSettings {
            repetitions = repetitions.clone();
            if (repetitions.length == 0) {
                throw new IllegalArgumentException("the rcnet experiment needs at least one value of r");
            }
            for (int r : repetitions) {
                if (r < 1) {
                    throw new IllegalArgumentException("the number of compositions r must be at least 1, got " + r);
                }
            }
            positive("seeds", seeds);
            positive("approximation width n", approximationWidth);
            positive("approximation training samples", approximationTrain);
            positive("approximation test samples", approximationTest);
            positive("approximation epochs", approximationEpochs);
            positive("approximation batch size", approximationBatch);
            rate(approximationRate);
            positive("spiral width n", spiralWidth);
            positive("spiral half-turns s", spiralHalfTurns);
            positive("spiral epochs", spiralEpochs);
            positive("spiral batch size", spiralBatch);
            rate(spiralRate);
            if (spiralTrain < 2 || spiralTrain % 2 != 0 || spiralTest < 2 || spiralTest % 2 != 0) {
                throw new IllegalArgumentException("the spiral sample counts must be even and at least 2, got "
                        + spiralTrain + " training and " + spiralTest + " test samples");
            }
        }

        /**
         * @return radnet's scaled default: r = 1 … 4, 3 seeds; approximation n = 50 (paper 100),
         *     10,000 training and 2,000 test samples (paper 10⁶ and 10⁵), 150 epochs (paper 500),
         *     batch 100 (paper 500), rate 0.002 × 0.9 every 5 epochs; spirals n = 30 (the
         *     paper's), s = 8 half-turns (paper 24), 10,000 training and 2,000 test samples
         *     (paper 6 × 10⁵ and 6 × 10⁴), 150 epochs (paper 1000), batch 100 (paper 300), rate
         *     0.001 × 0.95 every 5 epochs
         */
        public static RcnetSettings scaled() {
            return new RcnetSettings(new int[] {1, 2, 3, 4}, 3, 50, 10_000, 2000, 150, 100, 0.002,
                    30, 8, 10_000, 2000, 150, 100, 0.001);
        }
    }

    /**
     * Per r, the approximation and classification results over the seeds.
     *
     * @param repetitions r
     * @param parameters the trained parameters of the approximation network, n² + 5n + 1 (one
     *     output), independent of r
     * @param testMse per seed, test MSE of the 2-D approximation
     * @param maxError per seed, max |F(x) − f(x)| over the test points
     * @param approximationLossCurve the training MSE per epoch, averaged over seeds
     * @param spiralParameters the trained parameters of the spiral network, n² + 6n + 2 (the
     *     paper's count), independent of r
     * @param accuracy per seed, test accuracy of the spiral classification
     * @param spiralLossCurve the training cross-entropy per epoch, averaged over seeds
     */
    public record RcnetRow(int repetitions, int parameters, double[] testMse, double[] maxError,
            double[] approximationLossCurve, int spiralParameters, double[] accuracy, double[] spiralLossCurve) {
    }

    /**
     * @param settings what ran
     * @param rows one per r
     */
    public record RcnetResult(RcnetSettings settings, List<RcnetRow> rows) {
    }

    /**
     * Runs both RCNet experiments for every r.
     *
     * @param s the settings
     * @return per r, the approximation errors and the spiral accuracies
     */
    public RcnetResult rcnet(RcnetSettings s) {
        Objects.requireNonNull(s, "settings");
        PointwiseActivation relu = PointwiseActivations.relu();
        Dataset approxTrain = RcNetDatasets.approximation(backend, s.approximationTrain(), 4001);
        Dataset approxTest = RcNetDatasets.approximation(backend, s.approximationTest(), 4002);
        Dataset rawSpiralTrain = RcNetDatasets.twoSpirals(backend, s.spiralTrain(), s.spiralHalfTurns(), 5001);
        Dataset spiralTrain = RcNetDatasets.standardized(rawSpiralTrain, rawSpiralTrain);
        Dataset spiralTest = RcNetDatasets.standardized(
                RcNetDatasets.twoSpirals(backend, s.spiralTest(), s.spiralHalfTurns(), 5002), rawSpiralTrain);
        List<RcnetRow> rows = new ArrayList<>();
        for (int r : s.repetitions()) {
            double[] mse = new double[s.seeds()];
            double[] max = new double[s.seeds()];
            double[] accuracy = new double[s.seeds()];
            double[] approxCurve = new double[s.approximationEpochs()];
            double[] spiralCurve = new double[s.spiralEpochs()];
            int parameters = 0;
            int spiralParameters = 0;
            for (int seed = 1; seed <= s.seeds(); seed++) {
                String name = "r = " + r + ", seed " + seed + "/" + s.seeds();
                RepeatedCompositionNetwork approx = RepeatedCompositionNetwork.initialized(backend, 2,
                        new int[] {s.approximationWidth(), s.approximationWidth()}, 1, r, relu, seed);
                parameters = approx.parameters().size();
                add(approxCurve, train(name + ", 2-D function", approx, new MeanSquaredError(),
                        radam(s.approximationRate(), 0.9, approxTrain, s.approximationBatch()), approxTrain,
                        s.approximationBatch(), s.approximationEpochs(), seed), s.seeds());
                Tensor prediction = approx.forward(approxTest.inputs());
                mse[seed - 1] = new MeanSquaredError().value(prediction, approxTest.targets());
                max[seed - 1] = maxAbsDifference(prediction, approxTest.targets());

                RepeatedCompositionNetwork spiral = RepeatedCompositionNetwork.initialized(backend, 2,
                        new int[] {s.spiralWidth(), s.spiralWidth()}, 2, r, relu, seed);
                spiralParameters = spiral.parameters().size();
                add(spiralCurve, train(name + ", spirals    ", spiral, new SoftmaxCrossEntropy(),
                        radam(s.spiralRate(), 0.95, spiralTrain, s.spiralBatch()), spiralTrain, s.spiralBatch(),
                        s.spiralEpochs(), seed), s.seeds());
                accuracy[seed - 1] = accuracy(spiral.forward(spiralTest.inputs()), spiralTest.targets());
            }
            rows.add(new RcnetRow(r, parameters, mse, max, approxCurve, spiralParameters, accuracy, spiralCurve));
        }
        return new RcnetResult(s, rows);
    }

    /** RAdam with the RCNet paper's schedule: the rate × γ after every 5 epochs. */
    private static Optimizer radam(double rate, double gamma, Dataset data, int batch) {
        return RAdam.builder().schedule(LearningRateSchedule.stepDecay(rate, 5 * data.batchesPerEpoch(batch), gamma))
                .build();
    }

    private double[] train(String name, Network network, Loss loss, Optimizer optimizer, Dataset data, int batch,
            int epochs, long seed) {
        try (ExperimentProgress.Task task = progress.start(name, epochs)) {
            TrainingResult result = Trainer.builder(network, loss, optimizer, data)
                    .batchSize(Math.min(batch, data.size()))
                    .seed(seed)
                    .maxEpochs(epochs)
                    .listener(event -> task.stepTo(event.epoch(), "loss " + String.format(Locale.ROOT, "%.3e",
                            event.loss())))
                    .build()
                    .train();
            task.finish(result.epochs(), "");
            return result.lossHistory();
        }
    }

    private static double mse(Network network, Dataset test) {
        return new MeanSquaredError().value(network.forward(test.inputs()), test.targets());
    }

    private static double maxAbsDifference(Tensor a, Tensor b) {
        Backend backend = a.backend();
        Tensor d = backend.zeros(a.rows(), a.cols());
        backend.subtract(a, b, d);
        return backend.maxAbs(d);
    }

    /** The fraction of rows whose largest logit is at the label's index. */
    static double accuracy(Tensor logits, Tensor labels) {
        double[] p = logits.toRowMajor();
        double[] y = labels.toRowMajor();
        int k = logits.cols();
        int correct = 0;
        for (int s = 0; s < logits.rows(); s++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[s * k + c] > p[s * k + best]) {
                    best = c;
                }
            }
            correct += best == (int) y[s] ? 1 : 0;
        }
        return (double) correct / logits.rows();
    }

    private static void add(double[] sum, double[] curve, int seeds) {
        for (int e = 0; e < sum.length && e < curve.length; e++) {
            sum[e] += curve[e] / seeds;
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the " + name + " must be at least 1, got " + value);
        }
    }

    private static void rate(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a learning rate must be finite and positive, got " + value);
        }
    }

    /** Collects one model's runs over the seeds. */
    private static final class Runs {
        private final double[] test;
        private final double[] first;
        private final double[] last;
        private final double[] curve;
        private int trained;
        private int generator;
        private int primary;

        Runs(int seeds, int epochs) {
            test = new double[seeds];
            first = new double[seeds];
            last = new double[seeds];
            curve = new double[epochs];
        }

        void counts(int trainedCount, int generatorCount, int primaryCount) {
            trained = trainedCount;
            generator = generatorCount;
            primary = primaryCount;
        }

        void record(int seed, double[] losses, double testMse) {
            test[seed - 1] = testMse;
            first[seed - 1] = losses[0];
            last[seed - 1] = losses[losses.length - 1];
            add(curve, losses, test.length);
        }

        ModelResult result() {
            return new ModelResult(trained, generator, primary, test, first, last, curve);
        }
    }
}
