package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.network.Mlp;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An intrinsic-parameter network built by {@link IntrinsicParameterNetwork} with exact dyadic
 * weights, with what its theorem claims and what can be checked exactly: the stored digits of
 * every cube, so that F(x) = s·0.ξ₁…ξₙ + b can be compared digit for digit
 * ({@link #expectedOutput}); the excluded strips; the sizes of φ₁ and φ₂ against the paper's
 * 2^{dn+4} and 2^{dn+5}·n; exact evaluation ({@link #evaluate}); and, for small d·n, the double
 * network ({@link #toDoubleApproximation}).
 */
public final class IntrinsicConstruction {
    private static final double STRIP_MARGIN = 1e-12;

    private final ExactNetwork network;
    private final BoxDomain box;
    private final int bits;
    private final int deltaExponent;
    private final int copies;
    private final double p;
    private final double s;
    private final double[] b;
    private final long[][] stored;
    private final int linearLayer;
    /** Theorem 2.3's v, the one parameter holding every a_ℓ, or null. */
    private final Rational packed;
    private final double bound;
    private final String construction;

    IntrinsicConstruction(ExactNetwork network, VectorFunction target, BoxDomain box, Modulus modulus, int bits,
                          int deltaExponent, int copies, double p, double s, double[] b, long[][] stored,
                          int linearLayer, Rational packed) {
        this.network = network;
        this.box = box;
        this.bits = bits;
        this.deltaExponent = deltaExponent;
        this.copies = copies;
        this.p = p;
        this.s = s;
        this.b = b.clone();
        this.stored = stored;
        this.linearLayer = linearLayer;
        this.packed = packed;
        int d = box.dimension();
        double widest = IntrinsicParameterNetwork.widest(box);
        double omegaDiameter = modulus.at(widest * Math.sqrt(d));
        double cells = Math.scalb(1.0, -bits);
        double perComponent = copies == 1
                ? modulus.at(widest * Math.sqrt(d) * cells) + 4.0 * cells * omegaDiameter
                : modulus.at(widest * Math.sqrt(d) * cells) + s * cells + d * modulus.at(widest * delta().toDouble());
        this.bound = Math.sqrt(target.outputDimension()) * perComponent;
        this.construction = packed != null ? "Intrinsic parameters (Theorem 2.3, three parameters s, v, b, n = " + bits + ")"
                : copies > 1 ? "Intrinsic parameters (Theorem 2.2, L∞ through medians, n = " + bits + ")"
                : Double.isNaN(p) ? "Intrinsic parameters (Theorem 2.1, n = " + bits + ")"
                : "Intrinsic parameters (Theorem 2.1 in L^p, p = " + p + ", n = " + bits + ")";
    }

    /** @return the network, with exact weights */
    public ExactNetwork network() {
        return network;
    }

    /** @return n, the binary digits stored per cube */
    public int bits() {
        return bits;
    }

    /** @return the strip width δ = 2^{−e} in the normalised coordinates u (and the shift of Theorem 2.2) */
    public Rational delta() {
        return Rational.powerOfTwo(-deltaExponent);
    }

    /** @return e with δ = 2^{−e} */
    public int deltaExponent() {
        return deltaExponent;
    }

    /**
     * @return Theorem 2.3's v = Σ_i 2^{−2J(i−1)}·a_i ∈ [0, 1), which stores every a_i in its
     *     2J·n binary digits and enters the network as one bias; empty for Theorems 2.1 and 2.2
     */
    public Optional<Rational> packedParameter() {
        return Optional.ofNullable(packed);
    }

    /** @return whether this is Theorem 2.2's (or 2.3's) median network, certified everywhere on K */
    public boolean uniform() {
        return copies > 1;
    }

    /** @return p when the strips were narrowed for an Lᵖ bound (Theorem 2.1), else empty */
    public OptionalDouble lpExponent() {
        return Double.isNaN(p) ? OptionalDouble.empty() : OptionalDouble.of(p);
    }

    /** @return s = 2ω'(√d), the output scale (an intrinsic parameter) */
    public double scale() {
        return s;
    }

    /** @return b_r = f_r(a) − ω'(√d) for each component (intrinsic parameters) */
    public double[] shift() {
        return b.clone();
    }

    /** @return J = 2^{dn}, the number of cubes */
    public int cubes() {
        return stored[0].length;
    }

    /**
     * @param component r, 0 ≤ r &lt; m
     * @param cube j − 1 = Σ β_i·K^{i−1}, 0 ≤ cube &lt; J
     * @return the stored digits ξ₁…ξₙ of f̃_r(x_β) as the integer Σ ξ_ℓ·2^{n−ℓ} = ⌊f̃_r(x_β)·2ⁿ⌋
     *     (capped at 2ⁿ − 1)
     */
    public long storedDigits(int component, int cube) {
        Objects.checkIndex(component, stored.length);
        Objects.checkIndex(cube, stored[component].length);
        return stored[component][cube];
    }

    /**
     * @param component r
     * @param cube the cube's index
     * @return s·0.ξ₁…ξₙ + b_r, exactly: the value the theorem gives F_r on the whole cube Q_β
     */
    public Rational expectedOutput(int component, int cube) {
        return Rational.ofDouble(s).multiply(Rational.dyadic(BigInteger.valueOf(storedDigits(component, cube)), bits))
                .add(Rational.ofDouble(b[component]));
    }

    /**
     * @param cube the cube's index j − 1 = Σ β_i·K^{i−1}
     * @return x_β = a + (b − a)·β/K, the cube's lowest corner (as the construction evaluates f there)
     */
    public double[] cubeCorner(int cube) {
        Objects.checkIndex(cube, cubes());
        return corner(box, bits, cube);
    }

    static double[] corner(BoxDomain box, int bits, int cube) {
        int d = box.dimension();
        int cells = 1 << bits;
        double[] lower = box.lower();
        double[] corner = new double[d];
        int rest = cube;
        for (int i = 0; i < d; i++) {
            corner[i] = lower[i] + box.width(i) * (rest % cells) / cells;
            rest /= cells;
        }
        return corner;
    }

    /**
     * @param axis i, 0 ≤ i &lt; d
     * @return the intervals [a_i + w_i(k/K − δ), a_i + w_i·k/K], k = 1 … K−1, of axis i that hold
     *     the open strips where nothing is claimed pointwise (rounded outward to doubles); none for
     *     Theorem 2.2
     */
    public List<double[]> excluded(int axis) {
        return excluded(axis, false);
    }

    /**
     * @param axis i, 0 ≤ i &lt; d
     * @param doubleNetwork whether for the certificate of {@link #toDoubleApproximation}, whose
     *     strips are widened by 10⁻¹² in u on both sides
     * @return the intervals of axis i where nothing is claimed, as {@link #excluded(int)}
     */
    public List<double[]> excluded(int axis, boolean doubleNetwork) {
        double margin = doubleNetwork ? STRIP_MARGIN : 0.0;
        Objects.checkIndex(axis, box.dimension());
        List<double[]> intervals = new ArrayList<>();
        if (uniform()) {
            return intervals;
        }
        int cells = 1 << bits;
        Rational lower = Rational.ofDouble(box.lower()[axis]);
        Rational width = Rational.ofDouble(box.width(axis));
        Rational widen = Rational.ofDouble(margin);
        for (int k = 1; k < cells; k++) {
            Rational line = Rational.of(k, cells);
            Rational low = lower.add(width.multiply(line.subtract(delta()).subtract(widen)));
            Rational high = lower.add(width.multiply(line.add(widen)));
            intervals.add(new double[] {roundedDown(low), roundedUp(high)});
        }
        return intervals;
    }

    private static double roundedDown(Rational value) {
        double d = value.toDouble();
        return Rational.ofDouble(d).compareTo(value) > 0 ? Math.nextDown(d) : d;
    }

    private static double roundedUp(Rational value) {
        double d = value.toDouble();
        return Rational.ofDouble(d).compareTo(value) < 0 ? Math.nextUp(d) : d;
    }

    /** @return the parameters of φ₁ (with the normalisation of K to [0, 1]ᵈ), one copy, as a network d → 1 */
    public long phiOneParameters() {
        long d = box.dimension();
        long cells = 1L << bits;
        long cubes = cubes();
        return d * (d + 1) + 2 * d * (cells - 1) * (d + 1) + (2 * d * (cells - 1) + 1) + 2 * (cubes - 1) + cubes;
    }

    /**
     * @return the parameters of φ₂ of one component and copy, as the paper counts it: n networks of
     *     width 2 (first tooth 4, 2J teeth and the clamp 6 each, 2 output weights) plus the output
     *     bias, 12n(J + 1) + 1
     */
    public long phiTwoParameters() {
        return 12L * bits * (cubes() + 1L) + 1;
    }

    /** @return 2^{dn+4}, the paper's bound on φ₁'s parameters (Theorem 2.1) */
    public long phiOneBound() {
        return 1L << (box.dimension() * bits + 4);
    }

    /** @return 2^{dn+5}·n, the paper's bound on φ₂'s parameters (Theorem 2.1) */
    public long phiTwoBound() {
        return (1L << (box.dimension() * bits + 5)) * bits;
    }

    /** @return the certificate of the exact network */
    public Certificate certificate() {
        return certificate(false);
    }

    /** @return whether the double network exists: Theorem 2.1 with d·n ≤ {@value IntrinsicParameterNetwork#MAX_DN} */
    public boolean fitsDoubles() {
        return !uniform() && (long) box.dimension() * bits <= IntrinsicParameterNetwork.MAX_DN;
    }

    /**
     * @param backend where the network lives
     * @return the network with double weights (only 1/(b_i − a_i) and −a_i/(b_i − a_i) round) and
     *     its certificate, which adds the rounding allowance and a margin of 10⁻¹² at the strips
     * @throws IllegalArgumentException if {@link #fitsDoubles()} is false
     */
    public Approximation<Mlp> toDoubleApproximation(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (uniform()) {
            throw new IllegalArgumentException("Theorem 2.2's median network is evaluated exactly only");
        }
        IntrinsicParameterNetwork.requireDoubleSize(box.dimension(), bits);
        return new Approximation<>(network.toMlp(backend), certificate(true));
    }

    private Certificate certificate(boolean doubles) {
        int[] widths = network.widths();
        int m = b.length;
        double certified = bound;
        if (doubles) {
            double largestB = 0.0;
            for (double v : b) {
                largestB = Math.max(largestB, Math.abs(v));
            }
            certified += Math.sqrt(m) * (s * 3.0 * Math.scalb(1.0, 2 * cubes() - 50)
                    + ScaledCover.ROUNDING * (largestB + s));
        }
        int outputLayer = widths.length - 1;
        List<Integer> dependent = new ArrayList<>();
        if (packed != null) {
            dependent.add(Affine.biasIndex(widths, 1, widths[1] - 1));
            dependent.add(Affine.weightIndex(widths, outputLayer, 0, 0));
            dependent.add(Affine.biasIndex(widths, outputLayer, 0));
            return new Certificate(construction, certified, "everywhere on K = " + box + " (medians over 3^d copies"
                    + " shifted by δ = 2^-" + deltaExponent + "); nothing is claimed outside K", widths, 0,
                    dependent.stream().mapToInt(Integer::intValue).toArray(), box::contains, null);
        }
        for (int c = 0; c < copies; c++) {
            for (int q = 0; q < m * bits; q++) {
                dependent.add(Affine.weightIndex(widths, linearLayer, c * m * bits + q, c));
            }
        }
        for (int r = 0; r < m; r++) {
            if (uniform()) {
                dependent.add(Affine.weightIndex(widths, outputLayer, r, 2 * r));
                dependent.add(Affine.weightIndex(widths, outputLayer, r, 2 * r + 1));
            } else {
                dependent.add(Affine.weightIndex(widths, outputLayer, r, r));
            }
            dependent.add(Affine.biasIndex(widths, outputLayer, r));
        }
        int[] indices = dependent.stream().mapToInt(Integer::intValue).toArray();
        String region;
        if (uniform()) {
            region = "everywhere on K = " + box + " (medians over 3^d copies shifted by δ = 2^-" + deltaExponent
                    + "); nothing is claimed outside K";
        } else {
            String strips = deltaExponent == bits + 2 ? "δ = 1/(4·2^n) = " + delta().toDouble() : "δ = 2^-" + deltaExponent;
            region = "on K = " + box + " outside the strips of relative width " + strips
                    + " below each grid line k/2^n" + (Double.isNaN(p) ? "" : ", and in L^" + p + " over K (uniform measure)")
                    + "; nothing is claimed in the strips or outside K";
        }
        double margin = doubles ? STRIP_MARGIN : 0.0;
        return new Certificate(construction, certified, region, widths, 0, indices,
                x -> box.contains(x) && (uniform() || outsideStrips(x, margin)), null);
    }

    /**
     * @return whether no coordinate of u = (x − a)/(b − a) lies in a strip (k/K − δ − margin,
     *     k/K + margin); exact in rationals when margin = 0
     */
    private boolean outsideStrips(double[] x, double margin) {
        int cells = 1 << bits;
        double[] lower = box.lower();
        for (int i = 0; i < x.length; i++) {
            if (margin == 0.0) {
                Rational v = Rational.ofDouble(x[i]).subtract(Rational.ofDouble(lower[i]))
                        .divide(Rational.ofDouble(box.width(i))).multiply(Rational.of(cells));
                if (v.isInteger()) {
                    continue;
                }
                BigInteger k = v.floor().add(BigInteger.ONE);
                if (k.signum() > 0 && k.compareTo(BigInteger.valueOf(cells)) < 0
                        && Rational.of(k).subtract(v).compareTo(delta().multiply(Rational.of(cells))) < 0) {
                    return false;
                }
            } else {
                double u = (x[i] - lower[i]) / box.width(i);
                double cell = Math.floor(u * cells);
                double nextLine = (cell + 1.0) / cells;
                boolean belowNextLine = nextLine < 1.0 && nextLine - u < delta().toDouble() + margin;
                boolean justAboveLine = cell >= 1.0 && u - cell / cells < margin;
                if (belowNextLine || justAboveLine) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What {@link #verify} found.
     *
     * @param values F at the given points, each output rounded once to a double
     * @param cubesChecked J, the cubes checked (two points each)
     * @param disagreeing the cubes (index j − 1) where some output of F differs from
     *     s·0.ξ₁…ξₙ + b at the cube's lowest or highest point
     */
    public record Verification(double[][] values, int cubesChecked, List<Integer> disagreeing) {
        /**
         * @param values F at the points
         * @param cubesChecked J
         * @param disagreeing the cubes where F is not what the theorem gives
         */
        public Verification {
            disagreeing = List.copyOf(disagreeing);
        }
    }

    /**
     * Checks a network of this construction's architecture exactly, digit for digit: F must equal
     * s·0.ξ₁…ξₙ + b exactly at the lowest and the highest point of every cube Q_β (the extreme
     * doubles whose exact u lies in Π [β_i/K, (β_i+1)/K − δ]). For Theorem 2.1 this is F on Q_β;
     * for Theorem 2.2 too, since at both points, along every axis, at least two of the three
     * shifted copies lie in Q_β (or beyond K, where φ₁ repeats the last cube), so every median is
     * the cube's value. The given points are evaluated in the same pass, so the points of one cube
     * share the work.
     *
     * @param candidate the network to check: {@link #network()} or a modified copy
     * @param points further points to evaluate F at, not modified
     * @return F at the points and the cubes where F differs from the theorem's value
     */
    public Verification verify(ExactNetwork candidate, double[][] points) {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(points, "points");
        int d = box.dimension();
        int cells = 1 << bits;
        double[][] lowest = new double[d][cells];
        double[][] highest = new double[d][cells];
        for (int i = 0; i < d; i++) {
            for (int beta = 0; beta < cells; beta++) {
                Rational low = Rational.of(beta, cells);
                Rational high = Rational.of(beta + 1, cells).subtract(delta());
                lowest[i][beta] = extremeInside(i, low, high, low, true);
                highest[i][beta] = extremeInside(i, low, high, high, false);
            }
        }
        int cubes = cubes();
        Rational[][] all = new Rational[points.length + 2 * cubes][];
        for (int p = 0; p < points.length; p++) {
            box.requirePoint(points[p]);
            all[p] = exact(points[p]);
        }
        for (int j = 0; j < cubes; j++) {
            double[] low = new double[d];
            double[] high = new double[d];
            int rest = j;
            for (int i = 0; i < d; i++) {
                low[i] = lowest[i][rest % cells];
                high[i] = highest[i][rest % cells];
                rest /= cells;
            }
            all[points.length + 2 * j] = exact(low);
            all[points.length + 2 * j + 1] = exact(high);
        }
        Rational[][] values = candidate.applyAll(all);
        List<Integer> disagreeing = new ArrayList<>();
        for (int j = 0; j < cubes; j++) {
            for (int r = 0; r < b.length; r++) {
                Rational expected = expectedOutput(r, j);
                if (!values[points.length + 2 * j][r].equals(expected)
                        || !values[points.length + 2 * j + 1][r].equals(expected)) {
                    disagreeing.add(j);
                    break;
                }
            }
        }
        double[][] rounded = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            rounded[p] = Arrays.stream(values[p]).mapToDouble(Rational::toDouble).toArray();
        }
        return new Verification(rounded, cubes, disagreeing);
    }

    private static Rational[] exact(double[] x) {
        Rational[] values = new Rational[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = Rational.ofDouble(x[i]);
        }
        return values;
    }

    /**
     * @return the least (or greatest) double x whose exact u = (x − a_i)/w_i lies in [low, high],
     *     starting from the double nearest to a_i + w_i·start
     */
    private double extremeInside(int axis, Rational low, Rational high, Rational start, boolean least) {
        Rational a = Rational.ofDouble(box.lower()[axis]);
        Rational w = Rational.ofDouble(box.width(axis));
        double x = a.add(w.multiply(start)).toDouble();
        while (w.multiply(low).add(a).compareTo(Rational.ofDouble(x)) > 0) {
            x = Math.nextUp(x);
        }
        while (w.multiply(high).add(a).compareTo(Rational.ofDouble(x)) < 0) {
            x = Math.nextDown(x);
        }
        if (least) {
            while (w.multiply(low).add(a).compareTo(Rational.ofDouble(Math.nextDown(x))) <= 0) {
                x = Math.nextDown(x);
            }
        } else {
            while (w.multiply(high).add(a).compareTo(Rational.ofDouble(Math.nextUp(x))) >= 0) {
                x = Math.nextUp(x);
            }
        }
        return x;
    }

    /**
     * Evaluates F exactly ({@link ExactNetwork#applyAll}) and rounds each output once.
     *
     * @param points k points of ℝᵈ, not modified
     * @return F(points[i]) rounded to the nearest doubles, k × m
     */
    public double[][] evaluate(double[][] points) {
        Objects.requireNonNull(points, "points");
        Rational[][] exact = new Rational[points.length][];
        for (int i = 0; i < points.length; i++) {
            box.requirePoint(points[i]);
            exact[i] = new Rational[points[i].length];
            for (int j = 0; j < points[i].length; j++) {
                exact[i][j] = Rational.ofDouble(points[i][j]);
            }
        }
        Rational[][] values = network.applyAll(exact);
        double[][] result = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            result[i] = Arrays.stream(values[i]).mapToDouble(Rational::toDouble).toArray();
        }
        return result;
    }

    /**
     * The Lᵖ error over K for its uniform probability measure, estimated by the mean over points
     * (a grid of K: the midpoint-type rule of a uniform grid), with the Euclidean norm in ℝᵐ.
     *
     * @param target f
     * @param points the points, not modified
     * @param values F at the points
     * @param exponent p ≥ 1
     * @return (mean |F − f|ᵖ)^{1/p}
     */
    public static double lpError(VectorFunction target, double[][] points, double[][] values, double exponent) {
        Objects.requireNonNull(target, "target");
        if (points.length == 0 || points.length != values.length) {
            throw new IllegalArgumentException("an Lᵖ error needs one value per point and at least one point, got "
                    + points.length + " points and " + values.length + " values");
        }
        if (!(exponent >= 1.0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("the Lᵖ exponent p must be finite and at least 1, got " + exponent);
        }
        double sum = 0.0;
        for (int i = 0; i < points.length; i++) {
            double[] y = target.apply(points[i]);
            double acc = 0.0;
            for (int j = 0; j < y.length; j++) {
                double diff = values[i][j] - y[j];
                acc += diff * diff;
            }
            sum += Math.pow(Math.sqrt(acc), exponent);
        }
        return Math.pow(sum / points.length, 1.0 / exponent);
    }

    @Override
    public String toString() {
        return construction + ": " + network;
    }
}
