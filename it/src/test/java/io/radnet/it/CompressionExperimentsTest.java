package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.compress.CompressedNetwork;
import io.radnet.core.compress.CompressionCheck;
import io.radnet.core.compress.QrCompression;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.StopReason;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The radial paper's compression experiments (§7, settings in papers/README.md) on every
 * available backend, in double precision: experiment 1 (Theorem 5) in full, experiment 2
 * (Theorem 7) for three of the paper's ten seeds, and a shortened experiment 3. The full
 * runs with timings are {@code ./radnet reproduce}.
 */
class CompressionExperimentsTest {
    private static final int[] SMALL = {1, 6, 7, 1};
    private static final int[] LARGE = {2, 16, 64, 128, 16, 2};

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void experiment1CompressedAndOriginalFunctionsAgreeToDoublePrecision(String name) {
        Backend b = Backends.get(name);
        Dataset data = RadialPaperDatasets.experiment1(b);
        double sum = 0;
        for (long seed = 1; seed <= 10; seed++) {
            RadialNetwork net = RadialNetwork.initialized(b, SMALL, RadialProfiles.sigmoid(), seed);
            CompressedNetwork c = QrCompression.compress(net);
            assertEquals("[1, 2, 3, 1]", java.util.Arrays.toString(c.network().widths()));
            sum += CompressionCheck.outputDifference(net, c.network(), data.inputs()).mean();
        }
        double mean = sum / 10;
        assertTrue(mean <= 1e-12, name + ": mean |F − F_red| over 10 seeds = " + mean + " (paper, float32: 1.31e-8)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void experiment2ProjectedDescentMatchesTheReducedNetworkForThreeThousandEpochs(String name) {
        Backend b = Backends.get(name);
        Dataset data = RadialPaperDatasets.experiment2(b);
        for (long seed = 1; seed <= 3; seed++) {
            RadialNetwork net = RadialNetwork.initialized(b, SMALL, RadialProfiles.sigmoid(), seed);
            CompressionCheck.Theorem7Check check = CompressionCheck.theorem7(net, data.inputs(), data.targets(),
                    new MeanSquaredError(), 0.01, 3000);
            String what = name + " seed " + seed;
            assertTrue(check.finalLossDifference() <= 1e-10,
                    what + ": |L − L_red| = " + check.finalLossDifference() + " (paper: 4.02e-9)");
            assertTrue(check.maxProjectionError() <= 1e-10,
                    what + ": γ_proj^t(Q⁻¹θ) = γ_red^t + U at every epoch, worst " + check.maxProjectionError());
            assertTrue(check.maxSymmetryError() <= 1e-10,
                    what + ": γ^t(θ) = Q·γ^t(Q⁻¹θ) at every epoch, worst " + check.maxSymmetryError());
            assertTrue(check.finalLoss() < 0.05, what + ": training made progress, L_red = " + check.finalLoss());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.it.AvailableBackends#names")
    void experiment3CompressionIsLosslessOnTheWholeGrid(String name) {
        Backend b = Backends.get(name);
        Dataset grid = RadialPaperDatasets.experiment3(b);
        RadialNetwork full = RadialNetwork.initialized(b, LARGE, RadialProfiles.sigmoid(), 1);
        CompressedNetwork c = QrCompression.compress(full);
        assertEquals("[2, 3, 4, 5, 6, 2]", java.util.Arrays.toString(c.network().widths()));
        assertEquals(11_554, c.originalParameters(), "Σ n_i (n_{i−1} + 1)");
        assertEquals(100, c.reducedParameters());
        double max = CompressionCheck.outputDifference(full, c.network(), grid.inputs()).max();
        assertTrue(max <= 1e-12, name + ": max |F − F_red| on 14,641 points = " + max);
    }

    /** Shortened experiment 3: the compressed network trains to the paper's target from the compressed start. */
    @Test
    void experiment3TheCompressedNetworkReachesTheTargetLoss() {
        Backend b = Backends.defaultBackend();
        Dataset grid = RadialPaperDatasets.experiment3(b);
        RadialNetwork full = RadialNetwork.initialized(b, LARGE, RadialProfiles.sigmoid(), 1);
        RadialNetwork reduced = QrCompression.compress(full).network();
        MeanSquaredError mse = new MeanSquaredError();
        double start = mse.value(full.forward(grid.inputs()), grid.targets());
        assertEquals(start, mse.value(reduced.forward(grid.inputs()), grid.targets()), 1e-14,
                "both start from the same loss");
        TrainingResult r = Trainer.builder(reduced, mse, new GradientDescent(0.01), grid)
                .fullBatch().targetLoss(0.01).maxEpochs(5000).build().train();
        assertEquals(StopReason.TARGET_LOSS, r.stopReason(), r.toString());
    }
}
