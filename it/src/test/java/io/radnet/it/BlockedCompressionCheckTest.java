package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CompressionCheck#outputDifferenceInBlocks}, the check of {@code radnet compress}: on
 * every available backend its max and mean are the same bits on 1, 2 and 3 threads and agree
 * with the one-batch {@link CompressionCheck#outputDifference} (its max bit for bit on EJML), also
 * for two networks that differ (every block, the last and shorter one too, counts).
 */
class BlockedCompressionCheckTest {
    /** 2.5 blocks of probes: two full blocks and a shorter last one. */
    private static final int PROBES = CompressionCheck.BLOCK_ROWS * 5 / 2;

    private static RadialNetwork network(Backend b) {
        return RadialNetwork.initialized(b, new int[] {12, 40, 30, 3}, RadialProfiles.sigmoid(), 5);
    }

    private static Tensor probes(Backend b) {
        return b.fromRowMajor(PROBES, 12, new SplittableRandom(6).doubles(PROBES * 12L, -3, 3).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void theResultIsTheSameBitsOnAnyNumberOfThreads(String name) {
        Backend b = Backends.get(name);
        RadialNetwork full = network(b);
        CompressedNetwork compressed = QrCompression.compress(full);
        Tensor x = probes(b);
        CompressionCheck.OutputDifference one = CompressionCheck.outputDifferenceInBlocks(full, compressed.network(), x, 1);
        assertTrue(one.max() > 0 && one.max() < 1e-12, name + ": max |F − F_red| = " + one.max());
        for (int threads = 2; threads <= 3; threads++) {
            CompressionCheck.OutputDifference more = CompressionCheck.outputDifferenceInBlocks(full, compressed.network(),
                    x, threads);
            assertEquals(Double.doubleToRawLongBits(one.max()), Double.doubleToRawLongBits(more.max()), name + " max, "
                    + threads + " threads");
            assertEquals(Double.doubleToRawLongBits(one.mean()), Double.doubleToRawLongBits(more.mean()), name
                    + " mean, " + threads + " threads");
        }
        // Both are rounding errors of F − F_red: they agree to rounding of the outputs (ND4J's
        // products round a row differently in another batch), and on EJML the max bit for bit.
        CompressionCheck.OutputDifference batch = CompressionCheck.outputDifference(full, compressed.network(), x);
        assertEquals(batch.max(), one.max(), 1e-15, name + ": the max of the one-batch check");
        assertEquals(batch.mean(), one.mean(), 1e-15, name + ": the mean of the one-batch check");
        if (name.equals("ejml")) {
            assertEquals(Double.doubleToRawLongBits(batch.max()), Double.doubleToRawLongBits(one.max()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void twoDifferentNetworksGiveTheOneBatchMaxAndMeanOverEveryBlock(String name) {
        Backend b = Backends.get(name);
        RadialNetwork first = network(b);
        RadialNetwork second = RadialNetwork.initialized(b, new int[] {12, 40, 30, 3}, RadialProfiles.sigmoid(), 7);
        Tensor x = probes(b);
        CompressionCheck.OutputDifference batch = CompressionCheck.outputDifference(first, second, x);
        assertTrue(batch.mean() > 1e-3, name + ": the networks differ, mean " + batch.mean());
        for (int threads = 1; threads <= 2; threads++) {
            CompressionCheck.OutputDifference blocked = CompressionCheck.outputDifferenceInBlocks(first, second, x, threads);
            assertEquals(batch.max(), blocked.max(), 1e-12 * batch.max(), name + " max, " + threads + " threads");
            // Every block counts: without the last, shorter block the mean would be about 1/5 off.
            assertEquals(batch.mean(), blocked.mean(), 1e-12 * batch.mean(), name + " mean, " + threads + " threads");
        }
    }

    @Test
    void badArgumentsAreRefused() {
        Backend b = Backends.get("ejml");
        RadialNetwork full = network(b);
        Tensor x = probes(b);
        assertThrows(IllegalArgumentException.class, () -> CompressionCheck.outputDifferenceInBlocks(full, full, x, 0));
        RadialNetwork wider = RadialNetwork.initialized(b, new int[] {13, 4, 3}, RadialProfiles.sigmoid(), 5);
        assertThrows(ShapeMismatchException.class, () -> CompressionCheck.outputDifferenceInBlocks(full, wider, x, 2));
        Tensor narrow = b.zeros(3, 11);
        assertThrows(ShapeMismatchException.class, () -> CompressionCheck.outputDifferenceInBlocks(full, full, narrow, 2));
    }
}
