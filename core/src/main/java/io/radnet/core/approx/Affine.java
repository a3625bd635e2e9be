package io.radnet.core.approx;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * An affine map z ↦ W·z + b held as plain doubles while a construction assembles its layers;
 * {@link #toParam} turns a list of them into the parameters of a network.
 *
 * @param w the matrix, rows × cols
 * @param b the offset, rows entries
 */
record Affine(double[][] w, double[] b) {
    /** @return the input dimension */
    int cols() {
        return w[0].length;
    }

    /** @return the output dimension */
    int rows() {
        return w.length;
    }

    /**
     * @param rows output dimension
     * @param cols input dimension
     * @return the zero map, to be filled in
     */
    static Affine zero(int rows, int cols) {
        return new Affine(new double[rows][cols], new double[rows]);
    }

    /**
     * @param inner the map applied first
     * @return this ∘ inner
     */
    Affine after(Affine inner) {
        double[][] product = new double[rows()][inner.cols()];
        double[] offset = b.clone();
        for (int i = 0; i < rows(); i++) {
            for (int k = 0; k < cols(); k++) {
                double wik = w[i][k];
                if (wik == 0.0) {
                    continue;
                }
                for (int j = 0; j < inner.cols(); j++) {
                    product[i][j] += wik * inner.w[k][j];
                }
                offset[i] += wik * inner.b[k];
            }
        }
        return new Affine(product, offset);
    }

    /**
     * @param layers the affine maps of layers 1 … L, each taking the previous one's output
     * @param backend where to allocate
     * @return the Param (without shifts) holding W_i and b_i
     */
    static Param toParam(List<Affine> layers, Backend backend) {
        int[] widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).cols();
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Affine a = layers.get(i);
            widths[i + 1] = a.rows();
            double[] flat = new double[a.rows() * a.cols()];
            for (int r = 0; r < a.rows(); r++) {
                System.arraycopy(a.w[r], 0, flat, r * a.cols(), a.cols());
            }
            weights.add(backend.fromRowMajor(a.rows(), a.cols(), flat));
            biases.add(backend.fromRowMajor(1, a.rows(), a.b));
        }
        return Param.of(widths, weights, biases, null);
    }

    /**
     * Flattened indices (order of {@link Param#flatten()}) of parameters.
     *
     * @param widths n₀ … n_L
     * @param layer layer i, 1 ≤ i ≤ L
     * @param row row r of W_i
     * @param col column c of W_i
     * @return the index of (W_i)_{rc}
     */
    static int weightIndex(int[] widths, int layer, int row, int col) {
        int offset = 0;
        for (int i = 1; i < layer; i++) {
            offset += widths[i] * widths[i - 1];
        }
        return offset + row * widths[layer - 1] + col;
    }

    /**
     * @param widths n₀ … n_L
     * @param layer layer i, 1 ≤ i ≤ L
     * @param row entry r of b_i
     * @return the index of (b_i)_r
     */
    static int biasIndex(int[] widths, int layer, int row) {
        int offset = 0;
        for (int i = 1; i < widths.length; i++) {
            offset += widths[i] * widths[i - 1];
        }
        for (int i = 1; i < layer; i++) {
            offset += widths[i];
        }
        return offset + row;
    }
}
