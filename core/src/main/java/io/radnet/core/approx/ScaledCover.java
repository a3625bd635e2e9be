package io.radnet.core.approx;

import java.util.Objects;

/**
 * A ball cover seen in rescaled coordinates u = (x − o)/λ, o the centre of K, chosen so that
 * every ball has the radius ρ &lt; 1 that a Step-ReLU construction needs (λ = r/ρ), together
 * with the target's values at the centres. Centring keeps the numbers a network carries of the
 * size of the number of cells, whatever the position of K. Shared by the constructions of
 * Theorems 3 and 4.
 *
 * @param cover the cover in the original coordinates
 * @param origin o, the centre of K
 * @param scale λ = r/ρ
 * @param centres ĉ_i = (c_i − o)/λ, N × n
 * @param values f(c_i), N × m
 * @param allowance a bound on the rounding of the network's output, 10⁻¹² · (1 + max |f(c_i)|)
 */
record ScaledCover(BallCover cover, double[] origin, double scale, double[][] centres, double[][] values, double allowance) {
    /** Relative size of the allowance for rounding in a network's output layer. */
    static final double ROUNDING = 1e-12;
    /** Relative resolution demanded of an input coordinate: |x|·10⁻¹⁴ ≤ τ·r, so its rounding is 45 times below the margin. */
    private static final double RESOLUTION = 1e-14;

    /**
     * @param target f
     * @param box K
     * @param modulus ω
     * @param budget the cover's ε
     * @param scaledRadius ρ ∈ (0, 1)
     * @param maxBalls the most balls the construction can afford
     * @param construction its name, for messages
     * @return the scaled cover
     */
    static ScaledCover of(VectorFunction target, BoxDomain box, Modulus modulus, double budget, double scaledRadius,
                          long maxBalls, String construction) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(box, "box");
        if (target.inputDimension() != box.dimension()) {
            throw new IllegalArgumentException("the target takes " + target.inputDimension()
                    + " variables but the domain " + box + " has dimension " + box.dimension());
        }
        BallCover cover = BallCover.of(box, modulus, budget);
        if (cover.size() > maxBalls) {
            throw new IllegalArgumentException(construction + " with " + cover.size() + " balls (cells per axis "
                    + java.util.Arrays.toString(cover.cellsPerAxis()) + ") exceeds the limit of " + maxBalls
                    + " balls for this construction; raise ε or shrink the domain");
        }
        double scale = cover.radius() / scaledRadius;
        int n = box.dimension();
        double[] origin = new double[n];
        double farthest = 0.0;
        for (int j = 0; j < n; j++) {
            origin[j] = 0.5 * (box.lower()[j] + box.upper()[j]);
            farthest = Math.max(farthest, Math.max(Math.abs(box.lower()[j]), Math.abs(box.upper()[j])));
        }
        if (farthest * RESOLUTION > BallCover.MARGIN * cover.radius()) {
            throw new IllegalArgumentException(construction + ": balls of radius " + cover.radius() + " around points as far"
                    + " as " + farthest + " from the origin cannot be told apart in double precision (the input's rounding"
                    + " must stay below the margin τ·r); shift the domain towards the origin or raise ε");
        }
        double[][] centres = new double[cover.size()][n];
        double[][] values = new double[cover.size()][];
        double largest = 0.0;
        for (int i = 0; i < cover.size(); i++) {
            double[] c = cover.centre(i);
            values[i] = target.apply(c);
            for (int j = 0; j < n; j++) {
                centres[i][j] = (c[j] - origin[j]) / scale;
            }
            for (double v : values[i]) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        return new ScaledCover(cover, origin, scale, centres, values, ROUNDING * (1.0 + largest));
    }

    /** @return N */
    int size() {
        return centres.length;
    }
}
