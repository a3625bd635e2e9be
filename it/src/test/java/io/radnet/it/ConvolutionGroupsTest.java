package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.network.ParameterVector;
import io.radnet.core.network.TrainingPass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A convolution whose batch runs in several groups of samples (each backend's
 * {@link Backend#convolutionGroupEntries()}: ND4J and JBLAS split this test's batch of 12 into
 * 5 + 5 + 2, the last group partial, EJML holds it in one) gives EJML's one-group output,
 * parameter gradients (the groups' weight-gradient products summed) and input gradient to 1e-12.
 */
class ConvolutionGroupsTest {
    private static final int BATCH = 12;
    /** Column-matrix entries per sample: (8·3·3) × (18·18). */
    private static final int ENTRIES_PER_SAMPLE = 72 * 324;

    static List<String> names() {
        return AvailableBackends.names().toList();
    }

    /** 8 × 20 × 20 maps into a 3 × 3 convolution: 72·324 = 23,328 column entries per sample. */
    private static SequentialNetwork groupedNetwork(Backend backend) {
        return SequentialNetwork.builder(backend, FeatureShape.maps(8, 20, 20), 7)
                .block("convolution").conv2d(4, 3).relu()
                .block("head").flatten().linear(3)
                .build();
    }

    /** @return a rows × cols tensor of seeded entries uniform on [−1, 1) */
    private static Tensor seeded(Backend backend, int rows, int cols, long seed) {
        return backend.fromRowMajor(rows, cols,
                new SplittableRandom(seed).doubles((long) rows * cols, -1.0, 1.0).toArray());
    }

    /** @return the output, every parameter gradient and the input gradient of one training pass, row-major */
    private static List<double[]> pass(SequentialNetwork network, Backend backend) {
        int inputs = network.inputShape().size();
        Tensor x = seeded(backend, BATCH, inputs, 3);
        Tensor dOutput = seeded(backend, BATCH, network.outputShape().size(), 4);
        Tensor dInput = backend.zeros(BATCH, inputs);
        ParameterVector gradient = network.parameters().zerosLike();
        TrainingPass pass = network.trainingPass(BATCH);
        List<double[]> results = new ArrayList<>();
        results.add(pass.forward(x).toRowMajor());
        pass.backwardAccumulating(dOutput, gradient, dInput);
        for (Tensor t : gradient.tensors()) {
            results.add(t.toRowMajor());
        }
        results.add(dInput.toRowMajor());
        return results;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aBatchInSeveralGroupsGivesTheOneGroupResults(String backend) {
        Backend b = Backends.get(backend);
        Backend reference = Backends.get("ejml");
        assertTrue((long) reference.convolutionGroupEntries() >= (long) ENTRIES_PER_SAMPLE * BATCH, "EJML holds the batch in one group");
        if (!backend.equals("ejml")) {
            assertTrue(b.convolutionGroupEntries() < ENTRIES_PER_SAMPLE * BATCH, backend + " splits the batch into groups");
        }
        List<double[]> expected = pass(groupedNetwork(reference), reference);
        List<double[]> actual = pass(groupedNetwork(b), b);
        assertEquals(expected.size(), actual.size());
        for (int k = 0; k < expected.size(); k++) {
            double[] e = expected.get(k);
            double[] a = actual.get(k);
            assertEquals(e.length, a.length);
            for (int p = 0; p < e.length; p++) {
                assertEquals(e[p], a[p], 1e-12 * Math.max(1.0, Math.abs(e[p])),
                        backend + " (groups of " + Math.max(1, b.convolutionGroupEntries() / ENTRIES_PER_SAMPLE) + " samples): result "
                                + k + " entry " + p);
            }
        }
    }

}
