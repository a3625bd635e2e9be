package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.FeedForwardNetwork;
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

    /**
     * Evaluates F on a batch of points (one forward pass on the network's backend).
     *
     * @param points k points of ℝⁿ, not modified
     * @return F(points[i]) for every i, k × m
     */
    public double[][] evaluate(double[][] points) {
        Objects.requireNonNull(points, "points");
        int n = network.inputWidth();
        int m = network.outputWidth();
        double[] flat = new double[points.length * n];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != n) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " coordinates, the network takes "
                        + n);
            }
            System.arraycopy(points[i], 0, flat, i * n, n);
        }
        if (points.length == 0) {
            return new double[0][m];
        }
        Backend b = network.backend();
        Tensor out = network.forward(b.fromRowMajor(points.length, n, flat));
        double[] values = out.toRowMajor();
        double[][] result = new double[points.length][m];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(values, i * m, result[i], 0, m);
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
