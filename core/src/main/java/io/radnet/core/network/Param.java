package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A point of the parameter space Param(n) of a feed-forward network with widths
 * n = (n₀, …, n_L) (radial paper, §5.1): weights W_i (n_i × n_{i−1}) and biases b_i (stored as
 * 1 × n_i rows) for i = 1..L, and optionally one activation shift s_i per hidden layer
 * (stored together as a 1 × (L−1) tensor). All tensors belong to one backend.
 *
 * <p>Param(n) is a real vector space; this class offers its operations in place
 * ({@link #axpy}, {@link #scale}, {@link #copyFrom}) and allocating ({@link #plus},
 * {@link #times}, {@link #copy}), with the Euclidean structure ({@link #dot}, {@link #norm},
 * {@link #distance}) of the flattened vector. The order of {@link #tensors()} — W₁ … W_L,
 * b₁ … b_L, then the shifts — is the order of {@link #flatten()}, each tensor row-major.
 *
 * <p>Networks made of several feed-forward parts (an embedding network and its primary) train a
 * point of the direct product Param(n¹) × … × Param(nᵏ), made by {@link #product}: its tensors
 * are those of its {@link #factors()} in order, shared (live), so the vector-space operations,
 * flattening and the optimizers work on it unchanged. A product has no single widths: the
 * per-layer accessors ({@link #widths()}, {@link #weight(int)}, …) throw on it; use its factors.
 *
 * <p>A Param is mutable and not thread-safe. Operations between two Params require the same
 * widths (factor by factor for products), the same backend and the same shift layout, and throw
 * {@link IllegalArgumentException} naming the difference otherwise.
 */
public final class Param {
    private final Backend backend;
    private final int[] widths;
    private final List<Tensor> tensors;
    private final boolean hasShifts;
    private final List<Param> factors;

    private Param(Backend backend, int[] widths, List<Tensor> tensors, boolean hasShifts) {
        this.backend = backend;
        this.widths = widths;
        this.tensors = tensors;
        this.hasShifts = hasShifts;
        this.factors = List.of(this);
    }

    private Param(List<Param> factors) {
        this.backend = factors.get(0).backend;
        this.widths = null;
        this.hasShifts = false;
        this.factors = List.copyOf(factors);
        List<Tensor> all = new ArrayList<>();
        for (Param factor : factors) {
            all.addAll(factor.tensors);
        }
        this.tensors = Collections.unmodifiableList(all);
    }

    /**
     * The direct product Param(n¹) × … × Param(nᵏ) of the factors' spaces, as one point whose
     * flattened vector is the concatenation of the factors' vectors. The factors are adopted,
     * not copied: writing to the product writes to them and vice versa.
     *
     * @param factors at least two Params on one backend (they may themselves be products)
     * @return the product point
     * @throws IllegalArgumentException if fewer than two factors are given or they belong to
     *     different backends
     */
    public static Param product(List<Param> factors) {
        Objects.requireNonNull(factors, "factors");
        if (factors.size() < 2) {
            throw new IllegalArgumentException("a product of parameter spaces needs at least two factors, got "
                    + factors.size());
        }
        Backend backend = Objects.requireNonNull(factors.get(0), "factor 0").backend;
        for (int k = 1; k < factors.size(); k++) {
            Param factor = Objects.requireNonNull(factors.get(k), "factor " + k);
            if (factor.backend != backend) {
                throw new IllegalArgumentException("factor " + k + " belongs to backend '" + factor.backend.name()
                        + "' but factor 0 to '" + backend.name() + "'; all factors must share one backend");
            }
        }
        return new Param(factors);
    }

    /** @return true if this is a {@link #product} of several parameter spaces */
    public boolean isProduct() {
        return widths == null;
    }

    /**
     * @return the factors of a {@link #product} in order (live), or a one-element list holding
     *     this Param for a point of a single Param(n)
     */
    public List<Param> factors() {
        return factors;
    }

    private void requireSingleSpace(String what) {
        if (isProduct()) {
            throw new IllegalStateException(what + " is undefined for a product of " + factors.size()
                    + " parameter spaces (" + describe() + "); use factors()");
        }
    }

    /**
     * @param backend the backend to allocate on
     * @param widths n₀ … n_L, L ≥ 1, every width ≥ 1
     * @param withShifts whether to include one activation shift per hidden layer
     * @return the zero of Param(n)
     * @throws IllegalArgumentException if the widths are invalid
     */
    public static Param zeros(Backend backend, int[] widths, boolean withShifts) {
        Objects.requireNonNull(backend, "backend");
        int[] n = checkWidths(widths);
        List<Tensor> list = new ArrayList<>();
        for (int i = 1; i < n.length; i++) {
            list.add(backend.zeros(n[i], n[i - 1]));
        }
        for (int i = 1; i < n.length; i++) {
            list.add(backend.zeros(1, n[i]));
        }
        if (withShifts) {
            list.add(backend.zeros(1, n.length - 2));
        }
        return new Param(backend, n, Collections.unmodifiableList(list), withShifts);
    }

    /**
     * Builds a Param from given tensors, which it adopts (not copied).
     *
     * @param widths n₀ … n_L
     * @param weights W₁ … W_L, W_i of shape n_i × n_{i−1}
     * @param biases b₁ … b_L, b_i a vector of length n_i (1 × n_i or n_i × 1; stored as 1 × n_i,
     *     copied if given as a column)
     * @param shifts null, or a vector of length L − 1
     * @return the Param
     * @throws IllegalArgumentException (or {@link ShapeMismatchException}) naming the layer and
     *     the shapes if anything does not fit, or if the tensors belong to different backends
     */
    public static Param of(int[] widths, List<Tensor> weights, List<Tensor> biases, Tensor shifts) {
        int[] n = checkWidths(widths);
        int layers = n.length - 1;
        if (weights.size() != layers || biases.size() != layers) {
            throw new IllegalArgumentException("widths " + Arrays.toString(n) + " need " + layers
                    + " weights and biases, got " + weights.size() + " and " + biases.size());
        }
        Backend backend = weights.get(0).backend();
        List<Tensor> list = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            Tensor w = weights.get(i - 1);
            requireBackend(backend, w, "W_" + i);
            if (w.rows() != n[i] || w.cols() != n[i - 1]) {
                throw new ShapeMismatchException("W_" + i + " must be " + n[i] + "x" + n[i - 1] + " for widths "
                        + Arrays.toString(n) + " but is " + w.shape());
            }
            list.add(w);
        }
        for (int i = 1; i <= layers; i++) {
            Tensor b = biases.get(i - 1);
            requireBackend(backend, b, "b_" + i);
            list.add(asRow(backend, b, n[i], "b_" + i, n));
        }
        if (shifts != null) {
            requireBackend(backend, shifts, "shifts");
            list.add(asRow(backend, shifts, layers - 1, "shifts", n));
        }
        return new Param(backend, n, Collections.unmodifiableList(list), shifts != null);
    }

    private static Tensor asRow(Backend backend, Tensor v, int length, String name, int[] n) {
        if (v.rows() == 1 && v.cols() == length) {
            return v;
        }
        if (v.cols() == 1 && v.rows() == length) {
            return backend.transpose(v);
        }
        throw new ShapeMismatchException(name + " must be a vector of length " + length + " for widths "
                + Arrays.toString(n) + " but is " + v.shape());
    }

    private static void requireBackend(Backend backend, Tensor t, String name) {
        Objects.requireNonNull(t, name);
        if (t.backend() != backend) {
            throw new IllegalArgumentException(name + " belongs to backend '" + t.backend().name()
                    + "' but W_1 to '" + backend.name() + "'; all parameters must share one backend");
        }
    }

    /**
     * @param widths candidate widths
     * @return a copy, validated
     * @throws IllegalArgumentException if there are fewer than two widths or one is below 1
     */
    static int[] checkWidths(int[] widths) {
        Objects.requireNonNull(widths, "widths");
        if (widths.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output width, got "
                    + Arrays.toString(widths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] < 1) {
                throw new IllegalArgumentException("width n_" + i + " must be at least 1, got " + widths[i]
                        + " in " + Arrays.toString(widths));
            }
        }
        return widths.clone();
    }

    /** @return the backend all tensors belong to */
    public Backend backend() {
        return backend;
    }

    /**
     * @return a copy of the widths n₀ … n_L
     * @throws IllegalStateException for a {@link #product}
     */
    public int[] widths() {
        requireSingleSpace("widths()");
        return widths.clone();
    }

    /**
     * @return L, the number of affine layers
     * @throws IllegalStateException for a {@link #product}
     */
    public int depth() {
        requireSingleSpace("depth()");
        return widths.length - 1;
    }

    /** @return true if the Param holds one activation shift per hidden layer (false for a product) */
    public boolean hasShifts() {
        return hasShifts;
    }

    /**
     * @param i layer index, 1 ≤ i ≤ L
     * @return W_i (n_i × n_{i−1}), live: writes change this Param
     */
    public Tensor weight(int i) {
        return tensors.get(checkLayer(i) - 1);
    }

    /**
     * @param i layer index, 1 ≤ i ≤ L
     * @return b_i as a 1 × n_i row, live
     */
    public Tensor bias(int i) {
        return tensors.get(depth() + checkLayer(i) - 1);
    }

    /**
     * @return the 1 × (L−1) tensor of activation shifts, live
     * @throws IllegalStateException if this Param has no shifts
     */
    public Tensor shifts() {
        if (!hasShifts) {
            throw new IllegalStateException("this Param (" + describe() + ") has no activation shifts");
        }
        return tensors.get(2 * depth());
    }

    /**
     * @param i hidden layer index, 1 ≤ i ≤ L − 1
     * @return s_i, or 0 if this Param has no shifts
     */
    public double shift(int i) {
        if (i < 1 || i >= depth()) {
            throw new IllegalArgumentException("hidden layer index must be in 1.." + (depth() - 1) + ", got " + i);
        }
        return hasShifts ? shifts().get(0, i - 1) : 0.0;
    }

    private int checkLayer(int i) {
        if (i < 1 || i > depth()) {
            throw new IllegalArgumentException("layer index must be in 1.." + depth() + ", got " + i);
        }
        return i;
    }

    /** @return every tensor, in flattening order (W₁ … W_L, b₁ … b_L, shifts); unmodifiable, live */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** @return the number of scalar parameters, Σ n_i·n_{i−1} + n_i (+ L − 1 shifts) */
    public int size() {
        int count = 0;
        for (Tensor t : tensors) {
            count += t.size();
        }
        return count;
    }

    /** @return the parameters as one vector, in the order of {@link #tensors()}, each row-major */
    public double[] flatten() {
        double[] out = new double[size()];
        int offset = 0;
        for (Tensor t : tensors) {
            double[] part = t.toRowMajor();
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /**
     * The inverse of {@link #flatten()}.
     *
     * @param backend the backend to allocate on
     * @param widths n₀ … n_L
     * @param withShifts whether the vector ends with L − 1 shifts
     * @param values the flattened parameters, not modified
     * @return the Param
     * @throws IllegalArgumentException if the length does not match the widths
     */
    public static Param unflatten(Backend backend, int[] widths, boolean withShifts, double[] values) {
        Param p = zeros(backend, widths, withShifts);
        if (values.length != p.size()) {
            throw new IllegalArgumentException("widths " + Arrays.toString(widths) + (withShifts ? " with" : " without")
                    + " shifts need " + p.size() + " parameters, got " + values.length);
        }
        int offset = 0;
        for (Tensor t : p.tensors) {
            Tensor filled = backend.fromRowMajor(t.rows(), t.cols(), Arrays.copyOfRange(values, offset, offset + t.size()));
            backend.copy(filled, t);
            offset += t.size();
        }
        return p;
    }

    /** @return a deep copy on the same backend */
    public Param copy() {
        Param c = zerosLike();
        c.copyFrom(this);
        return c;
    }

    /** @return the zero of the same space (same widths, backend, shift layout; same factors) */
    public Param zerosLike() {
        if (isProduct()) {
            return product(factors.stream().map(Param::zerosLike).toList());
        }
        return zeros(backend, widths, hasShifts);
    }

    /**
     * this ← other.
     *
     * @param other a Param of the same space, not modified
     */
    public void copyFrom(Param other) {
        requireSameSpace(other, "copyFrom");
        for (int k = 0; k < tensors.size(); k++) {
            backend.copy(other.tensors.get(k), tensors.get(k));
        }
    }

    /**
     * this ← this + α·x.
     *
     * @param alpha a finite scalar
     * @param x a Param of the same space, not modified (may be this)
     */
    public void axpy(double alpha, Param x) {
        requireSameSpace(x, "axpy");
        for (int k = 0; k < tensors.size(); k++) {
            backend.axpy(alpha, x.tensors.get(k), tensors.get(k));
        }
    }

    /**
     * this ← α·this.
     *
     * @param alpha a finite scalar
     */
    public void scale(double alpha) {
        for (Tensor t : tensors) {
            backend.scale(alpha, t, t);
        }
    }

    /**
     * @param other a Param of the same space
     * @return a new Param this + other
     */
    public Param plus(Param other) {
        Param sum = copy();
        sum.axpy(1.0, other);
        return sum;
    }

    /**
     * @param alpha a finite scalar
     * @return a new Param α·this
     */
    public Param times(double alpha) {
        Param p = copy();
        p.scale(alpha);
        return p;
    }

    /**
     * @param other a Param of the same space
     * @return the Euclidean inner product of the flattened vectors
     */
    public double dot(Param other) {
        requireSameSpace(other, "dot");
        double acc = 0.0;
        for (int k = 0; k < tensors.size(); k++) {
            acc += backend.dot(tensors.get(k), other.tensors.get(k));
        }
        return acc;
    }

    /** @return the Euclidean norm of the flattened vector, overflow-safe */
    public double norm() {
        double scale = 0.0;
        for (Tensor t : tensors) {
            scale = Math.max(scale, backend.norm(t));
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            return scale;
        }
        double acc = 0.0;
        for (Tensor t : tensors) {
            double r = backend.norm(t) / scale;
            acc += r * r;
        }
        return scale * Math.sqrt(acc);
    }

    /**
     * @param other a Param of the same space
     * @return ‖this − other‖, the Euclidean distance of the flattened vectors
     */
    public double distance(Param other) {
        Param d = copy();
        d.axpy(-1.0, other);
        return d.norm();
    }

    /**
     * @param other a Param of the same space
     * @return max over all entries of |this − other|
     */
    public double maxAbsDifference(Param other) {
        requireSameSpace(other, "maxAbsDifference");
        double max = 0.0;
        for (int k = 0; k < tensors.size(); k++) {
            Tensor a = tensors.get(k);
            Tensor d = backend.zeros(a.rows(), a.cols());
            backend.subtract(a, other.tensors.get(k), d);
            max = Math.max(max, backend.maxAbs(d));
        }
        return max;
    }

    /**
     * @param other a Param of the same space
     * @param tolerance the largest allowed entrywise difference, ≥ 0
     * @return true if every entry differs by at most the tolerance
     */
    public boolean equalsWithin(Param other, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got " + tolerance);
        }
        return maxAbsDifference(other) <= tolerance;
    }

    /** @return true if no parameter is NaN or infinite */
    public boolean allFinite() {
        for (Tensor t : tensors) {
            if (!backend.allFinite(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param other another Param
     * @param op the operation, for the message
     * @throws IllegalArgumentException if the widths, backend or shift layout differ
     */
    void requireSameSpace(Param other, String op) {
        Objects.requireNonNull(other, op + ": other");
        if (!sameShapes(other)) {
            throw new IllegalArgumentException(op + ": Param(" + describe() + ") and Param(" + other.describe()
                    + ") are different spaces");
        }
        if (backend != other.backend) {
            throw new IllegalArgumentException(op + ": the Params belong to different backends ('" + backend.name()
                    + "' and '" + other.backend.name() + "'); convert one explicitly");
        }
    }

    /**
     * @param other another Param
     * @return true if both are points of the same space: same backend, and the same widths and
     *     shift layout (factor by factor for products)
     */
    public boolean sameSpaceAs(Param other) {
        return other != null && backend == other.backend && sameShapes(other);
    }

    private boolean sameShapes(Param other) {
        if (isProduct() != other.isProduct()) {
            return false;
        }
        if (!isProduct()) {
            return Arrays.equals(widths, other.widths) && hasShifts == other.hasShifts;
        }
        if (factors.size() != other.factors.size()) {
            return false;
        }
        for (int k = 0; k < factors.size(); k++) {
            if (!factors.get(k).sameShapes(other.factors.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** @return the space, e.g. {@code widths [2, 3, 1], with shifts} or a product of such */
    public String describe() {
        if (isProduct()) {
            StringBuilder text = new StringBuilder("product of");
            for (int k = 0; k < factors.size(); k++) {
                text.append(k == 0 ? " (" : ") × (").append(factors.get(k).describe());
            }
            return text.append(')').toString();
        }
        return "widths " + Arrays.toString(widths) + (hasShifts ? ", with shifts" : "");
    }

    @Override
    public String toString() {
        return "Param(" + describe() + ", " + size() + " parameters, on " + backend.name() + ")";
    }
}
