package io.radnet.experiments;

import java.util.List;

/** The checks the settings records share; each failure is one line naming the setting and its value. */
final class SettingsChecks {
    private SettingsChecks() {
    }

    /** Requires a count of at least 1, e.g. seeds, samples, epochs. */
    static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the " + name + " must be at least 1, got " + value);
        }
    }

    /** Requires a finite positive learning rate. */
    static void rate(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a learning rate must be finite and positive, got " + value);
        }
    }

    /** Requires a setting that is an object (a list, an array) to be given. */
    static <T> T present(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("the " + name + " setting is missing");
        }
        return value;
    }

    /** Requires N ≥ 1 seeds. */
    static void seeds(int seeds) {
        if (seeds < 1) {
            throw new IllegalArgumentException("the number of seeds must be at least 1, got " + seeds);
        }
    }

    /** Requires 1 ≤ seed ≤ N. */
    static void seedOf(int seed, int seeds) {
        if (seed < 1 || seed > seeds) {
            throw new IllegalArgumentException("the seed must be in 1.." + seeds + ", got " + seed);
        }
    }

    /** Requires the runs of seeds 1 … N, in that order. */
    static void seedsInOrder(List<Integer> seedsOfRuns, int seeds) {
        for (int i = 0; i < seedsOfRuns.size(); i++) {
            if (seedsOfRuns.get(i) != i + 1) {
                throw new IllegalArgumentException("run " + (i + 1) + " is of seed " + seedsOfRuns.get(i)
                        + "; the runs must be those of seeds 1.." + seeds + " in order");
            }
        }
        if (seedsOfRuns.size() != seeds) {
            throw new IllegalArgumentException("the settings have " + seeds + " seeds but " + seedsOfRuns.size()
                    + " runs were given");
        }
    }
}
