package io.radnet.core.network;

import io.radnet.api.Backend;
import io.radnet.api.RadialProfile;
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

    /**
     * @param param the parameters, adopted (not copied)
     * @param profiles one profile per hidden layer (L − 1)
     * @param trainableShifts whether the shifts are trained (requires param with shifts)
     */
    public RadialNetwork(Param param, List<RadialProfile> profiles, boolean trainableShifts) {
        super(param, profiles.stream().map(RadialActivation::new).toList(), trainableShifts);
        this.profiles = List.copyOf(profiles);
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

    /** @return the profiles η_i of hidden layers 1 … L − 1 */
    public List<RadialProfile> profiles() {
        return profiles;
    }

    @Override
    public String toString() {
        return "RadialNetwork" + java.util.Arrays.toString(widths()) + " " + profiles.get(0)
                + (parameters().hasShifts() ? (trainableShifts() ? ", trainable shifts" : ", fixed shifts") : "");
    }
}
