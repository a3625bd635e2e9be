package io.radnet.core.approx.exact;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A feed-forward network with exact rational weights whose layers are affine maps A_i, each
 * followed by the ReLU σ(t) = max(t, 0) or by nothing:
 * F = τ_L ∘ A_L ∘ … ∘ τ₁ ∘ A₁ with τ_i ∈ {σ, id}. {@link #apply} computes F(x) exactly (no
 * rounding anywhere), so a construction whose proof needs more digits than a double's 53 can be
 * checked as the theorem states it. Immutable; layers are shared, not copied, by
 * {@link #then} and {@link #repeated} (a composition g^{∘r} holds r references to g's layers).
 */
public final class ExactNetwork {
    /** The most layers a network may have; checked before {@link #then} and {@link #repeated} build the list. */
    public static final int MAX_LAYERS = 10_000_000;

    private final List<ExactAffine> layers;
    private final boolean[] relu;

    private ExactNetwork(List<ExactAffine> layers, boolean[] relu) {
        this.layers = layers;
        this.relu = relu;
    }

    /**
     * @param layers A₁ … A_L, L ≥ 1, each taking the previous one's output
     * @param reluAfter for each layer, whether σ follows it
     * @return the network
     * @throws IllegalArgumentException if the counts or dimensions do not fit
     */
    public static ExactNetwork of(List<ExactAffine> layers, boolean[] reluAfter) {
        Objects.requireNonNull(layers, "layers");
        Objects.requireNonNull(reluAfter, "reluAfter");
        if (layers.isEmpty() || layers.size() != reluAfter.length) {
            throw new IllegalArgumentException("an exact network needs L ≥ 1 layers and one activation flag per layer, got "
                    + layers.size() + " layers and " + reluAfter.length + " flags");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).cols() != layers.get(i - 1).rows()) {
                throw new IllegalArgumentException("layer " + (i + 1) + " takes " + layers.get(i).cols()
                        + " coordinates but layer " + i + " gives " + layers.get(i - 1).rows());
            }
        }
        for (ExactAffine layer : layers) {
            Objects.requireNonNull(layer, "layer");
        }
        return new ExactNetwork(List.copyOf(layers), reluAfter.clone());
    }

    /**
     * @param layers A₁ … A_L, L ≥ 1
     * @return the ReLU multilayer perceptron: σ after every layer but the last, which is affine
     */
    public static ExactNetwork reluMlp(List<ExactAffine> layers) {
        Objects.requireNonNull(layers, "layers");
        boolean[] flags = new boolean[layers.size()];
        for (int i = 0; i + 1 < flags.length; i++) {
            flags[i] = true;
        }
        return of(layers, flags);
    }

    /**
     * @param mlp a multilayer perceptron whose hidden activations are each relu or identity
     * @return the same network with the doubles' exact values as weights (F agrees with the
     *     double forward pass wherever that pass rounds nothing)
     * @throws IllegalArgumentException if a hidden activation is neither relu nor identity
     */
    public static ExactNetwork fromMlp(Mlp mlp) {
        Objects.requireNonNull(mlp, "mlp");
        Param param = mlp.parameters();
        int depth = param.depth();
        List<PointwiseActivation> sigmas = mlp.activationFunctions();
        List<ExactAffine> layers = new ArrayList<>(depth);
        boolean[] flags = new boolean[depth];
        for (int i = 1; i <= depth; i++) {
            Tensor w = param.weight(i);
            Tensor b = param.bias(i);
            double[][] weight = new double[w.rows()][w.cols()];
            for (int r = 0; r < w.rows(); r++) {
                for (int c = 0; c < w.cols(); c++) {
                    weight[r][c] = w.get(r, c);
                }
            }
            layers.add(ExactAffine.ofDoubles(weight, b.toRowMajor()));
            if (i < depth) {
                String name = sigmas.get(i - 1).toString();
                if (name.equals("relu")) {
                    flags[i - 1] = true;
                } else if (!name.equals("identity")) {
                    throw new IllegalArgumentException("the exact evaluator handles relu and identity activations, hidden"
                            + " layer " + i + " has " + name);
                }
            }
        }
        return of(layers, flags);
    }

    /**
     * @param backend where the double network lives
     * @return the multilayer perceptron with every weight rounded to the nearest double (see
     *     {@link #isDoubleExact()}), relu after the layers followed by σ, identity after the others
     * @throws IllegalArgumentException if σ follows the last layer (an {@link Mlp} ends affine)
     */
    public Mlp toMlp(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (relu[relu.length - 1]) {
            throw new IllegalArgumentException("this exact network applies σ after its last layer; an Mlp ends with an"
                    + " affine layer");
        }
        int[] widths = widths();
        List<Tensor> weights = new ArrayList<>(layers.size());
        List<Tensor> biases = new ArrayList<>(layers.size());
        List<PointwiseActivation> sigmas = new ArrayList<>(layers.size() - 1);
        for (int i = 0; i < layers.size(); i++) {
            ExactAffine layer = layers.get(i);
            double[][] w = layer.weightsAsDoubles();
            double[] flat = new double[layer.rows() * layer.cols()];
            for (int r = 0; r < layer.rows(); r++) {
                System.arraycopy(w[r], 0, flat, r * layer.cols(), layer.cols());
            }
            weights.add(backend.fromRowMajor(layer.rows(), layer.cols(), flat));
            biases.add(backend.fromRowMajor(1, layer.rows(), layer.biasAsDoubles()));
            if (i + 1 < layers.size()) {
                sigmas.add(relu[i] ? PointwiseActivations.relu() : PointwiseActivations.identity());
            }
        }
        return new Mlp(Param.of(widths, weights, biases, null), sigmas);
    }

    /**
     * @param x a point of ℝ^{n₀}, not modified
     * @return F(x), exactly
     * @throws IllegalArgumentException if x has the wrong length
     */
    public Rational[] apply(Rational[] x) {
        Objects.requireNonNull(x, "x");
        return applyAll(new Rational[][] {x})[0];
    }

    /**
     * F at many points, exactly. Points whose values coincide after some layer (as every point of
     * one cube of a piecewise-constant construction does) are carried on as one: each layer is
     * applied once per distinct vector of the previous layer's outputs. Once a vector is dyadic
     * and every remaining layer is, it is held as integers N with one exponent e (the vector is
     * N·2^{−e}, e least), and layers are applied by integer products and shifts.
     *
     * @param points k points of ℝ^{n₀}, not modified
     * @return F(points[i]) for every i, exactly (rows may be shared between equal results)
     * @throws IllegalArgumentException if a point has the wrong length
     */
    public Rational[][] applyAll(Rational[][] points) {
        Objects.requireNonNull(points, "points");
        boolean[] dyadicFrom = new boolean[layers.size() + 1];
        dyadicFrom[layers.size()] = true;
        for (int i = layers.size() - 1; i >= 0; i--) {
            dyadicFrom[i] = dyadicFrom[i + 1] && layers.get(i).isDyadic();
        }
        int[] slot = new int[points.length];
        List<Object> states = new ArrayList<>(points.length);
        for (Rational[] point : points) {
            Objects.requireNonNull(point, "point");
            if (point.length != inputWidth()) {
                throw new IllegalArgumentException("the exact network takes " + inputWidth() + " coordinates, got "
                        + point.length);
            }
            states.add(point.clone());
        }
        List<Object> distinct = distinct(states, slot);
        for (int i = 0; i < layers.size(); i++) {
            ExactAffine layer = layers.get(i);
            List<Object> next = new ArrayList<>(distinct.size());
            for (Object state : distinct) {
                Object current = dyadicFrom[i] && state instanceof Rational[] values ? scaledOrSelf(values) : state;
                next.add(current instanceof Scaled scaled ? applyScaled(layer, scaled, relu[i])
                        : applyRational(layer, (Rational[]) current, relu[i]));
            }
            int[] merged = new int[next.size()];
            distinct = distinct(next, merged);
            for (int p = 0; p < slot.length; p++) {
                slot[p] = merged[slot[p]];
            }
        }
        List<Rational[]> results = new ArrayList<>(distinct.size());
        for (Object state : distinct) {
            results.add(state instanceof Scaled scaled ? scaled.toRationals() : (Rational[]) state);
        }
        Rational[][] values = new Rational[points.length][];
        for (int p = 0; p < points.length; p++) {
            values[p] = results.get(slot[p]);
        }
        return values;
    }

    private static Rational[] applyRational(ExactAffine layer, Rational[] z, boolean relu) {
        Rational[] y = layer.apply(z);
        if (relu) {
            for (int r = 0; r < y.length; r++) {
                y[r] = y[r].relu();
            }
        }
        return y;
    }

    private static Scaled applyScaled(ExactAffine layer, Scaled z, boolean relu) {
        BigInteger[] y = layer.applyScaled(z.numerators(), z.exponent());
        if (relu) {
            for (int r = 0; r < y.length; r++) {
                if (y[r].signum() < 0) {
                    y[r] = BigInteger.ZERO;
                }
            }
        }
        return Scaled.normalised(y, z.exponent() + layer.dyadicExponent());
    }

    /** @return the vector as {@link Scaled} if every entry is dyadic, else itself */
    private static Object scaledOrSelf(Rational[] values) {
        int exponent = 0;
        for (Rational v : values) {
            if (!v.isDyadic()) {
                return values;
            }
            exponent = Math.max(exponent, v.denominator().bitLength() - 1);
        }
        BigInteger[] numerators = new BigInteger[values.length];
        for (int i = 0; i < values.length; i++) {
            numerators[i] = values[i].numerator().shiftLeft(exponent - (values[i].denominator().bitLength() - 1));
        }
        return Scaled.normalised(numerators, exponent);
    }

    /**
     * A dyadic vector N·2^{−e} with e ≥ 0 least (some N_i odd, or e = 0): a canonical form, so
     * equal vectors are equal records.
     *
     * @param numeratorList N
     * @param exponent e
     */
    private record Scaled(List<BigInteger> numeratorList, int exponent) {
        static Scaled normalised(BigInteger[] numerators, int exponent) {
            int common = exponent;
            for (BigInteger n : numerators) {
                if (n.signum() != 0) {
                    common = Math.min(common, n.getLowestSetBit());
                }
            }
            if (common > 0) {
                for (int i = 0; i < numerators.length; i++) {
                    numerators[i] = numerators[i].shiftRight(common);
                }
            }
            return new Scaled(Arrays.asList(numerators), exponent - common);
        }

        BigInteger[] numerators() {
            return numeratorList.toArray(new BigInteger[0]);
        }

        Rational[] toRationals() {
            Rational[] values = new Rational[numeratorList.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Rational.dyadic(numeratorList.get(i), exponent);
            }
            return values;
        }
    }

    /**
     * @param states vectors (Rational[] or {@link Scaled}), some perhaps equal
     * @param slot filled with, for each vector, the index of its representative in the result
     * @return the distinct vectors, in order of first appearance
     */
    private static List<Object> distinct(List<Object> states, int[] slot) {
        Map<Object, Integer> seen = new HashMap<>();
        List<Object> result = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            Object state = states.get(i);
            Object key = state instanceof Rational[] values ? Arrays.asList(values) : state;
            Integer at = seen.putIfAbsent(key, result.size());
            if (at == null) {
                slot[i] = result.size();
                result.add(state);
            } else {
                slot[i] = at;
            }
        }
        return result;
    }

    /**
     * @param x a point of ℝ^{n₀} of finite doubles, read exactly
     * @return F(x), exactly
     * @throws IllegalArgumentException if x has the wrong length or a non-finite entry
     */
    public Rational[] apply(double[] x) {
        Objects.requireNonNull(x, "x");
        Rational[] exact = new Rational[x.length];
        for (int i = 0; i < x.length; i++) {
            exact[i] = Rational.ofDouble(x[i]);
        }
        return apply(exact);
    }

    /**
     * @param next G, taking this network's output
     * @return G ∘ F: this network's layers followed by next's
     * @throws IllegalArgumentException if the dimensions do not fit or the result exceeds {@value #MAX_LAYERS} layers
     */
    public ExactNetwork then(ExactNetwork next) {
        Objects.requireNonNull(next, "next");
        if (next.inputWidth() != outputWidth()) {
            throw new IllegalArgumentException("cannot compose: the next network takes " + next.inputWidth()
                    + " coordinates, this one gives " + outputWidth());
        }
        if ((long) layers.size() + next.layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("the composition would have " + ((long) layers.size() + next.layers.size())
                    + " layers, more than " + MAX_LAYERS);
        }
        List<ExactAffine> joined = new ArrayList<>(layers.size() + next.layers.size());
        joined.addAll(layers);
        joined.addAll(next.layers);
        boolean[] flags = new boolean[relu.length + next.relu.length];
        System.arraycopy(relu, 0, flags, 0, relu.length);
        System.arraycopy(next.relu, 0, flags, relu.length, next.relu.length);
        return new ExactNetwork(Collections.unmodifiableList(joined), flags);
    }

    /**
     * @param times r ≥ 1
     * @return F^{∘r} = F ∘ … ∘ F (r times)
     * @throws IllegalArgumentException if r &lt; 1, F does not map ℝⁿ to itself, or r·L exceeds {@value #MAX_LAYERS}
     */
    public ExactNetwork repeated(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("a composition power needs r ≥ 1, got " + times);
        }
        if (inputWidth() != outputWidth()) {
            throw new IllegalArgumentException("only a network ℝⁿ → ℝⁿ composes with itself, this one maps ℝ^"
                    + inputWidth() + " → ℝ^" + outputWidth());
        }
        if ((long) times * layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException(times + " compositions of " + layers.size() + " layers exceed "
                    + MAX_LAYERS + " layers");
        }
        List<ExactAffine> joined = new ArrayList<>(times * layers.size());
        boolean[] flags = new boolean[times * relu.length];
        for (int t = 0; t < times; t++) {
            joined.addAll(layers);
            System.arraycopy(relu, 0, flags, t * relu.length, relu.length);
        }
        return new ExactNetwork(Collections.unmodifiableList(joined), flags);
    }

    /**
     * @param layer 1 ≤ layer ≤ L
     * @param replacement the new A_layer, of the same shape
     * @return a copy of this network with that layer replaced (every occurrence of the shared
     *     layer object elsewhere keeps its old value)
     * @throws IllegalArgumentException if the shape differs
     */
    public ExactNetwork withLayer(int layer, ExactAffine replacement) {
        Objects.checkIndex(layer - 1, layers.size());
        Objects.requireNonNull(replacement, "replacement");
        ExactAffine old = layers.get(layer - 1);
        if (old.rows() != replacement.rows() || old.cols() != replacement.cols()) {
            throw new IllegalArgumentException("layer " + layer + " is " + old.rows() + " × " + old.cols()
                    + ", the replacement " + replacement.rows() + " × " + replacement.cols());
        }
        List<ExactAffine> copy = new ArrayList<>(layers);
        copy.set(layer - 1, replacement);
        return new ExactNetwork(Collections.unmodifiableList(copy), relu.clone());
    }

    /** @return A₁ … A_L */
    public List<ExactAffine> layers() {
        return layers;
    }

    /**
     * @param layer 1 ≤ layer ≤ L
     * @return whether σ follows A_layer
     */
    public boolean reluAfter(int layer) {
        Objects.checkIndex(layer - 1, relu.length);
        return relu[layer - 1];
    }

    /** @return n₀ … n_L */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).cols();
        for (int i = 0; i < layers.size(); i++) {
            widths[i + 1] = layers.get(i).rows();
        }
        return widths;
    }

    /** @return L */
    public int depth() {
        return layers.size();
    }

    /** @return n₀ */
    public int inputWidth() {
        return layers.get(0).cols();
    }

    /** @return n_L */
    public int outputWidth() {
        return layers.get(layers.size() - 1).rows();
    }

    /** @return Σ n_i·(n_{i−1} + 1), the number of weights and biases (a shared layer counts each time it occurs) */
    public long parameterCount() {
        long count = 0;
        for (ExactAffine layer : layers) {
            count += (long) layer.rows() * (layer.cols() + 1);
        }
        return count;
    }

    /** @return whether every weight and bias is exactly a double, so {@link #toMlp} rounds nothing */
    public boolean isDoubleExact() {
        Set<ExactAffine> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(layers);
        for (ExactAffine layer : distinct) {
            if (!layer.isDoubleExact()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ExactNetwork" + Arrays.toString(widths());
    }
}
