package io.radnet.bench;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.util.SplittableRandom;

/** Seeded benchmark inputs: the same entries on every backend for the same seed. */
final class SeededTensors {
    private SeededTensors() {
    }

    /**
     * @return a rows × cols tensor of independent uniform entries in [−1, 1) drawn from seed
     */
    static Tensor uniform(Backend backend, int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = 2 * random.nextDouble() - 1;
        }
        return backend.fromRowMajor(rows, cols, values);
    }
}
