package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.network.RadialNetwork;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * A soak test of native memory: QR-compress of a (256, 512, 512, 512, 10) radial network on
 * ND4J, {@value #CALLS} times after {@value #WARM_UP} warm-up calls, closing each result, keeps
 * the process's resident memory ({@link Pointer#physicalBytes()}) within {@value #BOUND_MB} MB of
 * where it was after the warm-up (measured here: about 15 MB). Every call makes several MB of
 * native temporaries, which QR-compress closes, and a 1.6 MB result, which the test closes;
 * left to the garbage collector (which hardly runs: the Java heap barely grows) the results
 * alone add about 140 MB. Bounded in time: about 5 s.
 */
class Nd4jCompressionMemorySoakTest {
    private static final int WARM_UP = 10;
    private static final int CALLS = 80;
    private static final long BOUND_MB = 48;

    @Test
    void repeatedQrCompressOnNd4jKeepsNativeMemoryBounded() {
        Backend nd4j = Backends.get("nd4j");
        RadialNetwork network = RadialNetwork.initialized(nd4j, new int[] {256, 512, 512, 512, 10},
                RadialProfiles.sigmoid(), 11);
        for (int k = 0; k < WARM_UP; k++) {
            compressAndClose(network);
        }
        long before = Pointer.physicalBytes();
        long peak = before;
        for (int k = 0; k < CALLS; k++) {
            compressAndClose(network);
            peak = Math.max(peak, Pointer.physicalBytes());
        }
        long growthMb = (peak - before) >> 20;
        assertTrue(growthMb <= BOUND_MB, "the resident set grew by " + growthMb + " MB over " + CALLS
                + " QR-compress calls on nd4j (bound " + BOUND_MB + " MB)");
    }

    private static void compressAndClose(RadialNetwork network) {
        try (CompressedNetwork compressed = QrCompression.compress(network)) {
            assertTrue(compressed.reduced());
        }
    }
}
