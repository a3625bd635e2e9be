package io.radnet.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.RadialProfile;
import io.radnet.api.RowLoss;
import io.radnet.api.Tensor;
import io.radnet.api.tck.RadialContract;
import io.radnet.api.tck.RadialNetworkKernelContract;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RadialNetworkKernel}'s default one-call training step (forward, the loss over the whole
 * batch, backward), which a backend gets when it overrides only the two passes: checked on a
 * kernel that delegates its passes to EJML's, against EJML's block-by-block step, bit for bit,
 * with and without the shift gradients.
 */
class DefaultTrainingStepTest {
    /** A kernel with EJML's forward and backward pass and the api's default training step. */
    private static final class TwoPassKernel extends RadialNetworkKernel {
        private final EjmlRadialNetworkKernel passes;

        TwoPassKernel(EjmlBackend backend, int[] widths, List<RadialProfile> profiles, int batch) {
            super(backend, widths, profiles, batch);
            passes = new EjmlRadialNetworkKernel(backend, widths, profiles, batch);
        }

        @Override
        protected void forwardKernel(List<Tensor> weights, List<Tensor> biases, double[] shifts, Tensor x, Tensor out) {
            passes.forwardKernel(weights, biases, shifts, x, out);
        }

        @Override
        protected void backwardKernel(List<Tensor> weights, Tensor x, Tensor dOutput, List<Tensor> weightGradients,
                                      List<Tensor> biasGradients, boolean accumulate, double[] shiftGradients,
                                      Tensor dInput) {
            passes.backwardKernel(weights, x, dOutput, weightGradients, biasGradients, accumulate, shiftGradients, dInput);
        }
    }

    /** The outputs of one training step. */
    private record Step(double loss, double[] out, double[] dOutput, List<double[]> gradients, double[] shiftGradients) {
    }

    @Test
    void theDefaultStepIsEjmlsBlockByBlockStepBitForBit() {
        EjmlBackend b = new EjmlBackend();
        int[] n = {3, 5, 1, 4, 2};
        int batch = 600;
        List<RadialProfile> profiles = Collections.nCopies(n.length - 2, RadialContract.SIGMOID);
        SplittableRandom random = new SplittableRandom(41);
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            weights.add(b.fromRowMajor(n[i], n[i - 1], random.doubles((long) n[i] * n[i - 1], -1, 1).toArray()));
            biases.add(b.fromRowMajor(1, n[i], random.doubles(n[i], -1, 1).toArray()));
        }
        double[] shifts = {0.25, -0.5, 0.0};
        Tensor x = b.fromRowMajor(batch, n[0], random.doubles((long) batch * n[0], -2, 2).toArray());
        Tensor target = b.fromRowMajor(batch, 2, random.doubles(batch * 2L, -2, 2).toArray());
        RowLoss loss = RadialNetworkKernelContract.MEAN_SQUARES;
        for (boolean withShifts : new boolean[] {true, false}) {
            Step expected = step(new EjmlRadialNetworkKernel(b, n, profiles, batch), n, weights, biases, shifts, x,
                    target, loss, withShifts);
            Step actual = step(new TwoPassKernel(b, n, profiles, batch), n, weights, biases, shifts, x, target, loss,
                    withShifts);
            String what = withShifts ? "with the shift gradients" : "without them";
            assertEquals(Double.doubleToRawLongBits(expected.loss()), Double.doubleToRawLongBits(actual.loss()), what);
            assertArrayEquals(expected.out(), actual.out(), what + ": F(x)");
            assertArrayEquals(expected.dOutput(), actual.dOutput(), what + ": ∂L/∂F");
            for (int i = 0; i < expected.gradients().size(); i++) {
                assertArrayEquals(expected.gradients().get(i), actual.gradients().get(i), what + ": gradient " + i);
            }
            if (withShifts) {
                assertArrayEquals(expected.shiftGradients(), actual.shiftGradients(), what + ": ∂L/∂s");
            }
        }
    }

    private static Step step(RadialNetworkKernel kernel, int[] n, List<Tensor> weights, List<Tensor> biases,
                             double[] shifts, Tensor x, Tensor target, RowLoss loss, boolean withShifts) {
        EjmlBackend b = (EjmlBackend) kernel.backend();
        int batch = kernel.batch();
        List<Tensor> weightGradients = new ArrayList<>();
        List<Tensor> biasGradients = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            weightGradients.add(b.filled(n[i], n[i - 1], Double.NaN));
            biasGradients.add(b.filled(1, n[i], Double.NaN));
        }
        Tensor out = b.filled(batch, 2, Double.NaN);
        Tensor dOutput = b.filled(batch, 2, Double.NaN);
        double[] shiftGradients = withShifts ? new double[n.length - 2] : null;
        double value = kernel.forwardLossBackward(weights, biases, shifts, x, target, loss, out, dOutput, weightGradients,
                biasGradients, shiftGradients);
        List<double[]> gradients = new ArrayList<>();
        for (int i = 0; i < weightGradients.size(); i++) {
            gradients.add(weightGradients.get(i).toRowMajor());
            gradients.add(biasGradients.get(i).toRowMajor());
        }
        return new Step(value, out.toRowMajor(), dOutput.toRowMajor(), gradients, shiftGradients);
    }
}
