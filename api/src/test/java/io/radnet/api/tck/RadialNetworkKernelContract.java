package io.radnet.api.tck;

import static io.radnet.api.tck.TensorAssertions.assertClose;
import static io.radnet.api.tck.TensorAssertions.assertCloseScalar;
import static io.radnet.api.tck.TensorAssertions.assertExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.RadialNetworkKernel;
import io.radnet.api.RadialProfile;
import io.radnet.api.RowLoss;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused radial-network kernel, where a backend offers one, computes what the layer-by-layer
 * composition of the backend's own ops computes (each checked against plain references by the
 * rest of the suite): the output, ∂L/∂W_i, ∂L/∂b_i, ∂L/∂s_i and ∂L/∂x, overwritten or
 * accumulated, across the kernel's block boundaries and with a zero sample. Every backend
 * validates the request; a backend offering none skips the rest.
 */
public interface RadialNetworkKernelContract extends ContractFixture {
    /** Depth 3 with a width-1 layer, and depth 1 (no hidden layer). */
    List<int[]> WIDTHS = List.of(new int[] {3, 5, 1, 4, 2}, new int[] {2, 3});

    /**
     * The mean of the squared differences, L = Σ (P − Y)²/(batch·k), ∂L/∂P = (2/(batch·k))(P − Y),
     * summed one entry at a time in row-major order: the loss of the one-call training step.
     */
    RowLoss MEAN_SQUARES = new RowLoss() {
        @Override
        public int targetColumns(int outputs) {
            return outputs;
        }

        @Override
        public double addRows(double sum, double[] prediction, double[] target, double[] gradient, int outputs,
                              int batch, int fromRow, int toRow) {
            double total = sum;
            for (int p = fromRow * outputs; p < toRow * outputs; p++) {
                double difference = prediction[p] - target[p];
                total += difference * difference;
                gradient[p] = 2.0 / (batch * outputs) * difference;
            }
            return total;
        }

        @Override
        public double value(double sum, int outputs, int batch) {
            return sum / (batch * outputs);
        }
    };

    private Optional<RadialNetworkKernel> kernel(int[] widths, int batch) {
        return backend().radialNetworkKernel(widths, Collections.nCopies(widths.length - 2, RadialContract.SIGMOID), batch);
    }

