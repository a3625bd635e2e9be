package io.radnet.core.network;

import static io.radnet.core.network.PassChecks.PROFILES;
import static io.radnet.core.network.PassChecks.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork.Backprop;
import io.radnet.core.optim.GradientDescent;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * EJML's fused radial pass is pinned bit for bit: its results are the README's deterministic
 * numbers, so a change of its loop structure must keep every floating-point operation and its
 * order. Each case folds the raw bits of every value it produces (losses, outputs, gradients,
 * parameters after the updates) into a 64-bit FNV-1a hash. What fixes the bits: the outputs and
 * per-sample signals are those of the layer-by-layer ops (the same operations in the same
 * order); each gradient entry is summed in {@code LaneDots}' 64 lanes over blocks of 256 samples,
 * or, from a batch of 2,048 on (the 14,641-sample grid here), in {@code BlockLanes}' 128 lanes
 * over blocks of 512 (four terms per lane and block, blocks in increasing order, the lanes added
 * by halving at the end); the loss is MSE's sequential sum. The hashes were recorded with the
 * 512-sample blocks of large batches (before them every batch had 256-sample blocks: other
 * gradient bits at 14,641 samples, the same outputs). The agreement of the pass with the
 * layer-by-layer pass and with finite differences is {@link FusedRadialPassTest}'s.
 */
class FusedRadialPassBitsTest {
    /** The narrow networks' widths, the batches (with partial last blocks) and the shift kinds, cycled by trial. */
    private static final int[][] NARROW_WIDTHS = {{2, 3, 4, 5, 6, 2}, {3, 1, 7, 2}, {1, 16, 9, 4}, {4, 5, 3}, {2, 2},
        {2, 11, 13, 3, 1}};
    private static final int[] NARROW_BATCHES = {256, 257, 1000, 600, 300, 14_641};
    private static final String[] SHIFTS = {"none", "fixed", "trainable"};

    /** FNV-1a over the raw bits of doubles, eight bytes each, low byte first. */
    private static final class BitHash {
        private long hash = 0xcbf29ce484222325L;
        private int values;

        void add(double value) {
            long bits = Double.doubleToRawLongBits(value);
            for (int k = 0; k < 8; k++) {
                hash ^= (bits >>> (8 * k)) & 0xff;
                hash *= 0x100000001b3L;
            }
            values++;
        }

        void add(double[] values) {
            for (double value : values) {
                add(value);
            }
        }
    }

    /**
     * Five full-batch gradient-descent epochs (learning rate 0.01, MSE) of the reduced
     * experiment-3 network (2,3,4,5,6,2), the QR-compression of the seeded full network, on the
     * 14,641-point grid: the benchmark's epoch, through the fused pass as AUTOMATIC chooses it.
     */
    @Test
    void theReducedExperiment3EpochsKeepTheirBits() {
        assertEquals(261532989081658415L, fiveReducedExperiment3Epochs(false).hash,
                "the bits of five reduced experiment-3 epochs");
    }

    /**
     * The same five epochs through {@link TrainingPass#forwardLossBackward}, where the fused pass
     * takes each block of samples forward, through the loss and backward in one go: the same
     * hash, so the one-call step keeps every bit of forward, loss and backward.
     */
    @Test
    void theReducedExperiment3EpochsKeepTheirBitsInOneCallPerStep() {
        assertEquals(261532989081658415L, fiveReducedExperiment3Epochs(true).hash,
                "the bits of five reduced experiment-3 epochs, one call each");
    }

    /**
     * @param oneCall whether each step is {@link TrainingPass#forwardLossBackward} or forward,
     *     loss and backward called apart
     * @return the hash of the five losses, the five gradients and the final parameters
     */
    private static BitHash fiveReducedExperiment3Epochs(boolean oneCall) {
        Backend b = Backends.get("ejml");
        RadialNetwork full = RadialNetwork.initialized(b, new int[] {2, 16, 64, 128, 16, 2}, RadialProfiles.sigmoid(), 1);
        RadialNetwork reduced = (RadialNetwork) QrCompression.compress(full).network();
        Dataset grid = RadialPaperDatasets.experiment3(b);
        int batch = grid.inputs().rows();
        TrainingPass pass = reduced.trainingPass(batch);
        assertInstanceOf(FusedRadialPass.class, pass, "the reduced network trains through EJML's fused pass");
        MeanSquaredError loss = new MeanSquaredError();
        GradientDescent descent = new GradientDescent(0.01);
        Tensor outputGradient = b.zeros(batch, reduced.outputWidth());
        Param gradient = reduced.parameters().zerosLike();
        BitHash hash = new BitHash();
        for (int epoch = 0; epoch < 5; epoch++) {
            if (oneCall) {
                hash.add(pass.forwardLossBackward(grid.inputs(), loss, grid.targets(), outputGradient, gradient));
            } else {
                hash.add(loss.valueAndGradient(pass.forward(grid.inputs()), grid.targets(), outputGradient));
                pass.backward(outputGradient, gradient);
            }
            hash.add(gradient.flatten());
            descent.step(reduced.parameters(), gradient);
        }
        hash.add(reduced.parameters().flatten());
        int parameters = reduced.parameters().flatten().length;
        assertEquals(5 + 6 * parameters, hash.values, "five losses, five gradients and the final parameters hashed");
        return hash;
    }

