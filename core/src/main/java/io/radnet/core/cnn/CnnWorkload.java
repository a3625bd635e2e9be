package io.radnet.core.cnn;

import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * What one training step of a {@link SequentialNetwork} does, as the size-aware default reads it
 * ({@link Workload#layerPasses}): the multiply-adds of each matrix product, the entries its
 * memory-bound passes touch, and the tensors a run allocates. Counted per layer from the
 * layers' shapes, for a batch of B samples (sizes per sample: {@code in}, {@code out} of the
 * layer's input and output features):
 * <ul>
 *   <li>{@link Conv2d} (im2col convolution: C_out output channels, patches of P = C_in·k·k
 *       entries, Q output pixels): products C_out·P·B·Q for the forward product, the weight
 *       gradient and, except for the first layer (whose input gradient nobody reads), the
 *       input gradient; entries B·Q·(P + 2·C_out) forward (im2col, the product's output and
 *       the bias) and B·Q·(P + C_out) backward (col2im, except for the first layer, and the
 *       bias gradient's sums);</li>
 *   <li>{@link Linear}: products B·in·out forward, for the weight gradient and (except for the
 *       first layer) the input gradient; entries 2·B·out (the bias, then its gradient's sums);</li>
 *   <li>{@link BatchNorm}: entries 6·B·in (forward: the statistics pass and the normalisation;
 *       backward: two reductions and the input gradient);</li>
 *   <li>{@link Relu}, {@link Dropout}, {@link Flatten}: entries 2·B·in (one pass forward, one
 *       backward);</li>
 *   <li>{@link MaxPool2d}: entries 2·B·(in + out) (forward reads the maps and writes the maxima;
 *       backward clears the gradient maps and scatters into them);</li>
 *   <li>the network's own layout changes (rows to channel planes for spatial input and output)
 *       and the optimizer's update: B·n₀ + B·n_L entries and one pass over the parameters.</li>
 * </ul>
 * Tensors: every layer's pass buffers ({@value #TENSORS_PER_CONVOLUTION} for a convolution, its
 * output and input gradient otherwise: 2), and per parameter tensor its gradient and the
 * optimizer's two moments (3). These counts describe the algorithm the layers run (im2col
 * convolutions, unfused entrywise layers), not a backend's implementation: a backend that fuses
 * passes is faster per entry, which its measured {@link io.radnet.api.KernelCosts#nanosPerEntry}
 * shows.
 */
public final class CnnWorkload {
    /** A convolution's pass buffers: output, im2col columns, the group's output, the column gradient, the input gradient and the bias gradient. */
    static final int TENSORS_PER_CONVOLUTION = 6;

    private CnnWorkload() {
    }

    /**
     * @param network the network (its shapes are read; nothing is computed on its backend)
     * @param batch the samples per step, ≥ 1
     * @return one training step (forward, backward, update) on batches of that size
     *     ({@link Workload#withSteps} for a run of several)
     * @throws IllegalArgumentException if the batch is below 1
     * @throws NullPointerException if the network is null
     */
    public static Workload trainingStep(SequentialNetwork network, int batch) {
        if (network == null) {
            throw new NullPointerException("CnnWorkload.trainingStep: network is null");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("CnnWorkload.trainingStep: batch must be ≥ 1, got " + batch);
        }
        List<Layer> layers = network.layers();
        List<Long> products = new ArrayList<>();
        int[] featureWidths = new int[layers.size() + 1];
        featureWidths[0] = network.inputShape().size();
        long b = batch;
        long entries = sum(times(b, network.inputShape().size()), times(b, network.outputShape().size()));
        long tensors = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            boolean first = i == 0;
            long in = layer.inputShape().size();
            long out = layer.outputShape().size();
            featureWidths[i + 1] = layer.outputShape().size();
            entries = sum(entries, layer.parameterCount());
            tensors += 3L * layer.parameters().size();
            if (layer instanceof Conv2d convolution) {
                ConvolutionGeometry geometry = convolution.geometry();
                long patch = geometry.patchSize();
                long pixels = geometry.outputPixels();
                long channels = convolution.outputChannels();
                long product = times(times(channels, patch), times(b, pixels));
                addProducts(products, product, first);
                entries = sum(entries, times(times(b, pixels), patch + 2 * channels + (first ? 0 : patch) + channels));
                tensors += TENSORS_PER_CONVOLUTION;
            } else if (layer instanceof Linear) {
                addProducts(products, times(times(b, in), out), first);
                entries = sum(entries, times(2 * b, out));
                tensors += 2;
            } else if (layer instanceof BatchNorm) {
                entries = sum(entries, times(6 * b, in));
                tensors += 2;
            } else if (layer instanceof MaxPool2d) {
                entries = sum(entries, times(2 * b, in + out));
                tensors += 2;
            } else {
                entries = sum(entries, times(2 * b, in));
                tensors += 2;
            }
        }
        long[] stepProducts = products.isEmpty() ? new long[] {0} : products.stream().mapToLong(Long::longValue).toArray();
        return Workload.layerPasses(featureWidths, batch, stepProducts, entries, tensors);
    }

    /** Adds a layer's products: forward and weight gradient, and the input gradient unless it is the first layer. */
    private static void addProducts(List<Long> products, long product, boolean first) {
        products.add(product);
        products.add(product);
        if (!first) {
            products.add(product);
        }
    }

    private static long times(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long sum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
