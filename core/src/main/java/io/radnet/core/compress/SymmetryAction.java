package io.radnet.core.compress;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import io.radnet.core.network.Param;
import java.util.Arrays;

/**
 * The change-of-basis action of O(n^hid) on Param(n) (radial paper, §5.1):
 * Q·(W, b) = (Q_i W_i Q_{i−1}⁻¹, Q_i b_i)_{i=1..L} with Q₀ = id and Q_L = id; activation shifts
 * are untouched. Because radial rescalings commute with orthogonal maps, Q·(W, b) and (W, b)
 * have the same feedforward function. The action is exactly invertible:
 * Q⁻¹·(Q·(W, b)) = (W, b) to rounding.
 */
public final class SymmetryAction {
    private SymmetryAction() {
    }

    /**
     * @param q the group element, with Q_i of size n_i for the hidden widths of p
     * @param p the parameters, not modified
     * @return a new Param Q·p on p's backend
     * @throws IllegalArgumentException if the sizes of Q do not match the hidden widths
     */
    public static Param apply(OrthogonalTuple q, Param p) {
        int[] n = p.widths();
        int[] hidden = Arrays.copyOfRange(n, 1, n.length - 1);
        if (!Arrays.equals(hidden, q.hiddenWidths())) {
            throw new IllegalArgumentException("Q acts on hidden widths " + Arrays.toString(q.hiddenWidths())
                    + " but the parameters have hidden widths " + Arrays.toString(hidden));
        }
        Backend b = p.backend();
        Param out = p.zerosLike();
        int layers = p.depth();
        for (int i = 1; i <= layers; i++) {
            Tensor w = p.weight(i);
            Tensor right = i > 1 ? b.matmul(w, Transpose.NONE, q.get(i - 1), Transpose.TRANSPOSED) : w;
            if (i < layers) {
                b.gemm(1.0, q.get(i), Transpose.NONE, right, Transpose.NONE, 0.0, out.weight(i));
                b.gemm(1.0, p.bias(i), Transpose.NONE, q.get(i), Transpose.TRANSPOSED, 0.0, out.bias(i));
            } else {
                b.copy(right, out.weight(i));
                b.copy(p.bias(i), out.bias(i));
            }
            if (right != w) {
                right.close();
            }
        }
        if (p.hasShifts()) {
            b.copy(p.shifts(), out.shifts());
        }
        return out;
    }

    /**
     * @param q the group element
     * @param p the parameters, not modified
     * @return a new Param Q⁻¹·p
     */
    public static Param applyInverse(OrthogonalTuple q, Param p) {
        OrthogonalTuple inverse = q.inverse();
        try {
            return apply(inverse, p);
        } finally {
            inverse.closeMatrices();
        }
    }
}
