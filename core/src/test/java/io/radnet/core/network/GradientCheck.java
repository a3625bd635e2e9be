package io.radnet.core.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.core.loss.Loss;

/**
 * Central finite differences of L(θ) = loss(F_θ(x), y) in every parameter, compared with the
 * analytic gradient of {@link TrainingPass#backward}: the relative error
 * ‖g_analytic − g_numeric‖ / max(‖g_analytic‖, ‖g_numeric‖) must be at most 1e-6.
 */
final class GradientCheck {
    /** Relative error allowed between the analytic and the finite-difference gradient. */
    static final double RELATIVE_TOLERANCE = 1e-6;
    private static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /**
     * A seeded radial network for gradient checks: shifts "none", "fixed" or "trainable" (starting
     * at 0.4); Step-ReLU (also with a constant below the step, {@code step-relu:C}), which is
     * constant below |v| = 1, gets its weights scaled by 3 so that some units are active.
     */
    static RadialNetwork radialNetwork(Backend b, int[] widths, RadialProfile profile, String shifts,
                                       long seed) {
        RadialNetwork net = shifts.equals("none")
                ? RadialNetwork.initialized(b, widths, profile, seed)
                : RadialNetwork.initializedWithShifts(b, widths, profile, 0.4, shifts.equals("trainable"), seed);
        if (profile.toString().startsWith("step-relu")) {
            for (int i = 1; i <= net.depth(); i++) {
                b.scale(3.0, net.parameters().weight(i), net.parameters().weight(i));
            }
        }
        return net;
    }

    static double loss(Network network, Loss loss, Tensor x, Tensor y) {
        return loss.value(network.forward(x), y);
    }

    /** @return {analytic, numeric} flattened gradients */
    static double[][] gradients(Network network, Loss loss, Tensor x, Tensor y) {
        return gradients(network, network.trainingPass(x.rows()), loss, x, y);
    }

    /** @return {analytic (from the given pass), numeric} flattened gradients */
    static double[][] gradients(Network network, TrainingPass pass, Loss loss, Tensor x, Tensor y) {
        Backend b = network.backend();
        ParameterVector theta = network.parameters();
        Tensor out = pass.forward(x);
        Tensor dOut = b.zeros(out.rows(), out.cols());
        loss.valueAndGradient(out, y, dOut);
        ParameterVector analytic = theta.zerosLike();
        pass.backward(dOut, analytic);

        ParameterVector numeric = theta.zerosLike();
        for (int k = 0; k < theta.tensors().size(); k++) {
            Tensor t = theta.tensors().get(k);
            Tensor g = numeric.tensors().get(k);
            boolean isShift = theta instanceof Param layered && layered.hasShifts() && k == theta.tensors().size() - 1;
            if (isShift && network instanceof FeedForwardNetwork ffn && !ffn.trainableShifts()) {
                continue; // fixed shifts: the analytic gradient is zero by definition
            }
            for (int i = 0; i < t.rows(); i++) {
                for (int j = 0; j < t.cols(); j++) {
                    double original = t.get(i, j);
                    double h = STEP * Math.max(1.0, Math.abs(original));
                    t.set(i, j, original + h);
                    double plus = loss(network, loss, x, y);
                    t.set(i, j, original - h);
                    double minus = loss(network, loss, x, y);
                    t.set(i, j, original);
                    g.set(i, j, (plus - minus) / (2 * h));
                }
            }
        }
        return new double[][] {analytic.flatten(), numeric.flatten()};
    }

    static void assertGradientMatches(Network network, Loss loss, Tensor x, Tensor y, String what) {
        assertGradientMatches(network, network.trainingPass(x.rows()), loss, x, y, what);
    }

    /** The check for the gradient of a given training pass of the network, for batches of x.rows(). */
    static void assertGradientMatches(Network network, TrainingPass pass, Loss loss, Tensor x, Tensor y, String what) {
        double[][] g = gradients(network, pass, loss, x, y);
        double difference = 0.0;
        double na = 0.0;
        double nn = 0.0;
        for (int p = 0; p < g[0].length; p++) {
            difference += (g[0][p] - g[1][p]) * (g[0][p] - g[1][p]);
            na += g[0][p] * g[0][p];
            nn += g[1][p] * g[1][p];
        }
        double scale = Math.max(Math.sqrt(na), Math.sqrt(nn));
        double relative = scale == 0.0 ? 0.0 : Math.sqrt(difference) / scale;
        assertTrue(scale > 0.0, what + ": the gradient is identically zero, the check would be vacuous");
        assertTrue(relative <= RELATIVE_TOLERANCE, what + ": relative gradient error " + relative + " (‖g‖ = " + scale + ")");
    }
}
