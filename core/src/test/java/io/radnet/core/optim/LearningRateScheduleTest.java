package io.radnet.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules' closed forms, indexed by optimizer step t = 0, 1, … */
class LearningRateScheduleTest {
    private static final double EXACT = 1e-15;

    @Test
    void constantIsTheSameAtEveryStep() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.01);
        assertEquals(0.01, s.rate(0), 0.0);
        assertEquals(0.01, s.rate(4999), 0.0);
    }

    @Test
    void stepDecayMultipliesByGammaEveryStepSizeSteps() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.rate(t), EXACT, "η_" + t);
        }
    }

    @Test
    void exponentialDecayMultipliesByGammaEveryStep() {
        LearningRateSchedule s = LearningRateSchedule.exponentialDecay(0.2, 0.9);
        assertEquals(0.2, s.rate(0), EXACT);
        assertEquals(0.18, s.rate(1), EXACT);
        assertEquals(0.162, s.rate(2), EXACT);
        assertEquals(0.2 * Math.pow(0.9, 100), s.rate(100), EXACT);
    }

    @Test
    void cosineAnnealingFallsFromMaximumToMinimumOverThePeriodAndStays() {
        LearningRateSchedule s = LearningRateSchedule.cosineAnnealing(0.1, 0.01, 4);
        assertEquals(0.1, s.rate(0), EXACT, "starts at the maximum");
        assertEquals(0.01 + 0.09 * (1 + Math.sqrt(0.5)) / 2, s.rate(1), EXACT, "cos(π/4)");
        assertEquals(0.055, s.rate(2), EXACT, "half way is the mean");
        assertEquals(0.01 + 0.09 * (1 - Math.sqrt(0.5)) / 2, s.rate(3), EXACT, "cos(3π/4)");
        assertEquals(0.01, s.rate(4), EXACT, "reaches the minimum at T");
        assertEquals(0.01, s.rate(1000), 0.0, "and stays there");
        assertEquals(0.0, LearningRateSchedule.cosineAnnealing(0.1, 0.0, 10).rate(10), 0.0, "a zero minimum is allowed");
    }

    @Test
    void perEpochHoldsTheRateForAllStepsOfAnEpoch() {
        LearningRateSchedule s = LearningRateSchedule.perEpoch(LearningRateSchedule.exponentialDecay(1.0, 0.5), 3);
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.rate(t), EXACT, "η_" + t);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.1, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.1, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(0.1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(0.1, 0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(0.1, -0.01, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosineAnnealing(0.1, 0.0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.perEpoch(LearningRateSchedule.constant(0.1), 0));
    }
}
