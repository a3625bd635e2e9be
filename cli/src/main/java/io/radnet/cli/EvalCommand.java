package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Tensor;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.CsvData;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radnet eval}: the loss of a model on a CSV data set (and, for cross-entropy, the
 * accuracy: the fraction of samples whose largest output is the label), optionally writing the
 * predictions F(x), one row per sample, to a CSV file. An output or a loss that is not finite
 * is an error naming the first such output; nothing is printed or written then.
 */
@Command(name = "eval", description = {
    "Computes a model's loss on a CSV data set.",
    "With --predict also writes the model's outputs."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Mixin
    private DataInput dataInput;

    @Option(names = "--predict", paramLabel = "OUT.csv",
            description = "Write the predictions to this CSV file: a header output_1..output_nL, one line per sample.")
    private Path predict;

    @Option(names = "--json", description = "Print {\"loss\", \"value\", \"samples\"} (and \"accuracy\" for ce).")
    private boolean json;

    /** Creates the command; picocli instantiates it. */
    public EvalCommand() {
    }

    @Override
    public Integer call() {
        new CommandFiles(spec.commandLine()).input("model", input.model).input("data file", dataInput.data)
                .output("--predict", predict, CommandFiles.Kind.CSV).check();
        Loss loss = dataInput.loss();
        Network network = input.loadAny(input.backend());
        Dataset data = dataInput.read(network, loss);
        Tensor prediction = network.forward(data.inputs());
        FiniteOutputs.require(prediction, "the outputs of " + input.model + " on " + dataInput.data);
        double value = FiniteOutputs.require(loss.value(prediction, data.targets()),
                "the " + loss.name() + " of " + input.model + " on " + dataInput.data);
        Double accuracy = loss instanceof SoftmaxCrossEntropy ? accuracy(prediction, data.targets()) : null;
        if (predict != null) {
            List<String> header = new ArrayList<>();
            for (int k = 1; k <= network.outputWidth(); k++) {
                header.add("output_" + k);
            }
            CsvData.write(predict, header, prediction);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("loss", loss.name());
            root.put("value", value);
            root.put("samples", data.size());
            if (accuracy != null) {
                root.put("accuracy", accuracy);
            }
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("%s %s on %d samples of %s%n", loss.name(), value, data.size(), dataInput.data);
        if (accuracy != null) {
            out.printf("accuracy %.4f%n", accuracy);
        }
        if (predict != null) {
            out.printf("wrote %s: %d predictions of %d outputs%n", predict, data.size(), network.outputWidth());
        }
        out.flush();
        return ExitCode.OK;
    }

    private static double accuracy(Tensor prediction, Tensor labels) {
        double[] p = prediction.toRowMajor();
        double[] y = labels.toRowMajor();
        int cols = prediction.cols();
        int correct = 0;
        for (int r = 0; r < prediction.rows(); r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (p[r * cols + c] > p[r * cols + best]) {
                    best = c;
                }
            }
            correct += best == (int) y[r] ? 1 : 0;
        }
        return (double) correct / prediction.rows();
    }
}
