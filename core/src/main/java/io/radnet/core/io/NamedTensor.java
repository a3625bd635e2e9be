package io.radnet.core.io;

import io.radnet.api.kernels.ElementwiseArrays;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a model file: its name (a PyTorch state-dict key such as
 * {@code layers.0.weight}), its shape (d₀, …, d_{k−1}; the empty shape is a scalar) and its
 * entries in row-major (C) order, as safetensors and PyTorch store them. Immutable: the public
 * constructor copies the shape and the values, and {@link #shape()} and {@link #values()}
 * return copies; only this package's readers and writers hand over and borrow the values
 * array itself ({@link #adopting}, {@link #sharedValues()}), so that a tensor of a large model
 * is not copied once more on its way between a file and a backend.
 */
public final class NamedTensor {
    private final String name;
    private final int[] shape;
    private final double[] values;

    /**
     * @param name the tensor's name, not empty
     * @param shape the dimensions, each ≥ 0; defensively copied
     * @param values d₀·…·d_{k−1} finite entries, row-major; defensively copied
     * @throws IllegalArgumentException if the name is empty, a dimension is negative, the
     *     number of values is not the product of the shape, or a value is NaN or ∞ (naming the
     *     tensor and the index)
     */
    public NamedTensor(String name, int[] shape, double[] values) {
        this(values.clone(), name, shape);
    }

    /**
     * The tensor over the given values array itself, not copied: for this package's code that
     * has just filled the array (a file's reader, a network's row-major copy) and keeps no
     * other reference to it.
     *
     * @param name the tensor's name, not empty
     * @param shape the dimensions, each ≥ 0; copied
     * @param values d₀·…·d_{k−1} finite entries, row-major; owned by the tensor from now on
     * @return the tensor
     * @throws IllegalArgumentException as {@link #NamedTensor(String, int[], double[])}
     */
    static NamedTensor adopting(String name, int[] shape, double[] values) {
        return new NamedTensor(values, name, shape);
    }

    /** Checks the arguments; ownValues is the tensor's own array from here on (never copied). */
    private NamedTensor(double[] ownValues, String name, int[] shape) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tensor needs a non-empty name");
        }
        this.name = name;
        this.shape = shape.clone();
        this.values = Objects.requireNonNull(ownValues, "values");
        long count = 1;
        for (int d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in shape "
                        + Arrays.toString(this.shape));
            }
            count *= d;
        }
        if (count != ownValues.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(this.shape) + " ("
                    + count + " entries) but " + ownValues.length + " values");
        }
        int bad = firstNonFinite(ownValues);
        if (bad >= 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + ownValues[bad] + " at "
                    + indexString(this.shape, bad) + "; model files must hold finite values");
        }
    }

    /** @return the tensor's name, not empty */
    public String name() {
        return name;
    }

    /**
     * @param values some doubles
     * @return the index of the first NaN or ±∞, or −1 when all are finite
     */
    static int firstNonFinite(double[] values) {
        return ElementwiseArrays.firstNonFinite(values, 0, values.length);
    }

    /**
     * @param shape a shape
     * @param flat a row-major offset into it
     * @return the multi-index, e.g. {@code [3, 1]}
     */
    static String indexString(int[] shape, int flat) {
        int[] index = new int[shape.length];
        int rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        return Arrays.toString(index);
    }

    /** @return a copy of the shape */
    public int[] shape() {
        return shape.clone();
    }

    /** @return a copy of the row-major values */
    public double[] values() {
        return values.clone();
    }

    /**
     * @return the tensor's own row-major values, not copied: for code in this package that
     *     copies them on (into a backend's tensor, or a file's bytes) and never writes to them
     */
    double[] sharedValues() {
        return values;
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /**
     * @param d a dimension index, 0 ≤ d &lt; rank
     * @return the size of that dimension
     */
    public int dim(int d) {
        return shape[d];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + ", shape " + Arrays.toString(shape) + "]";
    }
}
