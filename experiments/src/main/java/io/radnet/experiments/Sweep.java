package io.radnet.experiments;

import io.radnet.api.Backend;
import java.util.List;

/**
 * An experiment as independent runs: the settings name a list of runs (per seed, or per seed
 * and another setting), each run is computed alone from the settings and its key, and the
 * runs' outputs, in the order of {@link #runs}, assemble into the experiment's result. Running
 * the experiment itself computes exactly this, run after run, so a sweep that computes the runs
 * elsewhere (one Spark task per run) gives the same numbers: bitwise on one backend, timings
 * aside.
 *
 * <p>Settings, keys and outputs are records that travel as JSON ({@link ExperimentJson}).
 *
 * @param <S> the settings record
 * @param <K> the record that names one run
 * @param <O> the record one run gives
 * @param <R> the result record
 */
public interface Sweep<S extends Record, K extends Record, O extends Record, R extends Record> {
    /** @return the experiment's name, e.g. {@code experiment1}, {@code hypernet} */
    String name();

    /** @return the settings record's class, to read settings from JSON */
    Class<S> settingsType();

    /** @return the experiment's default settings, which JSON settings change key by key */
    S defaults();

    /** @return the key record's class */
    Class<K> keyType();

    /** @return the output record's class */
    Class<O> outputType();

    /**
     * @param settings the settings
     * @return every run the settings make, in the order {@link #assemble} takes them
     */
    List<K> runs(S settings);

    /**
     * Computes one run; reports no progress.
     *
     * @param backend where the run's tensors live
     * @param settings the settings the run belongs to
     * @param key one of {@link #runs}
     * @return what the run gives
     * @throws IllegalArgumentException if the key is not one of the settings' runs
     */
    O run(Backend backend, S settings, K key);

    /**
     * @param backend the name of the backend the runs ran on
     * @param settings the settings
     * @param outputs the outputs of {@link #runs}, in that order
     * @return the experiment's result
     * @throws IllegalArgumentException if the outputs are not those of the runs in order
     */
    R assemble(String backend, S settings, List<O> outputs);
}
