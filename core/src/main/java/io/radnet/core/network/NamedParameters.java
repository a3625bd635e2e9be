package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parameter space given by named tensors, such as a PyTorch state dict's parameters
 * ({@code 0.weight}, {@code 0.bias}, {@code 1.weight}, …): the coordinates are the tensors'
 * entries in list order, each row-major. Two points are of the same space when they have the
 * same names and tensor shapes in the same order, on one backend.
 */
public final class NamedParameters extends ParameterVector {
    private final List<String> names;

    private NamedParameters(Backend backend, List<String> names, List<Tensor> tensors) {
        super(backend, tensors);
        this.names = names;
    }

    /**
     * @param backend the backend every tensor belongs to
     * @param names one distinct, non-empty name per tensor
     * @param tensors the coordinates in flattening order, adopted (not copied): writing to the
     *     point writes to them
     * @return the point
     * @throws IllegalArgumentException if the counts differ, a name is empty or repeated, or a
     *     tensor belongs to another backend
     */
    public static NamedParameters of(Backend backend, List<String> names, List<Tensor> tensors) {
        Objects.requireNonNull(backend, "backend");
        List<String> nameList = List.copyOf(names);
        List<Tensor> tensorList = List.copyOf(tensors);
        if (nameList.size() != tensorList.size()) {
            throw new IllegalArgumentException(nameList.size() + " names for " + tensorList.size() + " tensors");
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < nameList.size(); k++) {
            String name = nameList.get(k);
            if (name.isEmpty() || !seen.add(name)) {
                throw new IllegalArgumentException("parameter name '" + name + "' is empty or repeated");
            }
            if (tensorList.get(k).backend() != backend) {
                throw new IllegalArgumentException("parameter '" + name + "' belongs to backend '"
                        + tensorList.get(k).backend().name() + "', not '" + backend.name() + "'");
            }
        }
        return new NamedParameters(backend, nameList, Collections.unmodifiableList(new ArrayList<>(tensorList)));
    }

    /** @return the names, in the order of {@link #tensors()} */
    public List<String> names() {
        return names;
    }

    /**
     * @param name a parameter's name
     * @return its tensor, live
     * @throws IllegalArgumentException if there is no parameter of that name
     */
    public Tensor tensor(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no parameter named '" + name + "' among " + names);
        }
        return tensors().get(index);
    }

    @Override
    public NamedParameters copy() {
        NamedParameters c = zerosLike();
        c.copyFrom(this);
        return c;
    }

    @Override
    public NamedParameters zerosLike() {
        List<Tensor> zeros = new ArrayList<>(names.size());
        for (Tensor t : tensors()) {
            zeros.add(backend().zeros(t.rows(), t.cols()));
        }
        return new NamedParameters(backend(), names, Collections.unmodifiableList(zeros));
    }

    @Override
    boolean sameLayout(ParameterVector other) {
        if (!(other instanceof NamedParameters named) || !names.equals(named.names)) {
            return false;
        }
        for (int k = 0; k < names.size(); k++) {
            Tensor a = tensors().get(k);
            Tensor b = named.tensors().get(k);
            if (a.rows() != b.rows() || a.cols() != b.cols()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("named");
        for (int k = 0; k < names.size(); k++) {
            text.append(k == 0 ? " " : ", ").append(names.get(k)).append(' ').append(tensors().get(k).shape());
        }
        return text.toString();
    }
}
