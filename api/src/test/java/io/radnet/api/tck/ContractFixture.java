package io.radnet.api.tck;

import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.Tensor;

/**
 * What every contract interface needs from the backend under test. Implemented once, by
 * {@link BackendContractTest}.
 */
public interface ContractFixture {
    /** @return the provider under test */
    BackendProvider provider();

    /** @return a backend created by the provider for this test */
    Backend backend();

    /** @return a second backend instance of the same provider: its tensors must not mix */
    Backend otherBackend();

    /** @return a seeded random tensor of the backend under test, entries in [−1, 1) */
    default Tensor random(long seed, int rows, int cols) {
        return SeededInputs.tensor(backend(), seed, rows, cols);
    }
}
