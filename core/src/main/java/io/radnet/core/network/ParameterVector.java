package io.radnet.core.network;

import io.radnet.api.AdamCoefficients;
import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A point of a real parameter space seen as one vector: the coordinates are the entries of
 * {@link #tensors()}, in list order, each tensor row-major ({@link #flatten()}). This is the view
 * the optimizers, projections and training loops work on; it does not know what the tensors
 * mean. A {@link Param} is such a vector for one feed-forward network (W₁ … W_L, b₁ … b_L, then
 * the shifts); {@link #product} makes the direct product Param(n¹) × … × Param(nᵏ) of several,
 * whose coordinates are its factors' in order.
 *
 * <p>The operations in place ({@link #axpy}, {@link #scale}, {@link #setScaled},
 * {@link #setEntrywiseProduct}, {@link #setPlusScalar}, {@link #setMapped}, {@link #setZipped},
 * {@link #copyFrom}, {@link #fillZero}) run one backend call per tensor, act on every coordinate
 * alike (so the order of the tensors does not change any value) and allocate nothing; the allocating ones ({@link #plus}, {@link #times},
 * {@link #copy}) return a point of the same space. {@link #dot}, {@link #norm} and
 * {@link #distance} are the Euclidean structure of the flattened vector.
 *
 * <p>Two points are of the same space when they belong to one backend and have the same layout:
 * the same {@link Param} widths and shift layout, the same tensor shapes for a
 * {@link ParameterList} ({@link #of}, {@link #select}), or products with factors of the same
 * spaces in the same order. Every operation between two points checks this and throws
 * {@link IllegalArgumentException} naming both spaces otherwise. Mutable, not thread-safe.
 */
public sealed class ParameterVector permits Param, ParameterList, NamedParameters {
    private final Backend backend;
    private final List<Tensor> tensors;
    private final List<ParameterVector> factors;

    /**
     * A single space whose coordinates are the given tensors.
     *
     * @param backend the backend every tensor belongs to
     * @param tensors the coordinates in flattening order, unmodifiable, adopted
     */
    ParameterVector(Backend backend, List<Tensor> tensors) {
        this.backend = backend;
        this.tensors = tensors;
        this.factors = List.of(this);
    }

    private ParameterVector(List<? extends ParameterVector> factors) {
        this.backend = factors.get(0).backend();
        this.factors = List.copyOf(factors);
        List<Tensor> all = new ArrayList<>();
        for (ParameterVector factor : factors) {
            all.addAll(factor.tensors());
        }
        this.tensors = Collections.unmodifiableList(all);
    }

    /**
     * The direct product of the factors' spaces, as one point whose flattened vector is the
     * concatenation of the factors' vectors. The factors are adopted, not copied: writing to the
     * product writes to them and vice versa.
     *
     * @param factors at least two points on one backend (they may themselves be products)
     * @return the product point
     * @throws IllegalArgumentException if fewer than two factors are given or they belong to
     *     different backends
     */
    public static ParameterVector product(List<? extends ParameterVector> factors) {
        Objects.requireNonNull(factors, "factors");
        if (factors.size() < 2) {
            throw new IllegalArgumentException("a product of parameter spaces needs at least two factors, got "
                    + factors.size());
        }
        Backend backend = Objects.requireNonNull(factors.get(0), "factor 0").backend();
        for (int k = 1; k < factors.size(); k++) {
            ParameterVector factor = Objects.requireNonNull(factors.get(k), "factor " + k);
            if (factor.backend() != backend) {
                throw new IllegalArgumentException("factor " + k + " belongs to backend '" + factor.backend().name()
                        + "' but factor 0 to '" + backend.name() + "'; all factors must share one backend");
            }
        }
        return new ParameterVector(factors);
    }

    /**
     * A point of the space of the given tensors' shapes ({@link ParameterList}), e.g. the
     * parameters of a network made of layers of any shape.
     *
     * @param tensors t₁ … t_k, at least one, all on one backend; adopted, not copied
     * @return the point whose coordinates are the tensors' entries in order
     * @throws IllegalArgumentException if the list is empty or the tensors belong to different
     *     backends
     */
    public static ParameterList of(List<Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("a parameter vector needs at least one tensor");
        }
        Backend backend = Objects.requireNonNull(tensors.get(0), "tensor 0").backend();
        for (int k = 1; k < tensors.size(); k++) {
            Tensor t = Objects.requireNonNull(tensors.get(k), "tensor " + k);
            if (t.backend() != backend) {
                throw new IllegalArgumentException("tensor " + k + " belongs to backend '" + t.backend().name()
                        + "' but tensor 0 to '" + backend.name() + "'; all tensors must share one backend");
            }
        }
        return new ParameterList(backend, List.copyOf(tensors));
    }

    /**
     * The coordinates of some tensors of this point, as a live view: the result's tensors are
     * this point's tensors {@code indices[0]}, {@code indices[1]}, … (the same objects), so an
     * optimizer stepping the view moves exactly those coordinates of this point and leaves every
     * other one bitwise unchanged. Used to train a part of a network (freezing the rest).
     *
     * @param indices positions in {@link #tensors()}, strictly increasing, at least one; not
     *     modified
     * @return the view, a {@link ParameterList} of the chosen tensors' shapes
     * @throws IllegalArgumentException if indices is empty, not strictly increasing, or holds a
     *     position outside [0, tensors().size())
     */
    public final ParameterList select(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("select: choose at least one of the " + tensors.size() + " tensors");
        }
        List<Tensor> chosen = new ArrayList<>(indices.length);
        for (int k = 0; k < indices.length; k++) {
            int index = indices[k];
            if (index < 0 || index >= tensors.size()) {
                throw new IllegalArgumentException("select: index " + index + " is not a tensor of " + describe() + " ("
                        + tensors.size() + " tensors)");
            }
            if (k > 0 && index <= indices[k - 1]) {
                throw new IllegalArgumentException("select: the indices must be strictly increasing, got "
                        + indices[k - 1] + " then " + index);
            }
            chosen.add(tensors.get(index));
        }
        return new ParameterList(backend, List.copyOf(chosen));
    }

    /**
     * @param part a point whose tensors are some of this point's tensors (by identity), e.g. a
     *     {@link #select} view
     * @return the positions of part's tensors in {@link #tensors()}, in part's order
     * @throws IllegalArgumentException if a tensor of part is not one of this point's
     */
    public final int[] indicesOf(ParameterVector part) {
        Objects.requireNonNull(part, "part");
        int[] indices = new int[part.tensors.size()];
        for (int k = 0; k < indices.length; k++) {
            Tensor wanted = part.tensors.get(k);
            int found = -1;
            for (int j = 0; j < tensors.size() && found < 0; j++) {
                if (tensors.get(j) == wanted) {
                    found = j;
                }
            }
            if (found < 0) {
                throw new IllegalArgumentException("tensor " + k + " (" + wanted.shape() + ") of " + part
                        + " is not one of the tensors of " + this);
            }
            indices[k] = found;
        }
        return indices;
    }

    /**
     * @return the factors of a {@link #product} in order (live), or a one-element list holding
     *     this point for a single space
     */
    public final List<ParameterVector> factors() {
        return factors;
    }

    /** @return the backend all tensors belong to */
    public final Backend backend() {
        return backend;
    }

    /** @return every tensor, in flattening order; unmodifiable, live */
    public final List<Tensor> tensors() {
        return tensors;
    }

    /** @return the number of scalar coordinates, the sum of the tensors' sizes */
    public final int size() {
        int count = 0;
        for (Tensor t : tensors) {
            count += t.size();
        }
        return count;
    }

    /** @return the coordinates as one new array, in the order of {@link #tensors()}, each row-major */
    public final double[] flatten() {
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
     * this ← values, the inverse of {@link #flatten()}: tensor k takes the next
     * (rows × cols) entries, row-major.
     *
     * @param values {@link #size()} coordinates in flattening order; not modified
     * @throws IllegalArgumentException if the length differs from {@link #size()}
     */
    public final void setFlattened(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != size()) {
            throw new IllegalArgumentException("setFlattened: " + values.length + " values for a parameter vector of "
                    + size() + " coordinates (" + describe() + ")");
        }
        int offset = 0;
        for (Tensor t : tensors) {
            int length = t.size();
            t.setRowMajor(Arrays.copyOfRange(values, offset, offset + length));
            offset += length;
        }
    }

    /** @return a deep copy: a new point of the same space with the same coordinates */
    public ParameterVector copy() {
        ParameterVector c = zerosLike();
        c.copyFrom(this);
        return c;
    }

    /** @return the zero of the same space (for a product: the product of the factors' zeros) */
    public ParameterVector zerosLike() {
        return product(factors.stream().map(ParameterVector::zerosLike).toList());
    }

    /**
     * this ← other.
     *
     * @param other a point of the same space, not modified
     */
    public final void copyFrom(ParameterVector other) {
        requireSameSpace(other, "copyFrom");
        for (int k = 0; k < tensors.size(); k++) {
            backend.copy(other.tensors.get(k), tensors.get(k));
        }
    }

    /** this ← 0. */
    public final void fillZero() {
        for (Tensor t : tensors) {
            backend.fill(t, 0.0);
        }
    }

    /**
     * this ← this + α·x, one {@link Backend#axpy} per tensor.
     *
     * @param alpha a finite scalar
     * @param x a point of the same space, not modified (may be this)
     */
    public final void axpy(double alpha, ParameterVector x) {
        requireSameSpace(x, "axpy");
        for (int k = 0; k < tensors.size(); k++) {
            backend.axpy(alpha, x.tensors.get(k), tensors.get(k));
        }
    }

    /**
     * One Adam step on this vector θ, one {@link Backend#adamUpdate} per tensor: entry by entry
     * (with g + λ·θ for g when the weight decay λ &gt; 0) m ← β₁·m + (1 − β₁)·g,
     * v ← β₂·v + (1 − β₂)·g², θ ← θ − stepSize·m / (c·√v + ε).
     *
     * @param gradient g, a point of the same space, not modified
     * @param firstMoment m, a point of the same space, updated in place
     * @param secondMoment v, a point of the same space, updated in place
     * @param coefficients β₁, β₂, ε, c, the step size and λ
     * @throws IllegalArgumentException if a vector is of another space, or two of the four are the same vector
     */
    public final void adamUpdate(ParameterVector gradient, ParameterVector firstMoment, ParameterVector secondMoment,
                                 AdamCoefficients coefficients) {
        requireSameSpace(gradient, "adamUpdate");
        requireSameSpace(firstMoment, "adamUpdate");
        requireSameSpace(secondMoment, "adamUpdate");
        for (int k = 0; k < tensors.size(); k++) {
            backend.adamUpdate(tensors.get(k), gradient.tensors.get(k), firstMoment.tensors.get(k),
                    secondMoment.tensors.get(k), coefficients);
        }
    }

    /**
     * this ← α·this.
     *
     * @param alpha a finite scalar
     */
    public final void scale(double alpha) {
        for (Tensor t : tensors) {
            backend.scale(alpha, t, t);
        }
    }

    /**
     * this ← α·x.
     *
     * @param alpha a finite scalar
     * @param x a point of the same space, not modified (may be this)
     */
    public final void setScaled(double alpha, ParameterVector x) {
        requireSameSpace(x, "setScaled");
        for (int k = 0; k < tensors.size(); k++) {
            backend.scale(alpha, x.tensors.get(k), tensors.get(k));
        }
    }

    /**
     * this ← a ∘ b, the entrywise product (with a 0/1 mask: a coordinate projection).
     *
     * @param a a point of the same space, not modified (may be this)
     * @param b a point of the same space, not modified (may be this or a)
     */
    public final void setEntrywiseProduct(ParameterVector a, ParameterVector b) {
        requireSameSpace(a, "setEntrywiseProduct");
        requireSameSpace(b, "setEntrywiseProduct");
        for (int k = 0; k < tensors.size(); k++) {
            backend.hadamard(a.tensors.get(k), b.tensors.get(k), tensors.get(k));
        }
    }

    /**
     * this ← x + s·1, the scalar added to every coordinate.
     *
     * @param x a point of the same space, not modified (may be this)
     * @param s a finite scalar
     */
    public final void setPlusScalar(ParameterVector x, double s) {
        requireSameSpace(x, "setPlusScalar");
        for (int k = 0; k < tensors.size(); k++) {
            backend.addScalar(x.tensors.get(k), s, tensors.get(k));
        }
    }

    /**
     * this ← f(x), entrywise.
     *
     * @param x a point of the same space, not modified (may be this)
     * @param f the function of one coordinate
     */
    public final void setMapped(ParameterVector x, DoubleUnaryOperator f) {
        requireSameSpace(x, "setMapped");
        for (int k = 0; k < tensors.size(); k++) {
            backend.map(x.tensors.get(k), f, tensors.get(k));
        }
    }

    /**
     * this ← f(a, b), entrywise.
     *
     * @param a a point of the same space, not modified (may be this)
     * @param b a point of the same space, not modified (may be this or a)
     * @param f the function of two coordinates at the same index
     */
    public final void setZipped(ParameterVector a, ParameterVector b, DoubleBinaryOperator f) {
        requireSameSpace(a, "setZipped");
        requireSameSpace(b, "setZipped");
        for (int k = 0; k < tensors.size(); k++) {
            backend.zip(a.tensors.get(k), b.tensors.get(k), f, tensors.get(k));
        }
    }

    /**
     * @param other a point of the same space
     * @return a new point this + other
     */
    public ParameterVector plus(ParameterVector other) {
        ParameterVector sum = copy();
        sum.axpy(1.0, other);
        return sum;
    }

    /**
     * @param alpha a finite scalar
     * @return a new point α·this
     */
    public ParameterVector times(double alpha) {
        ParameterVector p = copy();
        p.scale(alpha);
        return p;
    }

    /**
     * @param other a point of the same space
     * @return the Euclidean inner product of the flattened vectors, Σ_k ⟨this_k, other_k⟩ over
     *     the tensors in order
     */
    public final double dot(ParameterVector other) {
        requireSameSpace(other, "dot");
        double acc = 0.0;
        for (int k = 0; k < tensors.size(); k++) {
            acc += backend.dot(tensors.get(k), other.tensors.get(k));
        }
        return acc;
    }

    /**
     * @return the Euclidean norm of the flattened vector, s·√(Σ_k (‖t_k‖/s)²) with s the largest
     *     tensor norm, so that it neither overflows nor underflows where the result is finite
     */
    public final double norm() {
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
     * @param other a point of the same space
     * @return ‖this − other‖, the Euclidean distance of the flattened vectors
     */
    public final double distance(ParameterVector other) {
        ParameterVector difference = copy();
        difference.axpy(-1.0, other);
        double distance = difference.norm();
        difference.close();
        return distance;
    }

    /**
     * @return max over all coordinates of |θ_j| (0 for an empty vector); NaN is reported only
     *     as the backend's {@link Backend#maxAbs} reports it, so check {@link #allFinite()} first
     */
    public final double maxAbs() {
        double max = 0.0;
        for (Tensor t : tensors) {
            max = Math.max(max, backend.maxAbs(t));
        }
        return max;
    }

    /**
     * @param other a point of the same space
     * @return max over all coordinates of |this − other|
     */
    public final double maxAbsDifference(ParameterVector other) {
        requireSameSpace(other, "maxAbsDifference");
        double max = 0.0;
        for (int k = 0; k < tensors.size(); k++) {
            Tensor a = tensors.get(k);
            try (Tensor difference = backend.zeros(a.rows(), a.cols())) {
                backend.subtract(a, other.tensors.get(k), difference);
                max = Math.max(max, backend.maxAbs(difference));
            }
        }
        return max;
    }

    /**
     * @param other a point of the same space
     * @param tolerance the largest allowed coordinate difference, ≥ 0
     * @return true if every coordinate differs by at most the tolerance
     */
    public final boolean equalsWithin(ParameterVector other, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be non-negative, got " + tolerance);
        }
        return maxAbsDifference(other) <= tolerance;
    }

    /** @return true if no coordinate is NaN or infinite */
    public final boolean allFinite() {
        for (Tensor t : tensors) {
            if (!backend.allFinite(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Closes every tensor (frees native storage on backends that hold it); the point must not be
     * used afterwards. For temporaries only: a network's parameters belong to the network.
     */
    public final void close() {
        for (Tensor t : tensors) {
            t.close();
        }
    }

    /**
     * @param other another point
     * @param op the operation, for the message
     * @throws IllegalArgumentException if the layouts or the backends differ
     */
    final void requireSameSpace(ParameterVector other, String op) {
        Objects.requireNonNull(other, op + ": other");
        if (!sameLayout(other)) {
            throw new IllegalArgumentException(op + ": Param(" + describe() + ") and Param(" + other.describe()
                    + ") are different spaces");
        }
        if (backend != other.backend) {
            throw new IllegalArgumentException(op + ": the Params belong to different backends ('" + backend.name()
                    + "' and '" + other.backend.name() + "'); convert one explicitly");
        }
    }

    /**
     * @param other another point, or null
     * @return true if both are points of the same space: same backend and the same layout
     *     (factor by factor for products)
     */
    public final boolean sameSpaceAs(ParameterVector other) {
        return other != null && backend == other.backend && sameLayout(other);
    }

    /**
     * @param other another point
     * @return whether both have the same layout; for a product, factor by factor
     */
    boolean sameLayout(ParameterVector other) {
        if (other instanceof Param || factors.size() != other.factors.size()) {
            return false;
        }
        for (int k = 0; k < factors.size(); k++) {
            if (!factors.get(k).sameLayout(other.factors.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** @return the space, e.g. {@code widths [2, 3, 1], with shifts} or a product of such */
    public String describe() {
        StringBuilder text = new StringBuilder("product of");
        for (int k = 0; k < factors.size(); k++) {
            text.append(k == 0 ? " (" : ") × (").append(factors.get(k).describe());
        }
        return text.append(')').toString();
    }

    @Override
    public String toString() {
        return "Param(" + describe() + ", " + size() + " parameters, on " + backend.name() + ")";
    }
}
