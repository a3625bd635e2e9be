package io.radnet.core.compress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Tensor;
import io.radnet.core.TestBackends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite weights whose products overflow inside Algorithm 1 make QR-compress fail naming the
 * layer, never an internal op, and never return a network holding ∞. b_1 = (1, 1, 1) makes the
 * first column of Q_1 (1, 1, 1)/√3, so W_2 = (MAX, MAX, MAX) gives W_2·Q_1 e₁ = √3·MAX = ∞.
 */
class QrCompressionOverflowTest {
    static Stream<Arguments> cases() {
        Function<RadialNetwork, Object> economy = QrCompression::compress;
        Function<RadialNetwork, Object> symmetric = QrCompression::compressWithSymmetry;
        return TestBackends.names().flatMap(name -> Stream.of(Arguments.of(name, "compress", economy),
                        Arguments.of(name, "compressWithSymmetry", symmetric)));
    }

    private static void fill(Tensor t, double value) {
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                t.set(r, c, value);
            }
        }
    }

    private static RadialNetwork overflowing(Backend b, int[] widths) {
        Param p = Param.zeros(b, widths, false);
        fill(p.bias(1), 1.0);
        fill(p.weight(2), Double.MAX_VALUE);
        return new RadialNetwork(p, RadialProfiles.sigmoid(), false);
    }

    /** Depth 3: A_2 = [b_2  W_2·Q_1 Inc_1] is the input of the next decomposition. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anOverflowingIntermediateNamesItsLayer(String backend, String variant, Function<RadialNetwork, Object> run) {
        RadialNetwork network = overflowing(Backends.get(backend), new int[] {2, 3, 3, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.apply(network));
        assertTrue(e.getMessage().startsWith("cannot compress: layer 2 overflows double precision: A_2 = [b_2  W_2·Q_1"
                + " Inc_1] (3x4) has Infinity"), e.getMessage());
        assertFalse(e.getMessage().contains("qrRightProduct"), e.getMessage());
    }

    /** Depth 2: A_2 is the last layer's reduced parameters, which must not hold ∞. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void anOverflowingLastLayerIsNotReturned(String backend, String variant, Function<RadialNetwork, Object> run) {
        RadialNetwork network = overflowing(Backends.get(backend), new int[] {2, 3, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.apply(network));
        assertTrue(e.getMessage().startsWith("cannot compress: layer 2 overflows double precision: A_2"), e.getMessage());
    }
}
