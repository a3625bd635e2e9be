package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.RadialPaperDatasets;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.StopReason;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import org.junit.jupiter.api.Test;

/**
 * The README's training example: the radial paper's reduced experiment-3 network (2,3,4,5,6,2)
 * reaches MSE &lt; 0.01 on the 14,641-point grid with full-batch gradient descent, as the
 * README shows (1236 epochs from seed 1 on EJML).
 */
class ReadmeTrainingExampleTest {
    @Test
    void theReducedExperiment3NetworkReachesTheTargetLoss() {
        Backend backend = Backends.get("ejml");
        Dataset grid = RadialPaperDatasets.experiment3(backend);            // 14,641 × 2 → sigmoid(x)
        RadialNetwork net = RadialNetwork.initialized(backend, new int[] {2, 3, 4, 5, 6, 2},
                RadialProfiles.sigmoid(), 1);
        TrainingResult result = Trainer.builder(net, new MeanSquaredError(), new GradientDescent(0.01), grid)
                .fullBatch().targetLoss(0.01).maxEpochs(5000).build().train();

        assertEquals(StopReason.TARGET_LOSS, result.stopReason(), result.toString());
        assertTrue(result.finalLoss() < 0.01, result.toString());
        assertEquals(1236, result.epochs(), "the epoch count the README shows for seed 1");
    }
}
