package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fixed architecture of a hypernetwork's primary network g (hypernetworks paper, §2 and
 * §5): widths n = (n₀, …, n_L), a pointwise activation σ after every hidden layer, an affine last
 * layer, g(x; θ) = W_L σ(… σ(W₁ x + b₁) …) + b_L, with or without the biases b_i (the paper's
 * primary x ↦ W₂ σ(W₁ x) has none).
 *
 * <p>θ has N_g = Σ_i n_i·n_{i−1} (+ Σ_i n_i with biases) entries, laid out as
 * {@link Param#flatten()} lays out a Param of these widths: W₁ … W_L, each row-major, then
 * b₁ … b_L when present. A weight generator f must output exactly N_g numbers per sample.
 */
public final class PrimaryArchitecture {
    private final int[] widths;
    private final PointwiseActivation activation;
    private final boolean withBiases;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int parameterCount;

    private PrimaryArchitecture(int[] widths, PointwiseActivation activation, boolean withBiases) {
        this.widths = widths;
        this.activation = activation;
        this.withBiases = withBiases;
        int layers = widths.length - 1;
        weightOffsets = new int[layers + 1];
        biasOffsets = new int[layers + 1];
        long offset = 0;
        for (int i = 1; i <= layers; i++) {
            weightOffsets[i] = (int) offset;
            offset += (long) widths[i] * widths[i - 1];
            checkCount(offset);
        }
        for (int i = 1; i <= layers && withBiases; i++) {
            biasOffsets[i] = (int) offset;
            offset += widths[i];
            checkCount(offset);
        }
        parameterCount = (int) offset;
    }

    private void checkCount(long count) {
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the primary network " + Arrays.toString(widths)
                    + " has more than 2^31 − 1 parameters");
        }
    }

    /**
     * @param widths n₀ … n_L, L ≥ 1, every width ≥ 1; copied
     * @param activation σ of every hidden layer
     * @param withBiases whether f also generates the biases b_i
     * @return the architecture
     * @throws IllegalArgumentException naming the bad width
     */
    public static PrimaryArchitecture of(int[] widths, PointwiseActivation activation, boolean withBiases) {
        return new PrimaryArchitecture(Param.checkWidths(widths), Objects.requireNonNull(activation, "activation"),
                withBiases);
    }

    /** @return a copy of n₀ … n_L */
    public int[] widths() {
        return widths.clone();
    }

    /** @return L, the number of layers */
    public int depth() {
        return widths.length - 1;
    }

    /** @return n₀, the width of x */
    public int inputWidth() {
        return widths[0];
    }

    /** @return n_L */
    public int outputWidth() {
        return widths[depth()];
    }

    /** @return σ */
    public PointwiseActivation activation() {
        return activation;
    }

    /** @return whether θ holds biases */
    public boolean withBiases() {
        return withBiases;
    }

    /** @return N_g, the number of entries of θ = the output width its weight generator needs */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * @param i layer, 1 ≤ i ≤ L
     * @return the index in θ where W_i (n_i × n_{i−1}, row-major) starts
     */
    int weightOffset(int i) {
        return weightOffsets[i];
    }

    /**
     * @param i layer, 1 ≤ i ≤ L, with biases
     * @return the index in θ where b_i starts
     */
    int biasOffset(int i) {
        return biasOffsets[i];
    }

    /**
     * The plain primary network g(·; θ) for one weight vector, as an {@link Mlp} (with zero
     * biases when this architecture has none): for every x, {@code network(b, θ).forward(x)}
     * equals g(x; θ).
     *
     * @param backend the backend to allocate on
     * @param theta the N_g weights, not modified
     * @return a new Mlp owning a copy of θ
     * @throws IllegalArgumentException if θ does not have N_g entries
     */
    public Mlp network(Backend backend, double[] theta) {
        Objects.requireNonNull(theta, "theta");
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("the primary network " + this + " needs " + parameterCount
                    + " weights, got " + theta.length);
        }
        double[] full = withBiases ? theta : Arrays.copyOf(theta, parameterCount + Arrays.stream(widths, 1,
                widths.length).sum());
        return new Mlp(Param.unflatten(backend, widths, false, full), activation);
    }

    @Override
    public String toString() {
        return "primary" + Arrays.toString(widths) + " " + activation + (withBiases ? " with biases" : " without biases");
    }
}
