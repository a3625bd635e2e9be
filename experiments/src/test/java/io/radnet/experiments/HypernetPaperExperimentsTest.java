package io.radnet.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.data.Datasets;
import io.radnet.core.data.HypernetworkTargets;
import io.radnet.core.network.GeneratedWeightInitialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hypernetworks paper's remaining experiments at tiny sizes: rotation prediction and the
 * width sweep on Fashion-MNIST (skipped without Debian's dataset-fashion-mnist unless
 * {@code RADNET_REQUIRE_FASHION_MNIST=1}, which makes its absence a failure), and the
 * embedding-dimension sweep; parameter counts, ranges, the runs of a sweep and the settings'
 * checks.
 */
class HypernetPaperExperimentsTest {
    private static final Backend EJML = Backends.get("ejml");

    static void requireFashionMnist() {
        boolean installed = Files.isRegularFile(Path.of(Datasets.DEBIAN_FASHION_MNIST, "train-images-idx3-ubyte.gz"))
                || System.getenv("RADNET_DATA") != null;
        if ("1".equals(System.getenv("RADNET_REQUIRE_FASHION_MNIST"))) {
            assertTrue(installed, "RADNET_REQUIRE_FASHION_MNIST=1 but Fashion-MNIST is not in "
                    + Datasets.DEBIAN_FASHION_MNIST + " (install dataset-fashion-mnist)");
        }
        assumeTrue(installed, "Fashion-MNIST is not installed");
    }

    @Test
    void rotationCountsTheParametersOfBothModelsAndGivesErrorsInRange() {
        requireFashionMnist();
        RotationExperiment.Settings s = new RotationExperiment.Settings(new int[] {2}, 2, 8, 10, 128, 100, 1, 64, 0.01,
                GeneratedWeightInitialization.PRIMARY_FAN_IN);
        RotationExperiment experiment = new RotationExperiment(EJML, ExperimentListener.NONE);
        RotationExperiment.Result r = experiment.run(s);
        assertEquals(1, r.rows().size());
        RotationExperiment.ModelResult h = r.rows().get(0).hypernetwork();
        RotationExperiment.ModelResult e = r.rows().get(0).embedding();
        int ng = 784 * 10 + 10 * 12;
        assertEquals(7960, ng);
        assertEquals(ng, h.primaryParameters(), "N_g of the bias-free 784 → 10 → 12");
        int nf = (784 * 8 + 8) + (8 * ng + ng);
        assertEquals(nf, h.generatorParameters());
        assertEquals(nf, h.trainedParameters(), "only f is trained");
        assertEquals(nf, e.generatorParameters(), "e has f's architecture");
        assertEquals((784 + ng) * 10 + 10 + 10 * 12 + 12, e.primaryParameters(), "N_q");
        for (RotationExperiment.ModelResult m : List.of(h, e)) {
            for (int seed = 0; seed < 2; seed++) {
                assertTrue(m.testError()[seed] >= 0 && m.testError()[seed] <= 1, "error " + m.testError()[seed]);
                assertEquals(Math.round(m.testError()[seed] * 100), m.testError()[seed] * 100, 1e-9,
                        "a count of 100 test samples");
                assertTrue(Double.isFinite(m.testLoss()[seed]) && m.testLoss()[seed] > 0);
            }
        }
        RotationExperiment.SeedRun again = experiment.runOne(s, new RotationExperiment.RunKey(2, 2));
        assertEquals(h.testError()[1], again.hypernetwork().testError(), 0.0, "a run alone gives the run's numbers");
        assertEquals(e.testLoss()[1], again.embedding().testLoss(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> experiment.runOne(s, new RotationExperiment.RunKey(3, 1)));
    }

    @Test
    void widthSweepCountsParametersAndGivesOneHotMseInRange() {
        requireFashionMnist();
        WidthSweepExperiment.Settings s = new WidthSweepExperiment.Settings(new int[] {1, 3}, List.of("elu", "relu"), 1,
                300, 200, 1, 64, 1.0);
        WidthSweepExperiment.Result r = new WidthSweepExperiment(EJML, ExperimentListener.NONE).run(s);
        assertEquals(4, r.rows().size());
        assertEquals(List.of("elu", "elu", "relu", "relu"), r.rows().stream().map(WidthSweepExperiment.Row::activation)
                .toList());
        for (WidthSweepExperiment.Row row : r.rows()) {
            assertEquals(795 * row.width() + 10, row.parameters());
            assertTrue(row.testMse()[0] > 0 && row.testMse()[0] < 1, "MSE " + row.testMse()[0]);
        }
    }

    @Test
    void embeddingDimensionSweepGrowsBothGeneratorsWithE() {
        EmbeddingDimensionExperiment.Settings s = new EmbeddingDimensionExperiment.Settings(
                List.of(HypernetworkTargets.Type.I), new int[] {2, 5}, 1, 4, 6, 3, 200, 50, 2, 50, 0.01,
                GeneratedWeightInitialization.UNSCALED);
        EmbeddingDimensionExperiment.Result r = new EmbeddingDimensionExperiment(EJML, ExperimentListener.NONE).run(s);
        assertEquals(2, r.rows().size());
        int ng = 4 * 3 + 3;
        for (EmbeddingDimensionExperiment.Row row : r.rows()) {
            int e = row.embeddingDimension();
            assertEquals(ng, row.hypernetwork().primaryParameters());
            assertEquals((4 * 6 + 6) + (6 * e + e) + (e * ng + ng), row.hypernetwork().generatorParameters(),
                    "f: 4 → 6 → E → N_g");
            assertEquals((4 * 6 + 6) + (6 * 6 + 6) + (6 * e + e), row.embedding().generatorParameters(),
                    "e: 4 → 6 → 6 → E");
            assertEquals((4 + e) * 3 + 3 + 3 + 1, row.embedding().primaryParameters(), "q: (4 + E) → 3 → 1");
            assertTrue(row.hypernetwork().testMse()[0] > 0 && row.embedding().testMse()[0] > 0);
        }
    }

    @Test
    void theScalingOptionChangesOnlyTheHypernetwork() {
        HypernetExperiment.Settings unscaled = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                new int[] {1}, 1, 3, 3, 8, 4, 200, 50, 2, 50, 0.01);
        HypernetExperiment.Settings scaled = new HypernetExperiment.Settings(List.of(HypernetworkTargets.Type.I),
                new int[] {1}, 1, 3, 3, 8, 4, 200, 50, 2, 50, 0.01, GeneratedWeightInitialization.PRIMARY_FAN_IN);
        assertEquals(GeneratedWeightInitialization.UNSCALED, unscaled.initialization());
        HypernetExperiment experiment = new HypernetExperiment(EJML, ExperimentListener.NONE);
        HypernetExperiment.Row a = experiment.run(unscaled).rows().get(0);
        HypernetExperiment.Row b = experiment.run(scaled).rows().get(0);
        assertEquals(a.embedding().testMse()[0], b.embedding().testMse()[0], 0.0);
        assertTrue(a.hypernetwork().firstEpochLoss()[0] != b.hypernetwork().firstEpochLoss()[0]);
    }

