package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The probes of {@code radnet compress --check N --seed S}: the first N · n₀ values of the
 * seeded stream {@code SplittableRandom.doubles(−3, 3)}, row by row, bit for bit.
 */
class CompressProbesTest {
    @Test
    void theProbesAreTheSeededStreamRowByRow() {
        Backend ejml = Backends.get("ejml");
        double[] expected = new SplittableRandom(11).doubles(7 * 5, -CompressCommand.PROBE_RANGE,
                CompressCommand.PROBE_RANGE).toArray();
        assertArrayEquals(expected, CompressCommand.probes(ejml, 7, 5, 11).toRowMajor());
    }
}
