package io.radnet.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The bookkeeping of a {@link Sweep}'s runs that the experiments of the hypernetworks paper share. */
final class SweepRuns {
    private SweepRuns() {
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
