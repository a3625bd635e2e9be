package io.radnet.core.compress;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.network.Param;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.UpdateProjection;

/**
 * The projection Proj of projected gradient descent (radial paper, §6): it zeroes the
 * bottom-left (n_i − n^red_i) × n^red_{i−1} block of every W_i update and the bottom
 * n_i − n^red_i entries of every b_i update; shifts are not projected. Started from
 * Q⁻¹·(W, b), whose masked entries are zero, projecting the update equals the paper's
 * projection of the updated parameters, and γ_proj^k(Q⁻¹·(W, b)) = γ_red^k(W^red, b^red) + U
 * (Theorem 7). The projection plugs into any optimizer.
 */
public final class ProjectedGradientDescent {
    private ProjectedGradientDescent() {
    }

    /**
     * @param backend the backend of the parameters the mask will multiply
     * @param widths n
     * @param withShifts whether the parameters carry shifts (their mask entries are 1)
     * @return the 0/1 mask M of Proj as a Param(n): Proj(Δ) = M ∘ Δ
     */
    public static Param mask(Backend backend, int[] widths, boolean withShifts) {
        return mask(backend, widths, withShifts, true);
    }

    /**
     * @param backend the backend of the parameters the mask will multiply
     * @param widths n
     * @param withShifts whether the parameters carry shifts (their mask entries are 1)
     * @param layerBiases whether the network's layers carry biases; without them n^red is
     *     {@link ReducedWidths#of(int[], boolean)} without biases and every bias entry is masked
     *     (the biases stay zero)
     * @return the 0/1 mask M of Proj as a Param(n): Proj(Δ) = M ∘ Δ
     */
    public static Param mask(Backend backend, int[] widths, boolean withShifts, boolean layerBiases) {
        int[] red = ReducedWidths.of(widths, layerBiases);
        Param m = Param.zeros(backend, widths, withShifts);
        for (int i = 1; i < widths.length; i++) {
            backend.fill(m.weight(i), 1.0);
            backend.fill(m.bias(i), layerBiases ? 1.0 : 0.0);
            int rows = widths[i] - red[i];
            if (rows > 0) {
                try (Tensor weightBlock = backend.zeros(rows, red[i - 1]); Tensor biasBlock = backend.zeros(1, rows)) {
                    backend.copyBlock(weightBlock, 0, 0, rows, red[i - 1], m.weight(i), red[i], 0);
                    backend.copyBlock(biasBlock, 0, 0, 1, rows, m.bias(i), 0, red[i]);
                }
            }
        }
        if (withShifts) {
            backend.fill(m.shifts(), 1.0);
        }
        return m;
    }

    /**
     * @param backend the backend
     * @param widths n
     * @param withShifts whether the parameters carry shifts
     * @return Proj as an {@link UpdateProjection} for any optimizer
     */
    public static UpdateProjection projection(Backend backend, int[] widths, boolean withShifts) {
        return projection(backend, widths, withShifts, true);
    }

    /**
     * @param backend the backend
     * @param widths n
     * @param withShifts whether the parameters carry shifts
     * @param layerBiases whether the network's layers carry biases (see
     *     {@link #mask(Backend, int[], boolean, boolean)})
     * @return Proj as an {@link UpdateProjection} for any optimizer
     */
    public static UpdateProjection projection(Backend backend, int[] widths, boolean withShifts, boolean layerBiases) {
        return UpdateProjection.masked(mask(backend, widths, withShifts, layerBiases));
    }

    /**
     * @param learningRate η &gt; 0
     * @param backend the backend
     * @param widths n
     * @param withShifts whether the parameters carry shifts
     * @return γ_proj: gradient descent whose every update is projected
     */
    public static GradientDescent optimizer(double learningRate, Backend backend, int[] widths, boolean withShifts) {
        return optimizer(learningRate, backend, widths, withShifts, true);
    }

    /**
     * @param learningRate η &gt; 0
     * @param backend the backend
     * @param widths n
     * @param withShifts whether the parameters carry shifts
     * @param layerBiases whether the network's layers carry biases
     * @return γ_proj: gradient descent whose every update is projected
     */
    public static GradientDescent optimizer(double learningRate, Backend backend, int[] widths, boolean withShifts,
                                            boolean layerBiases) {
        return GradientDescent.projected(learningRate, projection(backend, widths, withShifts, layerBiases));
    }
}
