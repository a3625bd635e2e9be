package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.backend.jblas.JblasBackend;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * QR-compress on JBLAS gives the same bits on one thread and on several: its products
 * W_{i+1}·Q_i (here 512 × 512 × 161, above the split threshold, in two column blocks) run as
 * one {@code dgemm} per block of columns, each column computed as in the single call.
 */
class JblasCompressionThreadsTest {
    private static final int[] WIDTHS = {160, 512, 512, 512, 10};

    private static List<double[]> compressedParameters(JblasBackend jblas, int threads) {
        jblas.setThreads(threads);
        RadialNetwork network = RadialNetwork.initialized(jblas, WIDTHS, RadialProfiles.sigmoid(), 41);
        try (CompressedNetwork compressed = QrCompression.compress(network)) {
            Tensor probes = jblas.fromRowMajor(20, WIDTHS[0],
                    new SplittableRandom(42).doubles(20L * WIDTHS[0], -1, 1).toArray());
            double difference = CompressionCheck.outputDifference(network, compressed.network(), probes).max();
            double scale = Math.max(1.0, jblas.maxAbs(network.forward(probes)));
            assertTrue(difference / scale <= 1e-12, threads + " threads: max |F − F_red| = " + difference);
            return compressed.network().parameters().tensors().stream().map(Tensor::toRowMajor).toList();
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        assumeTrue(AvailableBackends.names().anyMatch("jblas"::equals), "jblas is not available");
        JblasBackend jblas = (JblasBackend) Backends.get("jblas");
        int before = jblas.threads();
        try {
            List<double[]> one = compressedParameters(jblas, 1);
            List<double[]> two = compressedParameters(jblas, 2);
            List<double[]> three = compressedParameters(jblas, 3);
            for (int k = 0; k < one.size(); k++) {
                assertArrayEquals(one.get(k), two.get(k), "reduced tensor " + k + ", 2 threads");
                assertArrayEquals(one.get(k), three.get(k), "reduced tensor " + k + ", 3 threads");
            }
        } finally {
            jblas.setThreads(before);
        }
    }
}
