package io.radnet.core.compress;

import io.radnet.api.Backend;
import io.radnet.api.ShapeMismatchException;
import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.TrainingPass;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.Optimizer;

/**
 * Numerical checks of the radial paper's compression theorems: Theorem 5 (the compressed
 * network has the same feedforward function) and Theorem 7 (gradient descent commutes with the
 * symmetry, and projected gradient descent on Q⁻¹·(W, b) tracks gradient descent on the
 * reduced network up to the constant U).
 */
public final class CompressionCheck {
    private CompressionCheck() {
    }

    /**
     * The absolute differences of two networks' outputs on a batch.
     *
     * @param max max over samples and outputs of |F(x) − G(x)|
     * @param mean mean over samples and outputs of |F(x) − G(x)|
     */
    public record OutputDifference(double max, double mean) {
    }

    /**
     * Theorem 7, epoch by epoch, for k steps of gradient descent with learning rate η.
     *
     * @param symmetryError per step t = 1 … k: max |γ^t(W, b) − Q·γ^t(Q⁻¹·(W, b))| over all
     *     parameters
     * @param projectionError per step: max |γ_proj^t(Q⁻¹·(W, b)) − (γ_red^t(W^red, b^red) + U)|
     * @param lossDifference per step: |L(γ_proj^t(Q⁻¹·(W, b))) − L_red(γ_red^t(W^red, b^red))|, the
     *     losses measured after step t
     * @param finalLoss L_red after k steps
     * @param fullTrainingPass how the gradients of the full-width networks (W, b), Q⁻¹·(W, b)
     *     and the projected one were computed
     * @param reducedTrainingPass how the gradients of (W^red, b^red) were computed
     */
    public record Theorem7Check(double[] symmetryError, double[] projectionError, double[] lossDifference,
                                double finalLoss, TrainingPass.Method fullTrainingPass,
                                TrainingPass.Method reducedTrainingPass) {
        /** @return the largest symmetry error over all steps */
        public double maxSymmetryError() {
            return max(symmetryError);
        }

        /** @return the largest projection error over all steps */
        public double maxProjectionError() {
            return max(projectionError);
        }

        /** @return the loss difference after the last step */
        public double finalLossDifference() {
            return lossDifference.length == 0 ? 0.0 : lossDifference[lossDifference.length - 1];
        }

        private static double max(double[] values) {
            double m = 0.0;
            for (double v : values) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    /**
     * @param f a network, not modified
     * @param g a network with the same input and output widths on the same backend, not modified
     * @param x a batch × n₀ tensor of finite inputs
     * @return max and mean |F(x) − G(x)|
     */
    public static OutputDifference outputDifference(FeedForwardNetwork f, FeedForwardNetwork g, Tensor x) {
        if (f.inputWidth() != g.inputWidth() || f.outputWidth() != g.outputWidth()) {
            throw new ShapeMismatchException("cannot compare networks mapping " + f.inputWidth() + " → " + f.outputWidth()
                    + " and " + g.inputWidth() + " → " + g.outputWidth());
        }
        try (Tensor fx = f.forward(x); Tensor gx = g.forward(x)) {
            return outputDifference(fx, gx);
        }
    }

    /**
     * The differences of two networks' outputs already computed on one batch (e.g. F(x) on
     * another thread while the network is compressed), as {@link #outputDifference(FeedForwardNetwork,
     * FeedForwardNetwork, Tensor)} takes them: D = F(x) − G(x) entry by entry, max |D| and the
     * mean of |D| summed in the backend's order.
     *
     * @param fx F(x), batch × outputs, not modified
     * @param gx G(x), the same shape on the same backend, not modified
     * @return max and mean |F(x) − G(x)|
     * @throws ShapeMismatchException if the shapes differ
     * @throws io.radnet.api.BackendMismatchException if gx belongs to another backend
     */
    public static OutputDifference outputDifference(Tensor fx, Tensor gx) {
        Backend b = fx.backend();
        try (Tensor difference = b.zeros(fx.rows(), fx.cols())) {
            b.subtract(fx, gx, difference);
            double max = b.maxAbs(difference);
            b.map(difference, Math::abs, difference);
            double mean = difference.size() == 0 ? 0.0 : b.sum(difference) / difference.size();
            return new OutputDifference(max, mean);
        }
    }

    /**
     * Runs both identities of Theorem 7 for k full-batch gradient-descent steps on (x, y).
     *
     * @param network a radial network, not modified
     * @param x batch × n₀ inputs
     * @param y targets for the loss
     * @param loss the loss
     * @param learningRate η &gt; 0
     * @param k number of steps, ≥ 0
     * @return the errors after every step
     */
    public static Theorem7Check theorem7(RadialNetwork network, Tensor x, Tensor y, Loss loss, double learningRate,
                                         int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the number of steps k must be non-negative, got " + k);
        }
        SymmetricCompression sc = QrCompression.compressWithSymmetry(network);
        Param p = network.parameters();
        int[] n = p.widths();
        Backend b = p.backend();
        RadialNetwork plain = copyOf(network, p.copy());
        RadialNetwork transformed = copyOf(network, sc.transformed().copy());
        RadialNetwork projected = copyOf(network, sc.transformed().copy());
        RadialNetwork reduced = copyOf(sc.compressed().network(), sc.compressed().network().parameters().copy());
        Stepper gPlain = new Stepper(plain, x, y, loss, new GradientDescent(learningRate));
        Stepper gTransformed = new Stepper(transformed, x, y, loss, new GradientDescent(learningRate));
        Stepper gProjected = new Stepper(projected, x, y, loss,
                ProjectedGradientDescent.optimizer(learningRate, b, n, p.hasShifts(), network.layerBiases()));
        Stepper gReduced = new Stepper(reduced, x, y, loss, new GradientDescent(learningRate));
        double[] symmetry = new double[k];
        double[] projection = new double[k];
        double[] lossDifference = new double[k];
        double finalLoss = Double.NaN;
        for (int t = 0; t < k; t++) {
            gPlain.step();
            gTransformed.step();
            gProjected.step();
            gReduced.step();
            Param rotatedBack = SymmetryAction.apply(sc.q(), transformed.parameters());
            symmetry[t] = plain.parameters().maxAbsDifference(rotatedBack);
            rotatedBack.close();
            Param expected = QrCompression.embed(reduced.parameters(), n);
            expected.axpy(1.0, sc.remainder());
            projection[t] = projected.parameters().maxAbsDifference(expected);
            expected.close();
            double lossProjected = lossAt(projected, x, y, loss);
            finalLoss = lossAt(reduced, x, y, loss);
            lossDifference[t] = Math.abs(lossProjected - finalLoss);
        }
        return new Theorem7Check(symmetry, projection, lossDifference, k == 0 ? lossAt(reduced, x, y, loss) : finalLoss,
                gPlain.pass.method(), gReduced.pass.method());
    }

    /** @return L(F(x), y), the network's output closed after use */
    private static double lossAt(RadialNetwork network, Tensor x, Tensor y, Loss loss) {
        try (Tensor output = network.forward(x)) {
            return loss.value(output, y);
        }
    }

    private static RadialNetwork copyOf(RadialNetwork like, Param parameters) {
        return new RadialNetwork(parameters, like.profiles(), like.trainableShifts(), like.layerBiases());
    }

    /** One full-batch optimizer step at a time, with its buffers. */
    private static final class Stepper {
        private final RadialNetwork network;
        private final Tensor inputs;
        private final Tensor targets;
        private final Loss loss;
        private final Optimizer optimizer;
        private final TrainingPass pass;
        private final Param gradient;
        private final Tensor dOutput;

        Stepper(RadialNetwork network, Tensor x, Tensor y, Loss loss, Optimizer optimizer) {
            this.network = network;
            this.inputs = x;
            this.targets = y;
            this.loss = loss;
            this.optimizer = optimizer;
            this.pass = network.trainingPass(x.rows());
            this.gradient = network.parameters().zerosLike();
            this.dOutput = network.backend().zeros(x.rows(), network.outputWidth());
        }

        void step() {
            Tensor out = pass.forward(inputs);
            loss.valueAndGradient(out, targets, dOutput);
            pass.backward(dOutput, gradient);
            optimizer.step(network.parameters(), gradient);
        }
    }
}
