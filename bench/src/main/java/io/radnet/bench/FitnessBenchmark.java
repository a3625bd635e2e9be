package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.cnn.CnnArchitectures;
import io.radnet.core.cnn.CnnWorkload;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.data.RcNetDatasets;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.RepeatedCompositionNetwork;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Sgd;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The wide workloads of {@code bench/run fitness}, each one {@link Trainer#train()} of one epoch
 * as {@code radnet train} runs it (shuffled minibatches gathered from the data set, forward,
 * backward, update). One trainer per trial runs every epoch, as a training run of many epochs
 * does: its buffers and the optimizer's state are allocated by the first (warm-up) epoch, so
 * {@code -prof gc} shows what an epoch itself allocates:
 * <ul>
 *   <li>{@link #mlpEpoch}: a (784, 256, 256, 10) ReLU MLP, softmax cross-entropy, Adam (lr 1e-3),
 *       batch 64, one epoch of 10,000 (parameter {@code samples}) seeded uniform [0, 1) images with labels 0–9 (157 steps;
 *       the shape of the first 10,000 Fashion-MNIST training images: the time does not depend on
 *       the values), the quantity {@code ../shared/anchors/pytorch_wide.py mlp} times in PyTorch;</li>
 *   <li>{@link #rcnetEpoch}: the RCNet paper's 2-D approximation network
 *       L₂ ∘ g^{∘4} ∘ L₁ with a shared block of width n = 100, MSE, RAdam (lr 0.002), batch 500,
 *       one epoch of 10,000 samples (parameter {@code samples}; 20 steps);</li>
 *   <li>{@link #hypernetworkStep}: one SGD step (lr 0.01) of the hypernetworks paper's
 *       hypernetwork (generator MLP (8, 32, 32, 32, 90), primary network (8, 10, 1)) on a batch
 *       of 200 samples of the type-A target;</li>
 *   <li>{@link #cnnStep}: one training step of the intrinsic-parameters paper's CNN
 *       ({@link CnnArchitectures#intrinsicParameters}: forward and backward in training mode,
 *       batch-norm statistics, dropout) with softmax cross-entropy and RAdam (lr 0.002, weight
 *       decay 1e-4) on the first 128 Fashion-MNIST training images standardised by their own
 *       mean and deviation, the quantity {@code bench/anchors/pytorch_fitness.py cnn} times in
 *       PyTorch on the same images (needs Debian's dataset-fashion-mnist).</li>
 * </ul>
 * Each trial first trains one epoch on the benchmarked backend and on EJML from the same seeded
 * start and compares the epoch losses (relative 1e-9), so a broken kernel fails the trial.
 */
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FitnessBenchmark {
    /** A network, its data, loss and optimizer: one seeded training setup. */
    record Setup(Network network, Dataset data, Loss loss, Optimizer optimizer, int batch) {
        /** @return a trainer whose every {@link Trainer#train()} is one epoch of seeded minibatch training */
        Trainer trainer() {
            return Trainer.builder(network, loss, optimizer, data).batchSize(batch).seed(1).maxEpochs(1).build();
        }

        /** @return one epoch of minibatch training by a new trainer */
        TrainingResult epoch() {
            return trainer().train();
        }
    }

    /** A training setup on the benchmarked backend, verified against EJML's. */
    abstract static class EpochState extends BackendState {
        /** Trains the trial's setup, one epoch per {@link Trainer#train()}. */
        Trainer trainer;

        /** @return the seeded setup on the given backend; the same on every backend */
        abstract Setup setupOn(Backend on);

        @Override
        protected void prepare() {
            trainer = setupOn(backend()).trainer();
        }

        @Override
        protected void verify() {
            double actual = setupOn(backend()).epoch().lossHistory()[0];
            double expected = setupOn(reference()).epoch().lossHistory()[0];
            if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
                throw new IllegalStateException("the epoch's loss on " + backend + " is " + actual + ", EJML's is "
                        + expected + ": a kernel is broken, not timing it");
            }
        }
    }

    /** The MLP epoch's network and its 10,000 × 784 inputs with labels. */
    public static class MlpEpoch extends EpochState {
        /** Images per epoch. */
        @Param("10000")
        public int samples;

        /** The epoch's steps: the samples in batches of 64. */
        @Override
        protected Workload workload() {
            return Workload.networkPasses(new int[] {784, 256, 256, 10}, 64).withSteps((samples + 63) / 64);
        }

        @Override
        Setup setupOn(Backend on) {
            SplittableRandom random = new SplittableRandom(21);
            double[] pixels = new double[samples * 784];
            double[] labels = new double[samples];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextDouble();
            }
            for (int s = 0; s < samples; s++) {
                labels[s] = random.nextInt(10);
            }
            Dataset data = Dataset.of(on.fromRowMajor(samples, 784, pixels), on.fromRowMajor(samples, 1, labels));
            return new Setup(Mlp.initialized(on, new int[] {784, 256, 256, 10}, PointwiseActivations.relu(), 1), data,
                    new SoftmaxCrossEntropy(), Adam.builder().learningRate(1e-3).build(), 64);
        }
    }

    /** The RCNet approximation network (n = 100, r = 4) and 10,000 samples. */
    public static class RcnetEpoch extends EpochState {
        /** Samples per epoch. */
        @Param("10000")
        public int samples;

        /**
         * The chain L₂ ∘ g^{∘4} ∘ L₁ as widths (2, 100, 100, 100, 100, 100, 1) on batches of 500,
         * one step per batch of the epoch.
         */
        @Override
        protected Workload workload() {
            return Workload.networkPasses(new int[] {2, 100, 100, 100, 100, 100, 1}, 500).withSteps((samples + 499) / 500);
        }

        @Override
        Setup setupOn(Backend on) {
            return new Setup(RepeatedCompositionNetwork.initialized(on, 2, new int[] {100, 100}, 1, 4,
                    PointwiseActivations.relu(), 1), RcNetDatasets.approximation(on, samples, 4001), new MeanSquaredError(),
                    RAdam.builder().learningRate(0.002).build(), 500);
        }
    }

    /** The hypernetwork of depth 4 and one batch of 200 type-A samples. */
    public static class HypernetworkBatch extends EpochState {
        /** The weight generator's pass, (8, 32, 32, 32, 90) on one batch of 200: one step. */
        @Override
        protected Workload workload() {
            return Workload.networkPasses(new int[] {8, 32, 32, 32, 90}, 200);
        }

        @Override
        Setup setupOn(Backend on) {
            PrimaryArchitecture primary = PrimaryArchitecture.of(new int[] {8, 10, 1}, PointwiseActivations.relu(), false);
            HyperNetwork network = new HyperNetwork(Mlp.initialized(on, new int[] {8, 32, 32, 32, primary.parameterCount()},
                    PointwiseActivations.relu(), 1), primary);
            Dataset batch = HypernetworkTargets.create(HypernetworkTargets.Type.values()[0], 8, 8, 1000).sample(on, 200, 2000);
            return new Setup(network, batch, new MeanSquaredError(), Sgd.builder(0.01).build(), 200);
        }
    }

    /**
     * The intrinsic-parameters CNN and the first Fashion-MNIST training images (parameter
     * {@code batch}): one epoch is one step.
     */
    public static class CnnBatch extends EpochState {
        /** The batch: the first images of the training set, one step. */
        @Param("128")
        public int batch;

        /**
         * One training step of the CNN ({@link CnnWorkload}: its convolutions' and dense layers'
         * products and its memory-bound passes), counted from the shapes of the network built on
         * EJML.
         */
        @Override
        protected Workload workload() {
            return CnnWorkload.trainingStep(CnnArchitectures.intrinsicParameters(reference(), 1), batch);
        }

        @Override
        Setup setupOn(Backend on) {
            Dataset images = Datasets.fashionMnist(on, Datasets.Split.TRAIN);
            int[] first = new int[batch];
            for (int r = 0; r < first.length; r++) {
                first[r] = r;
            }
            Dataset firstImages = images.subset(first);
            double[] moments = firstImages.inputMeanAndDeviation();
            return new Setup(CnnArchitectures.intrinsicParameters(on, 1),
                    firstImages.standardizedInputs(moments[0], moments[1]),
                    new SoftmaxCrossEntropy(), RAdam.builder().learningRate(0.002).weightDecay(1e-4).build(), batch);
        }
    }

    /**
     * @param state the MLP and its data
     * @return the epoch's training result
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public TrainingResult mlpEpoch(MlpEpoch state) {
        return state.trainer.train();
    }

    /**
     * @param state the RCNet and its data
     * @return the epoch's training result
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public TrainingResult rcnetEpoch(RcnetEpoch state) {
        return state.trainer.train();
    }

    /**
     * Three forks: the default column runs JBLAS, and ND4J and JBLAS cost the same step to 1 % by
     * the thread's CPU time (0.305 and 0.307 ms, {@code bench/run choice-check --workloads
     * hypernetwork}, 2026-12-05), but one JVM of this 0.3 ms step differs from the next by up to
     * 10 % by CPU time and 17 % by wall time (the quiet fitness run of 2026-12-05: 0.400 ms in the
     * default column's JVM against 0.341 ms in the jblas column's, the same backend), so one fork
     * per column decides default/best by the JVM it happened to get.
     *
     * @param state the hypernetwork and its batch
     * @return the step's training result
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(3)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public TrainingResult hypernetworkStep(HypernetworkBatch state) {
        return state.trainer.train();
    }

    /**
     * @param state the CNN and its batch
     * @return the step's training result
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public TrainingResult cnnStep(CnnBatch state) {
        return state.trainer.train();
    }
}
