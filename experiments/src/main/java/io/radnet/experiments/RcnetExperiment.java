package io.radnet.experiments;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RcNetDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.RepeatedCompositionNetwork;
import io.radnet.core.optim.LearningRateSchedule;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.RAdam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The RCNet paper's experiments (§4) at scaled sizes ({@link Settings#defaults()}):
 * L₂ ∘ g^{∘r} ∘ L₁ with one shared block g(v) = ReLU(A v + c), A ∈ ℝ^{n×n}, trained with RAdam
 * and the paper's learning rate decayed every 5 epochs, for every r of the sweep: the 2-D
 * function approximation on [0,1]² (test MSE and max error) and the two-spiral classification
 * (test accuracy).
 *
 * <p>Seed s = 1 … N initialises both networks and the minibatch order; the samples have fixed
 * seeds (approximation 4001 and 4002, spirals 5001 and 5002, the spirals standardised by the
 * training samples' statistics), so every seed sees the same task. Reports one progress task
 * per training run.
 */
public final class RcnetExperiment {
    private final Backend backend;
    private final ExperimentListener listener;

    /**
     * @param backend where every tensor lives
     * @param listener where the training runs report their epochs ({@link ExperimentListener#NONE} for none)
     */
    public RcnetExperiment(Backend backend, ExperimentListener listener) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Settings of both tasks; r runs over {@code repetitions} for both.
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
     * @param spiralTrain training samples, both classes together, even (paper: 6 × 10⁵)
     * @param spiralTest test samples, even (paper: 6 × 10⁴)
     * @param spiralEpochs epochs (paper: 1000)
     * @param spiralBatch minibatch size (paper: 300)
     * @param spiralRate RAdam's initial learning rate (paper: 0.001), × 0.95 every 5 epochs
     */
    public record Settings(int[] repetitions, int seeds, int approximationWidth, int approximationTrain,
            int approximationTest, int approximationEpochs, int approximationBatch, double approximationRate,
            int spiralWidth, int spiralHalfTurns, int spiralTrain, int spiralTest, int spiralEpochs, int spiralBatch,
            double spiralRate) {
        /** The decay of the approximation's learning rate every 5 epochs. */
        public static final double APPROXIMATION_DECAY = 0.9;
        /** The decay of the spirals' learning rate every 5 epochs. */
        public static final double SPIRAL_DECAY = 0.95;

        /**
         * Validates every field, naming the bad one; copies the array.
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
         * @param spiralTrain training samples, both classes together, even (paper: 6 × 10⁵)
         * @param spiralTest test samples, even (paper: 6 × 10⁴)
         * @param spiralEpochs epochs (paper: 1000)
         * @param spiralBatch minibatch size (paper: 300)
         * @param spiralRate RAdam's initial learning rate (paper: 0.001), × 0.95 every 5 epochs
         */
        public Settings {
            repetitions = SettingsChecks.present("repetitions", repetitions).clone();
            if (repetitions.length == 0) {
                throw new IllegalArgumentException("the rcnet experiment needs at least one value of r");
            }
            for (int r : repetitions) {
                if (r < 1) {
                    throw new IllegalArgumentException("the number of compositions r must be at least 1, got " + r);
                }
            }
            SettingsChecks.positive("seeds", seeds);
            SettingsChecks.positive("approximation width n", approximationWidth);
            SettingsChecks.positive("approximation training samples", approximationTrain);
            SettingsChecks.positive("approximation test samples", approximationTest);
            SettingsChecks.positive("approximation epochs", approximationEpochs);
            SettingsChecks.positive("approximation batch size", approximationBatch);
            SettingsChecks.rate(approximationRate);
            SettingsChecks.positive("spiral width n", spiralWidth);
            SettingsChecks.positive("spiral half-turns s", spiralHalfTurns);
            SettingsChecks.positive("spiral epochs", spiralEpochs);
            SettingsChecks.positive("spiral batch size", spiralBatch);
            SettingsChecks.rate(spiralRate);
            if (spiralTrain < 2 || spiralTrain % 2 != 0 || spiralTest < 2 || spiralTest % 2 != 0) {
                throw new IllegalArgumentException("the spiral sample counts must be even and at least 2, got "
                        + spiralTrain + " training and " + spiralTest + " test samples");
            }
        }

        /** @return a copy of the values of r */
        @Override
        public int[] repetitions() {
            return repetitions.clone();
        }

        /**
         * @return radnet's scaled default: r = 1 … 4, 3 seeds; approximation n = 50 (paper 100),
         *     10,000 training and 2,000 test samples (paper 10⁶ and 10⁵), 150 epochs (paper 500),
         *     batch 100 (paper 500), rate 0.002 × 0.9 every 5 epochs; spirals n = 30 (the
         *     paper's), s = 8 half-turns (paper 24), 10,000 training and 2,000 test samples
         *     (paper 6 × 10⁵ and 6 × 10⁴), 150 epochs (paper 1000), batch 100 (paper 300), rate
         *     0.001 × 0.95 every 5 epochs
         */
        public static Settings defaults() {
            return new Settings(new int[] {1, 2, 3, 4}, 3, 50, 10_000, 2000, 150, 100, 0.002,
                    30, 8, 10_000, 2000, 150, 100, 0.001);
        }

        /**
         * The whole sweep's training as a workload for the size-aware default
         * ({@code Backends.defaultBackendFor}): per r and seed, the approximation network's run
         * (the unrolled widths (2, n, n, …, n, 1): L₁, r applications of g, L₂) and the spiral
         * network's ((2, n, …, n, 2)), each ⌈samples / batch⌉ steps per epoch on batches of
         * min(batch, samples). Nothing is computed or allocated.
         *
         * @return every run one after the other; its largest product is batch · n² (g's layer)
         *     or batch · 2 · n (L₁ at n = 1)
         */
        public Workload workload() {
            List<Workload> runs = new ArrayList<>();
            for (RunKey key : runs(this)) {
                runs.add(ExperimentWorkloads.training(unrolledWidths(approximationWidth, key.repetitions(), 1),
                        approximationBatch, approximationTrain, approximationEpochs));
                runs.add(ExperimentWorkloads.training(unrolledWidths(spiralWidth, key.repetitions(), 2),
                        spiralBatch, spiralTrain, spiralEpochs));
            }
            return ExperimentWorkloads.sweep(runs);
        }

        /** @return the widths (2, n, n, …, n, out) of L₂ ∘ g^r ∘ L₁ with g: ℝⁿ → ℝⁿ, unrolled: r + 3 widths */
        private static int[] unrolledWidths(int width, int repetitions, int outputWidth) {
            int[] widths = new int[repetitions + 3];
            Arrays.fill(widths, width);
            widths[0] = 2;
            widths[repetitions + 2] = outputWidth;
            return widths;
        }
    }

    /**
     * Per r, the approximation and classification results over the seeds.
     *
     * @param repetitions r
     * @param parameters the trained parameters of the approximation network, n² + 5n + 1 (one
     *     output), independent of r
     * @param testMse per seed (index s − 1), test MSE of the 2-D approximation
     * @param maxError per seed, max |F(x) − f(x)| over the test points
     * @param approximationLossCurve the training MSE per epoch, averaged over seeds
     * @param spiralParameters the trained parameters of the spiral network, n² + 6n + 2 (the
     *     paper's count), independent of r
     * @param accuracy per seed, test accuracy of the spiral classification
     * @param spiralLossCurve the training cross-entropy per epoch, averaged over seeds
     */
    public record Row(int repetitions, int parameters, double[] testMse, double[] maxError,
            double[] approximationLossCurve, int spiralParameters, double[] accuracy, double[] spiralLossCurve) {
    }

    /**
     * @param settings what ran
     * @param backend the backend's name
     * @param radnetVersion the radnet version that ran it
     * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
     * @param rows one per r, in the order of the settings
     */
    public record Result(Settings settings, String backend, String radnetVersion, String radnetCommit, List<Row> rows) {
        /**
         * Copies the rows.
         *
         * @param settings what ran
         * @param backend the backend's name
         * @param radnetVersion the radnet version that ran it
         * @param radnetCommit the git commit radnet was built from ({@link RadnetVersion#commit()})
         * @param rows one per r, in the order of the settings
         */
        public Result {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One run of the sweep: a number of compositions and a seed.
     *
     * @param repetitions r
     * @param seed s, 1 ≤ s ≤ N
     */
    public record RunKey(int repetitions, int seed) {
    }

    /**
     * What one run gives.
     *
     * @param key the run
     * @param parameters the approximation network's trained parameters
     * @param testMse the approximation's test MSE
     * @param maxError the approximation's max |F(x) − f(x)| over the test points
     * @param approximationLosses the approximation's training MSE per epoch
     * @param spiralParameters the spiral network's trained parameters
     * @param accuracy the spirals' test accuracy
     * @param spiralLosses the spirals' training cross-entropy per epoch
     */
    public record SeedRun(RunKey key, int parameters, double testMse, double maxError, double[] approximationLosses,
            int spiralParameters, double accuracy, double[] spiralLosses) {
    }

    /**
     * @param settings the settings
     * @return every run, values of r outer, then seeds 1 … N: the order {@link #assemble} takes
     */
    public static List<RunKey> runs(Settings settings) {
        return SweepRuns.keys(settings.repetitions(), settings.seeds(), RunKey::new);
    }

    /**
     * Runs both tasks for every r: {@link #assemble} of {@link #runOne} over {@link #runs}.
     *
     * @param settings the settings
     * @return per r, the approximation errors and the spiral accuracies
     */
    public Result run(Settings settings) {
        Settings s = Objects.requireNonNull(settings, "settings");
        return assemble(backend.name(), s, SweepRuns.each(runs(s), key -> runOne(s, key)));
    }

    /**
     * One run: both tasks' samples, then both networks with the key's r initialised from the
     * key's seed and trained.
     *
     * @param settings the settings the run belongs to
     * @param key one of {@link #runs}
     * @return both tasks' results
     * @throws IllegalArgumentException if the key is not a run of the settings
     */
    public SeedRun runOne(Settings settings, RunKey key) {
        Settings s = Objects.requireNonNull(settings, "settings");
        if (!runs(s).contains(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("the rcnet settings have no run " + key);
        }
        PointwiseActivation relu = PointwiseActivations.relu();
        Dataset approxTrain = RcNetDatasets.approximation(backend, s.approximationTrain(), 4001);
        Dataset approxTest = RcNetDatasets.approximation(backend, s.approximationTest(), 4002);
        Dataset rawSpiralTrain = RcNetDatasets.twoSpirals(backend, s.spiralTrain(), s.spiralHalfTurns(), 5001);
        Dataset spiralTrain = RcNetDatasets.standardized(rawSpiralTrain, rawSpiralTrain);
        Dataset spiralTest = RcNetDatasets.standardized(
                RcNetDatasets.twoSpirals(backend, s.spiralTest(), s.spiralHalfTurns(), 5002), rawSpiralTrain);
        int r = key.repetitions();
        int seed = key.seed();
        String name = "r = " + r + ", seed " + seed + "/" + s.seeds();
        RepeatedCompositionNetwork approx = RepeatedCompositionNetwork.initialized(backend, 2,
                new int[] {s.approximationWidth(), s.approximationWidth()}, 1, r, relu, seed);
        double[] approxLosses = MinibatchTraining.lossHistory(listener, name + ", 2-D function",
                approx, new MeanSquaredError(),
                radam(s.approximationRate(), Settings.APPROXIMATION_DECAY, approxTrain, s.approximationBatch()),
                approxTrain, s.approximationBatch(), s.approximationEpochs(), seed);
        Tensor prediction = approx.forward(approxTest.inputs());
        double mse = new MeanSquaredError().value(prediction, approxTest.targets());
        double max = maxAbsDifference(prediction, approxTest.targets());

        RepeatedCompositionNetwork spiral = RepeatedCompositionNetwork.initialized(backend, 2,
                new int[] {s.spiralWidth(), s.spiralWidth()}, 2, r, relu, seed);
        double[] spiralLosses = MinibatchTraining.lossHistory(listener, name + ", spirals    ",
                spiral, new SoftmaxCrossEntropy(),
                radam(s.spiralRate(), Settings.SPIRAL_DECAY, spiralTrain, s.spiralBatch()), spiralTrain,
                s.spiralBatch(), s.spiralEpochs(), seed);
        double accuracy = accuracy(spiral.forward(spiralTest.inputs()), spiralTest.targets());
        return new SeedRun(key, approx.parameters().size(), mse, max, approxLosses, spiral.parameters().size(),
                accuracy, spiralLosses);
    }

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param runs the runs of {@link #runs}, in that order
     * @return the result the runs make: per r, the seeds' values and the mean loss curves
     *     summed in seed order
     * @throws IllegalArgumentException if the runs are not those of {@link #runs} in order
     */
    public static Result assemble(String backend, Settings settings, List<SeedRun> runs) {
        Settings s = Objects.requireNonNull(settings, "settings");
        List<RunKey> keys = runs(s);
        if (!keys.equals(runs.stream().map(SeedRun::key).toList())) {
            throw new IllegalArgumentException("the runs must be the settings' " + keys.size()
                    + " runs (values of r, then seeds) in order; got " + runs.size());
        }
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (int r : s.repetitions()) {
            double[] mse = new double[s.seeds()];
            double[] max = new double[s.seeds()];
            double[] accuracy = new double[s.seeds()];
            double[] approxCurve = new double[s.approximationEpochs()];
            double[] spiralCurve = new double[s.spiralEpochs()];
            int parameters = 0;
            int spiralParameters = 0;
            for (int seed = 1; seed <= s.seeds(); seed++) {
                SeedRun run = runs.get(next++);
                parameters = run.parameters();
                MinibatchTraining.addMean(approxCurve, run.approximationLosses(), s.seeds());
                mse[seed - 1] = run.testMse();
                max[seed - 1] = run.maxError();
                spiralParameters = run.spiralParameters();
                MinibatchTraining.addMean(spiralCurve, run.spiralLosses(), s.seeds());
                accuracy[seed - 1] = run.accuracy();
            }
            rows.add(new Row(r, parameters, mse, max, approxCurve, spiralParameters, accuracy, spiralCurve));
        }
        return new Result(s, backend, RadnetVersion.current(), RadnetVersion.commit(), rows);
    }

    /** RAdam with the RCNet paper's schedule: the rate × γ after every 5 epochs. */
    private static Optimizer radam(double rate, double gamma, Dataset data, int batch) {
        return RAdam.builder().schedule(LearningRateSchedule.stepDecay(rate, 5 * data.batchesPerEpoch(batch), gamma))
                .build();
    }

    /** @return max |a − b| over every entry of two tensors of one shape */
    private static double maxAbsDifference(Tensor a, Tensor b) {
        Backend owner = a.backend();
        Tensor difference = owner.zeros(a.rows(), a.cols());
        owner.subtract(a, b, difference);
        return owner.maxAbs(difference);
    }

    /**
     * @param logits one row of class scores per sample
     * @param labels one column of class indices 0 … k − 1
     * @return the fraction of rows whose largest logit is at the label's index (the first
     *     largest on ties)
     */
    static double accuracy(Tensor logits, Tensor labels) {
        double[] scores = logits.toRowMajor();
        double[] classes = labels.toRowMajor();
        int k = logits.cols();
        int correct = 0;
        for (int sample = 0; sample < logits.rows(); sample++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (scores[sample * k + c] > scores[sample * k + best]) {
                    best = c;
                }
            }
            correct += best == (int) classes[sample] ? 1 : 0;
        }
        return (double) correct / logits.rows();
    }
}
