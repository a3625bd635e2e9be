package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.List;

/**
 * The exact gradient of a radial network, computed in the low-dimensional subspaces where its
 * activations and back-propagated signals live. Same results as the dense pass to rounding, at a
 * cost set by the reduced widths instead of the full ones.
 *
 * <p><b>Forward subspaces</b> (radial paper, §5.2, Algorithm 1). With V₀ = I and
 * d₀ = n₀: the pre-activation z_i = W_i a_{i−1} + b_i lies in the range of
 * K_i = [b_i  W_i V_{i−1}] (n_i × (d_{i−1} + 1)), so when d_{i−1} + 1 &lt; n_i the economy QR
 * K_i = V_i R_i gives an orthonormal basis V_i (n_i × d_i, d_i = d_{i−1} + 1) with z_i = V_i z̃_i,
 * and z̃_i = W̃_i ã_{i−1} + b̃_i where b̃_i, W̃_i are the columns of R_i; otherwise V_i = I and
 * d_i = n_i. Radial rescalings commute with V_i (|V_i z̃| = |z̃|), so a_i = V_i ρ(z̃_i) = V_i ã_i:
 * the forward pass is QR-compress's reduced network (Theorem 5), and the output is
 * W_L V_{L−1} ã_{L−1} + b_L.
 *
 * <p><b>Backward subspaces.</b> With U_L = I: ∂L/∂a_{i} = W_{i+1}ᵀ ∂L/∂z_{i+1} lies in the
 * range of X_i = W_{i+1}ᵀ U_{i+1}, and the radial Jacobian Jᵀg = c·g + (η′ − c)(u·g)·u adds
 * only u = z_i/|z_i| ∈ range(V_i). So ∂L/∂z_i = U_i δ̃_i with U_i the economy QR factor of
 * [V_i  X_i] = U_i S_i (n_i × e_i, e_i = d_i + e_{i+1}) when that is narrower than n_i, else
 * U_i = I. The coordinates follow from S_i = [P_i  M_{i+1}]: P_i = U_iᵀV_i maps z̃_i to U_i
 * coordinates, M_{i+1} = U_iᵀW_{i+1}ᵀU_{i+1} maps δ̃_{i+1} to ∂L/∂a_i, and the radial
 * back-propagation runs on those coordinates unchanged (same norms). Finally
 * ∂L/∂W_i = U_i (δ̃_i ã_{i−1}ᵀ) V_{i−1}ᵀ and ∂L/∂b_i = U_i δ̃_i 1: the per-sample work is
 * Σ (d_i d_{i−1} + e_i d_{i−1} + e_{i−1} e_i + e_i d_i) multiply-adds instead of
 * 3 Σ n_i n_{i−1}, plus QR decompositions and dense products whose cost does not grow with the
 * batch.
 *
 * <p>Buffers are stored one sample per column, as in the dense pass. A null basis stands for
 * the identity.
 */
final class SubspaceTrainingPass extends BatchTrainingPass {
    /** Relative cost of one radial-rescaling entry (norm, rescale, back-propagation) against a multiply-add. */
    private static final int RADIAL_ENTRY_COST = 8;

    private final RadialNetwork network;
    private final Backend b;
    private final int batch;
    private final int layers;
    private final int[] n;
    private final int[] d;
    private final int[] e;
    private final List<RadialProfile> profiles;

    // forward: V_i, [b_i  W_i V_{i−1}] = V_i R_i, R_i, b_i as a column, W_i V_{i−1}, W̃_i, b̃_i, z̃_i, ã_i
    private final Tensor[] v;
    private final Tensor[] augmented;
    private final Tensor[] r;
    private final Tensor[] biasColumn;
    private final Tensor[] product;
    private final Tensor[] reducedWeight;
    private final Tensor[] reducedBias;
    private final Tensor[] z;
    private final Tensor[] a;
    private final Tensor[] state;
    private final Tensor inputT;
    private final Tensor output;

    // backward: U_i, X_i = W_{i+1}ᵀU_{i+1}, [V_i  X_i] = U_i S_i, S_i, P_i, M_i (null: W_iᵀ itself), δ̃_i,
    // P_i z̃_i, the weight gradient δ̃_i ã_{i−1}ᵀ and its product with V_{i−1}ᵀ, bias gradients
    private Tensor[] u;
    private Tensor[] x;
    private Tensor[] stacked;
    private Tensor[] s;
    private Tensor[] p;
    private Tensor[] m;
    private Tensor[] delta;
    private Tensor[] zInU;
    private Tensor[] weightInCoordinates;
    private Tensor[] weightTimesV;
    private Tensor[] biasInCoordinates;
    private Tensor[] biasSum;
    private Tensor inputWeight;
    private Tensor inputGradientT;

