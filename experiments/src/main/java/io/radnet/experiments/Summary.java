package io.radnet.experiments;

/**
 * The mean and sample standard deviation of some per-seed values.
 *
 * @param mean the arithmetic mean
 * @param std the sample standard deviation √(Σ (v − mean)² / (N − 1)); NaN for fewer than two
 *     values
 */
public record Summary(double mean, double std) {
    /**
     * @param values N ≥ 1 values, not modified
     * @return their mean and sample standard deviation
     * @throws IllegalArgumentException if there are no values
     */
    public static Summary of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot summarise zero values");
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        if (values.length < 2) {
            return new Summary(mean, Double.NaN);
        }
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Summary(mean, Math.sqrt(squares / (values.length - 1)));
    }
}
