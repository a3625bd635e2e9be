package io.radnet.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The bookkeeping of a {@link Sweep}'s runs that the sweeping experiments share. */
final class SweepRuns {
    private SweepRuns() {
    }

    /**
     * The key of one run of a setting's value and a seed.
     *
     * @param <K> the run key
     */
    @FunctionalInterface
    interface ValueKey<K> {
        /** @return the key of the run of the value with the seed */
        K of(int value, int seed);
    }

    /**
     * The key of one run of a group (e.g. a target type), a setting's value and a seed.
     *
     * @param <G> the group
     * @param <K> the run key
     */
    @FunctionalInterface
    interface GroupValueKey<G, K> {
        /** @return the key of the run of the group and value with the seed */
        K of(G group, int value, int seed);
    }

    /**
     * @param values the setting's values, e.g. the depths
     * @param seeds N
     * @param key makes a run's key
     * @return the keys of every run: values outer, then seeds 1 … N
     */
    static <K> List<K> keys(int[] values, int seeds, ValueKey<K> key) {
        List<K> keys = new ArrayList<>();
        for (int value : values) {
            for (int seed = 1; seed <= seeds; seed++) {
                keys.add(key.of(value, seed));
            }
        }
        return keys;
    }

    /**
     * @param groups the groups, e.g. the target types
     * @param values the setting's values, e.g. the depths
     * @param seeds N
     * @param key makes a run's key
     * @return the keys of every run: groups outer, then values, then seeds 1 … N
     */
    static <G, K> List<K> keys(List<G> groups, int[] values, int seeds, GroupValueKey<G, K> key) {
        List<K> keys = new ArrayList<>();
        for (G group : groups) {
            keys.addAll(keys(values, seeds, (value, seed) -> key.of(group, value, seed)));
        }
        return keys;
    }

    /**
     * @param keys the runs, in order
     * @param runOne computes one run
     * @return the outputs of the runs, in the keys' order
     */
    static <K, O> List<O> each(List<K> keys, Function<K, O> runOne) {
        List<O> outputs = new ArrayList<>(keys.size());
        for (K key : keys) {
            outputs.add(runOne.apply(key));
        }
        return outputs;
    }

    /**
     * @param keys the settings' runs
     * @param key the run asked for
     * @param experiment the experiment's name, for the message
     * @throws IllegalArgumentException "the EXPERIMENT settings have no run KEY" unless the key is one of them
     */
    static <K> void requireRun(List<K> keys, K key, String experiment) {
        if (!keys.contains(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("the " + experiment + " settings have no run " + key);
        }
    }

    /**
     * Requires the outputs of exactly the runs, in their order, then splits them into the
     * consecutive groups of one setting's seeds 1 … N.
     *
     * @param keys the settings' runs, seeds innermost
     * @param outputs the outputs given
     * @param keyOf the run an output belongs to
     * @param seeds N
     * @param order how the runs are ordered, for the message (e.g. "depths, then seeds")
     * @return the outputs in groups of N
     * @throws IllegalArgumentException naming the number of runs expected and given
     */
    static <K, O> List<List<O>> groupsOfSeeds(List<K> keys, List<O> outputs, Function<O, K> keyOf, int seeds,
            String order) {
        if (!keys.equals(outputs.stream().map(keyOf).toList())) {
            throw new IllegalArgumentException("the runs must be the settings' " + keys.size() + " runs (" + order
                    + ") in order; got " + outputs.size());
        }
        List<List<O>> groups = new ArrayList<>();
        for (int start = 0; start < outputs.size(); start += seeds) {
            groups.add(outputs.subList(start, start + seeds));
        }
        return groups;
    }
}
