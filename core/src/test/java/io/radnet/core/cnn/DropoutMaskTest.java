package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dropout's integer draw test decides as the double test u &lt; p on the same draws of a seeded source. */
class DropoutMaskTest {
    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.0, 1e-9, 0.1, 0.25, 1.0 / 3, 0.5, 0.7, 0.9999999})
    void theIntegerThresholdDropsExactlyWhereTheDoubleDrawIsBelowP(double probability) {
        SplittableRandom doubles = new SplittableRandom(42);
        SplittableRandom longs = new SplittableRandom(42);
        long threshold = Dropout.dropThreshold(probability);
        int dropped = 0;
        int draws = 200_000;
        for (int k = 0; k < draws; k++) {
            boolean expected = doubles.nextDouble() < probability;
            boolean actual = longs.nextLong() >>> 11 < threshold;
            if (expected != actual) {
                fail("draw " + k + " at p = " + probability + ": the double test says " + expected);
            }
            dropped += actual ? 1 : 0;
        }
        assertEquals(probability, (double) dropped / draws, 0.005, "the fraction dropped");
        assertEquals(doubles.nextLong(), longs.nextLong(), "both sources advanced by one draw per entry");
    }
}
