package io.radnet.api.archfixture;

import io.radnet.api.Tensor;
import java.util.List;

/** Keeps API_DEPENDS_ONLY_ON_JDK: JDK types, api types, primitives and arrays only. */
public final class ApiClassUsingOnlyTheJdk {
    private final List<String> names = List.of("a", "b");
    private final double[][] values = new double[2][2];
    private Tensor[] tensors = new Tensor[0];

    /** @return a number computed from JDK types, primitives and arrays */
    public int size() {
        return names.size() + values.length + tensors.length;
    }
}