    SubspaceTrainingPass(RadialNetwork network, int batch) {
        super(network, batch);
        this.network = network;
        this.b = network.backend();
        this.batch = batch;
        this.n = network.widths();
        this.layers = network.depth();
        this.d = forwardWidths(n);
        this.e = backwardWidths(n, d);
        this.profiles = network.profiles();
        v = new Tensor[layers + 1];
        augmented = new Tensor[layers + 1];
        r = new Tensor[layers + 1];
        biasColumn = new Tensor[layers + 1];
        product = new Tensor[layers + 1];
        reducedWeight = new Tensor[layers + 1];
        reducedBias = new Tensor[layers + 1];
        z = new Tensor[layers + 1];
        a = new Tensor[layers + 1];
        state = new Tensor[layers + 1];
        inputT = b.zeros(n[0], batch);
        a[0] = inputT;
        for (int i = 1; i <= layers; i++) {
            boolean hidden = i < layers;
            if (v[i - 1] != null) {
                product[i] = b.zeros(n[i], d[i - 1]);
            }
            if (hidden && d[i] < n[i]) {
                v[i] = b.zeros(n[i], d[i]);
                augmented[i] = b.zeros(n[i], d[i - 1] + 1);
                r[i] = b.zeros(d[i], d[i - 1] + 1);
                biasColumn[i] = b.zeros(n[i], 1);
                reducedWeight[i] = b.zeros(d[i], d[i - 1]);
                reducedBias[i] = b.zeros(d[i], 1);
            }
            z[i] = b.zeros(d[i], batch);
            if (hidden) {
                a[i] = b.zeros(d[i], batch);
                state[i] = b.zeros(3, batch);
            }
        }
        output = b.zeros(batch, n[layers]);
    }

    /** d_i: n₀, then min(n_i, d_{i−1} + 1) for the hidden layers, and n_L. */
    static int[] forwardWidths(int[] n) {
        int[] d = n.clone();
        for (int i = 1; i < n.length - 1; i++) {
            d[i] = Math.min(n[i], d[i - 1] + 1);
        }
        return d;
    }

    /** e_i: n_L, then min(n_i, d_i + e_{i+1}) down to layer 1, and n₀. */
    static int[] backwardWidths(int[] n, int[] d) {
        int[] e = n.clone();
        for (int i = n.length - 2; i >= 1; i--) {
            e[i] = Math.min(n[i], d[i] + e[i + 1]);
        }
        return e;
    }

    /**
     * Whether this pass pays for a batch: its multiply-adds (the per-sample products and radial
     * work, plus the decompositions and dense products of every step) are at most three quarters
     * of the dense pass's.
     *
     * @param n the widths
     * @param batch the batch size
     * @return whether the subspace pass is the cheaper one
     */
    static boolean pays(int[] n, int batch) {
        int[] d = forwardWidths(n);
        int[] e = backwardWidths(n, d);
        int layers = n.length - 1;
        double dense = 0.0;
        double perSample = 0.0;
        double perStep = 0.0;
        for (int i = 1; i <= layers; i++) {
            dense += 3.0 * n[i] * n[i - 1];
            perSample += (double) d[i] * d[i - 1] + (double) e[i] * d[i - 1];
            perStep += (double) n[i] * e[i] * d[i - 1] + (double) n[i] * d[i - 1] * n[i - 1];
            if (i < layers) {
                dense += RADIAL_ENTRY_COST * n[i];
                perSample += (double) e[i] * e[i + 1] + (double) e[i] * d[i] + RADIAL_ENTRY_COST * (d[i] + e[i]);
                perStep += 2.0 * n[i] * (d[i - 1] + 1) * (d[i - 1] + 1) + 2.0 * n[i] * e[i] * e[i]
                        + (double) n[i + 1] * n[i] * e[i + 1];
            }
        }
        return perSample * batch + perStep <= 0.75 * dense * batch;
    }

