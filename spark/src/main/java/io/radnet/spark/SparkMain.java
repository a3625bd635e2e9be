package io.radnet.spark;

import io.radnet.core.io.AtomicFiles;
import io.radnet.experiments.ExperimentJson;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.Sweep;
import io.radnet.experiments.Sweeps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The entry point of the shaded jar for {@code spark-submit}:
 * <pre>
 * spark-submit --master spark://HOST:7077 radnet-spark-all.jar sweep EXPERIMENT SETTINGS_JSON RESULT.json
 * </pre>
 * runs {@link Sweeps#named EXPERIMENT} ({@code experiment1}, {@code experiment2},
 * {@code experiment3}, {@code hypernet}, {@code rcnet}) with the experiment's default settings
 * changed by the keys of SETTINGS_JSON (e.g. {@code {"seeds" : 100}}), one Spark task per run,
 * and writes the result record as JSON to RESULT.json on the driver (atomically). The master
 * and everything else come from {@code spark-submit}. Bad arguments end the program with an
 * {@link IllegalArgumentException} naming what was wrong, before Spark starts.
 */
public final class SparkMain {
    private SparkMain() {
    }

    /**
     * @param args {@code sweep EXPERIMENT SETTINGS_JSON RESULT.json}
     */
    public static void main(String[] args) {
        if (args.length != 4 || !args[0].equals("sweep")) {
            throw new IllegalArgumentException("usage: sweep EXPERIMENT SETTINGS_JSON RESULT.json, where EXPERIMENT is"
                    + " one of experiment1, experiment2, experiment3, hypernet, rcnet; got " + args.length + " arguments");
        }
        Sweep<?, ?, ?, ?> sweep = Sweeps.named(args[1]);
        ExperimentJson.readSettings(args[2], sweep.defaults());
        Path output = Path.of(args[3]);
        String result;
        try (JavaSparkContext spark = SparkContexts.start(null)) {
            result = run(spark, sweep, args[2]);
        }
        AtomicFiles.write(output, out -> out.write((result + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static <S extends Record, K extends Record, O extends Record, R extends Record> String run(
            JavaSparkContext spark, Sweep<S, K, O, R> sweep, String settingsJson) {
        S settings = ExperimentJson.readSettings(settingsJson, sweep.defaults());
        return ExperimentJson.write(SparkSweep.run(spark, null, sweep, settings, ExperimentListener.NONE));
    }
}
