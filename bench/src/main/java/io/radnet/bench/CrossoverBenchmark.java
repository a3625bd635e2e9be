package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Workload;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.RadialNetwork;
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
 * Where the fastest backend changes with the size of the work: the sweeps behind the
 * size-aware default ({@link io.radnet.api.SizeAwareChoice}). Each sweep grows a width or the
 * batch, so that {@link Workload#largestProductMultiplyAdds()} (the measure the default reads)
 * grows:
 * <ul>
 *   <li>{@link #mlpStep}: one Adam step (lr 1e-3) of a (w, w, w, 10) ReLU MLP with softmax
 *       cross-entropy on a seeded batch of 64 samples; measure 64·w²;</li>
 *   <li>{@link #radialStep}: one gradient-descent step (lr 0.01, MSE) of the radial paper's
 *       experiment-3 network, full (2, 16, 64, 128, 16, 2) or reduced (2, 3, 4, 5, 6, 2), on a
 *       seeded batch of B = 441 … 14,641 samples; measure 8192·B (full) or 30·B (reduced);</li>
 *   <li>{@link #compress}: QR-compress of a (w, w, w, w, 10) radial-sigmoid network; measure
 *       w³ (the product W₂·Q₁ of w × w by w × w).</li>
 * </ul>
 * Every result is checked once against EJML (losses and updated parameters to 1e-12, the
 * reduced parameters to 1e-9), as in the other suites.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CrossoverBenchmark {
    /** Samples per step of the MLP sweep (the MLP epoch's batch). */
    public static final int MLP_BATCH = 64;

    /** A (w, w, w, 10) ReLU MLP with Adam on 64 seeded samples. */
    public static class MlpStep extends StepSweep {
        @Override
        TrainingStep stepOn(Backend on) {
            int[] widths = {width, width, width, 10};
            Mlp mlp = Mlp.initialized(on, widths, PointwiseActivations.relu(), 1);
            Tensor inputs = SeededTensors.uniform(on, MLP_BATCH, width, 5);
            SplittableRandom random = new SplittableRandom(6);
            double[] labels = new double[MLP_BATCH];
            for (int s = 0; s < MLP_BATCH; s++) {
                labels[s] = random.nextInt(10);
            }
            return new TrainingStep(mlp, inputs, on.fromRowMajor(MLP_BATCH, 1, labels), new SoftmaxCrossEntropy(),
                    Adam.builder().learningRate(1e-3).build());
        }
    }

    /**
     * The radial paper's experiment-3 network, full (2, 16, 64, 128, 16, 2) or its QR-compression
     * (2, 3, 4, 5, 6, 2), with gradient descent on a seeded batch of the given size.
     */
    public static class RadialStep extends TrainingStepBenchmark.StepState {
        /** full: (2, 16, 64, 128, 16, 2); reduced: (2, 3, 4, 5, 6, 2). */
        @Param({"full", "reduced"})
        public String network;

        /** Samples per step (441: the README session's grid; 14,641: the paper's grid). */
        @Param({"441", "1024", "4096", "14641"})
        public int batch;

        /** @return the widths of the swept network */
        int[] widths() {
            return switch (network) {
                case "full" -> new int[] {2, 16, 64, 128, 16, 2};
                case "reduced" -> new int[] {2, 3, 4, 5, 6, 2};
                default -> throw new IllegalArgumentException("network must be full or reduced, got " + network);
            };
        }

        @Override
        TrainingStep stepOn(Backend on) {
            RadialNetwork radial = RadialNetwork.initialized(on, widths(), RadialProfiles.sigmoid(), 1);
            Tensor inputs = SeededTensors.uniform(on, batch, 2, 5);
            Tensor targets = SeededTensors.uniform(on, batch, 2, 6);
            return new TrainingStep(radial, inputs, targets, new MeanSquaredError(), new GradientDescent(0.01));
        }
    }

    /** A training step whose width w is swept, verified against the same step on EJML. */
    public abstract static class StepSweep extends TrainingStepBenchmark.StepState {
        /** The swept hidden width w. */
        @Param({"8", "16", "32", "64", "128", "256"})
        public int width;
    }

    /** A seeded (w, w, w, w, 10) radial-sigmoid network to QR-compress. */
    public static class CompressSweep extends BackendState {
        /** The swept width w. */
        @Param({"8", "16", "32", "64", "128", "256"})
        public int width;

        RadialNetwork network;

        private RadialNetwork seeded(Backend on) {
            return RadialNetwork.initialized(on, new int[] {width, width, width, width, 10}, RadialProfiles.sigmoid(), 7);
        }

        @Override
        protected void prepare() {
            network = seeded(backend());
        }

        @Override
        protected void verify() {
            var actual = QrCompression.compress(network).network().parameters().tensors();
            var expected = QrCompression.compress(seeded(reference())).network().parameters().tensors();
            for (int i = 0; i < actual.size(); i++) {
                requireAgreement("reduced parameter tensor " + i + " at width " + width, actual.get(i), expected.get(i),
                        1e-9);
            }
        }
    }

    /**
     * @param step the MLP and its batch
     * @return the loss before the step
     */
    @Benchmark
    public double mlpStep(MlpStep step) {
        return step.step.run();
    }

    /**
     * @param step the radial network and its batch
     * @return the loss before the step
     */
    @Benchmark
    public double radialStep(RadialStep step) {
        return step.step.run();
    }

    /**
     * @param sweep the seeded network
     * @return the compressed network; the seeded one is not modified
     */
    @Benchmark
    public CompressedNetwork compress(CompressSweep sweep) {
        return QrCompression.compress(sweep.network);
    }
}
