package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GeneratedWeightInitialization}: after {@code PRIMARY_FAN_IN} the generated weights of
 * every layer of g have, on the sample, the root mean square 1/√(3 n_{i−1}) of PyTorch's
 * initialisation of that layer; only f's last layer changes, by the returned factor per block;
 * {@code UNSCALED} changes nothing.
 */
class GeneratedWeightInitializationTest {
    private static final Backend EJML = Backends.get("ejml");

    private static Tensor normal(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextGaussian();
        }
        return EJML.fromRowMajor(rows, cols, values);
    }

    private static double rms(double[] theta, int samples, int count, int offset, int length) {
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < length; j++) {
                sum += theta[s * count + offset + j] * theta[s * count + offset + j];
            }
        }
        return Math.sqrt(sum / (samples * (double) length));
    }

    @Test
    void fanInScalingGivesEveryGeneratedLayerPyTorchsInitialScale() {
        for (boolean biases : new boolean[] {false, true}) {
            PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {12, 10, 3}, PointwiseActivations.relu(), biases);
            Mlp f = Mlp.initialized(EJML, new int[] {6, 20, g.parameterCount()}, PointwiseActivations.relu(), 3);
            Param before = f.parameters().copy();
            Tensor sample = normal(64, 6, 5);
            double[] unscaled = f.forward(sample).toRowMajor();
            double[] factors = GeneratedWeightInitialization.PRIMARY_FAN_IN.apply(f, g, sample);
            double[] theta = f.forward(sample).toRowMajor();
            int count = g.parameterCount();
            for (int i = 1; i <= 2; i++) {
                int fanIn = g.widths()[i - 1];
                int length = g.widths()[i] * fanIn;
                assertEquals(1 / Math.sqrt(3.0 * fanIn), rms(theta, 64, count, g.weightOffset(i), length), 1e-12,
                        "layer " + i + (biases ? " with biases" : ""));
                assertEquals(factors[i - 1], rms(theta, 64, count, g.weightOffset(i), length)
                        / rms(unscaled, 64, count, g.weightOffset(i), length), 1e-12);
                if (biases) {
                    assertEquals(1 / Math.sqrt(3.0 * fanIn), rms(theta, 64, count, g.biasOffset(i), g.widths()[i]),
                            1e-12);
                }
            }
            // the weights of θ are those of the unscaled output times the factor of their block
            for (int s = 0; s < 64; s++) {
                for (int j = 0; j < g.widths()[1] * 12; j++) {
                    assertEquals(factors[0] * unscaled[s * count + j], theta[s * count + j], 1e-14);
                }
            }
            assertArrayEquals(before.weight(1).toRowMajor(), f.parameters().weight(1).toRowMajor(), 0.0);
            assertArrayEquals(before.bias(1).toRowMajor(), f.parameters().bias(1).toRowMajor(), 0.0);
            // a one-layer generator on N(0, 1) inputs makes weights far larger than g's initialisation
            assertTrue(factors[0] < 0.9, "factor " + factors[0]);
        }
    }

    @Test
    void unscaledChangesNothing() {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {4, 3, 2}, PointwiseActivations.relu(), false);
        Mlp f = Mlp.initialized(EJML, new int[] {5, g.parameterCount()}, PointwiseActivations.relu(), 1);
        Param before = f.parameters().copy();
        assertArrayEquals(new double[] {1, 1}, GeneratedWeightInitialization.UNSCALED.apply(f, g, normal(3, 5, 1)), 0.0);
        assertArrayEquals(before.flatten(), f.parameters().flatten(), 0.0);
    }

    @Test
    void badInputFailsWithOneLine() {
        PrimaryArchitecture g = PrimaryArchitecture.of(new int[] {4, 3, 2}, PointwiseActivations.relu(), false);
        Mlp wrong = Mlp.initialized(EJML, new int[] {5, 7}, PointwiseActivations.relu(), 1);
        assertEquals("the weight generator outputs 7 numbers per sample but the primary[4, 3, 2] relu without biases"
                + " has 18 parameters", assertThrows(IllegalArgumentException.class,
                        () -> GeneratedWeightInitialization.PRIMARY_FAN_IN.apply(wrong, g, normal(3, 5, 1))).getMessage());
        Mlp f = Mlp.initialized(EJML, new int[] {5, g.parameterCount()}, PointwiseActivations.relu(), 1);
        assertThrows(IllegalArgumentException.class, () -> GeneratedWeightInitialization.PRIMARY_FAN_IN.apply(f, g,
                normal(3, 4, 1)));
        Mlp zero = new Mlp(Param.zeros(EJML, new int[] {5, g.parameterCount()}, false), PointwiseActivations.relu());
        assertEquals("the weight generator outputs only zero weights for layer 1 of g on all 3 sample inputs; cannot"
                + " scale them to an initialisation", assertThrows(IllegalArgumentException.class,
                        () -> GeneratedWeightInitialization.PRIMARY_FAN_IN.apply(zero, g, normal(3, 5, 1))).getMessage());
        assertEquals(GeneratedWeightInitialization.PRIMARY_FAN_IN, GeneratedWeightInitialization.parse("fan-in"));
        assertEquals(GeneratedWeightInitialization.UNSCALED, GeneratedWeightInitialization.parse("UNSCALED"));
        assertEquals("unknown generated-weight initialisation 'x'; accepted: unscaled, fan-in",
                assertThrows(IllegalArgumentException.class, () -> GeneratedWeightInitialization.parse("x")).getMessage());
    }
}
