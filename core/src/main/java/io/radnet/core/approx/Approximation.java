package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.FeedForwardNetwork;
import java.util.Arrays;
import java.util.Objects;

/**
 * A constructed network together with its {@link Certificate}.
 *
 * @param network the network, an ordinary network of the library (evaluate, compress, train or
 *     save it like any other)
 * @param certificate what the construction guarantees
 * @param <N> the network's type ({@link io.radnet.core.network.RadialNetwork} or
 *     {@link io.radnet.core.network.Mlp})
 */
public record Approximation<N extends FeedForwardNetwork>(N network, Certificate certificate) {
    /**
     * @param network the network
     * @param certificate its certificate
     */
    public Approximation {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** The most activations (batch × Σ widths) one forward pass may hold; larger batches are split. */
    static final long MAX_ACTIVATIONS = 8_000_000L;

    /**
     * Evaluates F on points, in forward passes on the network's backend of at most
     * {@value #MAX_ACTIVATIONS} activations each (deep constructed networks hold one buffer per
     * layer).
     *
     * @param points k points of ℝⁿ, not modified
     * @return F(points[i]) for every i, k × m
     */
    public double[][] evaluate(double[][] points) {
        Objects.requireNonNull(points, "points");
        int n = network.inputWidth();
        int m = network.outputWidth();
        long perPoint = Arrays.stream(network.widths()).asLongStream().sum();
        int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_ACTIVATIONS / perPoint));
        double[][] result = new double[points.length][];
        Backend b = network.backend();
        for (int start = 0; start < points.length; start += chunk) {
            int rows = Math.min(chunk, points.length - start);
            double[] flat = new double[rows * n];
            for (int i = 0; i < rows; i++) {
                double[] p = points[start + i];
                if (p.length != n) {
                    throw new IllegalArgumentException("point " + (start + i) + " has " + p.length
                            + " coordinates, the network takes " + n);
                }
                System.arraycopy(p, 0, flat, i * n, n);
            }
            double[] values;
            try (Tensor input = b.fromRowMajor(rows, n, flat); Tensor output = network.forward(input)) {
                values = output.toRowMajor();
            }
            for (int i = 0; i < rows; i++) {
                result[start + i] = Arrays.copyOfRange(values, i * m, (i + 1) * m);
            }
        }
        return result;
    }

    /**
     * @param target f, with the network's input and output dimensions
     * @param points the points to measure at, not modified
     * @return max over the points of the Euclidean norm |F(x) − f(x)| (0 for no points)
     */
    public double maxError(VectorFunction target, double[][] points) {
        Objects.requireNonNull(target, "target");
        if (target.inputDimension() != network.inputWidth() || target.outputDimension() != network.outputWidth()) {
            throw new IllegalArgumentException("the target maps ℝ^" + target.inputDimension() + " → ℝ^"
                    + target.outputDimension() + " but the network ℝ^" + network.inputWidth() + " → ℝ^"
                    + network.outputWidth());
        }
        double[][] values = evaluate(points);
        double max = 0.0;
        for (int i = 0; i < points.length; i++) {
            double[] y = target.apply(points[i]);
            double acc = 0.0;
            for (int j = 0; j < y.length; j++) {
                double d = values[i][j] - y[j];
                acc += d * d;
            }
            max = Math.max(max, Math.sqrt(acc));
        }
        return max;
    }
}