    @Override
    Tensor forwardChecked(Tensor input) {
        Param param = network.parameters();
        b.transpose(input, inputT);
        for (int i = 1; i <= layers; i++) {
            Tensor weight = param.weight(i);
            Tensor bias = param.bias(i);
            if (v[i - 1] != null) {
                b.gemm(1.0, weight, Transpose.NONE, v[i - 1], Transpose.NONE, 0.0, product[i]);
                weight = product[i];
            }
            if (v[i] != null) {
                // K_i = [b_i  W_i V_{i−1}] = V_i R_i; b̃_i and W̃_i are the columns of R_i
                b.copyReshaped(bias, biasColumn[i]);
                b.copyBlock(biasColumn[i], 0, 0, n[i], 1, augmented[i], 0, 0);
                b.copyBlock(weight, 0, 0, n[i], d[i - 1], augmented[i], 0, 1);
                decompose(augmented[i], v[i], r[i], "W_" + i + " or b_" + i);
                b.copyBlock(r[i], 0, 0, d[i], 1, reducedBias[i], 0, 0);
                b.copyBlock(r[i], 0, 1, d[i], d[i - 1], reducedWeight[i], 0, 0);
                weight = reducedWeight[i];
                bias = reducedBias[i];
            }
            b.gemm(1.0, weight, Transpose.NONE, a[i - 1], Transpose.NONE, 0.0, z[i]);
            b.addColumnVector(z[i], bias, z[i]);
            if (i < layers) {
                b.radialColumns(z[i], profiles.get(i - 1), param.shift(i), a[i], state[i]);
            }
        }
        b.transpose(z[layers], output);
        return output;
    }

    @Override
    void backwardChecked(Tensor dOutput, Param gradient, boolean accumulate, Tensor dInput) {
        Param param = network.parameters();
        allocateBackwardBuffers();
        backwardBases(param);
        double beta = accumulate ? 1.0 : 0.0;
        b.transpose(dOutput, delta[layers]);
        for (int i = layers; i >= 1; i--) {
            weightGradient(i, beta, gradient.weight(i));
            biasGradient(i, accumulate, gradient.bias(i));
            if (i > 1) {
                // ∂L/∂a_{i−1} = W_iᵀ U_i δ̃_i in U_{i−1} coordinates, then back through ρ on P_{i−1} z̃_{i−1}
                Tensor g = delta[i - 1];
                if (m[i] == null) {
                    b.gemm(1.0, param.weight(i), Transpose.TRANSPOSED, delta[i], Transpose.NONE, 0.0, g);
                } else {
                    b.gemm(1.0, m[i], Transpose.NONE, delta[i], Transpose.NONE, 0.0, g);
                }
                Tensor preActivation = z[i - 1];
                if (p[i - 1] != null) {
                    b.gemm(1.0, p[i - 1], Transpose.NONE, z[i - 1], Transpose.NONE, 0.0, zInU[i - 1]);
                    preActivation = zInU[i - 1];
                }
                double ds = b.radialColumnsBackward(preActivation, state[i - 1], g, g);
                network.storeShiftGradient(gradient, i - 1, ds, accumulate);
            } else if (dInput != null) {
                if (u[1] == null) {
                    b.gemm(1.0, param.weight(1), Transpose.TRANSPOSED, delta[1], Transpose.NONE, 0.0, inputGradientT);
                } else {
                    b.gemm(1.0, param.weight(1), Transpose.TRANSPOSED, u[1], Transpose.NONE, 0.0, inputWeight);
                    b.gemm(1.0, inputWeight, Transpose.NONE, delta[1], Transpose.NONE, 0.0, inputGradientT);
                }
                b.transpose(inputGradientT, dInput);
            }
        }
    }

    /** ∂L/∂W_i = U_i (δ̃_i ã_{i−1}ᵀ) V_{i−1}ᵀ, into (or added to, β = 1) the gradient's W_i. */
    private void weightGradient(int i, double beta, Tensor out) {
        if (u[i] == null && v[i - 1] == null) {
            b.gemm(1.0, delta[i], Transpose.NONE, a[i - 1], Transpose.TRANSPOSED, beta, out);
            return;
        }
        Tensor coordinates = weightInCoordinates[i];
        b.gemm(1.0, delta[i], Transpose.NONE, a[i - 1], Transpose.TRANSPOSED, 0.0, coordinates);
        if (u[i] == null) {
            b.gemm(1.0, coordinates, Transpose.NONE, v[i - 1], Transpose.TRANSPOSED, beta, out);
        } else if (v[i - 1] == null) {
            b.gemm(1.0, u[i], Transpose.NONE, coordinates, Transpose.NONE, beta, out);
        } else {
            b.gemm(1.0, coordinates, Transpose.NONE, v[i - 1], Transpose.TRANSPOSED, 0.0, weightTimesV[i]);
            b.gemm(1.0, u[i], Transpose.NONE, weightTimesV[i], Transpose.NONE, beta, out);
        }
    }

