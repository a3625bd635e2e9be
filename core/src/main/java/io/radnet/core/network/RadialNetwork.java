package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.RadialProfile;
import io.radnet.api.SubspacePassCost;
import io.radnet.core.activation.RadialActivation;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A radial neural network (radial paper, §3): widths n = (n₀, …, n_L), a radial rescaling
 * activation ρ_{s_i}(v) = η_i(|v| + s_i)·v/|v| after every hidden layer, and an affine last
 * layer. Shifts s_i are carried by the parameters when the network has them (as the
 * reference implementation's {@code act_fns.{i}.bias}), trainable or fixed.
 */
public final class RadialNetwork extends FeedForwardNetwork {
    private final List<RadialProfile> profiles;
    private final Backprop backprop;

    /**
     * @param param the parameters, adopted (not copied)
     * @param profiles one profile per hidden layer (L − 1)
     * @param trainableShifts whether the shifts are trained (requires param with shifts)
     */
    public RadialNetwork(Param param, List<RadialProfile> profiles, boolean trainableShifts) {
        this(param, profiles, trainableShifts, true, Backprop.AUTOMATIC);
    }

    /**
     * @param param the parameters, adopted (not copied); without layer biases its bias tensors
     *     must be exact zeros
     * @param profiles one profile per hidden layer (L − 1)
     * @param trainableShifts whether the shifts are trained (requires param with shifts)
     * @param layerBiases false for linear layers z_i = W_i a_{i−1} (see
     *     {@link FeedForwardNetwork#layerBiases()}): QR-compress then reduces n^red_i =
     *     min(n_i, n^red_{i−1}) ({@link ReducedWidths#of(int[], boolean)})
     * @throws IllegalArgumentException if a network without layer biases has a non-zero bias
     */
    public RadialNetwork(Param param, List<RadialProfile> profiles, boolean trainableShifts, boolean layerBiases) {
        this(param, profiles, trainableShifts, layerBiases, Backprop.AUTOMATIC);
    }

    private RadialNetwork(Param param, List<RadialProfile> profiles, boolean trainableShifts, boolean layerBiases,
                          Backprop backprop) {
        super(param, profiles.stream().map(RadialActivation::new).toList(), trainableShifts, layerBiases);
        this.profiles = List.copyOf(profiles);
        this.backprop = Objects.requireNonNull(backprop, "backprop");
    }

    /**
     * @param param the parameters, adopted (not copied); with or without shifts
     * @param profile the profile of every hidden layer
     * @param trainableShifts whether the shifts are trained (requires param with shifts)
     */
    public RadialNetwork(Param param, RadialProfile profile, boolean trainableShifts) {
        this(param, Collections.nCopies(param.depth() - 1, Objects.requireNonNull(profile, "profile")), trainableShifts);
    }

    /**
     * A freshly initialised network without shifts, weights and biases drawn as PyTorch's
     * {@code nn.Linear} default (see {@link #initializeLikePyTorch}).
     *
     * @param backend the backend
     * @param widths n₀ … n_L
     * @param profile the profile of every hidden layer
     * @param seed the seed
     * @return the network
     */
    public static RadialNetwork initialized(Backend backend, int[] widths, RadialProfile profile, long seed) {
        Param p = Param.zeros(backend, widths, false);
        initializeLikePyTorch(p, seed);
        return new RadialNetwork(p, profile, false);
    }

    /**
     * A freshly initialised network without layer biases, z_i = W_i a_{i−1}, and without
     * shifts: the weights are those {@link #initialized} draws for the same seed (as PyTorch's
     * {@code nn.Linear(bias=False)}, uniform on (−1/√n_{i−1}, 1/√n_{i−1})), the biases zero.
     *
     * @param backend the backend
     * @param widths n₀ … n_L
     * @param profile the profile of every hidden layer
     * @param seed the seed
     * @return the network
     */
    public static RadialNetwork initializedWithoutBiases(Backend backend, int[] widths, RadialProfile profile,
                                                         long seed) {
        Param p = Param.zeros(backend, widths, false);
        initializeLikePyTorch(p, seed);
        for (int i = 1; i < widths.length; i++) {
            backend.fill(p.bias(i), 0.0);
        }
        return new RadialNetwork(p, Collections.nCopies(widths.length - 2, Objects.requireNonNull(profile, "profile")),
                false, false);
    }

    /**
     * A freshly initialised network with one activation shift per hidden layer, all starting
     * at initialShift.
     *
     * @param backend the backend
     * @param widths n₀ … n_L
     * @param profile the profile of every hidden layer
     * @param initialShift the starting value of every shift, finite
     * @param trainable whether the shifts are trained
     * @param seed the seed
     * @return the network
     */
    public static RadialNetwork initializedWithShifts(Backend backend, int[] widths, RadialProfile profile,
                                                      double initialShift, boolean trainable, long seed) {
        Param p = Param.zeros(backend, widths, true);
        initializeLikePyTorch(p, seed);
        backend.fill(p.shifts(), initialShift);
        return new RadialNetwork(p, profile, trainable);
    }

    /** How a training pass computes the gradient; every choice gives the exact gradient. */
    public enum Backprop {
        /** The subspace pass when it takes fewer operations for the batch size, else the dense one. */
        AUTOMATIC,
        /**
         * Every layer at full width: through the backend's fused
         * {@link io.radnet.api.RadialNetworkKernel} where it offers one for the widths, else
         * layer by layer as {@link FeedForwardNetwork#trainingPass}. The same results to rounding.
         */
        DENSE,
        /**
         * Forward through the QR-compressed network (Algorithm 1) and backward in the subspaces
         * that hold the back-propagated signals, then the full-width gradient from them: the
         * per-sample cost of the reduced widths instead of the full ones. Same results as the
         * dense pass to rounding.
         */
        SUBSPACE
    }

    /**
     * The same network on the same parameters (shared, not copied: training either trains both)
     * whose {@link #trainingPass(int)} computes gradients as given, e.g. {@link Backprop#DENSE}
     * to time the dense pass as the radial paper's experiment 3 does.
     *
     * @param choice how training passes compute the gradient
     * @return the network with that choice
     * @throws NullPointerException if choice is null
     */
    public RadialNetwork withBackprop(Backprop choice) {
        return new RadialNetwork(parameters(), profiles, trainableShifts(), layerBiases(), choice);
    }

    /** @return how {@link #trainingPass(int)} computes the gradient ({@link Backprop#AUTOMATIC} unless set) */
    public Backprop backprop() {
        return backprop;
    }

    /** The training pass of this network's {@link #backprop()} choice. */
    @Override
    public TrainingPass trainingPass(int batch) {
        return trainingPass(batch, backprop);
    }

    /**
     * @param batch the batch size, at least 1
     * @param backprop how the pass computes the gradient
     * @return a training pass for batches of that size; its forward takes batch × n₀ inputs and
     *     returns batch × n_L outputs (see {@link TrainingPass})
     * @throws IllegalArgumentException if batch &lt; 1
     * @throws NullPointerException if backprop is null
     */
    public TrainingPass trainingPass(int batch, Backprop backprop) {
        BatchTrainingPass.requireBatch(batch);
        return switch (Objects.requireNonNull(backprop, "backprop")) {
            case DENSE -> densePass(batch);
            case SUBSPACE -> new SubspaceTrainingPass(this, batch);
            case AUTOMATIC -> SubspacePassCost.pays(widths(), batch)
                    ? new SubspaceTrainingPass(this, batch) : densePass(batch);
        };
    }

    /** The backend's fused pass where it offers one for these widths, else the layer-by-layer pass. */
    private TrainingPass densePass(int batch) {
        return backend().radialNetworkKernel(widths(), profiles, batch)
                .<TrainingPass>map(kernel -> new FusedRadialPass(this, kernel))
                .orElseGet(() -> layerByLayerPass(batch));
    }

    /** @return the profiles η_i of hidden layers 1 … L − 1 */
    public List<RadialProfile> profiles() {
        return profiles;
    }

    @Override
    public String toString() {
        return "RadialNetwork" + java.util.Arrays.toString(widths()) + " " + profiles.get(0)
                + (parameters().hasShifts() ? (trainableShifts() ? ", trainable shifts" : ", fixed shifts") : "")
                + (layerBiases() ? "" : ", without layer biases");
    }
}
