package io.radnet.core.optim;

/** The implementations behind {@link LearningRateSchedule}'s factories, and shared checks. */
final class Schedules {
    private Schedules() {
    }

    static double requireRate(String what, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("the " + what + " must be positive and finite, got " + rate);
        }
        return rate;
    }

    static double requireDecayFactor(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("a decay factor gamma must be in (0, 1], got " + gamma);
        }
        return gamma;
    }

    record Constant(double rate) implements LearningRateSchedule {
        @Override
        public double rate(int step) {
            return rate;
        }

        @Override
        public String toString() {
            return "constant(" + rate + ")";
        }
    }

    record StepDecay(double initial, int stepSize, double gamma) implements LearningRateSchedule {
        @Override
        public double rate(int step) {
            return initial * Math.pow(gamma, Math.floorDiv(Math.max(step, 0), stepSize));
        }

        @Override
        public String toString() {
            return "stepDecay(" + initial + ", every " + stepSize + " steps ×" + gamma + ")";
        }
    }

    record ExponentialDecay(double initial, double gamma) implements LearningRateSchedule {
        @Override
        public double rate(int step) {
            return initial * Math.pow(gamma, Math.max(step, 0));
        }

        @Override
        public String toString() {
            return "exponentialDecay(" + initial + ", ×" + gamma + " per step)";
        }
    }

    record CosineAnnealing(double max, double min, int period) implements LearningRateSchedule {
        @Override
        public double rate(int step) {
            if (step >= period) {
                return min;
            }
            return min + (max - min) * (1 + Math.cos(Math.PI * Math.max(step, 0) / period)) / 2;
        }

        @Override
        public String toString() {
            return "cosineAnnealing(" + max + " → " + min + " over " + period + " steps)";
        }
    }

    record PerEpoch(LearningRateSchedule byEpoch, int stepsPerEpoch) implements LearningRateSchedule {
        @Override
        public double rate(int step) {
            return byEpoch.rate(Math.max(step, 0) / stepsPerEpoch);
        }

        @Override
        public String toString() {
            return byEpoch + " per epoch of " + stepsPerEpoch + " steps";
        }
    }
}
