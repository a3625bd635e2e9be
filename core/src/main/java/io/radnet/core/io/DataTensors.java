package io.radnet.core.io;

import io.radnet.api.Tensor;
import java.util.Objects;

/**
 * The inputs X (size × d, one sample per row) and targets Y (size × k) read from data files, on
 * one backend, before they become a data set ({@code io.radnet.core.data.Dataset#of}); a
 * readers' result, so that the file formats know nothing of data sets.
 *
 * @param inputs X, size × d
 * @param targets Y, size × k, row s the target of sample s (for a class label, size × 1)
 */
public record DataTensors(Tensor inputs, Tensor targets) {
    /**
     * @throws NullPointerException if a tensor is null
     * @throws IllegalArgumentException if X and Y have different numbers of rows
     */
    public DataTensors {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rows() != targets.rows()) {
            throw new IllegalArgumentException("inputs " + inputs.shape() + " and targets " + targets.shape()
                    + " need one target row per input row");
        }
    }

    /** @return the number of samples, the rows of X and Y */
    public int size() {
        return inputs.rows();
    }
}
