package io.radnet.core.compress;

import io.radnet.api.Backend;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.QrFactors;
import io.radnet.api.QrMode;
import io.radnet.api.Tensor;
import io.radnet.core.network.AugmentedMatrix;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.ReducedWidths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * QR-compress, Algorithm 1 of the radial paper (§5.2). With A₁ = [b₁ W₁], for each hidden
 * layer i = 1 … L − 1: decompose A_i = Q_i Inc_i R_i (complete QR, canonical signs
 * diag(R_i) ≥ 0); the first column of R_i is b^red_i and the rest W^red_i; then
 * A_{i+1} = [b_{i+1}  W_{i+1} Q_i Inc_i]. Finally b^red_L, W^red_L are the columns of A_L.
 * By Theorem 5 the compressed network (widths n^red, the same profiles and shifts) has the
 * same feedforward function.
 *
 * <p>Networks without layer biases ({@link RadialNetwork#layerBiases()} false) run the same
 * algorithm on A_i = W_i Q_{i−1} Inc_{i−1} alone: R_i is W^red_i, n^red_i = min(n_i,
 * n^red_{i−1}) ({@link ReducedWidths#of(int[], boolean)}), and the compressed network has no
 * layer biases either. Theorem 5's proof carries over word for word with b_i = 0: the
 * orthogonal Q_i commute with the radial activations, and the linear span of a layer's inputs
 * has dimension at most n^red_{i−1}.
 *
 * <p>Two paths. {@link #compress} never forms a complete Q_i: Q_i Inc_i is exactly the
 * economy factor of A_i (n^red_i is its column count), and each step is one
 * {@link io.radnet.api.Backend#qrCompressionStep}, which factors A_i in place and writes
 * W_{i+1} Q_i Inc_i straight into A_{i+1} (the native backends apply A_i's reflectors to
 * W_{i+1} without forming even the economy factor when that is cheaper, e.g. for the output
 * layer); the cost is O(Σ n_i (n^red_{i−1})² + n_{i+1} n_i n^red_i).
 * {@link #compressWithSymmetry} also returns Q, Q⁻¹·(W, b) and U for Theorem 7, using complete
 * decompositions.
 *
 * <p>Rank-deficient layers and zero biases stay lossless (the decomposition is exact on any
 * matrix). The input network is never modified.
 */
public final class QrCompression {
    private QrCompression() {
    }

    /**
     * @param network a radial network with finite parameters, not modified (radial: the
     *     losslessness rests on radial activations commuting with orthogonal maps)
     * @return the compressed network (an exact copy, flagged not reduced, when n^red = n)
     * @throws IllegalArgumentException if the network has NaN/∞ parameters
     */
    public static CompressedNetwork compress(RadialNetwork network) {
        return run(requireFinite(network), false).compressed();
    }

    /**
     * @param network a radial network with finite parameters, not modified
     * @return the compressed network with Q, Q⁻¹·(W, b) and U (Theorem 7)
     * @throws IllegalArgumentException if the network has NaN/∞ parameters
     */
    public static SymmetricCompression compressWithSymmetry(RadialNetwork network) {
        return run(requireFinite(network), true);
    }

    private static RadialNetwork requireFinite(RadialNetwork network) {
        Param p = network.parameters();
        for (int i = 1; i <= p.depth(); i++) {
            requireFinite(p, p.weight(i), "W_" + i);
            requireFinite(p, p.bias(i), "b_" + i);
        }
        if (p.hasShifts()) {
            requireFinite(p, p.shifts(), "the activation shifts");
        }
        return network;
    }

    private static void requireFinite(Param p, Tensor t, String name) {
        if (!p.backend().allFinite(t)) {
            double[] v = t.toRowMajor();
            for (int k = 0; k < v.length; k++) {
                if (!Double.isFinite(v[k])) {
                    throw new IllegalArgumentException("cannot compress: " + name + " (" + t.shape() + ") has " + v[k]
                            + " at (" + k / t.cols() + ", " + k % t.cols() + ")");
                }
            }
        }
    }

    /**
     * Runs Algorithm 1. Every temporary (A_i, R_i, the complete factors not kept) is closed as
     * soon as it is used, and everything made is closed when a step fails, so native backends
     * release their memory deterministically rather than when the garbage collector runs.
     *
     * @throws IllegalArgumentException naming the layer if an intermediate A_i or a reduced
     *     parameter overflows double precision (finite weights whose products are not)
     */
    private static SymmetricCompression run(RadialNetwork network, boolean withSymmetry) {
        Param p = network.parameters();
        Backend b = p.backend();
        boolean biases = network.layerBiases();
        int[] n = p.widths();
        int[] red = ReducedWidths.of(n, biases);
        int layers = p.depth();
        Param reduced = Param.zeros(b, red, p.hasShifts());
        List<Tensor> qs = new ArrayList<>();
        Tensor a = null;
        try {
            if (p.hasShifts()) {
                b.copy(p.shifts(), reduced.shifts());
            }
            a = biases ? AugmentedMatrix.of(b, p.bias(1), p.weight(1)) : b.copy(p.weight(1));
            for (int i = 1; i < layers; i++) {
                Tensor next = withSymmetry ? reduceLayerWithSymmetry(b, p, i, a, red, n, reduced, qs, biases)
                        : reduceLayer(b, p, i, a, red, n, reduced, biases);
                a.close();
                a = next;
            }
            readLayer(b, a, reduced, layers, biases);
            requireFiniteResult(b, reduced, a, layers, biases);
        } catch (RuntimeException e) {
            reduced.close();
            qs.forEach(Tensor::close);
            throw e;
        } finally {
            if (a != null) {
                a.close();
            }
        }
        boolean shrank = !Arrays.equals(n, red);
        RadialNetwork compressedNetwork = new RadialNetwork(shrank ? reduced : p.copy(), network.profiles(),
                network.trainableShifts(), biases);
        CompressedNetwork compressed = new CompressedNetwork(compressedNetwork, n, red, shrank);
        if (!withSymmetry) {
            if (!shrank) {
                reduced.close();
            }
            return new SymmetricCompression(compressed, null, null, null);
        }
        OrthogonalTuple q = OrthogonalTuple.trusted(qs);
        Param transformed = SymmetryAction.applyInverse(q, p);
        Param remainder = transformed.copy();
        Param embedded = embed(reduced, n);
        remainder.axpy(-1.0, embedded);
        embedded.close();
        if (!shrank) {
            reduced.close();
        }
        return new SymmetricCompression(compressed, q, transformed, remainder);
    }

    /**
     * Step i of Algorithm 1 in one {@link Backend#qrCompressionStep}: A_i = Q_i Inc_i R_i;
     * b^red_i, W^red_i ← the columns of R_i (W^red_i ← R_i without layer biases).
     *
     * @param a A_i, overwritten (the caller closes it)
     * @return A_{i+1} = [b_{i+1}  W_{i+1}·Q_i Inc_i] (W_{i+1}·Q_i Inc_i without layer biases), a
     *     new tensor the caller closes
     * @throws IllegalArgumentException naming layer i if A_i is not finite
     */
    private static Tensor reduceLayer(Backend b, Param p, int i, Tensor a, int[] red, int[] n, Param reduced,
                                      boolean biases) {
        Tensor next = b.zeros(n[i + 1], red[i] + (biases ? 1 : 0));
        try (Tensor r = b.zeros(red[i], a.cols())) {
            b.qrCompressionStep(a, p.weight(i + 1), biases ? p.bias(i + 1) : null, r, next);
            readLayer(b, r, reduced, i, biases);
            return next;
        } catch (NonFiniteValueException e) {
            next.close();
            throw overflowOf(b, a, i, biases, e);
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
    }

    /**
     * Step i of Algorithm 1 with the complete Q_i formed and kept (for Theorem 7).
     *
     * @param a A_i, not modified
     * @param qs the list that receives the complete Q_i
     * @return A_{i+1}, a new tensor the caller closes
     * @throws IllegalArgumentException naming layer i if A_i is not finite
     */
    private static Tensor reduceLayerWithSymmetry(Backend b, Param p, int i, Tensor a, int[] red, int[] n,
                                                  Param reduced, List<Tensor> qs, boolean biases) {
        Tensor rotated = null;
        try {
            QrFactors f = b.qr(a, QrMode.COMPLETE);
            qs.add(f.q());
            try (Tensor r = b.block(f.r(), 0, 0, red[i], a.cols())) {
                readLayer(b, r, reduced, i, biases);
            } finally {
                f.r().close();
            }
            try (Tensor qInc = b.block(f.q(), 0, 0, n[i], red[i])) {
                rotated = b.matmul(p.weight(i + 1), qInc);
            }
            if (!biases) {
                Tensor next = rotated;
                rotated = null;
                return next;
            }
            return AugmentedMatrix.of(b, p.bias(i + 1), rotated);
        } catch (NonFiniteValueException e) {
            throw overflowOf(b, a, i, biases, e);
        } finally {
            if (rotated != null) {
                rotated.close();
            }
        }
    }

    /** The exception for a step whose A_i is not finite, or e itself when A_i is finite. */
    private static RuntimeException overflowOf(Backend b, Tensor a, int i, boolean biases, NonFiniteValueException e) {
        if (!b.allFinite(a)) {
            IllegalArgumentException named = overflow(a, i, nameOfA(i, biases));
            named.initCause(e);
            return named;
        }
        return e;
    }

    /** @return how Algorithm 1 names A_i */
    private static String nameOfA(int i, boolean biases) {
        String rotated = "W_" + i + "·Q_" + (i - 1) + " Inc_" + (i - 1);
        return biases ? "A_" + i + " = [b_" + i + "  " + rotated + "]" : "A_" + i + " = " + rotated;
    }

    /**
     * Reads layer i of the reduced network off m: b^red_i ← the first column and W^red_i ← the
     * others with layer biases, W^red_i ← m without (b^red_i stays zero).
     */
    private static void readLayer(Backend b, Tensor m, Param reduced, int i, boolean biases) {
        if (biases) {
            splitInto(b, m, reduced.bias(i), reduced.weight(i));
        } else {
            b.copy(m, reduced.weight(i));
        }
    }

    /**
     * @throws IllegalArgumentException naming the first layer whose reduced parameters (or
     *     the last A_L) are not finite
     */
    private static void requireFiniteResult(Backend b, Param reduced, Tensor lastA, int layers, boolean biases) {
        if (!b.allFinite(lastA)) {
            throw overflow(lastA, layers, nameOfA(layers, biases));
        }
        for (int i = 1; i <= layers; i++) {
            if (!b.allFinite(reduced.weight(i)) || !b.allFinite(reduced.bias(i))) {
                throw new IllegalArgumentException("cannot compress: the reduced parameters W^red_" + i + ", b^red_" + i
                        + " of layer " + i + " overflow double precision; the network's weights are too large for"
                        + " QR-compress");
            }
        }
    }

    private static IllegalArgumentException overflow(Tensor t, int layer, String name) {
        double[] v = t.toRowMajor();
        int k = 0;
        while (k < v.length && Double.isFinite(v[k])) {
            k++;
        }
        String entry = k < v.length ? " has " + v[k] + " at (" + k / t.cols() + ", " + k % t.cols() + ")" : "";
        return new IllegalArgumentException("cannot compress: layer " + layer + " overflows double precision: "
                + name + " (" + t.shape() + ")" + entry + ", though the network's parameters are finite; its weights"
                + " are too large for QR-compress");
    }

    /** bias ← first column of m (as a row), weight ← the remaining columns. */
    private static void splitInto(Backend b, Tensor m, Tensor biasRow, Tensor weight) {
        try (Tensor biasColumn = b.zeros(m.rows(), 1)) {
            AugmentedMatrix.split(b, m, biasColumn, weight);
            b.transpose(biasColumn, biasRow);
        }
    }

    /**
     * Zero-pads reduced parameters into Param(n): W^red_i into the top-left
     * n^red_i × n^red_{i−1} block of W_i, b^red_i into the top entries of b_i; shifts copied.
     *
     * @param reduced parameters with widths n^red (or any widths no larger than n)
     * @param widths n
     * @return a new Param(n)
     * @throws IllegalArgumentException if a reduced width exceeds the full one
     */
    public static Param embed(Param reduced, int[] widths) {
        int[] r = reduced.widths();
        if (r.length != widths.length) {
            throw new IllegalArgumentException("cannot embed widths " + Arrays.toString(r) + " into " + Arrays.toString(widths));
        }
        for (int i = 0; i < r.length; i++) {
            if (r[i] > widths[i]) {
                throw new IllegalArgumentException("cannot embed widths " + Arrays.toString(r) + " into "
                        + Arrays.toString(widths) + ": layer " + i + " is wider");
            }
        }
        Backend b = reduced.backend();
        Param out = Param.zeros(b, widths, reduced.hasShifts());
        for (int i = 1; i <= reduced.depth(); i++) {
            Tensor w = reduced.weight(i);
            b.copyBlock(w, 0, 0, w.rows(), w.cols(), out.weight(i), 0, 0);
            b.copyBlock(reduced.bias(i), 0, 0, 1, r[i], out.bias(i), 0, 0);
        }
        if (reduced.hasShifts()) {
            b.copy(reduced.shifts(), out.shifts());
        }
        return out;
    }
}
