package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.NonFiniteValueException;
import io.radnet.api.QrMode;
import io.radnet.api.RadialProfile;
import io.radnet.api.SubspacePassCost;
import io.radnet.api.Tensor;
import io.radnet.api.Transpose;
import java.util.Arrays;
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
 * <p>Buffers are stored one sample per column, as in the dense pass. A basis that spans the
 * whole space is {@link Basis#IDENTITY}, and every product with it is skipped: V₀ = V_L = U_L = I
 * always, and V_i = I (U_i = I) where d_i = n_i (e_i = n_i). Invariants after a forward call:
 * the pre-activation of layer i is V_i z̃_i and its activation V_i ã_i; after backward, ∂L/∂z_i
 * = U_i δ̃_i for every layer.
 */
final class SubspaceTrainingPass extends BatchTrainingPass {
    /**
     * An n × d matrix with orthonormal columns spanning the subspace a signal of ℝ^n lives in,
     * or the identity of ℝ^n when that subspace is all of it; products with the identity are
     * skipped, not computed.
     */
    private static final class Basis {
        static final Basis IDENTITY = new Basis(null);
        private final Tensor matrix;

        private Basis(Tensor matrix) {
            this.matrix = matrix;
        }

        /** @return a basis whose columns are those of the given n × d matrix (d &lt; n) */
        static Basis of(Tensor matrix) {
            return new Basis(matrix);
        }

        boolean isIdentity() {
            return this == IDENTITY;
        }

        /** @return the n × d matrix; the identity has none */
        Tensor matrix() {
            if (isIdentity()) {
                throw new IllegalStateException("the identity basis is not stored as a matrix");
            }
            return matrix;
        }
    }

    private final RadialNetwork network;
    private final Backend backend;
    private final int layers;
    /** n_0 … n_L. */
    private final int[] widths;
    /** d_i, the dimension of the forward subspace of layer i (the reduced widths). */
    private final int[] forwardDimensions;
    /** e_i, the dimension of the backward subspace of layer i. */
    private final int[] backwardDimensions;
    private final List<RadialProfile> profiles;
    /** s_i at index i − 1, read from the parameters at every forward call. */
    private final double[] shifts;
    /** ∂L/∂s_i at index i − 1, and the stored values when accumulating. */
    private final double[] shiftGradients;
    private final double[] storedShiftGradients;

    // forward, per layer i: V_i; K_i = [b_i  W_i V_{i−1}] = V_i R_i; R_i; b_i as a column; W_i V_{i−1};
    // W̃_i and b̃_i (the columns of R_i); z̃_i; ã_i; the radial state of layer i
    private final Basis[] forwardBases;
    private final Tensor[] augmented;
    private final Tensor[] forwardTriangular;
    private final Tensor[] biasColumns;
    private final Tensor[] weightsOnForwardBasis;
    private final Tensor[] reducedWeights;
    private final Tensor[] reducedBiases;
    private final Tensor[] reducedPreActivations;
    private final Tensor[] reducedActivations;
    private final Tensor[] radialStates;
    private final Tensor inputTransposed;
    private final Tensor output;

    // backward, per layer i: U_i; X_i = W_{i+1}ᵀ U_{i+1}; [V_i  X_i] = U_i S_i; S_i; P_i = U_iᵀ V_i
    // (the identity when U_i = V_i = I); M_i = U_{i−1}ᵀ W_iᵀ U_i (not stored when U_{i−1} = U_i = I: it is
    // W_iᵀ); δ̃_i; P_i z̃_i; δ̃_i ã_{i−1}ᵀ and its product with V_{i−1}ᵀ; the bias gradient in U_i
    // coordinates, or at full width when accumulating with U_i = I; W_1ᵀ U_1 and ∂L/∂xᵀ
    private Basis[] backwardBases;
    private Tensor[] weightsOnBackwardBasis;
    private Tensor[] stacked;
    private Tensor[] backwardTriangular;
    private Basis[] forwardInBackward;
    private Tensor[] backwardMaps;
    private Tensor[] reducedDeltas;
    private Tensor[] preActivationsInBackward;
    private Tensor[] weightGradientCoordinates;
    private Tensor[] weightGradientTimesBasis;
    private Tensor[] biasGradientCoordinates;
    private Tensor[] biasGradientSums;
    private Tensor inputWeightOnBasis;
    private Tensor inputGradientTransposed;

    SubspaceTrainingPass(RadialNetwork network, int batch) {
        super(network, batch, network::checkInput);
        this.network = network;
        this.backend = network.backend();
        this.widths = network.widths();
        this.layers = network.depth();
        this.forwardDimensions = ReducedWidths.of(widths);
        this.backwardDimensions = SubspacePassCost.backwardWidths(widths, forwardDimensions);
        this.profiles = network.profiles();
        this.shifts = new double[layers - 1];
        this.shiftGradients = new double[layers - 1];
        this.storedShiftGradients = new double[layers - 1];
        int[] n = widths;
        int[] d = forwardDimensions;
        forwardBases = new Basis[layers + 1];
        Arrays.fill(forwardBases, Basis.IDENTITY);
        augmented = new Tensor[layers + 1];
        forwardTriangular = new Tensor[layers + 1];
        biasColumns = new Tensor[layers + 1];
        weightsOnForwardBasis = new Tensor[layers + 1];
        reducedWeights = new Tensor[layers + 1];
        reducedBiases = new Tensor[layers + 1];
        reducedPreActivations = new Tensor[layers + 1];
        reducedActivations = new Tensor[layers + 1];
        radialStates = new Tensor[layers + 1];
        inputTransposed = backend.zeros(n[0], batch);
        reducedActivations[0] = inputTransposed;
        for (int i = 1; i <= layers; i++) {
            boolean hidden = i < layers;
            if (!forwardBases[i - 1].isIdentity()) {
                weightsOnForwardBasis[i] = backend.zeros(n[i], d[i - 1]);
            }
            if (hidden && d[i] < n[i]) {
                forwardBases[i] = Basis.of(backend.zeros(n[i], d[i]));
                augmented[i] = backend.zeros(n[i], d[i - 1] + 1);
                forwardTriangular[i] = backend.zeros(d[i], d[i - 1] + 1);
                biasColumns[i] = backend.zeros(n[i], 1);
                reducedWeights[i] = backend.zeros(d[i], d[i - 1]);
                reducedBiases[i] = backend.zeros(d[i], 1);
            }
            reducedPreActivations[i] = backend.zeros(d[i], batch);
            if (hidden) {
                reducedActivations[i] = backend.zeros(d[i], batch);
                radialStates[i] = backend.zeros(3, batch);
            }
        }
        output = backend.zeros(batch, n[layers]);
    }

    @Override
    Tensor forwardChecked(Tensor input) {
        Param param = network.parameters();
        param.readShifts(shifts);
        backend.transpose(input, inputTransposed);
        for (int i = 1; i <= layers; i++) {
            Tensor weight = param.weight(i);
            Tensor bias = param.bias(i);
            if (!forwardBases[i - 1].isIdentity()) {
                backend.gemm(1.0, weight, Transpose.NONE, forwardBases[i - 1].matrix(), Transpose.NONE, 0.0,
                        weightsOnForwardBasis[i]);
                weight = weightsOnForwardBasis[i];
            }
            if (!forwardBases[i].isIdentity()) {
                // K_i = [b_i  W_i V_{i−1}] = V_i R_i; b̃_i and W̃_i are the columns of R_i
                AugmentedMatrix.join(backend, bias, weight, biasColumns[i], augmented[i]);
                decompose(augmented[i], forwardBases[i].matrix(), forwardTriangular[i], "W_" + i + " or b_" + i);
                AugmentedMatrix.split(backend, forwardTriangular[i], reducedBiases[i], reducedWeights[i]);
                weight = reducedWeights[i];
                bias = reducedBiases[i];
            }
            backend.gemm(1.0, weight, Transpose.NONE, reducedActivations[i - 1], Transpose.NONE, 0.0,
                    reducedPreActivations[i]);
            backend.addColumnVector(reducedPreActivations[i], bias, reducedPreActivations[i]);
            if (i < layers) {
                backend.radialColumns(reducedPreActivations[i], profiles.get(i - 1), shifts[i - 1],
                        reducedActivations[i], radialStates[i]);
            }
        }
        backend.transpose(reducedPreActivations[layers], output);
        return output;
    }

    @Override
    void backwardChecked(Tensor dOutput, ParameterVector gradientVector, boolean accumulate, Tensor dInput) {
        Param gradient = (Param) gradientVector;
        Param param = network.parameters();
        allocateBackwardBuffers();
        backwardBases(param);
        double beta = accumulate ? 1.0 : 0.0;
        backend.transpose(dOutput, reducedDeltas[layers]);
        for (int i = layers; i >= 1; i--) {
            weightGradient(i, beta, gradient.weight(i));
            biasGradient(i, accumulate, gradient.bias(i));
            if (i > 1) {
                // ∂L/∂a_{i−1} = W_iᵀ U_i δ̃_i in U_{i−1} coordinates, then back through ρ on P_{i−1} z̃_{i−1}
                Tensor upstream = reducedDeltas[i - 1];
                if (backwardMaps[i] == null) {
                    backend.gemm(1.0, param.weight(i), Transpose.TRANSPOSED, reducedDeltas[i], Transpose.NONE, 0.0,
                            upstream);
                } else {
                    backend.gemm(1.0, backwardMaps[i], Transpose.NONE, reducedDeltas[i], Transpose.NONE, 0.0, upstream);
                }
                Tensor preActivation = reducedPreActivations[i - 1];
                if (!forwardInBackward[i - 1].isIdentity()) {
                    backend.gemm(1.0, forwardInBackward[i - 1].matrix(), Transpose.NONE, reducedPreActivations[i - 1],
                            Transpose.NONE, 0.0, preActivationsInBackward[i - 1]);
                    preActivation = preActivationsInBackward[i - 1];
                }
                shiftGradients[i - 2] = backend.radialColumnsBackward(preActivation, radialStates[i - 1], upstream,
                        upstream);
            } else if (dInput != null) {
                if (backwardBases[1].isIdentity()) {
                    backend.gemm(1.0, param.weight(1), Transpose.TRANSPOSED, reducedDeltas[1], Transpose.NONE, 0.0,
                            inputGradientTransposed);
                } else {
                    backend.gemm(1.0, param.weight(1), Transpose.TRANSPOSED, backwardBases[1].matrix(), Transpose.NONE,
                            0.0, inputWeightOnBasis);
                    backend.gemm(1.0, inputWeightOnBasis, Transpose.NONE, reducedDeltas[1], Transpose.NONE, 0.0,
                            inputGradientTransposed);
                }
                backend.transpose(inputGradientTransposed, dInput);
            }
        }
        network.storeShiftGradients(gradient, shiftGradients, accumulate, storedShiftGradients);
    }

    /** ∂L/∂W_i = U_i (δ̃_i ã_{i−1}ᵀ) V_{i−1}ᵀ, into (or added to, β = 1) the gradient's W_i. */
    private void weightGradient(int i, double beta, Tensor out) {
        Basis backwardBasis = backwardBases[i];
        Basis forwardBasis = forwardBases[i - 1];
        if (backwardBasis.isIdentity() && forwardBasis.isIdentity()) {
            backend.gemm(1.0, reducedDeltas[i], Transpose.NONE, reducedActivations[i - 1], Transpose.TRANSPOSED, beta, out);
            return;
        }
        Tensor coordinates = weightGradientCoordinates[i];
        backend.gemm(1.0, reducedDeltas[i], Transpose.NONE, reducedActivations[i - 1], Transpose.TRANSPOSED, 0.0,
                coordinates);
        if (backwardBasis.isIdentity()) {
            backend.gemm(1.0, coordinates, Transpose.NONE, forwardBasis.matrix(), Transpose.TRANSPOSED, beta, out);
        } else if (forwardBasis.isIdentity()) {
            backend.gemm(1.0, backwardBasis.matrix(), Transpose.NONE, coordinates, Transpose.NONE, beta, out);
        } else {
            backend.gemm(1.0, coordinates, Transpose.NONE, forwardBasis.matrix(), Transpose.TRANSPOSED, 0.0,
                    weightGradientTimesBasis[i]);
            backend.gemm(1.0, backwardBasis.matrix(), Transpose.NONE, weightGradientTimesBasis[i], Transpose.NONE, beta,
                    out);
        }
    }

    /** ∂L/∂b_i = U_i δ̃_i 1, into (or added to) the gradient's b_i. */
    private void biasGradient(int i, boolean accumulate, Tensor out) {
        if (!backwardBases[i].isIdentity()) {
            backend.rowSums(reducedDeltas[i], biasGradientCoordinates[i]);
            backend.gemm(1.0, biasGradientCoordinates[i], Transpose.NONE, backwardBases[i].matrix(), Transpose.TRANSPOSED,
                    accumulate ? 1.0 : 0.0, out);
        } else if (accumulate) {
            backend.rowSums(reducedDeltas[i], biasGradientSums[i]);
            backend.add(out, biasGradientSums[i], out);
        } else {
            backend.rowSums(reducedDeltas[i], out);
        }
    }

    /**
     * U_i, P_i and M_{i+1} from the current weights, layer L − 1 down to 1: [V_i  X_i] = U_i S_i
     * with X_i = W_{i+1}ᵀ U_{i+1}, P_i = S_i's first d_i columns and M_{i+1} the rest; where U_i = I,
     * P_i = V_i and M_{i+1} = X_i.
     */
    private void backwardBases(Param param) {
        int[] n = widths;
        int[] d = forwardDimensions;
        int[] e = backwardDimensions;
        for (int i = layers - 1; i >= 1; i--) {
            Tensor next = param.weight(i + 1);
            if (weightsOnBackwardBasis[i] != null) {
                if (backwardBases[i + 1].isIdentity()) {
                    backend.transpose(next, weightsOnBackwardBasis[i]);
                } else {
                    backend.gemm(1.0, next, Transpose.TRANSPOSED, backwardBases[i + 1].matrix(), Transpose.NONE, 0.0,
                            weightsOnBackwardBasis[i]);
                }
            }
            if (!backwardBases[i].isIdentity()) {
                backend.copyBlock(forwardBases[i].matrix(), 0, 0, n[i], d[i], stacked[i], 0, 0);
                backend.copyBlock(weightsOnBackwardBasis[i], 0, 0, n[i], e[i + 1], stacked[i], 0, d[i]);
                decompose(stacked[i], backwardBases[i].matrix(), backwardTriangular[i], "W_" + (i + 1));
                backend.copyBlock(backwardTriangular[i], 0, 0, e[i], d[i], forwardInBackward[i].matrix(), 0, 0);
                backend.copyBlock(backwardTriangular[i], 0, d[i], e[i], e[i + 1], backwardMaps[i + 1], 0, 0);
            }
        }
    }

    /**
     * Economy QR of a basis matrix built from the parameters; NaN or ∞ there comes from the
     * parameters and is reported as theirs.
     */
    private void decompose(Tensor matrix, Tensor q, Tensor r, String parameters) {
        try {
            backend.qr(matrix, QrMode.ECONOMY, q, r);
        } catch (NonFiniteValueException e) {
            throw new NonFiniteValueException("the subspace training pass needs finite parameters, but " + parameters
                    + " holds NaN or ∞ (Backprop.DENSE propagates them to the output instead)");
        }
    }

    private void allocateBackwardBuffers() {
        if (reducedDeltas != null) {
            return;
        }
        int[] n = widths;
        int[] d = forwardDimensions;
        int[] e = backwardDimensions;
        backwardBases = new Basis[layers + 1];
        Arrays.fill(backwardBases, Basis.IDENTITY);
        weightsOnBackwardBasis = new Tensor[layers + 1];
        stacked = new Tensor[layers + 1];
        backwardTriangular = new Tensor[layers + 1];
        forwardInBackward = new Basis[layers + 1];
        Arrays.fill(forwardInBackward, Basis.IDENTITY);
        backwardMaps = new Tensor[layers + 1];
        reducedDeltas = new Tensor[layers + 1];
        preActivationsInBackward = new Tensor[layers + 1];
        weightGradientCoordinates = new Tensor[layers + 1];
        weightGradientTimesBasis = new Tensor[layers + 1];
        biasGradientCoordinates = new Tensor[layers + 1];
        biasGradientSums = new Tensor[layers + 1];
        for (int i = layers - 1; i >= 1; i--) {
            if (e[i] < n[i]) {
                backwardBases[i] = Basis.of(backend.zeros(n[i], e[i]));
                stacked[i] = backend.zeros(n[i], e[i]);
                backwardTriangular[i] = backend.zeros(e[i], e[i]);
                forwardInBackward[i] = Basis.of(backend.zeros(e[i], d[i]));
                backwardMaps[i + 1] = backend.zeros(e[i], e[i + 1]);
            } else {
                forwardInBackward[i] = forwardBases[i];
            }
            if (!backwardBases[i].isIdentity() || !backwardBases[i + 1].isIdentity()) {
                weightsOnBackwardBasis[i] = backend.zeros(n[i], e[i + 1]);
                if (backwardBases[i].isIdentity()) {
                    backwardMaps[i + 1] = weightsOnBackwardBasis[i];
                }
            }
            if (!forwardInBackward[i].isIdentity()) {
                preActivationsInBackward[i] = backend.zeros(e[i], batch);
            }
        }
        for (int i = 1; i <= layers; i++) {
            reducedDeltas[i] = backend.zeros(e[i], batch);
            if (!backwardBases[i].isIdentity() || !forwardBases[i - 1].isIdentity()) {
                weightGradientCoordinates[i] = backend.zeros(e[i], d[i - 1]);
            }
            if (!backwardBases[i].isIdentity() && !forwardBases[i - 1].isIdentity()) {
                weightGradientTimesBasis[i] = backend.zeros(e[i], n[i - 1]);
            }
            if (!backwardBases[i].isIdentity()) {
                biasGradientCoordinates[i] = backend.zeros(1, e[i]);
            } else {
                biasGradientSums[i] = backend.zeros(1, n[i]);
            }
        }
        if (!backwardBases[1].isIdentity()) {
            inputWeightOnBasis = backend.zeros(n[0], e[1]);
        }
        inputGradientTransposed = backend.zeros(n[0], batch);
    }

    /** @return {@link TrainingPass.Method#SUBSPACE} */
    @Override
    public Method method() {
        return Method.SUBSPACE;
    }
}
