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
 * <p>This class is the layered reading of the parameters (widths, {@link #weight(int)},
 * {@link #bias(int)}, {@link #shift(int)}); as a {@link ParameterVector} it is the flattened
 * vector W₁ … W_L, b₁ … b_L, then the shifts, each tensor row-major, on which the optimizers and
 * the Euclidean structure act. Training passes read and write the shifts as plain numbers in
 * bulk ({@link #readShifts}, {@link #writeShifts}).
 *
 * <p>Operations between two Params require the same widths, the same backend and the same
 * shift layout, and throw {@link IllegalArgumentException} naming the difference otherwise.
 * Mutable, not thread-safe.
 */
public final class Param extends ParameterVector {
    private final int[] widths;
    private final boolean hasShifts;

    private Param(Backend backend, int[] widths, List<Tensor> tensors, boolean hasShifts) {
        super(backend, tensors);
        this.widths = widths;
        this.hasShifts = hasShifts;
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

    /**
     * @return a copy of the widths n₀ … n_L
     */
    public int[] widths() {
        return widths.clone();
    }

    /**
     * @param i a layer index, 0 ≤ i ≤ L
     * @return n_i
     * @throws IllegalArgumentException if i is out of range
     */
    public int width(int i) {
        if (i < 0 || i >= widths.length) {
            throw new IllegalArgumentException("width index must be in 0.." + (widths.length - 1) + ", got " + i);
        }
        return widths[i];
    }

    /** @return L, the number of affine layers */
    public int depth() {
        return widths.length - 1;
    }

    /** @return true if the Param holds one activation shift per hidden layer */
    public boolean hasShifts() {
        return hasShifts;
    }

    /**
     * @param i layer index, 1 ≤ i ≤ L
     * @return W_i (n_i × n_{i−1}), live: writes change this Param
     */
    public Tensor weight(int i) {
        return tensors().get(checkLayer(i) - 1);
    }

    /**
     * @param i layer index, 1 ≤ i ≤ L
     * @return b_i as a 1 × n_i row, live
     */
    public Tensor bias(int i) {
        return tensors().get(depth() + checkLayer(i) - 1);
    }

    /**
     * @return the 1 × (L−1) tensor of activation shifts, live
     * @throws IllegalStateException if this Param has no shifts
     */
    public Tensor shifts() {
        if (!hasShifts) {
            throw new IllegalStateException("this Param (" + describe() + ") has no activation shifts");
        }
        return tensors().get(2 * depth());
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

    /**
     * values[i − 1] ← s_i for every hidden layer i, in one read; all zero without shifts.
     *
     * @param values an array of length L − 1, overwritten
     * @throws IllegalArgumentException if the length is not L − 1
     */
    public void readShifts(double[] values) {
        requireShiftCount(values);
        if (hasShifts) {
            shifts().toRowMajor(values);
        } else {
            Arrays.fill(values, 0.0);
        }
    }

    /**
     * s_i ← values[i − 1] for every hidden layer i, in one write.
     *
     * @param values an array of length L − 1, not modified
     * @throws IllegalStateException if this Param has no shifts
     * @throws IllegalArgumentException if the length is not L − 1
     */
    public void writeShifts(double[] values) {
        requireShiftCount(values);
        shifts().setRowMajor(values);
    }

    private void requireShiftCount(double[] values) {
        if (values.length != depth() - 1) {
            throw new IllegalArgumentException("widths " + Arrays.toString(widths) + " have " + (depth() - 1)
                    + " hidden layers, so " + (depth() - 1) + " shifts, but the array holds " + values.length);
        }
    }

    private int checkLayer(int i) {
        if (i < 1 || i > depth()) {
            throw new IllegalArgumentException("layer index must be in 1.." + depth() + ", got " + i);
        }
        return i;
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
        for (Tensor t : p.tensors()) {
            t.setRowMajor(Arrays.copyOfRange(values, offset, offset + t.size()));
            offset += t.size();
        }
        return p;
    }

    @Override
    public Param copy() {
        Param c = zerosLike();
        c.copyFrom(this);
        return c;
    }

    @Override
    public Param zerosLike() {
        return zeros(backend(), widths, hasShifts);
    }

    @Override
    public Param plus(ParameterVector other) {
        Param sum = copy();
        sum.axpy(1.0, other);
        return sum;
    }

    @Override
    public Param times(double alpha) {
        Param p = copy();
        p.scale(alpha);
        return p;
    }

    @Override
    boolean sameLayout(ParameterVector other) {
        return other instanceof Param param && Arrays.equals(widths, param.widths) && hasShifts == param.hasShifts;
    }

    @Override
    public String describe() {
        return "widths " + Arrays.toString(widths) + (hasShifts ? ", with shifts" : "");
    }
}
