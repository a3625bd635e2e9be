package io.radnet.core.archfixture;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;

/** Keeps CORE_IS_BACKEND_AGNOSTIC and NO_PRINTING: computes through the api, prints nothing. */
public final class CoreClassUsingOnlyTheApi {
    /**
     * @param backend the backend chosen at runtime
     * @param input any tensor of that backend
     * @return the tensor's first dimension, as seen through the api
     */
    public int rows(Backend backend, Tensor input) {
        return backend == null ? 0 : input.rows();
    }
}
