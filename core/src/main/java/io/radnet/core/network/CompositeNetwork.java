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
 * training pass, and the pass protocol of {@link BatchTrainingPass}.
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
        return newPass(BatchTrainingPass.requireBatch(batch));
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

    /** A pass of the composite network: the protocol of {@link BatchTrainingPass}, the computation in the subclasses. */
    abstract class Pass extends BatchTrainingPass {
        /**
         * @param batch the batch size, at least 1
         */
        Pass(int batch) {
            super(CompositeNetwork.this, batch, CompositeNetwork.this::checkInput);
        }

        /** @return {@link TrainingPass.Method#COMPOSITE} */
        @Override
        public Method method() {
            return Method.COMPOSITE;
        }
    }
}
