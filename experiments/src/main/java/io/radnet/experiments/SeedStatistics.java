package io.radnet.experiments;

/**
 * One statistic of a run over seeds 1 … N: every seed's value, their mean and their sample
 * standard deviation.
 *
 * @param mean the arithmetic mean of perSeed
 * @param std the sample standard deviation (divisor N − 1); NaN for a single seed
 * @param perSeed the value of seed s at index s − 1
 */
public record SeedStatistics(double mean, double std, double[] perSeed) {
    /**
     * @param perSeed N ≥ 1 values, adopted (not copied)
     * @return their mean, sample standard deviation and the values
     * @throws IllegalArgumentException if there are no values
     */
    public static SeedStatistics of(double[] perSeed) {
        Summary summary = Summary.of(perSeed);
        return new SeedStatistics(summary.mean(), summary.std(), perSeed);
    }

    /** @return the mean and standard deviation */
    public Summary summary() {
        return new Summary(mean, std);
    }
}
