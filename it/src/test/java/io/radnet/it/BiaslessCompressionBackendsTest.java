package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QR-compress of radial networks with and without layer biases on every available backend
 * (through each backend's {@code qrCompressionStep}): lossless to 1e-12 relative to the largest
 * output, and the reduced parameters agree with EJML's (canonical signs make them unique for
 * full-rank layers).
 */
class BiaslessCompressionBackendsTest {
    private static final Backend EJML = Backends.get("ejml");

    private static RadialNetwork network(Backend b, int[] widths, boolean layerBiases) {
        return layerBiases ? RadialNetwork.initialized(b, widths, RadialProfiles.stepRelu(1e-6), 31)
                : RadialNetwork.initializedWithoutBiases(b, widths, RadialProfiles.stepRelu(1e-6), 31);
    }

    private static void check(String name, int[] widths, boolean layerBiases, int[] expectedWidths) {
        Backend b = Backends.get(name);
        RadialNetwork net = network(b, widths, layerBiases);
        CompressedNetwork c = QrCompression.compress(net);
        assertArrayEquals(expectedWidths, c.network().widths());
        assertEquals(layerBiases, c.network().layerBiases());
        Tensor x = b.fromRowMajor(30, widths[0], new SplittableRandom(32).doubles(30L * widths[0], 0, 1).toArray());
        double max = CompressionCheck.outputDifference(net, c.network(), x).max();
        double scale = Math.max(1.0, b.maxAbs(net.forward(x)));
        assertTrue(max / scale <= 1e-12, name + ": max |F − F_red| = " + max);
        Param expected = QrCompression.compress(network(EJML, widths, layerBiases)).network().parameters();
        Param actual = c.network().parameters();
        for (int k = 0; k < actual.tensors().size(); k++) {
            Tensor e = expected.tensors().get(k);
            Tensor a = EJML.copyOf(actual.tensors().get(k));
            EJML.subtract(a, e, a);
            double difference = EJML.maxAbs(a);
            assertTrue(difference <= 1e-10 * Math.max(1.0, EJML.maxAbs(e)),
                    name + ": reduced tensor " + k + " differs from EJML's by " + difference);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void withoutLayerBiasesTheExperiment4NetworkReducesTo784(String name) {
        check(name, new int[] {784, 785, 786, 3}, false, new int[] {784, 784, 784, 3});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void withLayerBiasesTheExperiment4NetworkDoesNotReduce(String name) {
        Backend b = Backends.get(name);
        CompressedNetwork c = QrCompression.compress(network(b, new int[] {784, 785, 786, 3}, true));
        assertFalse(c.reduced());
        assertArrayEquals(new int[] {784, 785, 786, 3}, c.network().widths());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void wideNetworksWithAndWithoutBiasesAgreeWithEjml(String name) {
        check(name, new int[] {40, 300, 200, 120, 5}, true, new int[] {40, 41, 42, 43, 5});
        check(name, new int[] {40, 300, 200, 120, 5}, false, new int[] {40, 40, 40, 40, 5});
    }
}
