package io.radnet.core.data;

import io.radnet.api.Backend;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The data of the RCNet paper's experiments ("On Enhancing Expressive Power via Compositions of
 * Single Fixed-Size ReLU Network", §4): the 2-D target of the function-approximation experiment
 * (§4.1) and the two Archimedean spirals of the classification experiment (§4.2).
 */
public final class RcNetDatasets {
    /** ε, the half-width of the spiral bands S₀ and S₁ in the normalised square (paper: 0.006). */
    public static final double SPIRAL_BAND = 0.006;
    /** s of the paper: each spiral runs over θ ∈ [0, sπ]; the paper uses 24. */
    public static final int PAPER_SPIRAL_HALF_TURNS = 24;

    private static final double[][] A = {{0.3, 0.2}, {0.2, 0.3}};
    private static final double[] B = {2 * Math.PI, 4 * Math.PI};
    private static final double[][] C = {{2 * Math.PI, 4 * Math.PI}, {8 * Math.PI, 4 * Math.PI}};
    private static final double[][] D = {{4 * Math.PI, 6 * Math.PI}, {8 * Math.PI, 6 * Math.PI}};

    private RcNetDatasets() {
    }

    /**
     * The paper's target f(x) = Σ_{i,j=1}^{2} a_ij sin(b_i x_i + c_ij x_i x_j) cos(b_j x_j + d_ij x_i²)
     * with a = [[0.3, 0.2], [0.2, 0.3]], b = (2π, 4π), c = [[2π, 4π], [8π, 4π]],
     * d = [[4π, 6π], [8π, 6π]].
     *
     * @param x1 the first coordinate
     * @param x2 the second coordinate
     * @return f(x1, x2)
     */
    public static double target(double x1, double x2) {
        double[] x = {x1, x2};
        double f = 0.0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                f += A[i][j] * Math.sin(B[i] * x[i] + C[i][j] * x[i] * x[j]) * Math.cos(B[j] * x[j] + D[i][j] * x[i] * x[i]);
            }
        }
        return f;
    }

    /**
     * @param backend where the tensors live
     * @param samples N ≥ 1 points, uniform on [0, 1]²
     * @param seed the seed
     * @return N × 2 inputs, N × 1 targets f(x)
     */
    public static Dataset approximation(Backend backend, int samples, long seed) {
        Objects.requireNonNull(backend, "backend");
        requirePositive("samples", samples);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = random.doubles(2L * samples).toArray();
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            y[s] = target(x[2 * s], x[2 * s + 1]);
        }
        return Dataset.of(backend.fromRowMajor(samples, 2, x), backend.fromRowMajor(samples, 1, y));
    }

    /**
     * Two-spiral classification. Spiral i ∈ {0, 1} is r = i + θ/π, θ ∈ [0, sπ], in polar
     * coordinates, mapped into [0, 1]² by (u, v) ↦ ((u + s + 2), (v + s + 2)) / (2(s + 2)); the
     * set S_i holds the points within ε = {@value #SPIRAL_BAND} of it. A sample of class i is a
     * point of the spiral uniform in arc length (θ by rejection with density ∝ √(r² + 1/π²)) plus
     * an offset uniform in the disc of radius ε. Classes alternate, so both have N/2 samples
     * (N even) and the labels are the class indices 0 and 1 (N × 1).
     *
     * @param backend where the tensors live
     * @param samples N ≥ 2, even
     * @param halfTurns s ≥ 1 (the paper: {@value #PAPER_SPIRAL_HALF_TURNS})
     * @param seed the seed
     * @return N × 2 points in [0, 1]², N × 1 labels
     */
    public static Dataset twoSpirals(Backend backend, int samples, int halfTurns, long seed) {
        Objects.requireNonNull(backend, "backend");
        if (samples < 2 || samples % 2 != 0) {
            throw new IllegalArgumentException("two-spiral data needs an even number of samples ≥ 2, got " + samples);
        }
        requirePositive("halfTurns", halfTurns);
        SplittableRandom random = new SplittableRandom(seed);
        double thetaMax = halfTurns * Math.PI;
        double scale = 2.0 * (halfTurns + 2);
        double[] x = new double[2 * samples];
        double[] y = new double[samples];
        for (int s = 0; s < samples; s++) {
            int label = s % 2;
            double maxDensity = Math.hypot(label + halfTurns, 1.0 / Math.PI);
            double theta;
            double r;
            do {
                theta = random.nextDouble() * thetaMax;
                r = label + theta / Math.PI;
            } while (random.nextDouble() * maxDensity > Math.hypot(r, 1.0 / Math.PI));
            double offset = SPIRAL_BAND * Math.sqrt(random.nextDouble());
            double angle = 2.0 * Math.PI * random.nextDouble();
            x[2 * s] = (r * Math.cos(theta) + halfTurns + 2) / scale + offset * Math.cos(angle);
            x[2 * s + 1] = (r * Math.sin(theta) + halfTurns + 2) / scale + offset * Math.sin(angle);
            y[s] = label;
        }
        return Dataset.of(backend.fromRowMajor(samples, 2, x), backend.fromRowMajor(samples, 1, y));
    }

    /**
     * Standardises inputs with another set's statistics, as the paper does for the spirals: each
     * column c becomes (x_c − μ_c)/σ_c with μ, σ the mean and (population) standard deviation of
     * {@code reference}'s column c.
     *
     * @param data the data to transform, not modified
     * @param reference the data whose statistics are used (the training set), not modified
     * @return a new data set with standardised inputs and the same targets
     * @throws IllegalArgumentException if the widths differ or a reference column is constant
     */
    public static Dataset standardized(Dataset data, Dataset reference) {
        if (data.inputWidth() != reference.inputWidth()) {
            throw new IllegalArgumentException("cannot standardise " + data.inputWidth() + " columns with the statistics of "
                    + reference.inputWidth());
        }
        int n = reference.size();
        int width = reference.inputWidth();
        double[] ref = reference.inputs().toRowMajor();
        double[] mean = new double[width];
        double[] std = new double[width];
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < width; c++) {
                mean[c] += ref[s * width + c] / n;
            }
        }
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < width; c++) {
                double d = ref[s * width + c] - mean[c];
                std[c] += d * d / n;
            }
        }
        double[] out = data.inputs().toRowMajor();
        for (int c = 0; c < width; c++) {
            std[c] = Math.sqrt(std[c]);
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("column " + c + " of the reference data is constant; cannot standardise");
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = (out[k] - mean[k % width]) / std[k % width];
        }
        Backend b = data.backend();
        return Dataset.of(b.fromRowMajor(data.size(), width, out), b.copy(data.targets()));
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
