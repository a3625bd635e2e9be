package io.radnet.cli;

import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.StopReason;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.Sweep;
import io.radnet.spark.CsvShards;
import io.radnet.spark.DataParallelTrainer;
import io.radnet.spark.SparkContexts;
import io.radnet.spark.SparkSweep;
import io.radnet.spark.TrainingShards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The program's {@code --spark MASTER}: one Spark context for the command, sweeps through
 * {@link SparkSweep}, and what data-parallel training needs from a model file. The only class of
 * the program that touches Spark: it is loaded only with {@code --spark}, after
 * {@link SparkOption#check} has found Spark on the class path ({@code ./radnet} puts radnet-spark
 * and Spark's jars there with {@code --spark}).
 */
final class SparkRuns implements AutoCloseable {
    private final JavaSparkContext spark;

    private SparkRuns(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * @param master a Spark master URL from {@code --spark}
     * @return the running context's wrapper; close it
     * @throws IllegalArgumentException one line: Spark is not on the class path (and how to get
     *     it), or the URL is not a master URL
     */
    static SparkRuns start(String master) {
        SparkOption.check(master);
        return new SparkRuns(SparkContexts.start(master));
    }

    /**
     * @param backend the backend every run uses, or null for each executor's default
     * @param sweep the experiment
     * @param settings its settings
     * @param progress told the runs that have finished
     * @return the experiment's result, run as one Spark task per run
     */
    <S extends Record, K extends Record, O extends Record, R extends Record> R sweep(String backend,
            Sweep<S, K, O, R> sweep, S settings, ExperimentListener progress) {
        return SparkSweep.run(spark, backend, sweep, settings, progress);
    }

    /**
     * What a data-parallel training run gives the program.
     *
     * @param samples N
     * @param partitions P
     * @param epochs the epochs run
     * @param steps the optimizer steps
     * @param losses the loss of every epoch
     * @param stopReason why it stopped
     * @param seconds the wall time of the epochs
     */
    record Training(int samples, int partitions, int epochs, int steps, double[] losses, StopReason stopReason,
            double seconds) {
        /** @return the last epoch's loss */
        double finalLoss() {
            return losses[losses.length - 1];
        }
    }

    /**
     * Trains {@code network} in place with {@link DataParallelTrainer} on the CSV data set.
     *
     * @param network the model loaded from {@code model} on the driver
     * @param model the model file, shipped to the executors as bytes
     * @param kind the plain state dict's kind, or null
     * @param activation the plain state dict's activation, or null
     * @param data the CSV data set, at the same path on every executor
     * @param classification class labels ({@code ce}) instead of regression targets
     * @param backend the backend every partition uses, or null for each executor's default
     * @param partitions P, or null for Spark's default parallelism
     * @param epochs the most epochs
     * @param batch the minibatch rows, or null for the full batch
     * @param seed the seed of the minibatch permutations
     * @param targetLoss stop below this loss, or null
     * @param optimizer stepped on the driver
     * @param progress told the epochs
     * @return the run
     * @throws IllegalArgumentException one line when the data or the partitions do not fit
     */
    Training train(FeedForwardNetwork network, Path model, StateDict.Kind kind, String activation, Path data,
            boolean classification, String backend, Integer partitions, int epochs, Integer batch, long seed,
            Double targetLoss, Optimizer optimizer, ExperimentListener progress) {
        TrainingShards shards = classification
                ? CsvShards.labelled(data, network.backend(), network.inputWidth(), network.outputWidth())
                : CsvShards.regression(data, network.backend(), network.inputWidth(), network.outputWidth());
        int parts = partitions != null ? partitions : spark.defaultParallelism();
        DataParallelTrainer.Builder builder = DataParallelTrainer.builder(spark, shards, parts,
                        networkFactory(model, kind, activation),
                        classification ? SoftmaxCrossEntropy::new : MeanSquaredError::new)
                .maxEpochs(epochs).seed(seed).listener(progress);
        if (backend != null) {
            builder.backend(backend);
        }
        if (batch != null) {
            builder.batchSize(batch);
        }
        if (targetLoss != null) {
            builder.targetLoss(targetLoss);
        }
        DataParallelTrainer.Result result = builder.build().train(network, optimizer);
        return new Training(shards.samples(), result.partitions(), result.epochs(), result.steps(), result.losses(),
                result.stopReason(), result.elapsed().toNanos() / 1e9);
    }

    /**
     * Makes an executor's network from the model file's bytes: the same file, loaded on the
     * executor's backend with the same {@code --kind} and {@code --activation}.
     *
     * @param model the model file, read once on the driver
     * @param kind the plain state dict's kind, or null
     * @param activation the plain state dict's activation, or null
     * @return the factory, serializable
     */
    private static DataParallelTrainer.NetworkFactory networkFactory(Path model, StateDict.Kind kind, String activation) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": " + e.getMessage(), e);
        }
        String name = model.getFileName().toString();
        String suffix = name.substring(name.lastIndexOf('.'));
        return backend -> {
            try {
                Path copy = Files.createTempFile("radnet-model", suffix);
                try {
                    Files.write(copy, bytes);
                    return ModelFiles.load(copy, backend, kind, activation);
                } finally {
                    Files.deleteIfExists(copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the model to the executor: " + e.getMessage(), e);
            }
        };
    }

    @Override
    public void close() {
        spark.close();
    }
}
