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
     * Batched ρ_s over columns. Per-sample scalars (norms, coefficients, dot products) are
     * computed in one Java loop over arrays of length batch; the width × batch work runs as
     * backend ops (column norms and dots, column scaling, addition).
     */
    private final class Kernel implements LayerKernel {
        private final Backend b;
        private final Tensor norms;
        private final Tensor perSample;
        private final Tensor direction;
        private final double[] r;
        private final double[] c;
        private final double[] scratch;
        private Tensor z;
        private double shift;

        Kernel(Backend b, int batch, int width) {
            this.b = b;
            this.norms = b.zeros(1, batch);
            this.perSample = b.zeros(1, batch);
            this.direction = b.zeros(width, batch);
            this.r = new double[batch];
            this.c = new double[batch];
            this.scratch = new double[batch];
        }

        @Override
        public void forward(Tensor z, double shift, Tensor out) {
            this.z = z;
            this.shift = shift;
            b.columnNorms(z, norms);
            norms.toRowMajor(r);
            for (int k = 0; k < r.length; k++) {
                double rk = r[k];
                c[k] = rk >= Double.MIN_NORMAL ? profile.value(rk + shift) / rk : 0.0;
            }
            perSample.setRowMajor(c);
            b.scaleColumns(z, perSample, out);
        }

        @Override
        public double backward(Tensor g, Tensor dz, boolean wantShiftGradient) {
            double s = shift;
            double atZero = profile.derivative(s);
            // u = z / r (0 where r is treated as 0)
            for (int k = 0; k < r.length; k++) {
                scratch[k] = r[k] >= Double.MIN_NORMAL ? 1.0 / r[k] : 0.0;
            }
            perSample.setRowMajor(scratch);
            b.scaleColumns(z, perSample, direction);
            // u·g per sample
            b.columnDots(direction, g, perSample);
            perSample.toRowMajor(scratch);
            double shiftGradient = 0.0;
            // dz = c·g (c replaced by η′(s) where r is treated as 0) + (η′(r + s) − c)(u·g)·u
            for (int k = 0; k < r.length; k++) {
                double ug = scratch[k];
                if (r[k] >= Double.MIN_NORMAL) {
                    double slope = profile.derivative(r[k] + s);
                    shiftGradient += slope * ug;
                    scratch[k] = (slope - c[k]) * ug;
                } else {
                    scratch[k] = 0.0;
                }
            }
            perSample.setRowMajor(scratch);
            b.scaleColumns(direction, perSample, direction);
            for (int k = 0; k < r.length; k++) {
                scratch[k] = r[k] >= Double.MIN_NORMAL ? c[k] : atZero;
            }
            perSample.setRowMajor(scratch);
            b.scaleColumns(g, perSample, dz);
            b.add(dz, direction, dz);
            return wantShiftGradient ? shiftGradient : 0.0;
        }
    }
}
