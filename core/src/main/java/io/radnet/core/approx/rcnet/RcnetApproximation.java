package io.radnet.core.approx.rcnet;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.util.Arrays;
import java.util.Objects;

/**
 * A constructed RCNet together with its {@link RcnetCertificate}.
 *
 * @param network L₂ ∘ g^{∘r} ∘ L₁ as a library network (evaluate, train or save it like any other)
 * @param certificate what the construction guarantees
 */
public record RcnetApproximation(RepeatedCompositionNetwork network, RcnetCertificate certificate) {
    /** The most points one forward pass takes; larger batches are split. */
    static final int CHUNK = 4096;

    /**
     * @param network the network
     * @param certificate its certificate
     */
    public RcnetApproximation {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * Evaluates F on the network's backend, in batches of at most {@value #CHUNK} points.
     *
     * @param points k points of ℝ^d, not modified
     * @return F(points[i]) for every i, k × out
     */
    public double[][] evaluate(double[][] points) {
        int n = network.inputWidth();
        int m = network.outputWidth();
        Backend b = network.backend();
        double[][] result = new double[points.length][];
        for (int start = 0; start < points.length; start += CHUNK) {
            int rows = Math.min(CHUNK, points.length - start);
            double[] flat = new double[rows * n];
            for (int i = 0; i < rows; i++) {
                if (points[start + i].length != n) {
                    throw new IllegalArgumentException("point " + (start + i) + " has " + points[start + i].length
                            + " coordinates, the network takes " + n);
                }
                System.arraycopy(points[start + i], 0, flat, i * n, n);
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
}