    @Test
    void thePresetsAndDefaultsAreThoseDocumented() {
        HypernetExperiment.Settings paper = HypernetExperiment.Settings.paper();
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8, 9}, paper.depths());
        assertEquals(List.of(1000, 1000, 100, 10, 30_000, 200), List.of(paper.xWidth(), paper.iWidth(),
                paper.hiddenWidth(), paper.primaryHidden(), paper.trainSamples(), paper.batchSize()));
        RotationExperiment.Settings rotation = RotationExperiment.Settings.defaults();
        assertArrayEquals(new int[] {2, 3, 5, 9}, rotation.depths());
        assertEquals(List.of(2, 50, 10, 5000, 1000, 5, 64), List.of(rotation.seeds(), rotation.hiddenWidth(),
                rotation.primaryHidden(), rotation.trainSamples(), rotation.testSamples(), rotation.epochs(),
                rotation.batchSize()));
        assertEquals(GeneratedWeightInitialization.PRIMARY_FAN_IN, rotation.initialization());
        assertEquals(0.01, rotation.learningRate());
        WidthSweepExperiment.Settings width = WidthSweepExperiment.Settings.defaults();
        assertEquals(29, width.widths().length);
        assertEquals(List.of(60_000, 10_000, 2, 64), List.of(width.trainSamples(), width.testSamples(), width.epochs(),
                width.batchSize()));
        assertEquals(1.0, width.learningRate());
        assertEquals(100, EmbeddingDimensionExperiment.Settings.defaults().width());
    }

    @Test
    void badSettingsFailNamingTheValue() {
        assertEquals("Fashion-MNIST has 60000 training and 10000 test images; got 60001 and 10 samples",
                assertThrows(IllegalArgumentException.class, () -> new RotationExperiment.Settings(new int[] {2}, 1, 8,
                        10, 60_001, 10, 1, 64, 0.01, GeneratedWeightInitialization.UNSCALED)).getMessage());
        assertEquals("the depth must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new RotationExperiment.Settings(new int[] {0}, 1, 8, 10, 10, 10, 1, 64, 0.01,
                        GeneratedWeightInitialization.UNSCALED)).getMessage());
        assertEquals("the weight generator f of depth 2 (width 1000000) would have 8745007960 parameters, more than a"
                + " Java array holds (2147483639)", assertThrows(IllegalArgumentException.class,
                        () -> new RotationExperiment.Settings(new int[] {2}, 1, 1_000_000, 10, 10, 10, 1, 64, 0.01,
                                GeneratedWeightInitialization.UNSCALED)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingDimensionExperiment.Settings(
                List.of(HypernetworkTargets.Type.I), new int[] {10_000_000}, 1, 100, 100, 10, 10, 10, 1, 5, 0.01,
                GeneratedWeightInitialization.UNSCALED));
        assertEquals("the initialization setting is missing", assertThrows(IllegalArgumentException.class,
                () -> new RotationExperiment.Settings(new int[] {2}, 1, 8, 10, 10, 10, 1, 64, 0.01, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WidthSweepExperiment.Settings(new int[] {1}, List.of("nope"),
                1, 10, 10, 1, 64, 1.0));
        assertEquals("the embedding dimension E must be at least 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new EmbeddingDimensionExperiment.Settings(List.of(HypernetworkTargets.Type.I), new int[] {0}, 1, 4,
                        4, 3, 10, 10, 1, 5, 0.01, GeneratedWeightInitialization.UNSCALED)).getMessage());
        assertEquals("cannot read RotationExperiment.Settings: the rotation experiment needs at least one depth",
                assertThrows(IllegalArgumentException.class, () -> ExperimentJson.readSettings("{\"depths\" : []}",
                        RotationExperiment.Settings.defaults())).getMessage());
    }
}
