package io.radnet.core.approx.exact;

import java.util.List;
import java.util.Objects;

/**
 * A repeated-composition network F = L₂ ∘ g^{∘r} ∘ L₁ with exact rational weights: affine
 * L₁: ℝ^d → ℝ^m and L₂: ℝ^m → ℝ^out, and one block g: ℝ^m → ℝ^m (an {@link ExactNetwork}
 * whose layers are each followed by σ or by nothing) applied r times. {@link #apply} computes
 * F(x) exactly; the composition shares g's layers, so the cost of holding it does not grow with r.
 * Immutable.
 */
public final class ExactCompositionNetwork {
    private final ExactAffine input;
    private final ExactNetwork block;
    private final int compositions;
    private final ExactAffine output;
    private final ExactNetwork unrolled;

    /**
     * @param input L₁, d → m
     * @param block g, m → m
     * @param compositions r ≥ 1
     * @param output L₂, m → out
     * @throws IllegalArgumentException naming the map whose dimensions do not fit, or if r &lt; 1
     */
    public ExactCompositionNetwork(ExactAffine input, ExactNetwork block, int compositions, ExactAffine output) {
        this.input = Objects.requireNonNull(input, "input");
        this.block = Objects.requireNonNull(block, "block");
        this.output = Objects.requireNonNull(output, "output");
        if (compositions < 1) {
            throw new IllegalArgumentException("an RCNet composes its block r ≥ 1 times, got " + compositions);
        }
        if (block.inputWidth() != block.outputWidth() || input.rows() != block.inputWidth()
                || output.cols() != block.outputWidth()) {
            throw new IllegalArgumentException("L₁ ∘ g ∘ L₂ must chain through one ℝ^m: L₁ gives " + input.rows()
                    + ", g maps ℝ^" + block.inputWidth() + " → ℝ^" + block.outputWidth() + ", L₂ takes " + output.cols());
        }
        this.compositions = compositions;
        this.unrolled = ExactNetwork.of(List.of(input), new boolean[1]).then(block.repeated(compositions))
                .then(ExactNetwork.of(List.of(output), new boolean[1]));
    }

    /** @return L₁ */
    public ExactAffine input() {
        return input;
    }

    /** @return g */
    public ExactNetwork block() {
        return block;
    }

    /** @return r */
    public int compositions() {
        return compositions;
    }

    /** @return L₂ */
    public ExactAffine output() {
        return output;
    }

    /** @return F as one feed-forward network (L₁, then g's layers r times, then L₂; layers shared) */
    public ExactNetwork unrolled() {
        return unrolled;
    }

    /** @return d */
    public int inputWidth() {
        return input.cols();
    }

    /** @return out */
    public int outputWidth() {
        return output.rows();
    }

    /** @return (d, m, g's hidden widths, m, out): the widths of one application of g between L₁ and L₂ */
    public int[] widths() {
        int[] blockWidths = block.widths();
        int[] widths = new int[blockWidths.length + 2];
        widths[0] = inputWidth();
        System.arraycopy(blockWidths, 0, widths, 1, blockWidths.length);
        widths[widths.length - 1] = outputWidth();
        return widths;
    }

    /** @return the weights and biases of L₁, g (once: its r applications share them) and L₂ */
    public long parameterCount() {
        return (long) input.rows() * (input.cols() + 1) + block.parameterCount()
                + (long) output.rows() * (output.cols() + 1);
    }

    /** @return whether every weight and bias is a double exactly */
    public boolean isDoubleExact() {
        return input.isDoubleExact() && output.isDoubleExact() && block.isDoubleExact();
    }

    /**
     * @param layer 1 ≤ layer ≤ g's depth
     * @param replacement the new layer of g, of the same shape
     * @return this network with that layer of g replaced (in every composition)
     */
    public ExactCompositionNetwork withBlockLayer(int layer, ExactAffine replacement) {
        return new ExactCompositionNetwork(input, block.withLayer(layer, replacement), compositions, output);
    }

    /**
     * F at many points of finite doubles, read exactly (see {@link ExactNetwork#applyAll}: points
     * whose states coincide are carried on as one).
     *
     * @param points k points of ℝ^d, not modified
     * @return F(points[i]) for every i, exactly
     * @throws IllegalArgumentException naming the point with the wrong length or a non-finite entry
     */
    public Rational[][] applyAll(double[][] points) {
        Objects.requireNonNull(points, "points");
        Rational[][] exact = new Rational[points.length][];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != inputWidth()) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " coordinates, the network takes " + inputWidth());
            }
            exact[i] = new Rational[points[i].length];
            for (int j = 0; j < points[i].length; j++) {
                exact[i][j] = Rational.ofDouble(points[i][j]);
            }
        }
        return unrolled.applyAll(exact);
    }

    /**
     * @param points k points of ℝ^d
     * @return F(points[i]) computed exactly and then rounded to the nearest doubles
     */
    public double[][] applyRounded(double[][] points) {
        Rational[][] exact = applyAll(points);
        double[][] values = new double[exact.length][];
        for (int i = 0; i < exact.length; i++) {
            values[i] = new double[exact[i].length];
            for (int j = 0; j < exact[i].length; j++) {
                values[i][j] = exact[i][j].toDouble();
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "ExactCompositionNetwork(L₂ ∘ g^{∘" + compositions + "} ∘ L₁, g = " + block + ")";
    }
}
