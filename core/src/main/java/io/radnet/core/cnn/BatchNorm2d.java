package io.radnet.core.cnn;

import io.radnet.api.Backend;

/**
 * PyTorch's {@code BatchNorm2d(C)} on C maps (plane layout C × (N·H·W)): the statistics of
 * channel c are over the N·H·W values of the batch's maps of that channel. See {@link BatchNorm}.
 */
public final class BatchNorm2d extends BatchNorm {
    /**
     * @param backend the backend
     * @param shape spatial features
     * @throws IllegalArgumentException if the features are flat (use {@link BatchNorm1d})
     */
    BatchNorm2d(Backend backend, FeatureShape shape) {
        super(backend, requireSpatial(shape), true);
    }

    private static FeatureShape requireSpatial(FeatureShape shape) {
        if (!shape.spatial()) {
            throw new IllegalArgumentException("BatchNorm2d needs spatial features, got a vector of " + shape.channels()
                    + "; use BatchNorm1d");
        }
        return shape;
    }

    @Override
    public String typeName() {
        return "BatchNorm2d";
    }
}
