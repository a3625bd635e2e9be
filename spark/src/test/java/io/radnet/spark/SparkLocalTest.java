package io.radnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.CsvData;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.HypernetExperiment;
import io.radnet.experiments.RadialExperiment1;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.RadialExperiment3;
import io.radnet.experiments.RcnetExperiment;
import io.radnet.experiments.Sweeps;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps and data-parallel training on local[2]: equal to the single-machine runs. */
class SparkLocalTest {
    private static JavaSparkContext spark;
    private static final Backend EJML = Backends.get("ejml");

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() {
        spark = SparkContexts.start("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void radialExperimentSweepsEqualTheLocalRunsBitwise() {
        RadialExperiment1.Settings s1 = new RadialExperiment1.Settings(4);
        assertEquals(withoutTimings(new RadialExperiment1(EJML).run(s1)),
                withoutTimings(SparkSweep.run(spark, "ejml", Sweeps.EXPERIMENT1, s1, ExperimentListener.NONE)));
        RadialExperiment2.Settings s2 = new RadialExperiment2.Settings(3, 40);
        assertEquals(withoutTimings(new RadialExperiment2(EJML, ExperimentListener.NONE).run(s2)),
                withoutTimings(SparkSweep.run(spark, "ejml", Sweeps.EXPERIMENT2, s2, ExperimentListener.NONE)));
        RadialExperiment3.Settings s3 = new RadialExperiment3.Settings(2, 0.01, 3);
        RadialExperiment3.Result local3 = new RadialExperiment3(EJML, ExperimentListener.NONE).run(s3);
        RadialExperiment3.Result spark3 = SparkSweep.run(spark, "ejml", Sweeps.EXPERIMENT3, s3, ExperimentListener.NONE);
        assertEquals(withoutTimings(local3), withoutTimings(spark3));
        assertTrue(spark3.full()[1].seconds() > 0, "the runs' own timings are kept");
    }

    @Test
    void parameterSharingSweepsEqualTheLocalRunsBitwise() {
        HypernetExperiment.Settings hyper = new HypernetExperiment.Settings(
                List.of(HypernetworkTargets.Type.I, HypernetworkTargets.Type.III), new int[] {1, 2}, 2, 3, 3, 8, 4, 200, 50,
                3, 50, 0.01);
        assertEquals(withoutTimings(new HypernetExperiment(EJML, ExperimentListener.NONE).run(hyper)),
                withoutTimings(SparkSweep.run(spark, "ejml", Sweeps.HYPERNET, hyper, ExperimentListener.NONE)));
        RcnetExperiment.Settings rcnet = new RcnetExperiment.Settings(new int[] {1, 3}, 2, 6, 200, 50, 2, 50, 0.002,
                6, 2, 200, 50, 2, 50, 0.001);
        assertEquals(withoutTimings(new RcnetExperiment(EJML, ExperimentListener.NONE).run(rcnet)),
                withoutTimings(SparkSweep.run(spark, "ejml", Sweeps.RCNET, rcnet, ExperimentListener.NONE)));
    }

    @Test
    void aRunFailingOnItsExecutorFailsTheSweepWithItsOwnMessage() {
        SparkRunException e = assertThrows(SparkRunException.class, () -> SparkSweep.run(spark, "no-such-backend",
                Sweeps.EXPERIMENT1, new RadialExperiment1.Settings(1), ExperimentListener.NONE));
        assertTrue(e.getMessage().startsWith("experiment1, 1 runs on Spark failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-backend"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void fullBatchGradientDescentEqualsTheSingleMachineRunAfter50Epochs() {
        Path csv = SparkTestData.experiment3Csv(EJML, directory);
        RadialNetwork local = SparkTestData.experiment3Network(EJML);
        TrainingResult single = Trainer.builder(local, new MeanSquaredError(), new GradientDescent(0.01),
                Dataset.of(CsvData.read(csv, EJML, 2, 2))).fullBatch().maxEpochs(50).build().train();
        double[] expected = local.parameters().flatten();
        CsvShards shards = CsvShards.regression(csv, EJML, 2, 2);
        double[] first = null;
        for (int partitions : new int[] {3, 3}) {
            RadialNetwork distributed = SparkTestData.experiment3Network(EJML);
            DataParallelTrainer.Result result = DataParallelTrainer.builder(spark, shards, partitions,
                            SparkTestData::experiment3Network, MeanSquaredError::new)
                    .backend("ejml").maxEpochs(50).build()
                    .train(distributed, new GradientDescent(0.01));
            double[] theta = distributed.parameters().flatten();
            assertEquals(50, result.epochs());
            assertEquals(50, result.steps());
            double difference = SparkTestData.maxAbsDifference(expected, theta);
            assertTrue(difference <= SparkTestData.PARAMETER_TOLERANCE, partitions + " partitions: max |Δθ| = " + difference);
            assertTrue(SparkTestData.maxAbsDifference(single.lossHistory(), result.losses()) <= 1e-12,
                    partitions + " partitions: the epoch losses");
            if (first == null) {
                first = theta;
            } else {
                assertArrayEquals(first, theta, 0.0, "the same partitions give bitwise the same parameters");
            }
        }
    }

    @Test
    void minibatchSgdIsDeterministicForASeedAndFollowsTheSingleMachineBatches() {
        Path csv = SparkTestData.experiment3Csv(EJML, directory);
        RadialNetwork local = SparkTestData.experiment3Network(EJML);
        Trainer.builder(local, new MeanSquaredError(), new GradientDescent(0.01), Dataset.of(CsvData.read(csv, EJML, 2, 2)))
                .batchSize(4000).seed(7).maxEpochs(2).build().train();
        CsvShards shards = CsvShards.regression(csv, EJML, 2, 2);
        double[][] runs = new double[2][];
        for (int run = 0; run < 2; run++) {
            RadialNetwork distributed = SparkTestData.experiment3Network(EJML);
            DataParallelTrainer.Result result = DataParallelTrainer.builder(spark, shards, 3,
                            SparkTestData::experiment3Network, MeanSquaredError::new)
                    .backend("ejml").batchSize(4000).seed(7).maxEpochs(2).build()
                    .train(distributed, new GradientDescent(0.01));
            assertEquals(8, result.steps(), "⌈14641 / 4000⌉ = 4 batches per epoch");
            runs[run] = distributed.parameters().flatten();
        }
        assertArrayEquals(runs[0], runs[1], 0.0, "the same seed gives bitwise the same parameters");
        double difference = SparkTestData.maxAbsDifference(local.parameters().flatten(), runs[0]);
        assertTrue(difference <= SparkTestData.PARAMETER_TOLERANCE, "the single machine's batches: max |Δθ| = " + difference);
        RadialNetwork otherSeed = SparkTestData.experiment3Network(EJML);
        DataParallelTrainer.builder(spark, shards, 3, SparkTestData::experiment3Network, MeanSquaredError::new)
                .backend("ejml").batchSize(4000).seed(8).maxEpochs(2).build().train(otherSeed, new GradientDescent(0.01));
        assertTrue(SparkTestData.maxAbsDifference(runs[0], otherSeed.parameters().flatten()) > 1e-6,
                "another seed draws other batches");
    }

    private static String withoutTimings(Record result) {
        return SparkTestData.withoutTimings(result);
    }
}
