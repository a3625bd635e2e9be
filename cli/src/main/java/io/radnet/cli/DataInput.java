package io.radnet.cli;

import io.radnet.core.data.Dataset;
import io.radnet.core.io.CsvData;
import io.radnet.core.io.DataTooLargeException;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Network;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read a CSV data set: the file and the loss, which decides the
 * target columns. A picocli mixin.
 */
final class DataInput {
    @Option(names = "--data", required = true, paramLabel = "DATA.csv",
            description = "One sample per line: n₀ input columns, then the targets (n_L columns for mse, one class "
                    + "index 0..n_L−1 for ce), plain decimal numbers; a first line without any number is a header and skipped.")
    Path data;

    @Option(names = "--loss", paramLabel = "mse|ce", defaultValue = "mse",
            description = "mse (mean squared error, averaged over samples and outputs) or ce (softmax "
                    + "cross-entropy); default: ${DEFAULT-VALUE}.")
    String lossName;

    /**
     * @return the loss asked for
     * @throws IllegalArgumentException if the name is neither mse nor ce
     */
    Loss loss() {
        return switch (lossName.toLowerCase(Locale.ROOT)) {
            case "mse" -> new MeanSquaredError();
            case "ce" -> new SoftmaxCrossEntropy();
            default -> throw new IllegalArgumentException("--loss must be mse or ce, got '" + lossName + "'");
        };
    }

    /**
     * @param network the model the data are for: its input width n₀ and output width n_L set
     *     the columns
     * @param loss the loss, which decides the target columns
     * @return the data set on the network's backend; for ce every label is checked to be a
     *     class index 0 … n_L − 1, naming the file and line otherwise
     * @throws IllegalArgumentException naming the file, the line and the problem, or the heap
     *     option to raise when the data do not fit
     */
    Dataset read(Network network, Loss loss) {
        try {
            return loss instanceof SoftmaxCrossEntropy
                    ? CsvData.readLabelled(data, network.backend(), network.inputWidth(), network.outputWidth())
                    : CsvData.read(data, network.backend(), network.inputWidth(), network.outputWidth());
        } catch (DataTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + HeapBudget.remedy(e.bytesNeeded()), e);
        }
    }
}
