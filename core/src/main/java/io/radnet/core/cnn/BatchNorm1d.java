package io.radnet.core.cnn;

import io.radnet.api.Backend;

/**
 * PyTorch's {@code BatchNorm1d(C)} on flat features (rows N × C): the statistics of feature c
 * are over the N samples of the batch. See {@link BatchNorm}.
 */
public final class BatchNorm1d extends BatchNorm {
    /**
     * @param backend the backend
     * @param shape flat features
     * @throws IllegalArgumentException if the features are spatial (use {@link BatchNorm2d})
     */
    BatchNorm1d(Backend backend, FeatureShape shape) {
        super(backend, requireFlat(shape), false);
    }

    private static FeatureShape requireFlat(FeatureShape shape) {
        if (shape.spatial()) {
            throw new IllegalArgumentException("BatchNorm1d needs flat features, got " + shape + " maps; use BatchNorm2d");
        }
        return shape;
    }

    @Override
    public String typeName() {
        return "BatchNorm1d";
    }
}