    private List<Tensor> weights(int[] n, long seed) {
        List<Tensor> w = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            w.add(random(seed + i, n[i], n[i - 1]));
        }
        return w;
    }

    private List<Tensor> biases(int[] n, long seed) {
        List<Tensor> b = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            b.add(random(seed + 10 + i, 1, n[i]));
        }
        return b;
    }

    private static double[] shifts(int[] n) {
        double[] s = new double[n.length - 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.25 * i - 0.3;
        }
        return s;
    }

    @Test
    default void radialNetworkKernelRejectsABadRequest() {
        Backend b = backend();
        List<RadialProfile> one = List.of(RadialContract.SIGMOID);
        assertThrows(IllegalArgumentException.class, () -> b.radialNetworkKernel(new int[] {3}, List.of(), 4));
        assertThrows(IllegalArgumentException.class, () -> b.radialNetworkKernel(new int[] {3, 0, 2}, one, 4));
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> b.radialNetworkKernel(new int[] {3, 4, 4, 2}, one, 4));
        assertTrue(count.getMessage().contains("2 hidden layers but 1 profiles"), count.getMessage());
        List<RadialProfile> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> b.radialNetworkKernel(new int[] {3, 4, 2}, withNull, 4));
        assertThrows(IllegalArgumentException.class, () -> b.radialNetworkKernel(new int[] {3, 4, 2}, one, 0));
        assertThrows(NullPointerException.class, () -> b.radialNetworkKernel(null, one, 4));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {256, 600})
    default void radialNetworkKernelIsTheLayerByLayerComposition(int batch) {
        for (int[] n : WIDTHS) {
            Optional<RadialNetworkKernel> offered = kernel(n, batch);
            Assumptions.assumeTrue(offered.isPresent(), backend().name() + " offers no fused radial-network kernel");
            RadialNetworkKernel kernel = offered.get();
            int layers = n.length - 1;
            List<Tensor> w = weights(n, 70);
            List<Tensor> bias = biases(n, 70);
            double[] s = shifts(n);
            Tensor x = random(81, batch, n[0]);
            for (int j = 0; j < n[0]; j++) {
                x.set(0, j, 0.0); // with b_1 = 0, a sample whose first pre-activation is 0
            }
            backend().fill(bias.get(0), 0.0);
            Tensor dOutput = random(82, batch, n[layers]);
            Composition expected = new Composition(backend(), n, w, bias, s, x, dOutput);

            double[][] input = x.toRows();
            Tensor out = backend().filled(batch, n[layers], Double.NaN);
            kernel.forward(w, bias, s, x, out);
            assertClose(expected.output.toRows(), out, Tolerances.OP_RELATIVE, "forward");
            assertExactly(input, x, "forward leaves x alone");

            List<Tensor> gw = new ArrayList<>();
            List<Tensor> gb = new ArrayList<>();
            for (int i = 1; i <= layers; i++) {
                gw.add(backend().filled(n[i], n[i - 1], Double.NaN));
                gb.add(backend().filled(1, n[i], Double.NaN));
            }
            double[] gs = new double[layers - 1];
            kernel.backward(dOutput, gw, gb, false, gs, null);
            for (int i = 1; i <= layers; i++) {
                assertClose(expected.weightGradients.get(i - 1).toRows(), gw.get(i - 1), Tolerances.OP_RELATIVE, "∂L/∂W_" + i);
                assertClose(expected.biasGradients.get(i - 1).toRows(), gb.get(i - 1), Tolerances.OP_RELATIVE, "∂L/∂b_" + i);
            }
            for (int i = 0; i < gs.length; i++) {
                assertCloseScalar(expected.shiftGradients[i], gs[i], Tolerances.OP_RELATIVE, "∂L/∂s_" + (i + 1));
            }

            Tensor dInput = backend().filled(batch, n[0], Double.NaN);
            kernel.backward(dOutput, gw, gb, true, gs, dInput);
            assertClose(expected.inputGradient.toRows(), dInput, Tolerances.OP_RELATIVE, "∂L/∂x");
            for (int i = 1; i <= layers; i++) {
                Tensor twice = backend().zeros(n[i], n[i - 1]);
                backend().scale(2.0, expected.weightGradients.get(i - 1), twice);
                assertClose(twice.toRows(), gw.get(i - 1), Tolerances.OP_RELATIVE, "accumulated ∂L/∂W_" + i);
            }
        }
    }

    /**
     * forwardLossBackward gives bitwise what forward, the loss over the whole batch and backward
     * give on the same kernel (a kernel may take the loss block by block, in increasing order of
     * the rows), across block boundaries and with a zero sample; afterwards backward needs a
     * new forward call.
     */
    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {256, 600})
    default void radialNetworkKernelTakesTheLossInOneCallWithTheSameBits(int batch) {
        for (int[] n : WIDTHS) {
            Optional<RadialNetworkKernel> offered = kernel(n, batch);
            Assumptions.assumeTrue(offered.isPresent(), backend().name() + " offers no fused radial-network kernel");
            RadialNetworkKernel kernel = offered.get();
            int layers = n.length - 1;
            int outputs = n[layers];
            List<Tensor> w = weights(n, 170);
            List<Tensor> bias = biases(n, 170);
            backend().fill(bias.get(0), 0.0);
            double[] s = shifts(n);
            Tensor x = random(181, batch, n[0]);
            for (int j = 0; j < n[0]; j++) {
                x.set(0, j, 0.0);
            }
            Tensor target = random(182, batch, outputs);

            Tensor out = backend().zeros(batch, outputs);
            kernel.forward(w, bias, s, x, out);
            double[] outputGradient = new double[batch * outputs];
            double sum = MEAN_SQUARES.addRows(0.0, out.toRowMajor(), target.toRowMajor(), outputGradient, outputs, batch,
                    0, batch);
            double loss = MEAN_SQUARES.value(sum, outputs, batch);
            Tensor dOutput = backend().fromRowMajor(batch, outputs, outputGradient);
            List<Tensor> gw = new ArrayList<>();
            List<Tensor> gb = new ArrayList<>();
            List<Tensor> oneCallGw = new ArrayList<>();
            List<Tensor> oneCallGb = new ArrayList<>();
            for (int i = 1; i <= layers; i++) {
                gw.add(backend().zeros(n[i], n[i - 1]));
                gb.add(backend().zeros(1, n[i]));
                oneCallGw.add(backend().filled(n[i], n[i - 1], Double.NaN));
                oneCallGb.add(backend().filled(1, n[i], Double.NaN));
            }
            double[] gs = new double[layers - 1];
            kernel.backward(dOutput, gw, gb, false, gs, null);

            Tensor oneCallOut = backend().filled(batch, outputs, Double.NaN);
            Tensor oneCallDOutput = backend().filled(batch, outputs, Double.NaN);
            double[] oneCallGs = new double[layers - 1];
            Arrays.fill(oneCallGs, Double.NaN);
            double oneCallLoss = kernel.forwardLossBackward(w, bias, s, x, target, MEAN_SQUARES, oneCallOut,
                    oneCallDOutput, oneCallGw, oneCallGb, oneCallGs);
            assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(oneCallLoss),
                    "L: " + loss + " against " + oneCallLoss);
            assertExactly(out.toRows(), oneCallOut, "F(x)");
            assertExactly(dOutput.toRows(), oneCallDOutput, "∂L/∂F");
            for (int i = 1; i <= layers; i++) {
                assertExactly(gw.get(i - 1).toRows(), oneCallGw.get(i - 1), "∂L/∂W_" + i);
                assertExactly(gb.get(i - 1).toRows(), oneCallGb.get(i - 1), "∂L/∂b_" + i);
            }
            for (int i = 0; i < gs.length; i++) {
                assertEquals(Double.doubleToRawLongBits(gs[i]), Double.doubleToRawLongBits(oneCallGs[i]),
                        "∂L/∂s_" + (i + 1) + ": " + gs[i] + " against " + oneCallGs[i]);
            }
            IllegalStateException after = assertThrows(IllegalStateException.class,
                    () -> kernel.backward(dOutput, gw, gb, false, gs, null));
            assertTrue(after.getMessage().contains("forward call first"), after.getMessage());

            double withoutShiftGradients = kernel.forwardLossBackward(w, bias, s, x, target, MEAN_SQUARES, oneCallOut,
                    oneCallDOutput, oneCallGw, oneCallGb, null);
            assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(withoutShiftGradients),
                    "L without the shift gradients");
            for (int i = 1; i <= layers; i++) {
                assertExactly(gw.get(i - 1).toRows(), oneCallGw.get(i - 1), "∂L/∂W_" + i + " without the shift gradients");
                assertExactly(gb.get(i - 1).toRows(), oneCallGb.get(i - 1), "∂L/∂b_" + i + " without the shift gradients");
            }
        }
    }

    @Test
    default void radialNetworkKernelValidatesItsCalls() {
        int[] n = {3, 4, 2};
        Optional<RadialNetworkKernel> offered = kernel(n, 300);
        Assumptions.assumeTrue(offered.isPresent(), backend().name() + " offers no fused radial-network kernel");
        RadialNetworkKernel kernel = offered.get();
        List<Tensor> w = weights(n, 90);
        List<Tensor> bias = biases(n, 90);
        Tensor x = random(91, 300, 3);
        Tensor out = backend().zeros(300, 2);
        List<Tensor> gw = List.of(backend().zeros(4, 3), backend().zeros(2, 4));
        List<Tensor> gb = List.of(backend().zeros(1, 4), backend().zeros(1, 2));
        double[] gs = new double[1];
        IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> kernel.backward(out, gw, gb, false, gs, null));
        assertTrue(early.getMessage().contains("forward call first"), early.getMessage());
        assertThrows(ShapeMismatchException.class, () -> kernel.forward(List.of(w.get(1), w.get(0)), bias, new double[1], x, out));
        assertThrows(ShapeMismatchException.class, () -> kernel.forward(w.subList(0, 1), bias, new double[1], x, out));
        assertThrows(ShapeMismatchException.class, () -> kernel.forward(w, bias, new double[2], x, out));
        assertThrows(NonFiniteValueException.class, () -> kernel.forward(w, bias, new double[] {Double.NaN}, x, out));
        assertThrows(ShapeMismatchException.class, () -> kernel.forward(w, bias, new double[1], random(92, 299, 3), out));
        Tensor square = random(93, 300, 5);
        assertThrows(ShapeMismatchException.class, () -> kernel.forward(w, bias, new double[1], x, square));
        assertThrows(BackendMismatchException.class,
                () -> kernel.forward(w, bias, new double[1], SeededInputs.tensor(otherBackend(), 94, 300, 3), out));
        kernel.forward(w, bias, new double[1], x, out);
        assertThrows(ShapeMismatchException.class, () -> kernel.backward(backend().zeros(300, 3), gw, gb, false, gs, null));
        assertThrows(ShapeMismatchException.class, () -> kernel.backward(out, gw, gb, false, new double[2], null));
        assertThrows(ShapeMismatchException.class, () -> kernel.backward(out, gw, gb, false, gs, backend().zeros(300, 2)));
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> kernel.backward(out, List.of(w.get(0), gw.get(1)), gb, false, gs, null));
        assertTrue(alias.getMessage().contains("weight of the forward call"), alias.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.backward(out, gw, gb, false, gs, x));

        Tensor target = random(97, 300, 2);
        Tensor dOutput = backend().zeros(300, 2);
        assertThrows(ShapeMismatchException.class, () -> kernel.forwardLossBackward(w, bias, new double[1], x,
                random(98, 300, 3), MEAN_SQUARES, out, dOutput, gw, gb, gs));
        assertThrows(NullPointerException.class, () -> kernel.forwardLossBackward(w, bias, new double[1], x, target,
                null, out, dOutput, gw, gb, gs));
        IllegalArgumentException sameOutputs = assertThrows(IllegalArgumentException.class,
                () -> kernel.forwardLossBackward(w, bias, new double[1], x, target, MEAN_SQUARES, out, out, gw, gb, gs));
        assertTrue(sameOutputs.getMessage().contains("dOutput"), sameOutputs.getMessage());
        IllegalArgumentException targetWritten = assertThrows(IllegalArgumentException.class,
                () -> kernel.forwardLossBackward(w, bias, new double[1], x, target, MEAN_SQUARES, out, target, gw, gb,
                        gs));
        assertTrue(targetWritten.getMessage().contains("targets"), targetWritten.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.forwardLossBackward(w, bias, new double[1], x, target,
                MEAN_SQUARES, target, dOutput, gw, gb, gs));

        int[] tall = {3, 2, 300, 2}; // W_2 is 300 × 2, the shape of the output
        Optional<RadialNetworkKernel> tallKernel = kernel(tall, 300);
        Assumptions.assumeTrue(tallKernel.isPresent(), backend().name() + " offers no kernel for " + Arrays.toString(tall));
        List<Tensor> tallWeights = weights(tall, 95);
        IllegalArgumentException outIsWeight = assertThrows(IllegalArgumentException.class, () -> tallKernel.get()
                .forward(tallWeights, biases(tall, 95), new double[2], x, tallWeights.get(1)));
        assertTrue(outIsWeight.getMessage().contains("W_2"), outIsWeight.getMessage());
    }

    /**
     * The backward pass's aliasing check costs O(L) in the depth L, not O(L²): counted as the
     * reads of the gradient lists by one forward and backward call through a width-2 network
     * of 4096 layers (an operation count, not a timing), and it still finds an alias of the
     * first and the last layer's outputs.
     */
    @Test
    default void radialNetworkKernelChecksAliasingInWorkLinearInTheDepth() {
        int layers = 4096;
        int[] n = new int[layers + 1];
        Arrays.fill(n, 2);
        int batch = 1;
        Optional<RadialNetworkKernel> offered = kernel(n, batch);
        while (offered.isEmpty() && batch < 256) {
            batch *= 2;
            offered = kernel(n, batch);
        }
        Assumptions.assumeTrue(offered.isPresent(), backend().name() + " offers no fused radial-network kernel");
        RadialNetworkKernel kernel = offered.get();
        List<Tensor> w = new ArrayList<>();
        List<Tensor> bias = new ArrayList<>();
        List<Tensor> gw = new ArrayList<>();
        List<Tensor> gb = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            w.add(backend().identity(2));
            bias.add(backend().zeros(1, 2));
            gw.add(backend().zeros(2, 2));
            gb.add(backend().zeros(1, 2));
        }
        Tensor x = random(96, batch, 2);
        Tensor out = backend().zeros(batch, 2);
        kernel.forward(w, bias, new double[layers - 1], x, out);
        CountingList weightGradients = new CountingList(gw);
        CountingList biasGradients = new CountingList(gb);
        kernel.backward(backend().copy(out), weightGradients, biasGradients, false, new double[layers - 1], null);
        long reads = weightGradients.reads + biasGradients.reads;
        assertTrue(reads <= 8L * layers, "the backward pass of " + layers + " layers read the gradient lists " + reads
                + " times, more than 8 per layer");
        gw.set(layers - 1, gw.get(0));
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> kernel.backward(backend().copy(out), gw, gb, false, new double[layers - 1], null));
        assertTrue(alias.getMessage().contains("another output"), alias.getMessage());
    }

    /** A list that counts how often its entries are read. */
    final class CountingList extends java.util.AbstractList<Tensor> {
        private final List<Tensor> entries;
        long reads;

        CountingList(List<Tensor> entries) {
            this.entries = entries;
        }

        @Override
        public Tensor get(int index) {
            reads++;
            return entries.get(index);
        }

        @Override
        public int size() {
            return entries.size();
        }
    }

    /** The layer-by-layer reference: one backend op per layer and step, samples as columns. */
    final class Composition {
        final Tensor output;
        final List<Tensor> weightGradients = new ArrayList<>();
        final List<Tensor> biasGradients = new ArrayList<>();
        final double[] shiftGradients;
        final Tensor inputGradient;

        Composition(Backend b, int[] n, List<Tensor> w, List<Tensor> bias, double[] s, Tensor x, Tensor dOutput) {
            int layers = n.length - 1;
            int batch = x.rows();
            Tensor[] a = new Tensor[layers + 1];
            Tensor[] z = new Tensor[layers + 1];
            Tensor[] state = new Tensor[layers];
            a[0] = b.zeros(n[0], batch);
            b.transpose(x, a[0]);
            for (int i = 1; i <= layers; i++) {
                z[i] = b.zeros(n[i], batch);
                b.gemm(1.0, w.get(i - 1), Transpose.NONE, a[i - 1], Transpose.NONE, 0.0, z[i]);
                b.addColumnVector(z[i], bias.get(i - 1), z[i]);
                if (i < layers) {
                    a[i] = b.zeros(n[i], batch);
                    state[i] = b.zeros(3, batch);
                    b.radialColumns(z[i], RadialContract.SIGMOID, s[i - 1], a[i], state[i]);
                }
            }
            output = b.zeros(batch, n[layers]);
            b.transpose(z[layers], output);
            shiftGradients = new double[layers - 1];
            Tensor delta = b.zeros(n[layers], batch);
            b.transpose(dOutput, delta);
            Tensor g = null;
            for (int i = layers; i >= 1; i--) {
                Tensor gw = b.zeros(n[i], n[i - 1]);
                b.gemm(1.0, delta, Transpose.NONE, a[i - 1], Transpose.TRANSPOSED, 0.0, gw);
                weightGradients.add(0, gw);
                Tensor gb = b.zeros(1, n[i]);
                b.rowSums(delta, gb);
                biasGradients.add(0, gb);
                g = b.zeros(n[i - 1], batch);
                b.gemm(1.0, w.get(i - 1), Transpose.TRANSPOSED, delta, Transpose.NONE, 0.0, g);
                if (i > 1) {
                    Tensor below = b.zeros(n[i - 1], batch);
                    shiftGradients[i - 2] = b.radialColumnsBackward(z[i - 1], state[i - 1], g, below);
                    delta = below;
                }
            }
            inputGradient = b.zeros(batch, n[0]);
            b.transpose(g, inputGradient);
        }
    }
}
