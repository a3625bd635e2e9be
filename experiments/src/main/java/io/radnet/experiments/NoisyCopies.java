package io.radnet.experiments;

import java.util.Objects;
import java.util.Random;

/**
 * The data of the reference implementation's noisy-image scripts 4 and 5: n originals
 * x₁ … x_n ∈ ℝᵈ and m noisy copies of each, x_i + s·r_i·u with u uniform in the unit d-ball
 * (direction z/|z| for a standard normal z, length U^{1/d} for U uniform in [0, 1)), r_i the
 * distance from x_i to the nearest other original and s the noise scale (3 in the scripts). The
 * label of a copy is the index i of its original.
 *
 * <p>Copy j of original i is row i·m + j. Rows are stored row-major in one array, so the
 * inputs go to a backend tensor in one copy.
 *
 * @param originals n ≥ 2
 * @param copies m ≥ 1 per original
 * @param dimension d ≥ 1
 * @param inputs (n·m) × d row-major: row i·m + j is copy j of original i
 * @param labels n·m entries, entry i·m + j is i (as a double, the cross-entropy's class index)
 * @param radii r_i, n entries: the distance from x_i to the nearest other original, &gt; 0
 */
public record NoisyCopies(int originals, int copies, int dimension, double[] inputs, double[] labels,
        double[] radii) {
    /**
     * Checks that the arrays have the sizes the counts give.
     *
     * @param originals n ≥ 2
     * @param copies m ≥ 1 per original
     * @param dimension d ≥ 1
     * @param inputs (n·m) × d row-major: row i·m + j is copy j of original i
     * @param labels n·m entries, entry i·m + j is i (as a double, the cross-entropy's class index)
     * @param radii r_i, n entries: the distance from x_i to the nearest other original, &gt; 0
     */
    public NoisyCopies {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(radii, "radii");
        long samples = (long) originals * copies;
        if (originals < 2 || copies < 1 || dimension < 1 || inputs.length != samples * dimension
                || labels.length != samples || radii.length != originals) {
            throw new IllegalArgumentException("noisy copies of " + originals + " originals × " + copies + " copies in "
                    + dimension + " dimensions need " + samples * dimension + " inputs, " + samples + " labels and "
                    + originals + " radii, got " + inputs.length + ", " + labels.length + " and " + radii.length);
        }
    }

    /**
     * Draws the copies. Deterministic for a seed (java.util.Random, whose Gaussian is specified).
     *
     * @param originals n ≥ 2 rows of one length d ≥ 1, finite and pairwise distinct; not modified
     * @param copies m ≥ 1 per original
     * @param noiseScale s, finite and ≥ 0 (0 gives exact copies)
     * @param seed the seed of the noise
     * @return the n·m copies, their labels and the radii r_i
     * @throws IllegalArgumentException naming the problem if there are fewer than two
     *     originals, rows are ragged, empty or not finite, two originals coincide, m &lt; 1, s is
     *     negative or not finite, or n·m·d exceeds the largest Java array
     */
    public static NoisyCopies draw(double[][] originals, int copies, double noiseScale, long seed) {
        Objects.requireNonNull(originals, "originals");
        int n = originals.length;
        if (n < 2) {
            throw new IllegalArgumentException("noisy copies need at least 2 originals (the noise radius is the distance"
                    + " to the nearest other one), got " + n);
        }
        int d = requireRows(originals);
        if (copies < 1) {
            throw new IllegalArgumentException("the number of noisy copies per original must be at least 1, got " + copies);
        }
        if (!(noiseScale >= 0.0) || !Double.isFinite(noiseScale)) {
            throw new IllegalArgumentException("the noise scale must be finite and at least 0, got " + noiseScale);
        }
        long entries = (long) n * copies * d;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " originals × " + copies + " copies × " + d + " values = " + entries
                    + " values, more than one array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        double[] radii = nearestDistances(originals);
        double[] inputs = new double[(int) entries];
        double[] labels = new double[n * copies];
        double[] direction = new double[d];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            double[] original = originals[i];
            for (int j = 0; j < copies; j++) {
                double squares = 0.0;
                for (int k = 0; k < d; k++) {
                    double z = random.nextGaussian();
                    direction[k] = z;
                    squares += z * z;
                }
                double length = Math.pow(random.nextDouble(), 1.0 / d);
                double factor = squares > 0.0 ? noiseScale * radii[i] * length / Math.sqrt(squares) : 0.0;
                int row = (i * copies + j) * d;
                for (int k = 0; k < d; k++) {
                    inputs[row + k] = original[k] + factor * direction[k];
                }
                labels[i * copies + j] = i;
            }
        }
        return new NoisyCopies(n, copies, d, inputs, labels, radii);
    }

    /** @return n·m, the number of copies in all */
    public int samples() {
        return originals * copies;
    }

    /** @return d, after checking every row has it, is non-empty and finite */
    private static int requireRows(double[][] originals) {
        Objects.requireNonNull(originals[0], "original 0");
        int d = originals[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("the originals must have at least one value each, original 0 has none");
        }
        for (int i = 0; i < originals.length; i++) {
            double[] row = Objects.requireNonNull(originals[i], "original " + i);
            if (row.length != d) {
                throw new IllegalArgumentException("every original must have " + d + " values (as original 0), original "
                        + i + " has " + row.length);
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(row[k])) {
                    throw new IllegalArgumentException("original " + i + " holds " + row[k] + " at index " + k);
                }
            }
        }
        return d;
    }

    /** r_i = min over j ≠ i of |x_i − x_j|; fails if two originals coincide (r_i = 0). */
    private static double[] nearestDistances(double[][] originals) {
        int n = originals.length;
        double[] radii = new double[n];
        java.util.Arrays.fill(radii, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double squares = 0.0;
                for (int k = 0; k < originals[i].length; k++) {
                    double difference = originals[i][k] - originals[j][k];
                    squares += difference * difference;
                }
                double distance = Math.sqrt(squares);
                if (!(distance > 0.0)) {
                    throw new IllegalArgumentException("originals " + i + " and " + j
                            + " coincide: the noise radius (distance to the nearest other original) would be 0");
                }
                radii[i] = Math.min(radii[i], distance);
                radii[j] = Math.min(radii[j], distance);
            }
        }
        return radii;
    }
}
