package io.radnet.core.compress;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An element Q = (Q₁, …, Q_{L−1}) of O(n^hid) = O(n₁) × … × O(n_{L−1}), the symmetry group of
 * the parameter space of a radial network with widths n (radial paper, §5.1). Q_i is
 * n_i × n_i orthogonal. Q₀ and Q_L are identities and not stored.
 */
public final class OrthogonalTuple {
    /** Largest ‖Q_iᵀQ_i − I‖_F accepted, relative to √n_i, when a tuple is built from outside. */
    public static final double ORTHOGONALITY_TOLERANCE = 1e-10;

    private final List<Tensor> matrices;

    private OrthogonalTuple(List<Tensor> matrices) {
        this.matrices = List.copyOf(matrices);
    }

    /**
     * @param matrices Q₁ … Q_{L−1}, each square and orthogonal to within
     *     {@link #ORTHOGONALITY_TOLERANCE}; adopted (not copied); all on one backend
     * @return the tuple
     * @throws IllegalArgumentException naming the factor if one is not square or not orthogonal
     */
    public static OrthogonalTuple of(List<Tensor> matrices) {
        Objects.requireNonNull(matrices, "matrices");
        for (int i = 0; i < matrices.size(); i++) {
            Tensor q = Objects.requireNonNull(matrices.get(i), "Q_" + (i + 1));
            if (q.rows() != q.cols()) {
                throw new IllegalArgumentException("Q_" + (i + 1) + " must be square but is " + q.shape());
            }
            if (q.backend() != matrices.get(0).backend()) {
                throw new IllegalArgumentException("Q_" + (i + 1) + " belongs to another backend than Q_1");
            }
            Backend b = q.backend();
            double error;
            try (Tensor qtq = b.matmul(q, Transpose.TRANSPOSED, q, Transpose.NONE); Tensor identity = b.identity(q.rows())) {
                b.subtract(qtq, identity, qtq);
                error = b.norm(qtq);
            }
            if (!(error <= ORTHOGONALITY_TOLERANCE * Math.sqrt(Math.max(1, q.rows())))) {
                throw new IllegalArgumentException("Q_" + (i + 1) + " (" + q.shape() + ") is not orthogonal: ‖QᵀQ − I‖ = "
                        + error);
            }
        }
        return new OrthogonalTuple(matrices);
    }

    /** Adopts factors produced by a QR decomposition, orthogonal by construction. */
    static OrthogonalTuple trusted(List<Tensor> matrices) {
        return new OrthogonalTuple(matrices);
    }

    /**
     * @param backend the backend
     * @param widths n₀ … n_L
     * @return the identity of O(n^hid)
     */
    public static OrthogonalTuple identity(Backend backend, int[] widths) {
        List<Tensor> list = new ArrayList<>();
        for (int i = 1; i < widths.length - 1; i++) {
            list.add(backend.identity(widths[i]));
        }
        return new OrthogonalTuple(list);
    }

    /** @return L − 1, the number of hidden layers */
    public int size() {
        return matrices.size();
    }

    /**
     * @param i hidden layer, 1 ≤ i ≤ L − 1
     * @return Q_i, live
     */
    public Tensor get(int i) {
        if (i < 1 || i > matrices.size()) {
            throw new IllegalArgumentException("Q_i exists for 1 ≤ i ≤ " + matrices.size() + ", got " + i);
        }
        return matrices.get(i - 1);
    }

    /** @return the widths n₁ … n_{L−1} this tuple acts on */
    public int[] hiddenWidths() {
        return matrices.stream().mapToInt(Tensor::rows).toArray();
    }

    /** @return Q⁻¹ = (Q₁ᵀ, …, Q_{L−1}ᵀ), new tensors */
    public OrthogonalTuple inverse() {
        List<Tensor> list = new ArrayList<>();
        for (Tensor q : matrices) {
            list.add(q.backend().transpose(q));
        }
        return new OrthogonalTuple(list);
    }

    /** Closes every Q_i; for tuples made as temporaries (such as an inverse) only. */
    void closeMatrices() {
        for (Tensor q : matrices) {
            q.close();
        }
    }

    @Override
    public String toString() {
        return "OrthogonalTuple" + Arrays.toString(hiddenWidths());
    }
}
