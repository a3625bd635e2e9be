package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Workload;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.GradientDescent;
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
 * One forward + backward + update step:
 * <ul>
 *   <li>{@link #radialExperiment3}: the radial paper's experiment 3, i.e. the seeded
 *       (2, 16, 64, 128, 16, 2) radial-sigmoid network ("full": the training pass
 *       {@code RadialNetwork} chooses, the subspace pass at this batch; "full-dense": every layer
 *       at full width, as PyTorch computes it) or its QR-compression (2, 3, 4, 5, 6, 2)
 *       ("reduced"); the dense passes run through the backend's fused
 *       {@link io.radnet.api.RadialNetworkKernel} where it offers one (EJML), else layer by
 *       layer; full batch on the 14,641-point grid, MSE, gradient
 *       descent with learning rate 0.01: one step is one epoch of the paper's training, the
 *       quantity {@code ../shared/anchors/pytorch_epoch.py} times in PyTorch;</li>
 *   <li>{@link #mlp}: a (784, 256, 256, 10) ReLU MLP with softmax cross-entropy and Adam
 *       (lr 1e-3) on a seeded batch of 1, 64 or 1024 samples.</li>
 * </ul>
 * The parameters move with every step, as in training; at these learning rates the step's
 * cost does not depend on where they are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {
    /** The experiment-3 network, full or reduced, and the full-batch grid. */
    public static class Experiment3 extends StepState {
        /** full: (2,16,64,128,16,2); full-dense: the same with the dense pass; reduced: its QR-compression (2,3,4,5,6,2). */
        @Param({"full", "full-dense", "reduced"})
        public String network;

        /** Full-batch passes over the 121 × 121 grid: the full or the reduced widths, the dense pass for full-dense. */
        @Override
        protected Workload workload() {
            int[] widths = "reduced".equals(network) ? new int[] {2, 3, 4, 5, 6, 2} : new int[] {2, 16, 64, 128, 16, 2};
            return "full-dense".equals(network) ? Workload.denseRadialNetworkPasses(widths, 121 * 121)
                    : Workload.radialNetworkPasses(widths, 121 * 121);
        }

        @Override
        TrainingStep stepOn(Backend on) {
            RadialNetwork full = RadialNetwork.initialized(on, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
            FeedForwardNetwork trained = switch (network) {
                case "full" -> full;
                case "full-dense" -> full.withBackprop(Backprop.DENSE);
                case "reduced" -> QrCompression.compress(full).network();
                default -> throw new IllegalArgumentException("network must be full, full-dense or reduced, got " + network);
            };
            Dataset grid = RadialPaperDatasets.experiment3(on);
            return new TrainingStep(trained, grid.inputs(), grid.targets(), new MeanSquaredError(), new GradientDescent(0.01));
        }

    }

    /** A (784, 256, 256, 10) ReLU MLP and a seeded batch with integer labels. */
    public static class MlpBatch extends StepState {
        /** Samples per step. */
        @Param({"1", "64", "1024"})
        public int batch;

        @Override
        TrainingStep stepOn(Backend on) {
            Mlp mlp = Mlp.initialized(on, new int[] {784, 256, 256, 10}, PointwiseActivations.relu(), 1);
            Tensor inputs = SeededTensors.uniform(on, batch, 784, 5);
            SplittableRandom random = new SplittableRandom(6);
            double[] labels = new double[batch];
            for (int s = 0; s < batch; s++) {
                labels[s] = random.nextInt(10);
            }
            return new TrainingStep(mlp, inputs, on.fromRowMajor(batch, 1, labels), new SoftmaxCrossEntropy(),
                    Adam.builder().learningRate(1e-3).build());
        }

    }

    /**
     * A training step on the benchmarked backend, verified against the same step on EJML: the
     * losses and the updated parameters agree to 1e-12 (relative).
     */
    abstract static class StepState extends BackendState {
        TrainingStep step;

        /** @return the seeded step on the given backend; the same on every backend */
        abstract TrainingStep stepOn(Backend on);

        @Override
        protected void prepare() {
            step = stepOn(backend());
        }

        @Override
        protected void verify() {
            TrainingStep expected = stepOn(reference());
            double actualLoss = step.run();
            double expectedLoss = expected.run();
            if (!(Math.abs(actualLoss - expectedLoss) <= 1e-12 * Math.max(1, Math.abs(expectedLoss)))) {
                throw new IllegalStateException("the training step's loss on " + backend + " is " + actualLoss
                        + ", EJML's is " + expectedLoss);
            }
            var actualTensors = step.network().parameters().tensors();
            var expectedTensors = expected.network().parameters().tensors();
            for (int i = 0; i < actualTensors.size(); i++) {
                requireAgreement("updated parameter tensor " + i, actualTensors.get(i), expectedTensors.get(i), 1e-12);
            }
        }
    }

    /**
     * @param experiment3 the network and the grid
     * @return the loss before the step
     */
    @Benchmark
    public double radialExperiment3(Experiment3 experiment3) {
        return experiment3.step.run();
    }

    /**
     * @param mlp the MLP and its batch
     * @return the loss before the step
     */
    @Benchmark
    public double mlp(MlpBatch mlp) {
        return mlp.step.run();
    }
}
