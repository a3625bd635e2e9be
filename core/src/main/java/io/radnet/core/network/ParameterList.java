package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A parameter space given only by the shapes of its tensors: the coordinates are the entries
 * of t₁, …, t_k in order, each row-major, and two such points are of the same space when their
 * tensors have the same shapes in the same order (and one backend). Made by
 * {@link ParameterVector#of} (tensors adopted) and {@link ParameterVector#select} (a live view of
 * some tensors of another point: writing to one writes to the other).
 */
public final class ParameterList extends ParameterVector {
    ParameterList(Backend backend, List<Tensor> tensors) {
        super(backend, tensors);
    }

    /** @return a new point of this space whose tensors are zero and belong to nothing else */
    @Override
    public ParameterList zerosLike() {
        List<Tensor> zeros = new ArrayList<>(tensors().size());
        for (Tensor t : tensors()) {
            zeros.add(backend().zeros(t.rows(), t.cols()));
        }
        return new ParameterList(backend(), List.copyOf(zeros));
    }

    @Override
    public ParameterList copy() {
        ParameterList c = zerosLike();
        c.copyFrom(this);
        return c;
    }

    @Override
    boolean sameLayout(ParameterVector other) {
        if (!(other instanceof ParameterList list) || list.tensors().size() != tensors().size()) {
            return false;
        }
        for (int k = 0; k < tensors().size(); k++) {
            Tensor a = tensors().get(k);
            Tensor b = list.tensors().get(k);
            if (a.rows() != b.rows() || a.cols() != b.cols()) {
                return false;
            }
        }
        return true;
    }

    /** @return the shapes in order, e.g. {@code tensors [64x32, 1x64]} */
    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("tensors [");
        for (int k = 0; k < tensors().size(); k++) {
            text.append(k == 0 ? "" : ", ").append(tensors().get(k).shape());
        }
        return text.append(']').toString();
    }
}
