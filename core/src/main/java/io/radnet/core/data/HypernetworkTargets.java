package io.radnet.core.data;

import io.radnet.api.Backend;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The synthetic target functions y(x, I) of the hypernetworks paper's experiments ("On the
 * Modularity of Hypernetworks", §5 and appendix): one random function per seed, drawn once, then
 * sampled at x, I ~ N(0, 1) (independent standard normal entries).
 *
 * <ul>
 *   <li>Type I: y = ⟨x, h(I)⟩ with h: ℝ^{d_I} → ℝ^{d_x} a three-layer sigmoid network
 *       d_I → 16 → 16 → d_x whose output goes through a softmax, so y is a convex combination of
 *       the entries of x chosen by I;</li>
 *   <li>Type II: y = h([x, I]), h a three-layer ELU network (d_x + d_I) → 16 → 16 → 1;</li>
 *   <li>Type III: y = h(x ⊙ I) (needs d_x = d_I), h a three-layer ELU network d → 16 → 16 → 1.</li>
 * </ul>
 *
 * <p>Every weight of h is He-uniform, U(−√(6/fan_in), √(6/fan_in)), every bias 0. The paper's
 * hidden widths are lost from its text; 16 is radnet's choice. Evaluated in plain double
 * precision (data generation, not training).
 */
public final class HypernetworkTargets {
    /** The hidden width of every target network h. */
    public static final int HIDDEN = 16;

    /** The three families of target functions. */
    public enum Type {
        /** y = ⟨x, softmax(h(I))⟩. */
        I,
        /** y = h([x, I]). */
        II,
        /** y = h(x ⊙ I). */
        III;

        /**
         * @param name "I", "II", "III" or "1", "2", "3", case-insensitive
         * @return the type
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Type parse(String name) {
            switch (Objects.requireNonNull(name, "name").trim().toUpperCase(Locale.ROOT)) {
                case "I", "1":
                    return I;
                case "II", "2":
                    return II;
                case "III", "3":
                    return III;
                default:
                    throw new IllegalArgumentException("unknown target type '" + name + "'; accepted: I, II, III (or 1, 2, 3)");
            }
        }
    }

    private final Type type;
    private final int xWidth;
    private final int iWidth;
    private final double[][][] weights;

    private HypernetworkTargets(Type type, int xWidth, int iWidth, long seed) {
        this.type = type;
        this.xWidth = xWidth;
        this.iWidth = iWidth;
        int[] widths = switch (type) {
            case I -> new int[] {iWidth, HIDDEN, HIDDEN, xWidth};
            case II -> new int[] {xWidth + iWidth, HIDDEN, HIDDEN, 1};
            case III -> new int[] {xWidth, HIDDEN, HIDDEN, 1};
        };
        SplittableRandom random = new SplittableRandom(seed);
        weights = new double[widths.length - 1][][];
        for (int i = 1; i < widths.length; i++) {
            double bound = Math.sqrt(6.0 / widths[i - 1]);
            weights[i - 1] = new double[widths[i]][];
            for (int j = 0; j < widths[i]; j++) {
                weights[i - 1][j] = random.doubles(widths[i - 1], -bound, bound).toArray();
            }
        }
    }

    /**
     * @param type the family
     * @param xWidth d_x ≥ 1
     * @param iWidth d_I ≥ 1 (= d_x for Type III)
     * @param seed the seed of h's weights
     * @return one random target function of the family
     * @throws IllegalArgumentException naming the widths if they are invalid
     */
    public static HypernetworkTargets create(Type type, int xWidth, int iWidth, long seed) {
        Objects.requireNonNull(type, "type");
        if (xWidth < 1 || iWidth < 1) {
            throw new IllegalArgumentException("the widths of x and I must be at least 1, got d_x = " + xWidth
                    + ", d_I = " + iWidth);
        }
        if (type == Type.III && xWidth != iWidth) {
            throw new IllegalArgumentException("a Type III target h(x ⊙ I) needs d_x = d_I, got d_x = " + xWidth
                    + ", d_I = " + iWidth);
        }
        return new HypernetworkTargets(type, xWidth, iWidth, seed);
    }

    /** @return the family */
    public Type type() {
        return type;
    }

    /**
     * @param x d_x entries, not modified
     * @param input I, d_I entries, not modified
     * @return y(x, I)
     * @throws IllegalArgumentException if a length is wrong
     */
    public double value(double[] x, double[] input) {
        if (x.length != xWidth || input.length != iWidth) {
            throw new IllegalArgumentException("the target takes x of length " + xWidth + " and I of length " + iWidth
                    + ", got " + x.length + " and " + input.length);
        }
        switch (type) {
            case I -> {
                double[] logits = network(input, HypernetworkTargets::sigmoid);
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logits) {
                    max = Math.max(max, v);
                }
                double norm = 0.0;
                double y = 0.0;
                for (int k = 0; k < logits.length; k++) {
                    double e = Math.exp(logits[k] - max);
                    norm += e;
                    y += e * x[k];
                }
                return y / norm;
            }
            case II -> {
                double[] joined = new double[xWidth + iWidth];
                System.arraycopy(x, 0, joined, 0, xWidth);
                System.arraycopy(input, 0, joined, xWidth, iWidth);
                return network(joined, HypernetworkTargets::elu)[0];
            }
            default -> {
                double[] product = new double[xWidth];
                for (int k = 0; k < xWidth; k++) {
                    product[k] = x[k] * input[k];
                }
                return network(product, HypernetworkTargets::elu)[0];
            }
        }
    }

    private double[] network(double[] v, java.util.function.DoubleUnaryOperator sigma) {
        double[] a = v;
        for (int i = 0; i < weights.length; i++) {
            double[] z = new double[weights[i].length];
            for (int j = 0; j < z.length; j++) {
                double acc = 0.0;
                for (int k = 0; k < a.length; k++) {
                    acc += weights[i][j][k] * a[k];
                }
                z[j] = i < weights.length - 1 ? sigma.applyAsDouble(acc) : acc;
            }
            a = z;
        }
        return a;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    private static double elu(double v) {
        return v > 0 ? v : Math.expm1(v);
    }

    /**
     * Samples a data set: rows [x | I] with x, I ~ N(0, 1), targets y(x, I).
     *
     * @param backend where the tensors live
     * @param samples N ≥ 1
     * @param seed the seed of the samples (independent of the target's seed)
     * @return N × (d_x + d_I) inputs and N × 1 targets
     */
    public Dataset sample(Backend backend, int samples, long seed) {
        Objects.requireNonNull(backend, "backend");
        if (samples < 1) {
            throw new IllegalArgumentException("a data set needs at least 1 sample, got " + samples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int width = xWidth + iWidth;
        double[] inputs = new double[samples * width];
        double[] targets = new double[samples];
        double[] x = new double[xWidth];
        double[] input = new double[iWidth];
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < xWidth; k++) {
                x[k] = gaussian(random);
                inputs[s * width + k] = x[k];
            }
            for (int k = 0; k < iWidth; k++) {
                input[k] = gaussian(random);
                inputs[s * width + xWidth + k] = input[k];
            }
            targets[s] = value(x, input);
        }
        return Dataset.of(backend.fromRowMajor(samples, width, inputs), backend.fromRowMajor(samples, 1, targets));
    }

    /** A standard normal variate (Box–Muller; one of the pair is used). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    @Override
    public String toString() {
        return "Type " + type + " target (d_x = " + xWidth + ", d_I = " + iWidth + ")";
    }
}
