package io.radnet.core.data;

import io.radnet.api.Backend;
import java.util.Objects;

/**
 * The synthetic data sets of the radial paper's experiments ("Universal approximation and
 * model compression for radial neural networks", §7), built exactly as the reference
 * implementation's scripts build them.
 *
 * <p>All use the grid g_i = −3 + i/20, i = 0 … 120 (121 points of [−3, 3], computed in double
 * precision as {@code -3.0 + i / 20.0}).
 */
public final class RadialPaperDatasets {
    /** The number of grid points per axis, 121. */
    public static final int GRID_POINTS = 121;

    private RadialPaperDatasets() {
    }

    /**
     * @param i a grid index, 0 ≤ i &lt; 121
     * @return g_i = −3 + i/20
     * @throws IllegalArgumentException if i is out of range
     */
    public static double gridPoint(int i) {
        if (i < 0 || i >= GRID_POINTS) {
            throw new IllegalArgumentException("grid index must be in 0.." + (GRID_POINTS - 1) + ", got " + i);
        }
        return -3.0 + i / 20.0;
    }

    /**
     * Experiment 1 (Theorem 5, lossless compression): 121 samples, x_i = g_i (121 × 1) and
     * y_i = exp(−x_i²) (121 × 1), in grid order.
     *
     * @param backend the backend to hold the tensors
     * @return the data set
     */
    public static Dataset experiment1(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        double[] x = new double[GRID_POINTS];
        double[] y = new double[GRID_POINTS];
        for (int i = 0; i < GRID_POINTS; i++) {
            x[i] = gridPoint(i);
            y[i] = Math.exp(-x[i] * x[i]);
        }
        return Dataset.of(backend.fromRowMajor(GRID_POINTS, 1, x), backend.fromRowMajor(GRID_POINTS, 1, y));
    }

    /**
     * Experiment 2 (Theorem 7, projected gradient descent) uses the data of experiment 1.
     *
     * @param backend the backend to hold the tensors
     * @return the same data set as {@link #experiment1(Backend)}
     */
    public static Dataset experiment2(Backend backend) {
        return experiment1(backend);
    }

    /**
     * Experiment 3 (the compressed model trains faster): the 121 × 121 grid on [−3, 3]²,
     * 14,641 samples. Row r = 121·i + j (i outer, j inner, as PyTorch's
     * {@code torch.cartesian_prod(grid, grid)}) holds x = (g_i, g_j) and the target
     * y = (σ(g_i), σ(g_j)) with σ(t) = 1/(1 + e^{−t}); inputs and targets are 14,641 × 2.
     *
     * @param backend the backend to hold the tensors
     * @return the data set
     */
    public static Dataset experiment3(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        int n = GRID_POINTS * GRID_POINTS;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < GRID_POINTS; i++) {
            for (int j = 0; j < GRID_POINTS; j++) {
                int r = i * GRID_POINTS + j;
                double xi = gridPoint(i);
                double xj = gridPoint(j);
                x[2 * r] = xi;
                x[2 * r + 1] = xj;
                y[2 * r] = sigmoid(xi);
                y[2 * r + 1] = sigmoid(xj);
            }
        }
        return Dataset.of(backend.fromRowMajor(n, 2, x), backend.fromRowMajor(n, 2, y));
    }

    private static double sigmoid(double t) {
        return 1.0 / (1.0 + Math.exp(-t));
    }
}
