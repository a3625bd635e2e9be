package io.radnet.core.approx.rcnet;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.Param;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A constructed RCNet L₂ ∘ g^{∘r} ∘ L₁ together with its {@link RcnetCertificate}, held with exact
 * weights ({@link #exact()}) and, when every weight is a double exactly, as a library network
 * ({@link #network()}) too. The evaluator is the double forward pass when there is a library
 * network, else the exact one: a stored bit string of more than 52 binary digits (Lemma D.1,
 * K^d &gt; 26 in Theorem 1.1) is a weight a double would round, and the rounded network computes
 * something else.
 */
public final class RcnetApproximation {
    /** The most points one forward pass takes; larger batches are split. */
    static final int CHUNK = 4096;

    private final RepeatedCompositionNetwork network;
    private final ExactCompositionNetwork exact;
    private final RcnetCertificate certificate;

    /**
     * A network whose weights are doubles; its exact form holds the doubles' values.
     *
     * @param network the network, with ReLU or identity after each layer of g
     * @param certificate its certificate
     */
    public RcnetApproximation(RepeatedCompositionNetwork network, RcnetCertificate certificate) {
        this(Objects.requireNonNull(network, "network"), exactOf(network), certificate);
    }

    /**
     * @param network the double network, or null when a weight is not a double (then exact is the network)
     * @param exact the network with exact weights
     * @param certificate its certificate
     */
    RcnetApproximation(RepeatedCompositionNetwork network, ExactCompositionNetwork exact, RcnetCertificate certificate) {
        this.network = network;
        this.exact = Objects.requireNonNull(exact, "exact");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
    }

    /** @return whether the weights are doubles, so that {@link #network()} exists and {@link #evaluate} runs it */
    public boolean hasDoubleNetwork() {
        return network != null;
    }

    /** @return "double" when {@link #evaluate} runs the double forward pass, "exact" when it runs the exact evaluator */
    public String evaluator() {
        return network != null ? "double" : "exact";
    }

    /**
     * @return L₂ ∘ g^{∘r} ∘ L₁ as a library network (evaluate, train or save it like any other)
     * @throws IllegalStateException if a weight is not a double (see {@link #exact()})
     */
    public RepeatedCompositionNetwork network() {
        if (network == null) {
            throw new IllegalStateException("this RCNet stores " + certificate.storedBits() + "-bit values that a double"
                    + " would round; use its exact form");
        }
        return network;
    }

    /** @return the network with exact weights */
    public ExactCompositionNetwork exact() {
        return exact;
    }

    /** @return what the construction guarantees */
    public RcnetCertificate certificate() {
        return certificate;
    }

    /**
     * Evaluates F: on the network's backend in batches of at most {@value #CHUNK} points when the
     * weights are doubles, else exactly, each value then rounded to the nearest double.
     *
     * @param points k points of ℝ^d, not modified
     * @return F(points[i]) for every i, k × out
     */
    public double[][] evaluate(double[][] points) {
        if (network == null) {
            return exact.applyRounded(points);
        }
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

    /**
     * @param network an RCNet whose block activations are each relu or identity
     * @return the same network with the doubles' exact values as weights
     * @throws IllegalArgumentException if a block activation is neither relu nor identity
     */
    static ExactCompositionNetwork exactOf(RepeatedCompositionNetwork network) {
        Param p = network.parameters();
        int depth = p.depth();
        List<PointwiseActivation> sigmas = network.blockActivations();
        List<ExactAffine> block = new ArrayList<>();
        boolean[] relu = new boolean[sigmas.size()];
        for (int l = 0; l < sigmas.size(); l++) {
            String name = sigmas.get(l).toString();
            if (!name.equals("relu") && !name.equals("identity")) {
                throw new IllegalArgumentException("the exact evaluator handles relu and identity activations, block"
                        + " layer " + l + " has " + name);
            }
            relu[l] = name.equals("relu");
            block.add(exactLayer(p, l + 2));
        }
        return new ExactCompositionNetwork(exactLayer(p, 1), ExactNetwork.of(block, relu), network.repetitions(),
                exactLayer(p, depth));
    }

    private static ExactAffine exactLayer(Param p, int layer) {
        Tensor w = p.weight(layer);
        double[] values = w.toRowMajor();
        double[] bias = p.bias(layer).toRowMajor();
        ExactAffine.Builder builder = ExactAffine.builder(w.rows(), w.cols());
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                double value = values[r * w.cols() + c];
                if (value != 0) {
                    builder.weight(r, c, Rational.ofDouble(value));
                }
            }
            builder.bias(r, Rational.ofDouble(bias[r]));
        }
        return builder.build();
    }
}