    /** ∂L/∂b_i = U_i δ̃_i 1, into (or added to) the gradient's b_i. */
    private void biasGradient(int i, boolean accumulate, Tensor out) {
        if (u[i] != null) {
            b.rowSums(delta[i], biasInCoordinates[i]);
            b.gemm(1.0, biasInCoordinates[i], Transpose.NONE, u[i], Transpose.TRANSPOSED, accumulate ? 1.0 : 0.0, out);
        } else if (accumulate) {
            b.rowSums(delta[i], biasSum[i]);
            b.add(out, biasSum[i], out);
        } else {
            b.rowSums(delta[i], out);
        }
    }

    /**
     * U_i, P_i and M_{i+1} from the current weights, layer L − 1 down to 1: [V_i  X_i] = U_i S_i
     * with X_i = W_{i+1}ᵀ U_{i+1}, P_i = S_i's first d_i columns and M_{i+1} the rest; where U_i = I,
     * P_i = V_i and M_{i+1} = X_i.
     */
    private void backwardBases(Param param) {
        for (int i = layers - 1; i >= 1; i--) {
            Tensor next = param.weight(i + 1);
            if (x[i] != null) {
                if (u[i + 1] == null) {
                    b.transpose(next, x[i]);
                } else {
                    b.gemm(1.0, next, Transpose.TRANSPOSED, u[i + 1], Transpose.NONE, 0.0, x[i]);
                }
            }
            if (u[i] != null) {
                b.copyBlock(v[i], 0, 0, n[i], d[i], stacked[i], 0, 0);
                b.copyBlock(x[i], 0, 0, n[i], e[i + 1], stacked[i], 0, d[i]);
                decompose(stacked[i], u[i], s[i], "W_" + (i + 1));
                b.copyBlock(s[i], 0, 0, e[i], d[i], p[i], 0, 0);
                b.copyBlock(s[i], 0, d[i], e[i], e[i + 1], m[i + 1], 0, 0);
            }
        }
    }

    /**
     * Economy QR of a basis matrix built from the parameters; NaN or ∞ there comes from the
     * parameters and is reported as theirs.
     */
    private void decompose(Tensor k, Tensor q, Tensor rFactor, String parameters) {
        try {
            b.qr(k, QrMode.ECONOMY, q, rFactor);
        } catch (NonFiniteValueException e) {
            throw new NonFiniteValueException("the subspace training pass needs finite parameters, but " + parameters
                    + " holds NaN or ∞ (Backprop.DENSE propagates them to the output instead)");
        }
    }

    private void allocateBackwardBuffers() {
        if (delta != null) {
            return;
        }
        u = new Tensor[layers + 1];
        x = new Tensor[layers + 1];
        stacked = new Tensor[layers + 1];
        s = new Tensor[layers + 1];
        p = new Tensor[layers + 1];
        m = new Tensor[layers + 1];
        delta = new Tensor[layers + 1];
        zInU = new Tensor[layers + 1];
        weightInCoordinates = new Tensor[layers + 1];
        weightTimesV = new Tensor[layers + 1];
        biasInCoordinates = new Tensor[layers + 1];
        biasSum = new Tensor[layers + 1];
        for (int i = layers - 1; i >= 1; i--) {
            if (e[i] < n[i]) {
                u[i] = b.zeros(n[i], e[i]);
                stacked[i] = b.zeros(n[i], e[i]);
                s[i] = b.zeros(e[i], e[i]);
                p[i] = b.zeros(e[i], d[i]);
                m[i + 1] = b.zeros(e[i], e[i + 1]);
            } else {
                p[i] = v[i];
            }
            if (u[i] != null || u[i + 1] != null) {
                x[i] = b.zeros(n[i], e[i + 1]);
                if (u[i] == null) {
                    m[i + 1] = x[i];
                }
            }
            if (p[i] != null) {
                zInU[i] = b.zeros(e[i], batch);
            }
        }
        for (int i = 1; i <= layers; i++) {
            delta[i] = b.zeros(e[i], batch);
            if (u[i] != null || v[i - 1] != null) {
                weightInCoordinates[i] = b.zeros(e[i], d[i - 1]);
            }
            if (u[i] != null && v[i - 1] != null) {
                weightTimesV[i] = b.zeros(e[i], n[i - 1]);
            }
            if (u[i] != null) {
                biasInCoordinates[i] = b.zeros(1, e[i]);
            } else {
                biasSum[i] = b.zeros(1, n[i]);
            }
        }
        if (u[1] != null) {
            inputWeight = b.zeros(n[0], e[1]);
        }
        inputGradientT = b.zeros(n[0], batch);
    }
}
