package io.radnet.experiments;

import io.radnet.core.data.Dataset;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.Network;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import java.util.Locale;

/** The seeded minibatch training run the parameter-sharing experiments share. */
final class MinibatchTraining {
    private MinibatchTraining() {
    }

    /**
     * Trains for a fixed number of epochs on minibatches of min(batch, |data|) samples drawn in
     * the order the seed gives, reporting one progress task.
     *
     * @return the training loss of every epoch, index e − 1 for epoch e
     */
    static double[] lossHistory(ExperimentListener listener, String name, Network network, Loss loss,
            Optimizer optimizer, Dataset data, int batch, int epochs, long seed) {
        try (ExperimentListener.Task task = listener.start(name, epochs)) {
            TrainingResult result = Trainer.builder(network, loss, optimizer, data)
                    .batchSize(Math.min(batch, data.size()))
                    .seed(seed)
                    .maxEpochs(epochs)
                    .listener(event -> task.stepTo(event.epoch(), "loss " + String.format(Locale.ROOT, "%.3e",
                            event.loss())))
                    .build()
                    .train();
            task.finish(result.epochs(), "");
            return result.lossHistory();
        }
    }

    /**
     * Adds curve / seeds to sum entrywise, over the epochs both have: the running mean of the
     * per-seed loss curves.
     */
    static void addMean(double[] sum, double[] curve, int seeds) {
        for (int e = 0; e < sum.length && e < curve.length; e++) {
            sum[e] += curve[e] / seeds;
        }
    }
}
