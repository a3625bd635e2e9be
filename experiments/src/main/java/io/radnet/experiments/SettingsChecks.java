package io.radnet.experiments;

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
}
