/**
 * radnet on Apache Spark 3.5: {@link io.radnet.spark.SparkSweep} runs an experiment's runs as
 * Spark tasks (one task per run, settings and outputs as JSON) and
 * {@link io.radnet.spark.DataParallelTrainer} trains one network data-parallel (per-partition
 * gradients summed with {@code treeAggregate} in a fixed order, parameters broadcast as plain
 * double arrays each step). Executors choose their backend by the normal rules of
 * {@link io.radnet.api.Backends}. Prints nothing.
 */
package io.radnet.spark;