    /**
     * Every profile, with and without (trainable) shifts, at narrow widths and batches with a
     * partial last block and a zero sample: {@link TrainingPass#forwardLossBackward} gives
     * bitwise the loss, ∂L/∂F and the gradient of forward, {@link MeanSquaredError#valueAndGradient}
     * and backward; afterwards backward needs a new forward.
     */
    @Test
    void theOneCallStepIsForwardLossAndBackwardBitForBit() {
        Backend b = Backends.get("ejml");
        MeanSquaredError loss = new MeanSquaredError();
        for (int trial = 0; trial < 12; trial++) {
            NarrowTrial narrow = NarrowTrial.of(b, 9000, trial);
            SplittableRandom random = narrow.random();
            int[] n = narrow.widths();
            int batch = narrow.batch();
            int outputs = n[n.length - 1];
            RadialNetwork net = narrow.network();
            Tensor x = narrow.inputs();
            Tensor target = uniform(b, random, batch, outputs);
            TrainingPass pass = assertInstanceOf(FusedRadialPass.class, net.trainingPass(batch, Backprop.DENSE));
            String what = "trial " + trial + ", widths " + Arrays.toString(n) + ", batch " + batch;

            Tensor dOutput = b.zeros(batch, outputs);
            Param gradient = net.parameters().zerosLike();
            double value = loss.valueAndGradient(pass.forward(x), target, dOutput);
            pass.backward(dOutput, gradient);

            Tensor oneCallDOutput = b.filled(batch, outputs, Double.NaN);
            Param oneCallGradient = net.parameters().zerosLike();
            double oneCallValue = pass.forwardLossBackward(x, loss, target, oneCallDOutput, oneCallGradient);
            assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(oneCallValue),
                    what + ": L " + value + " against " + oneCallValue);
            assertArrayEquals(bits(dOutput.toRowMajor()), bits(oneCallDOutput.toRowMajor()), what + ": ∂L/∂F");
            assertArrayEquals(bits(gradient.flatten()), bits(oneCallGradient.flatten()), what + ": the gradient");
            IllegalStateException after = assertThrows(IllegalStateException.class,
                    () -> pass.backward(oneCallDOutput, oneCallGradient));
            assertEquals("backward needs a forward pass first", after.getMessage(), what);
        }
    }

    /**
     * One narrow trial: the widths, batch, profile and shift kind cycled by the trial's index, a
     * seeded network, inputs uniform in [−2, 2) whose first sample is zero, and the first hidden
     * layer's bias zeroed (so that the zero sample reaches a zero pre-activation, the radial
     * activation's removable singularity).
     *
     * @param random the trial's generator, after the network and the inputs were drawn from it
     */
    private record NarrowTrial(SplittableRandom random, int[] widths, int batch, RadialNetwork network, Tensor inputs) {
        static NarrowTrial of(Backend backend, int seedBase, int trial) {
            SplittableRandom random = new SplittableRandom(seedBase + trial);
            int[] widths = NARROW_WIDTHS[trial % NARROW_WIDTHS.length];
            int batch = NARROW_BATCHES[trial % NARROW_BATCHES.length];
            RadialNetwork network = GradientCheck.radialNetwork(backend, widths, PROFILES.get(trial % PROFILES.size()),
                    SHIFTS[trial % SHIFTS.length], random.nextLong());
            Tensor inputs = uniform(backend, random, batch, widths[0]);
            for (int j = 0; j < widths[0]; j++) {
                inputs.set(0, j, 0.0);
            }
            backend.fill(network.parameters().bias(1), 0.0);
            return new NarrowTrial(random, widths, batch, network, inputs);
        }
    }

    private static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            bits[k] = Double.doubleToRawLongBits(values[k]);
        }
        return bits;
    }

    /**
     * Every profile, with and without (trainable) shifts, at narrow widths and batches with a
     * partial last block: the forward output, the gradient, the accumulated gradient with the
     * input gradient, and the shift gradients.
     */
    @Test
    void narrowNetworksKeepTheirBits() {
        Backend b = Backends.get("ejml");
        BitHash hash = new BitHash();
        for (int trial = 0; trial < 12; trial++) {
            NarrowTrial narrow = NarrowTrial.of(b, 7000, trial);
            SplittableRandom random = narrow.random();
            int[] n = narrow.widths();
            int batch = narrow.batch();
            RadialNetwork net = narrow.network();
            Tensor x = narrow.inputs();
            Tensor dOutput = uniform(b, random, batch, n[n.length - 1]);
            TrainingPass pass = assertInstanceOf(FusedRadialPass.class, net.trainingPass(batch, Backprop.DENSE));
            hash.add(pass.forward(x).toRowMajor());
            Param gradient = net.parameters().zerosLike();
            pass.backward(dOutput, gradient);
            hash.add(gradient.flatten());
            Tensor inputGradient = b.zeros(batch, n[0]);
            pass.backwardAccumulating(dOutput, gradient, inputGradient);
            hash.add(gradient.flatten());
            hash.add(inputGradient.toRowMajor());
        }
        assertEquals(2302021005350490715L, hash.hash, "the bits of twelve narrow fused passes");
    }
}
