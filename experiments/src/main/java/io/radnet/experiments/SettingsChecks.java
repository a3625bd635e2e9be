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

    /** Requires at least 1 training and 1 test sample, naming the first that is not. */
    static void samples(int trainSamples, int testSamples) {
        positive("training samples", trainSamples);
        positive("test samples", testSamples);
    }

    /**
     * Requires at most Fashion-MNIST's 60,000 training and 10,000 test images.
     *
     * @throws IllegalArgumentException naming both counts
     */
    static void fashionMnistSamples(int trainSamples, int testSamples) {
        if (trainSamples > 60_000 || testSamples > 10_000) {
            throw new IllegalArgumentException("Fashion-MNIST has 60000 training and 10000 test images; got "
                    + trainSamples + " and " + testSamples + " samples");
        }
    }

    /** Requires epochs ≥ 1, a minibatch size ≥ 1 and a finite positive learning rate, in that order. */
    static void minibatchTraining(int epochs, int batchSize, double learningRate) {
        positive("epochs", epochs);
        positive("batch size", batchSize);
        rate(learningRate);
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

    /**
     * Requires a network's parameter count to fit one Java array (checked before anything is
     * allocated; the heap is checked where the tensors are made).
     *
     * @param what the network, e.g. "the weight generator f"
     * @param count its parameter count, computed in long arithmetic
     */
    static void parameterCount(String what, long count) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " would have " + count
                    + " parameters, more than a Java array holds (2147483639)");
        }
    }

    /** @return the parameter count of an MLP with these widths, in long arithmetic */
    static long mlpParameters(long... widths) {
        long count = 0;
        for (int i = 1; i < widths.length; i++) {
            count += widths[i] * widths[i - 1] + widths[i];
        }
        return count;
    }
}
