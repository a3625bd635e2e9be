package io.radnet.core.cnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dropout's branch-free mask entry decides as the double test u &lt; p on the same draws of a seeded
 * source, and gives +0.0 or exactly 1/(1 − p).
 */
class DropoutMaskTest {
    @ParameterizedTest(name = "p = {0}")
    @ValueSource(doubles = {0.0, 1e-9, 0.1, 0.25, 1.0 / 3, 0.5, 0.7, 0.9999999})
    void theIntegerThresholdDropsExactlyWhereTheDoubleDrawIsBelowP(double probability) {
        SplittableRandom doubles = new SplittableRandom(42);
        SplittableRandom longs = new SplittableRandom(42);
        long threshold = Dropout.dropThreshold(probability);
        double keep = 1.0 / (1.0 - probability);
        long keepBits = Double.doubleToRawLongBits(keep);
        int dropped = 0;
        int draws = 200_000;
        for (int k = 0; k < draws; k++) {
            boolean expected = doubles.nextDouble() < probability;
            double entry = Dropout.maskEntry(longs.nextLong() >>> 11, threshold, keepBits);
            boolean actual = Double.doubleToRawLongBits(entry) == 0L;
            if (expected != actual || !actual && entry != keep) {
                fail("draw " + k + " at p = " + probability + ": the double test says " + expected + ", the mask entry is "
                        + entry);
            }
            dropped += actual ? 1 : 0;
        }
        assertEquals(probability, (double) dropped / draws, 0.005, "the fraction dropped");
        assertEquals(doubles.nextLong(), longs.nextLong(), "both sources advanced by one draw per entry");
        long last = (1L << 53) - 1;
        for (long draw : new long[] {0L, threshold - 1, threshold, threshold + 1, last}) {
            if (draw >= 0 && draw <= last) {
                assertEquals(Double.doubleToRawLongBits(draw < threshold ? 0.0 : keep),
                        Double.doubleToRawLongBits(Dropout.maskEntry(draw, threshold, keepBits)),
                        "the mask entry of draw " + draw + " at threshold " + threshold);
            }
        }
    }
}
