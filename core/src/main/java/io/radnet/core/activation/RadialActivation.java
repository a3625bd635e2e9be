package io.radnet.core.activation;

import io.radnet.api.Backend;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import java.util.Objects;

/**
 * The radial rescaling activation of the radial paper (§3), as in its reference
 * implementation: ρ_s(v) = η(|v| + s) · v/|v| with ρ_s(0) = 0, for a profile η and an
 * activation shift s. ρ_s commutes with every orthogonal map, ρ_s(Qv) = Q ρ_s(v).
 *
 * <p><b>Backward pass.</b> With r = |v| &gt; 0, u = v/r and c = η(r + s)/r, the Jacobian is
 * J = c·I + (η′(r + s) − c)·u uᵀ, so J is symmetric and Jᵀg = c·g + (η′(r + s) − c)(u·g)·u, and
 * ∂ρ/∂s · g = η′(r + s)(u·g). Every quantity is formed from the unit vector u, so no
 * intermediate is larger than the result itself: there is no 1/r² term and no cancellation
 * that grows as r → 0. For profiles with η(s) = 0 the Jacobian tends to η′(s)·I as r → 0; for
 * others (the sigmoid) ρ is discontinuous at 0 and |J| grows like η(s)/r, exactly.
 *
 * <p><b>At zero.</b> Samples with |v| below {@link Double#MIN_NORMAL} are treated as v = 0:
 * ρ = 0 there, the Jacobian is taken as η′(s)·I (the derivative along every ray when
 * η(s) = 0) and ∂ρ/∂s = 0. Nothing is NaN at v = 0.
 */
public final class RadialActivation implements LayerActivation {
    private final RadialProfile profile;

    /**
     * @param profile the profile η
     */
    public RadialActivation(RadialProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** @return the profile η */
    public RadialProfile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "radial " + profile;
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public LayerKernel kernel(Backend backend, int batch, int width) {
        return new Kernel(backend, batch, width);
    }

    /**
     * ρ_s of one vector, for tests and small uses: the same arithmetic as the batched kernel.
     *
     * @param v a vector, not modified
     * @param shift s
     * @return a new array ρ_s(v)
     */
    public double[] apply(double[] v, double shift) {
        double r = norm(v);
        double[] out = new double[v.length];
        if (r >= Double.MIN_NORMAL) {
            double c = profile.value(r + shift) / r;
            for (int j = 0; j < v.length; j++) {
                out[j] = c * v[j];
            }
        }
        return out;
    }

    private static double norm(double[] v) {
        double max = 0.0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        if (max == 0.0 || !Double.isFinite(max)) {
            return max;
        }
        double acc = 0.0;
        for (double x : v) {
            acc += (x / max) * (x / max);
        }
        return max * Math.sqrt(acc);
    }

    /**
     * Batched ρ_s over columns through the backend's fused {@link Backend#radialColumns} and
     * {@link Backend#radialColumnsBackward}; the state between them (norms, coefficients,
     * slopes per sample) is the kernel's own buffer.
     */
    private final class Kernel implements LayerKernel {
        private final Backend backend;
        private final Tensor state;
        private Tensor preActivation;

        Kernel(Backend backend, int batch, int width) {
            this.backend = backend;
            this.state = backend.zeros(3, batch);
        }

        @Override
        public void forward(Tensor z, double shift, Tensor out) {
            this.preActivation = z;
            backend.radialColumns(z, profile, shift, out, state);
        }

        @Override
        public double backward(Tensor g, Tensor dz, boolean wantShiftGradient) {
            double shiftGradient = backend.radialColumnsBackward(preActivation, state, g, dz);
            return wantShiftGradient ? shiftGradient : 0.0;
        }
    }
}
