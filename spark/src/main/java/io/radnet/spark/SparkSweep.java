package io.radnet.spark;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.experiments.ExperimentJson;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.Sweep;
import io.radnet.experiments.Sweeps;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs an experiment's {@link Sweep} on Spark: one task per run ({@link Sweep#runs}), the
 * settings and the run's key shipped as JSON, each executor computing its run on the backend
 * named by the caller or else the one {@link Backends#defaultBackend()} picks there (the normal
 * rules: {@code radnet.backend}, {@code RADNET_BACKEND}, else the best available), the outputs shipped back as JSON and
 * assembled on the driver in the order of the runs. The result therefore equals the local
 * {@code run(settings)} of the experiment on the same backend, bitwise (wall-clock timings
 * aside). Spark re-runs the tasks of a lost executor or worker; a run is a pure function of its
 * settings and key, so a re-run gives the same output.
 */
public final class SparkSweep {
    private static final long PROGRESS_POLL_MILLIS = 200;

    private SparkSweep() {
    }

    /**
     * One run as a task: what an executor needs, as text.
     *
     * @param index the run's position in {@link Sweep#runs}
     * @param backend the backend to run on, or null for the executor's default
     * @param sweep the sweep's {@link Sweep#name()}
     * @param settings the settings as JSON
     * @param key the run's key as JSON
     */
    record Task(int index, String backend, String sweep, String settings, String key) implements Serializable {
    }

    /**
     * What a task sends back.
     *
     * @param index the run's position
     * @param backend the name of the backend the run used
     * @param output the run's output as JSON
     */
    record Outcome(int index, String backend, String output) implements Serializable {
    }

    /**
     * Runs every run of the settings as one Spark task and assembles the result.
     *
     * @param spark the Spark context (local[N], a standalone or any other cluster)
     * @param backend the name of the backend every run uses ({@link Backends#get}), or null for
     *     the default each executor picks
     * @param sweep the experiment, one of {@link Sweeps#all()} (executors find it by name)
     * @param settings its settings
     * @param progress told how many runs have finished, one task of {@code runs} steps
     * @param <S> the settings record
     * @param <K> the key record
     * @param <O> the output record
     * @param <R> the result record
     * @return the experiment's result; its backend is the executors' backend name, or the
     *     distinct names joined with {@code +} when executors chose differently
     * @throws IllegalArgumentException if the sweep is not one of {@link Sweeps#all()}
     * @throws SparkRunException if the Spark job fails (a run failing on every attempt), with
     *     the run's own message
     */
    public static <S extends Record, K extends Record, O extends Record, R extends Record> R run(
            JavaSparkContext spark, String backend, Sweep<S, K, O, R> sweep, S settings, ExperimentListener progress) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        if (Sweeps.named(sweep.name()) != sweep) {
            throw new IllegalArgumentException("the sweep " + sweep.name() + " is not one of Sweeps.all(): executors"
                    + " find sweeps by name");
        }
        List<K> keys = sweep.runs(settings);
        String settingsJson = ExperimentJson.write(settings);
        List<Task> tasks = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            tasks.add(new Task(i, backend, sweep.name(), settingsJson, ExperimentJson.write(keys.get(i))));
        }
        spark.setJobDescription("radnet " + sweep.name() + ": " + tasks.size() + " runs");
        JavaFutureAction<List<Outcome>> job = spark.parallelize(tasks, tasks.size())
                .map(SparkSweep::runTask)
                .collectAsync();
        List<Outcome> outcomes = await(spark, job, sweep.name() + ", " + tasks.size() + " runs on Spark",
                tasks.size(), progress);
        List<Outcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(Comparator.comparingInt(Outcome::index));
        List<O> outputs = new ArrayList<>(ordered.size());
        TreeSet<String> backends = new TreeSet<>();
        for (Outcome outcome : ordered) {
            outputs.add(ExperimentJson.read(outcome.output(), sweep.outputType()));
            backends.add(outcome.backend());
        }
        return sweep.assemble(String.join("+", backends), settings, outputs);
    }

    /** Runs one task on an executor. */
    static Outcome runTask(Task task) {
        Backend backend = task.backend() == null ? Backends.defaultBackend() : Backends.get(task.backend());
        return new Outcome(task.index(), backend.name(), runOn(backend, Sweeps.named(task.sweep()), task));
    }

    private static <S extends Record, K extends Record, O extends Record, R extends Record> String runOn(
            Backend backend, Sweep<S, K, O, R> sweep, Task task) {
        S settings = ExperimentJson.read(task.settings(), sweep.settingsType());
        K key = ExperimentJson.read(task.key(), sweep.keyType());
        return ExperimentJson.write(sweep.run(backend, settings, key));
    }

    /**
     * Waits for a job, telling the listener how many of its tasks have finished.
     *
     * @return the job's value
     * @throws SparkRunException if the job failed
     */
    static <T> T await(JavaSparkContext spark, JavaFutureAction<T> job, String name, int tasks,
            ExperimentListener progress) {
        try (ExperimentListener.Task task = progress.start(name, tasks)) {
            while (true) {
                try {
                    T value = job.get(PROGRESS_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    task.finish(tasks, "");
                    return value;
                } catch (TimeoutException stillRunning) {
                    task.stepTo(finishedTasks(spark, job), "");
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new SparkRunException(name + " was interrupted", e);
        } catch (ExecutionException e) {
            throw SparkRunException.of(name, e.getCause());
        }
    }

    private static long finishedTasks(JavaSparkContext spark, JavaFutureAction<?> job) {
        long done = 0;
        for (int jobId : job.jobIds()) {
            SparkJobInfo info = spark.statusTracker().getJobInfo(jobId);
            if (info == null) {
                continue;
            }
            for (int stageId : info.stageIds()) {
                SparkStageInfo stage = spark.statusTracker().getStageInfo(stageId);
                if (stage != null) {
                    done += stage.numCompletedTasks();
                }
            }
        }
        return done;
    }
}
