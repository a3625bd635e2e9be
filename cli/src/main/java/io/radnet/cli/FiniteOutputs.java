package io.radnet.cli;

import io.radnet.api.Tensor;

/**
 * Results that are not finite are errors, never printed: a NaN or infinite output, loss or
 * difference stops the command (exit code 1, one line naming the first such value) before
 * anything is printed or written.
 */
final class FiniteOutputs {
    private FiniteOutputs() {
    }

    /**
     * @param outputs one row per sample, one column per output
     * @param what what the outputs are, e.g. "the outputs of m.safetensors on data.csv"
     * @throws IllegalArgumentException naming the first (row-major) non-finite entry: its
     *     sample and output, 1-based, and its value
     */
    static void require(Tensor outputs, String what) {
        if (outputs.backend().allFinite(outputs)) {
            return;
        }
        double[] values = outputs.toRowMajor();
        int cols = outputs.cols();
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(what + " are not finite: output " + (k % cols + 1) + " of sample "
                        + (k / cols + 1) + " is " + values[k] + " (the model's values overflow double precision);"
                        + " nothing was written");
            }
        }
    }

    /**
     * @param value a result about to be reported
     * @param what what it is, e.g. "the mse of m.safetensors on data.csv"
     * @return the value
     * @throws IllegalArgumentException if it is NaN or infinite
     */
    static double require(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " is " + value + " (it overflows double precision though every"
                    + " output is finite); nothing was written");
        }
        return value;
    }
}
