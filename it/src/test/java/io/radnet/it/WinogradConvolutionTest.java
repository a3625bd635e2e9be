package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ConvolutionAlgorithm;
import io.radnet.api.ConvolutionGeometry;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv2d on a backend that computes 3 × 3, stride-1 convolutions by Winograd's F(2×2, 3×3)
 * (ND4J and JBLAS, {@link Backend#convolutionAlgorithm}) gives the output, the weight and bias
 * gradients (plain and accumulated) and the input gradient of EJML's im2col path to 1e-12, on
 * odd map sizes, padding 0 and 1, one sample, and a batch that runs in several groups with a
 * partial last one.
 */
class WinogradConvolutionTest {
    /** channels in, height, width, padding, channels out, batch. */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String backend : AvailableBackends.names().toList()) {
            cases.add(Arguments.of(backend, 2, 7, 9, 1, 3, 1));
            cases.add(Arguments.of(backend, 3, 6, 5, 0, 2, 5));
            cases.add(Arguments.of(backend, 4, 3, 4, 0, 5, 2));
            cases.add(Arguments.of(backend, 2, 64, 63, 1, 2, 70));
        }
        return cases.stream();
    }

    private static SequentialNetwork convolution(Backend backend, int channels, int height, int width, int padding,
                                                 int outputChannels) {
        return SequentialNetwork.builder(backend, FeatureShape.maps(channels, height, width), 11)
                .block("convolution").conv2d(outputChannels, 3, 1, padding, true)
                .build();
    }

    private static Tensor seeded(Backend backend, int rows, int cols, long seed) {
        return backend.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles((long) rows * cols, -1.0, 1.0).toArray());
    }

    /** @return the output, the parameter gradients, the same accumulated twice, and the input gradient */
    private static List<double[]> pass(SequentialNetwork network, Backend backend, int batch) {
        int inputs = network.inputShape().size();
        Tensor x = seeded(backend, batch, inputs, 3);
        Tensor dOutput = seeded(backend, batch, network.outputShape().size(), 4);
        TrainingPass pass = network.trainingPass(batch);
        List<double[]> results = new ArrayList<>();
        results.add(pass.forward(x).toRowMajor());
        ParameterVector gradient = network.parameters().zerosLike();
        pass.backward(dOutput, gradient);
        for (Tensor t : gradient.tensors()) {
            results.add(t.toRowMajor());
        }
        ParameterVector sum = network.parameters().zerosLike();
        Tensor dInput = backend.zeros(batch, inputs);
        pass.backwardAccumulating(dOutput, sum, dInput);
        pass.backwardAccumulating(dOutput, sum, dInput);
        for (Tensor t : sum.tensors()) {
            results.add(t.toRowMajor());
        }
        results.add(dInput.toRowMajor());
        return results;
    }

    @ParameterizedTest(name = "{0}: {1}x{2}x{3}, padding {4}, {5} out, batch {6}")
    @MethodSource("cases")
    void winogradAgreesWithIm2col(String backendName, int channels, int height, int width, int padding,
                                  int outputChannels, int batch) {
        Backend backend = Backends.get(backendName);
        Backend reference = Backends.get("ejml");
        ConvolutionGeometry geometry = new ConvolutionGeometry(channels, height, width, 3, 1, padding);
        assertEquals(ConvolutionAlgorithm.IM2COL, reference.convolutionAlgorithm(geometry, outputChannels),
                "EJML, the reference, keeps im2col");
        if (!backendName.equals("ejml")) {
            assertEquals(ConvolutionAlgorithm.WINOGRAD_F2X3, backend.convolutionAlgorithm(geometry, outputChannels),
                    backendName + " computes 3x3 stride-1 convolutions of several channels by Winograd");
        }
        if (batch == 70 && !backendName.equals("ejml")) {
            long perSample = (long) Math.max(channels, outputChannels) * geometry.winogradTiles();
            long group = backend.convolutionGroupEntries() / perSample;
            assertTrue(group > 1 && group < batch && batch % group != 0,
                    backendName + " runs the batch in several groups of " + group + ", the last one partial");
        }
        List<double[]> expected = pass(convolution(reference, channels, height, width, padding, outputChannels),
                reference, batch);
        List<double[]> actual = pass(convolution(backend, channels, height, width, padding, outputChannels), backend,
                batch);
        String[] names = {"output", "weight gradient", "bias gradient", "accumulated weight gradient",
            "accumulated bias gradient", "input gradient"};
        assertEquals(names.length, actual.size());
        for (int k = 0; k < names.length; k++) {
            double[] e = expected.get(k);
            double[] a = actual.get(k);
            assertEquals(e.length, a.length, names[k]);
            double scale = 0.0;
            for (double v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            int worst = 0;
            for (int p = 0; p < e.length; p++) {
                if (Math.abs(e[p] - a[p]) > Math.abs(e[worst] - a[worst])) {
                    worst = p;
                }
            }
            assertEquals(e[worst], a[worst], 1e-12 * Math.max(1.0, scale),
                    backendName + ": " + names[k] + ", the largest difference at entry " + worst);
        }
    }
}
