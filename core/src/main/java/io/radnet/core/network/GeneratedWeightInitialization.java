package io.radnet.core.network;

import io.radnet.api.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * How a hypernetwork's weight generator f starts, relative to the primary network g it feeds
 * (hypernetworks paper, §2: h(x, I) = g(x; f(I))).
 *
 * <p>f is an {@link Mlp} initialised as PyTorch's {@code nn.Linear} ({@link Mlp#initialized}).
 * Its output θ = f(I) then has entries whose size depends on f's depth and on I, not on the
 * fan-in of the layer of g they become: a one-layer f on I ~ N(0, 1)^{d_I} outputs entries of
 * variance ≈ 1/3, while a PyTorch initialisation of g's layer i has variance 1/(3 n_{i−1}).
 *
 * <ul>
 *   <li>{@link #UNSCALED}: θ = f(I) as initialised. This is what the paper's published rotation
 *       code does (a plain {@code nn.Sequential} generator whose output is reshaped into g's
 *       weights, nothing rescaled).</li>
 *   <li>{@link #PRIMARY_FAN_IN}: the rows of f's last layer (weights and bias) that produce g's
 *       W_i (and b_i) are multiplied by one factor c_i, chosen so that on the given sample of
 *       generator inputs the root mean square of the generated W_i (and b_i) equals
 *       1/√(3 n_{i−1}), the standard deviation of PyTorch's initialisation of g's layer i,
 *       U(−1/√n_{i−1}, 1/√n_{i−1}). Then g starts like an initialised network, as the paper's
 *       text implies (g is an ordinary primary network whose weights come from f); the rule is the
 *       measured counterpart of Chang, Flokas and Lipson's hyperfan-in initialisation
 *       (ICLR 2020, the paper's reference [7]), which reaches the same variance analytically.</li>
 * </ul>
 *
 * <p>θ is linear in f's last layer, so scaling the rows of block i by c_i scales the generated
 * W_i by exactly c_i for every input; nothing else of f changes.
 */
public enum GeneratedWeightInitialization {
    /** f as initialised; its output used as is (the paper's code). */
    UNSCALED,
    /** f's last layer rescaled per layer of g so that g starts with PyTorch's initial scale. */
    PRIMARY_FAN_IN;

    /**
     * @param name {@code unscaled} or {@code fan-in} (also the constant names), case-insensitive
     * @return the initialisation
     * @throws IllegalArgumentException naming the accepted values
     */
    public static GeneratedWeightInitialization parse(String name) {
        String n = Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "unscaled" -> UNSCALED;
            case "fan-in", "primary-fan-in" -> PRIMARY_FAN_IN;
            default -> throw new IllegalArgumentException("unknown generated-weight initialisation '" + name
                    + "'; accepted: unscaled, fan-in");
        };
    }

    /** @return the name {@link #parse} reads: {@code unscaled} or {@code fan-in} */
    public String label() {
        return this == UNSCALED ? "unscaled" : "fan-in";
    }

    /**
     * Applies this initialisation to a freshly initialised generator (modifies its last layer in
     * place for {@link #PRIMARY_FAN_IN}; does nothing for {@link #UNSCALED}).
     *
     * @param generator f, an MLP whose output width is N_g of {@code primary}; modified
     * @param primary g's architecture
     * @param generatorInputs a sample of generator inputs I, rows × d_I (e.g. the first training
     *     rows); not modified
     * @return the factor c_i applied to the rows of layer i of g, index i − 1 (all 1 for
     *     {@link #UNSCALED})
     * @throws IllegalArgumentException if f's widths do not fit g or the sample, or if f
     *     generates only zeros for some layer of g on the whole sample (no factor can scale it)
     */
    public double[] apply(Mlp generator, PrimaryArchitecture primary, Tensor generatorInputs) {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(generatorInputs, "generatorInputs");
        if (generator.outputWidth() != primary.parameterCount()) {
            throw new IllegalArgumentException("the weight generator outputs " + generator.outputWidth()
                    + " numbers per sample but the " + primary + " has " + primary.parameterCount() + " parameters");
        }
        if (generatorInputs.cols() != generator.inputWidth() || generatorInputs.rows() == 0) {
            throw new IllegalArgumentException("the sample of generator inputs must have at least one row of "
                    + generator.inputWidth() + " columns (d_I), got " + generatorInputs.shape());
        }
        int depth = primary.depth();
        double[] factors = new double[depth];
        Arrays.fill(factors, 1.0);
        if (this == UNSCALED) {
            return factors;
        }
        double[] theta;
        try (Tensor output = generator.forward(generatorInputs)) {
            theta = output.toRowMajor();
        }
        int samples = generatorInputs.rows();
        int count = primary.parameterCount();
        int[] widths = primary.widths();
        Param param = generator.parameters();
        int last = param.depth();
        double[] weights = param.weight(last).toRowMajor();
        double[] biases = param.bias(last).toRowMajor();
        int hidden = param.width(last - 1);
        for (int i = 1; i <= depth; i++) {
            double target = 1.0 / Math.sqrt(3.0 * widths[i - 1]);
            factors[i - 1] = target / rootMeanSquare(theta, samples, count, primary.weightOffset(i),
                    widths[i] * widths[i - 1], i, "weights");
            scaleRows(weights, biases, hidden, primary.weightOffset(i), widths[i] * widths[i - 1], factors[i - 1]);
            if (primary.withBiases()) {
                double biasFactor = target / rootMeanSquare(theta, samples, count, primary.biasOffset(i), widths[i], i,
                        "biases");
                scaleRows(weights, biases, hidden, primary.biasOffset(i), widths[i], biasFactor);
            }
        }
        param.weight(last).setRowMajor(weights);
        param.bias(last).setRowMajor(biases);
        return factors;
    }

    /** √(mean of θ[s, offset … offset + length)²) over the samples s. */
    private static double rootMeanSquare(double[] theta, int samples, int count, int offset, int length, int layer,
            String what) {
        double sum = 0.0;
        for (int s = 0; s < samples; s++) {
            int base = s * count + offset;
            for (int j = 0; j < length; j++) {
                sum += theta[base + j] * theta[base + j];
            }
        }
        double rms = Math.sqrt(sum / ((double) samples * length));
        if (!(rms > 0) || !Double.isFinite(rms)) {
            throw new IllegalArgumentException("the weight generator outputs " + (rms > 0 ? "non-finite" : "only zero")
                    + " " + what + " for layer " + layer + " of g on all " + samples
                    + " sample inputs; cannot scale them to an initialisation");
        }
        return rms;
    }

    /** Multiplies rows offset … offset + length − 1 of the last layer (weights and bias) by factor. */
    private static void scaleRows(double[] weights, double[] biases, int hidden, int offset, int length,
            double factor) {
        for (int row = offset; row < offset + length; row++) {
            biases[row] *= factor;
            for (int j = 0; j < hidden; j++) {
                weights[row * hidden + j] *= factor;
            }
        }
    }
}
