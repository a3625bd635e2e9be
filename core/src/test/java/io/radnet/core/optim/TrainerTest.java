package io.radnet.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.TrainingPass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trainer on the radial paper's experiment-1 setting: a radial network of widths
 * (1, 6, 7, 1) with the sigmoid profile, on 121 points of exp(−x²), mean squared error.
 */
class TrainerTest {
    private static final long SEED = 20240601L;

    private static RadialNetwork experimentOneNetwork(Backend b) {
        return RadialNetwork.initialized(b, new int[] {1, 6, 7, 1}, RadialProfiles.sigmoid(), SEED);
    }

    private static void rejects(String expectedInMessage, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expectedInMessage),
                "the message should contain '" + expectedInMessage + "': " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void fullBatchGradientDescentDecreasesTheLossEveryEpoch(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        TrainingResult result = Trainer.builder(net, new MeanSquaredError(), new GradientDescent(0.05),
                RadialPaperDatasets.experiment1(b)).maxEpochs(300).build().train();
        assertEquals(300, result.epochs());
        assertEquals(StopReason.MAX_EPOCHS, result.stopReason());
        double[] history = result.lossHistory();
        assertEquals(300, history.length);
        for (int e = 1; e < history.length; e++) {
            assertTrue(history[e] < history[e - 1], "epoch " + (e + 1) + ": " + history[e] + " ≥ " + history[e - 1]);
        }
        assertTrue(result.finalLoss() < 0.5 * history[0], result.toString());
        assertEquals(history[299], result.finalLoss(), 0.0);
        assertTrue(net.parameters().allFinite());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aFullBatchEpochIsOneGradientDescentStepAndReportsTheLossBeforeIt(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = RadialPaperDatasets.experiment1(b);
        RadialNetwork trained = experimentOneNetwork(b);
        RadialNetwork manual = experimentOneNetwork(b);
        TrainingResult result = Trainer.builder(trained, new MeanSquaredError(), new GradientDescent(0.01), data)
                .maxEpochs(5).build().train();

        TrainingPass pass = manual.trainingPass(data.size());
        Tensor dOut = b.zeros(data.size(), 1);
        Param gradient = manual.parameters().zerosLike();
        double[] losses = new double[5];
        for (int e = 0; e < 5; e++) {
            losses[e] = new MeanSquaredError().valueAndGradient(pass.forward(data.inputs()), data.targets(), dOut);
            pass.backward(dOut, gradient);
            manual.parameters().axpy(-0.01, gradient);
        }
        assertArrayEquals(losses, result.lossHistory(), 0.0);
        assertArrayEquals(manual.parameters().flatten(), trained.parameters().flatten(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void trainingStopsAtTheFirstEpochBelowTheTargetLoss(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = RadialPaperDatasets.experiment1(b);
        double[] free = Trainer.builder(experimentOneNetwork(b), new MeanSquaredError(), new GradientDescent(0.05), data)
                .maxEpochs(50).build().train().lossHistory();
        double target = (free[19] + free[20]) / 2; // reached in epoch 21
        TrainingResult result = Trainer.builder(experimentOneNetwork(b), new MeanSquaredError(), new GradientDescent(0.05),
                data).maxEpochs(50).targetLoss(target).build().train();
        assertEquals(StopReason.TARGET_LOSS, result.stopReason());
        assertEquals(21, result.epochs());
        assertTrue(result.finalLoss() < target);
        assertArrayEquals(Arrays.copyOf(free, 21), result.lossHistory(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aHugeLearningRateDivergesWithAnExceptionNamingTheEpochAndRestoresTheParameters(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        List<double[]> afterEpoch = new ArrayList<>();
        afterEpoch.add(net.parameters().flatten());
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(), new GradientDescent(1e200),
                RadialPaperDatasets.experiment1(b)).maxEpochs(100).divergenceRule(DivergenceRule.NON_FINITE_ONLY)
                .listener(event -> afterEpoch.add(net.parameters().flatten())).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
        int epoch = e.epoch();
        assertTrue(e.getMessage().contains("epoch " + epoch), e.getMessage());
        assertTrue(epoch >= 2, "the initial parameters give a finite loss; the updates diverge");
        assertFalse(Double.isFinite(e.loss()), "the reported loss is the non-finite one");
        assertEquals(epoch - 1, afterEpoch.size() - 1, "listeners saw every epoch before the failing one");
        assertArrayEquals(afterEpoch.get(epoch - 1), net.parameters().flatten(), 0.0,
                "the parameters are those before epoch " + epoch);
        assertTrue(net.parameters().allFinite(), "never a silently NaN model");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void anUpdateThatMakesTheParametersNaNStopsInThatEpoch(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        int[] calls = {0};
        UpdateProjection brokenOnThirdStep = update -> {
            if (++calls[0] == 3) {
                ((Param) update).bias(1).set(0, 0, Double.NaN);
            }
        };
        List<double[]> afterEpoch = new ArrayList<>();
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(),
                GradientDescent.projected(0.01, brokenOnThirdStep), RadialPaperDatasets.experiment1(b)).maxEpochs(10)
                .listener(event -> afterEpoch.add(net.parameters().flatten())).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
        assertEquals(3, e.epoch());
        assertTrue(e.getMessage().contains("training diverged in epoch 3"), e.getMessage());
        assertTrue(e.getMessage().contains("restored to their values before epoch 3"), e.getMessage());
        assertTrue(Double.isFinite(e.loss()));
        assertArrayEquals(afterEpoch.get(1), net.parameters().flatten(), 0.0, "parameters after epoch 2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void minibatchDivergenceRestoresTheParametersBeforeTheEpoch(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        double[] initial = net.parameters().flatten();
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(), new GradientDescent(1e300),
                RadialPaperDatasets.experiment1(b)).batchSize(16).maxEpochs(5).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
        assertEquals(1, e.epoch(), e.getMessage());
        assertTrue(e.getMessage().contains("of 8"), e.getMessage());
        assertArrayEquals(initial, net.parameters().flatten(), 0.0);
    }

    private static Optimizer hugeLearningRate(String name) {
        return switch (name) {
            case "adam" -> Adam.builder().learningRate(1e10).build();
            case "radam" -> RAdam.builder().learningRate(1e10).build();
            case "adadelta" -> Adadelta.builder().learningRate(1e10).build();
            case "momentum" -> Sgd.builder(1e10).momentum(0.9).build();
            default -> new GradientDescent(1e10);
        };
    }

    /**
     * An adaptive optimizer with learning rate 10¹⁰ keeps loss and parameters finite while they
     * grow by dozens of orders of magnitude; the default rule stops it in the first epoch that
     * crosses a threshold, names that epoch and restores the parameters before it, for every
     * optimizer.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"adam", "radam", "adadelta", "momentum", "gd"})
    void everyOptimizerStopsWhenAFiniteRunDiverges(String optimizer) {
        Backend b = Backends.get("ejml");
        RadialNetwork net = experimentOneNetwork(b);
        List<double[]> afterEpoch = new ArrayList<>();
        afterEpoch.add(net.parameters().flatten());
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(), hugeLearningRate(optimizer),
                RadialPaperDatasets.experiment1(b)).maxEpochs(300)
                .listener(event -> afterEpoch.add(net.parameters().flatten())).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
        int epoch = e.epoch();
        assertTrue(e.getMessage().startsWith("training diverged in epoch " + epoch + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertArrayEquals(afterEpoch.get(epoch - 1), net.parameters().flatten(), 0.0,
                "the parameters are those before epoch " + epoch);
        assertTrue(net.parameters().allFinite() && net.parameters().maxAbs() <= DivergenceRule.DEFAULT.parameterLimit(),
                "the restored parameters are within the limit: " + net.parameters().maxAbs());
    }

    /** A loss above growthFactor × the best loss and above the floor is divergence. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aLossGrownFarBeyondTheBestIsDivergence(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        DivergenceRule lossOnly = new DivergenceRule(100.0, 1.0, Double.POSITIVE_INFINITY);
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(), Adam.builder().learningRate(1e10).build(),
                RadialPaperDatasets.experiment1(b)).maxEpochs(300).divergenceRule(lossOnly).build();
        assertEquals(lossOnly, trainer.divergenceRule());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, trainer::train);
        assertTrue(e.getMessage().contains("is above 100.0 times the best loss of the run"), e.getMessage());
        assertTrue(e.loss() > 1.0 && Double.isFinite(e.loss()), e.getMessage());
    }

    /** The rule is configurable: with only the NaN-or-∞ check the same run ends normally. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theDivergenceRuleIsConfigurable(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        TrainingResult result = Trainer.builder(net, new MeanSquaredError(), Adam.builder().learningRate(1e10).build(),
                RadialPaperDatasets.experiment1(b)).maxEpochs(20).divergenceRule(DivergenceRule.NON_FINITE_ONLY).build()
                .train();
        assertEquals(20, result.epochs());
        double best = Arrays.stream(result.lossHistory()).min().orElseThrow();
        assertTrue(DivergenceRule.DEFAULT.lossDiverged(result.finalLoss(), best),
                "the default rule would have stopped this run: " + Arrays.toString(result.lossHistory()));
        RadialNetwork small = experimentOneNetwork(b);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.builder(small,
                new MeanSquaredError(), new GradientDescent(0.05), RadialPaperDatasets.experiment1(b)).maxEpochs(5)
                .divergenceRule(new DivergenceRule(1e6, 1e3, 1e-3)).build().train());
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().contains("above the limit 0.001"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aDivergenceRuleRejectsMeaninglessThresholds() {
        rejects("growth factor must be at least 1", () -> new DivergenceRule(0.5, 1.0, 1.0));
        rejects("growth factor must be at least 1", () -> new DivergenceRule(Double.NaN, 1.0, 1.0));
        rejects("loss floor must be at least 0", () -> new DivergenceRule(2.0, -1.0, 1.0));
        rejects("parameter limit must be positive", () -> new DivergenceRule(2.0, 1.0, 0.0));
    }

    /** Records the size and value of every batch loss, delegating to mean squared error. */
    private static final class RecordingLoss implements Loss {
        final List<double[]> batches = new ArrayList<>();
        private final MeanSquaredError mse = new MeanSquaredError();

        @Override
        public double value(Tensor prediction, Tensor target) {
            return mse.value(prediction, target);
        }

        @Override
        public double valueAndGradient(Tensor prediction, Tensor target, Tensor gradient) {
            double v = mse.valueAndGradient(prediction, target, gradient);
            batches.add(new double[] {prediction.rows(), v});
            return v;
        }

        @Override
        public void requireValidTargets(Tensor targets, int outputWidth) {
            mse.requireValidTargets(targets, outputWidth);
        }

        @Override
        public String name() {
            return "recording mse";
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aMinibatchEpochLossIsTheBatchSizeWeightedMeanOfItsBatchLosses(String backend) {
        Backend b = Backends.get(backend);
        RecordingLoss loss = new RecordingLoss();
        List<EpochEvent> events = new ArrayList<>();
        TrainingResult result = Trainer.builder(experimentOneNetwork(b), loss, Sgd.builder(0.05).momentum(0.5).build(),
                RadialPaperDatasets.experiment1(b)).batchSize(50).maxEpochs(3).listener(events::add).build().train();
        assertEquals(9, loss.batches.size(), "121 samples in batches of 50, 50 and 21, three epochs");
        for (int e = 0; e < 3; e++) {
            double weighted = 0;
            for (int k = 0; k < 3; k++) {
                double[] batch = loss.batches.get(3 * e + k);
                assertEquals(k < 2 ? 50 : 21, batch[0], 0.0);
                weighted += batch[0] * batch[1];
            }
            assertEquals(weighted / 121, result.lossHistory()[e], 1e-15);
            assertEquals(e + 1, events.get(e).epoch());
            assertEquals(result.lossHistory()[e], events.get(e).loss(), 0.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void seededMinibatchTrainingIsReproducible(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = RadialPaperDatasets.experiment1(b);
        double[][] runs = new double[3][];
        long[] seeds = {1L, 1L, 2L};
        for (int r = 0; r < 3; r++) {
            runs[r] = Trainer.builder(experimentOneNetwork(b), new MeanSquaredError(), Adam.builder().learningRate(0.01).build(),
                    data).batchSize(16).seed(seeds[r]).maxEpochs(20).build().train().lossHistory();
        }
        assertArrayEquals(runs[0], runs[1], 0.0, "same seed, same run");
        assertFalse(Arrays.equals(runs[0], runs[2]), "another seed shuffles differently");
        assertTrue(runs[0][19] < runs[0][0], "Adam on minibatches lowers the loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void theTimeLimitAndStopRequestsEndTheRunAfterTheCurrentEpoch(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = RadialPaperDatasets.experiment1(b);
        AtomicLong now = new AtomicLong();
        List<EpochEvent> events = new ArrayList<>();
        TrainingResult timed = Trainer.builder(experimentOneNetwork(b), new MeanSquaredError(), new GradientDescent(0.01),
                data).timeLimit(Duration.ofSeconds(3)).clock(() -> now.getAndAdd(1_000_000_000L)).listener(events::add)
                .build().train();
        assertEquals(StopReason.TIME_LIMIT, timed.stopReason());
        assertEquals(3, timed.epochs(), "the clock advances one second per reading");
        assertEquals(Duration.ofSeconds(3), timed.elapsed());
        assertEquals(Duration.ofSeconds(1), events.get(0).elapsed());
        assertEquals(Duration.ofSeconds(2), events.get(1).elapsed());

        Trainer[] holder = new Trainer[1];
        holder[0] = Trainer.builder(experimentOneNetwork(b), new MeanSquaredError(), new GradientDescent(0.01), data)
                .maxEpochs(100).listener(event -> {
                    if (event.epoch() == 4) {
                        holder[0].requestStop();
                    }
                }).build();
        TrainingResult stopped = holder[0].train();
        assertEquals(StopReason.STOP_REQUESTED, stopped.stopReason());
        assertEquals(4, stopped.epochs());
        TrainingResult again = holder[0].train();
        assertEquals(StopReason.STOP_REQUESTED, again.stopReason(), "the listener asks again in the next run");
        assertEquals(4, again.epochs(), "a new run counts epochs from 1");
        assertTrue(again.lossHistory()[0] < stopped.lossHistory()[0], "and continues from the trained parameters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void crossEntropyMinibatchTrainingOfAnMlpLowersTheLoss(String backend) {
        Backend b = Backends.get(backend);
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] x = new double[60][];
        double[][] y = new double[60][];
        for (int s = 0; s < 60; s++) {
            double u = random.nextDouble(-1, 1);
            double v = random.nextDouble(-1, 1);
            x[s] = new double[] {u, v};
            y[s] = new double[] {u + v > 0 ? 1 : 0};
        }
        Dataset data = Dataset.fromRows(b, x, y);
        Mlp mlp = Mlp.initialized(b, new int[] {2, 8, 2}, PointwiseActivations.tanh(), SEED);
        TrainingResult result = Trainer.builder(mlp, new SoftmaxCrossEntropy(),
                AdamW.builder().learningRate(0.05).build(), data).batchSize(16).maxEpochs(30).build().train();
        assertTrue(result.finalLoss() < 0.5 * result.lossHistory()[0], result.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void badSettingsAndMismatchedDataAreRejectedAtBuildTime(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        MeanSquaredError mse = new MeanSquaredError();
        GradientDescent gd = new GradientDescent(0.01);
        Dataset data = RadialPaperDatasets.experiment1(b);
        rejects("maximum number of epochs or a time limit", () -> Trainer.builder(net, mse, gd, data).build());
        rejects("maximum number of epochs or a time limit", () -> Trainer.builder(net, mse, gd, data).targetLoss(0.01).build());
        rejects("batch size must be at least 1, got 0", () -> Trainer.builder(net, mse, gd, data).batchSize(0));
        rejects("at least 1, got 0", () -> Trainer.builder(net, mse, gd, data).maxEpochs(0));
        rejects("target loss must be finite, got NaN", () -> Trainer.builder(net, mse, gd, data).targetLoss(Double.NaN));
        rejects("time limit must be positive", () -> Trainer.builder(net, mse, gd, data).timeLimit(Duration.ZERO));

        Dataset twoInputs = RadialPaperDatasets.experiment3(b);
        rejects("inputs have 2 columns but the network's input width n₀ is 1",
                () -> Trainer.builder(net, mse, gd, twoInputs).maxEpochs(1).build());
        Dataset twoTargets = Dataset.of(data.inputs(), b.zeros(121, 2));
        rejects("targets have 2 columns and the network's output width n_L is 1",
                () -> Trainer.builder(net, mse, gd, twoTargets).maxEpochs(1).build());

        Mlp classifier = Mlp.initialized(b, new int[] {1, 4, 3}, PointwiseActivations.relu(), SEED);
        rejects("one column of class indices",
                () -> Trainer.builder(classifier, new SoftmaxCrossEntropy(), gd, Dataset.of(data.inputs(), b.zeros(121, 3)))
                        .maxEpochs(1).build());
        Tensor labels = b.zeros(121, 1);
        labels.set(7, 0, 3.0);
        rejects("label 3.0 of sample 7 is not a class index in 0..2",
                () -> Trainer.builder(classifier, new SoftmaxCrossEntropy(), gd, Dataset.of(data.inputs(), labels))
                        .maxEpochs(1).build());

        Backend other = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(backend)).findFirst().orElseThrow().create();
        rejects("convert the data with Dataset.copyTo",
                () -> Trainer.builder(net, mse, gd, data.copyTo(other)).maxEpochs(1).build());

        rejects("at least one sample", () -> Dataset.of(b.zeros(0, 1), b.zeros(0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void aNetworkThatIsAlreadyNaNIsNotTrained(String backend) {
        Backend b = Backends.get(backend);
        RadialNetwork net = experimentOneNetwork(b);
        net.parameters().weight(2).set(0, 0, Double.NaN);
        Trainer trainer = Trainer.builder(net, new MeanSquaredError(), new GradientDescent(0.01),
                RadialPaperDatasets.experiment1(b)).maxEpochs(3).build();
        rejects("NaN or ∞ before the first epoch", trainer::train);
    }

    private static Dataset tinyClassification(Backend b, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[40][3];
        double[][] y = new double[40][1];
        for (int s = 0; s < x.length; s++) {
            for (int j = 0; j < 3; j++) {
                x[s][j] = r.nextDouble(-1, 1);
            }
            y[s][0] = x[s][0] + x[s][1] > 0 ? (x[s][2] > 0 ? 2 : 1) : 0;
        }
        return Dataset.fromRows(b, x, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void trainingOnlySomeTensorsLeavesTheOthersBitwiseUnchanged(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tinyClassification(b, 7);
        Mlp net = Mlp.initialized(b, new int[] {3, 5, 4, 3}, PointwiseActivations.relu(), SEED);
        Param parameters = net.parameters();
        double[] before = parameters.flatten();
        int[] trainable = {1, 4};
        RAdam radam = RAdam.builder().learningRate(0.01).weightDecay(1e-2).build();
        Trainer.builder(net, new SoftmaxCrossEntropy(), radam, data).batchSize(16).seed(3).maxEpochs(4)
                .trainOnly(parameters.select(trainable)).build().train();
        double[] after = parameters.flatten();
        int offset = 0;
        for (int k = 0; k < parameters.tensors().size(); k++) {
            int size = parameters.tensors().get(k).size();
            boolean moved = false;
            for (int j = offset; j < offset + size; j++) {
                if (k == 1 || k == 4) {
                    moved |= before[j] != after[j];
                } else {
                    assertEquals(Double.doubleToRawLongBits(before[j]), Double.doubleToRawLongBits(after[j]),
                            "tensor " + k + " is frozen: entry " + (j - offset) + " changed");
                }
            }
            if (k == 1 || k == 4) {
                assertTrue(moved, "tensor " + k + " is trained and must move");
            }
            offset += size;
        }
        int trainableSize = parameters.tensors().get(1).size() + parameters.tensors().get(4).size();
        assertEquals(trainableSize, radam.exportState().buffers().get("m").length,
                "the optimizer's moments cover the trained tensors only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void trainingEveryTensorThroughTrainOnlyIsBitwiseTheUsualRun(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tinyClassification(b, 8);
        Mlp usual = Mlp.initialized(b, new int[] {3, 5, 3}, PointwiseActivations.relu(), SEED);
        Mlp viaView = Mlp.initialized(b, new int[] {3, 5, 3}, PointwiseActivations.relu(), SEED);
        LearningRateSchedule paper = LearningRateSchedule.perEpoch(LearningRateSchedule.exponentialDecay(0.002, 0.93), 3);
        Trainer.builder(usual, new SoftmaxCrossEntropy(), RAdam.builder().schedule(paper).weightDecay(1e-4).build(), data)
                .batchSize(16).maxEpochs(3).build().train();
        Trainer.builder(viaView, new SoftmaxCrossEntropy(), RAdam.builder().schedule(paper).weightDecay(1e-4).build(), data)
                .batchSize(16).maxEpochs(3).trainOnly(viaView.parameters().select(new int[] {0, 1, 2, 3})).build().train();
        assertArrayEquals(usual.parameters().flatten(), viaView.parameters().flatten(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void trainOnlyRejectsTensorsThatAreNotTheNetworks(String backend) {
        Backend b = Backends.get(backend);
        Dataset data = tinyClassification(b, 9);
        Mlp net = Mlp.initialized(b, new int[] {3, 5, 3}, PointwiseActivations.relu(), SEED);
        Mlp other = Mlp.initialized(b, new int[] {3, 5, 3}, PointwiseActivations.relu(), SEED);
        Trainer.Builder builder = Trainer.builder(net, new SoftmaxCrossEntropy(), new GradientDescent(0.1), data);
        rejects("is not one of the tensors", () -> builder.trainOnly(other.parameters().select(new int[] {0})));
        Param p = net.parameters();
        rejects("appears twice", () -> builder.trainOnly(ParameterVector.of(List.of(p.weight(1), p.weight(1)))));
    }
}
