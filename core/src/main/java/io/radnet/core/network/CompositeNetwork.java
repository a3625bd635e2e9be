package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.BackendMismatchException;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import java.util.Objects;

/**
 * The checks and pass protocol shared by the networks built from other networks or from a
 * shared block ({@link HyperNetwork}, {@link EmbeddingNetwork},
 * {@link RepeatedCompositionNetwork}): input validation, {@link #forward} through a fresh
 * training pass, and a pass skeleton that validates the shapes of backward's arguments once.
 */
abstract class CompositeNetwork implements Network {
    private final Backend backend;

    CompositeNetwork(Backend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public final Backend backend() {
        return backend;
    }

    /** @return how the input columns are laid out, for error messages, e.g. "x: 3 columns, then I: 4" */
    abstract String inputLayout();

    /**
     * @param batch the batch size, ≥ 1 (checked)
     * @return a new pass for that batch size
     */
    abstract Pass newPass(int batch);

    @Override
    public final Tensor forward(Tensor x) {
        checkInput(x, "forward");
        backend.requireAllFinite("forward", "x", x);
        return backend.copy(trainingPass(x.rows()).forward(x));
    }

    @Override
    public final TrainingPass trainingPass(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a training pass needs a batch size of at least 1, got " + batch);
        }
        return newPass(batch);
    }

    final void checkInput(Tensor x, String op) {
        Objects.requireNonNull(x, op + ": x");
        if (x.backend() != backend) {
            throw new BackendMismatchException(op + ": the input (" + x.shape() + ") belongs to backend '"
                    + x.backend().name() + "' but the network's parameters to '" + backend.name()
                    + "'; convert it with Backend.copyOf");
        }
        if (x.cols() != inputWidth()) {
            throw new ShapeMismatchException(op + ": the input is " + x.shape() + " but " + this
                    + " takes " + inputWidth() + " columns (" + inputLayout() + ")");
        }
    }

    static void requireSameBackend(Backend expected, Network part, String name) {
        if (part.backend() != expected) {
            throw new IllegalArgumentException("the " + name + " lives on backend '" + part.backend().name()
                    + "' but the other parts on '" + expected.name() + "'; all parts must share one backend");
        }
    }

    /** A training pass: shape checks here, the computation in the subclasses. */
    abstract class Pass implements TrainingPass {
        final int batch;
        private boolean forwardDone;

        Pass(int batch) {
            this.batch = batch;
        }

        @Override
        public final int batch() {
            return batch;
        }

        @Override
        public final Tensor forward(Tensor x) {
            checkInput(x, "forward");
            if (x.rows() != batch) {
                throw new ShapeMismatchException("forward: this training pass is for batches of " + batch
                        + " rows but the input is " + x.shape());
            }
            Tensor out = run(x);
            forwardDone = true;
            return out;
        }

        @Override
        public final void backward(Tensor dOutput, Param gradient) {
            check(dOutput, gradient, null);
            back(dOutput, gradient, false, null);
        }

        @Override
        public final void backwardAccumulating(Tensor dOutput, Param gradientSum, Tensor dInput) {
            check(dOutput, gradientSum, dInput);
            back(dOutput, gradientSum, true, dInput);
        }

        private void check(Tensor dOutput, Param gradient, Tensor dInput) {
            if (!forwardDone) {
                throw new IllegalStateException("backward needs a forward pass first");
            }
            Objects.requireNonNull(dOutput, "dOutput");
            parameters().requireSameSpace(gradient, "backward");
            if (dOutput.rows() != batch || dOutput.cols() != outputWidth()) {
                throw new ShapeMismatchException("backward: dOutput must be " + batch + "x" + outputWidth()
                        + " but is " + dOutput.shape());
            }
            if (dInput != null && (dInput.rows() != batch || dInput.cols() != inputWidth())) {
                throw new ShapeMismatchException("backward: dInput must be " + batch + "x" + inputWidth()
                        + " but is " + dInput.shape());
            }
        }

        /**
         * @param x the checked batch × n₀ input, kept by reference until backward
         * @return the batch × n_L output buffer of this pass
         */
        abstract Tensor run(Tensor x);

        /**
         * @param dOutput checked, batch × n_L
         * @param gradient checked, of the network's space; overwritten, or added to when accumulating
         * @param accumulate whether to add to gradient
         * @param dInput null or a checked batch × n₀ tensor to overwrite with ∂L/∂x
         */
        abstract void back(Tensor dOutput, Param gradient, boolean accumulate, Tensor dInput);
    }
}
