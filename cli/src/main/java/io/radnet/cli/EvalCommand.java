package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Tensor;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.AtomicFiles;
import io.radnet.core.io.CsvData;
import io.radnet.core.loss.Classification;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import io.radnet.core.network.Network;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet eval}: the loss of a model on a CSV data set (and, for cross-entropy, the
 * accuracy: the fraction of samples whose largest output is the label, and with
 * {@code --confusion} the confusion matrix, rows = true class, columns = predicted class),
 * optionally writing the predictions to a CSV file, one row per sample: for mean squared error
 * the outputs F(x); for cross-entropy the class probabilities softmax(F(x)) and the predicted
 * class (the first largest output). An output or a loss that is not finite is an error naming
 * the first such output; nothing is printed or written then.
 */
@Command(name = "eval", description = {
    "Computes a model's loss on CSV, IDX, npy or Fashion-MNIST data.",
    "With --predict also writes the model's predictions; with --confusion (ce) prints the confusion matrix.",
    "Reads every model kind: radial, mlp, rcnet, hypernetwork, embedding, and",
    "exact JSON models (exact=true), evaluated exactly in rationals (each output",
    "rounded once to a double; the report says which evaluator ran).",
    "A hypernetwork or embedding network takes input rows [x | I]: x is the first",
    "x_width (d_x) input columns, I the next i_width (d_I); 'radnet info' prints",
    "both; the targets follow them (unless --label-column says otherwise)."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Mixin
    private DataInput dataInput;

    @Option(names = "--predict", paramLabel = "OUT.csv",
            description = "Write the predictions to this CSV file, one line per sample: for mse the outputs (header "
                    + "output_1..output_nL); for ce the class probabilities (softmax) and the predicted class (header "
                    + "p0,…,p{k-1},predicted).")
    private Path predict;

    @Option(names = "--confusion", description = "For ce: print the confusion matrix (rows = true class, columns = "
            + "predicted class); with --json as \"confusion\".")
    private boolean confusion;

    @Option(names = "--json", description = "Print {\"loss\", \"value\", \"samples\", \"evaluator\" (double or "
            + "exact)} (and \"accuracy\" for ce, "
            + "\"confusion\" with --confusion).")
    private boolean json;

    /** Creates the command; picocli instantiates it. */
    public EvalCommand() {
    }

    @Override
    public Integer call() {
        dataInput.addInputs(new CommandFiles(spec.commandLine()).input("model", input.model))
                .output("--predict", predict, CommandFiles.Kind.CSV).check();
        Loss loss = dataInput.loss();
        boolean classification = loss instanceof SoftmaxCrossEntropy;
        if (confusion && !classification) {
            throw new ParameterException(spec.commandLine(), "--confusion counts classes and needs --loss ce");
        }
        boolean exact = input.isExact();
        Dataset data;
        Tensor prediction;
        int outputWidth;
        if (exact) {
            ExactNetwork network = input.exactContent().network();
            outputWidth = network.outputWidth();
            data = dataInput.read(new DataInput.ModelShape(input.backend(), network.inputWidth(), outputWidth), loss);
            prediction = exactOutputs(network, data.inputs());
        } else {
            ModelInput.ModelAndData<Network> loaded = input.loadWithData(input::loadAny, dataInput, loss, null);
            Network network = loaded.network();
            outputWidth = network.outputWidth();
            data = loaded.data();
            prediction = network.forward(data.inputs());
        }
        FiniteOutputs.require(prediction, "the outputs of " + input.model + " on " + dataInput.data);
        double value = FiniteOutputs.require(loss.value(prediction, data.targets()),
                "the " + loss.name() + " of " + input.model + " on " + dataInput.data);
        Double accuracy = classification ? Classification.accuracy(prediction, data.targets()) : null;
        long[][] counts = confusion ? Classification.confusion(prediction, data.targets()) : null;
        if (predict != null && classification) {
            writeClassPredictions(prediction);
        } else if (predict != null) {
            List<String> header = new ArrayList<>();
            for (int k = 1; k <= outputWidth; k++) {
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
            root.put("evaluator", exact ? "exact" : "double");
            if (accuracy != null) {
                root.put("accuracy", accuracy);
            }
            if (counts != null) {
                ArrayNode rows = root.putArray("confusion");
                for (long[] row : counts) {
                    ArrayNode cells = rows.addArray();
                    for (long cell : row) {
                        cells.add(cell);
                    }
                }
            }
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("%s %s on %d samples of %s%n", loss.name(), value, data.size(), dataInput.data);
        if (exact) {
            out.printf("evaluator exact rationals (exact=true model): each output computed exactly, then rounded once "
                    + "to the nearest double%n");
        }
        if (accuracy != null) {
            out.printf("accuracy %.4f%n", accuracy);
        }
        if (counts != null) {
            printConfusion(out, counts);
        }
        if (predict != null) {
            out.printf("wrote %s: %d predictions of %d %s%n", predict, data.size(), outputWidth,
                    classification ? "class probabilities and the predicted class" : "outputs");
        }
        out.flush();
        return ExitCode.OK;
    }

    /**
     * @param network an exact rational network
     * @param inputs the samples, one per row, each entry read exactly
     * @return F(x) of every row, computed exactly ({@link ExactNetwork#applyAll}) and rounded once
     *     to the nearest double, on the inputs' backend
     */
    private static Tensor exactOutputs(ExactNetwork network, Tensor inputs) {
        double[] values = inputs.toRowMajor();
        int cols = inputs.cols();
        Rational[][] points = new Rational[inputs.rows()][cols];
        for (int r = 0; r < points.length; r++) {
            for (int c = 0; c < cols; c++) {
                points[r][c] = Rational.ofDouble(values[r * cols + c]);
            }
        }
        Rational[][] outputs = network.applyAll(points);
        int width = network.outputWidth();
        double[] rounded = new double[points.length * width];
        for (int r = 0; r < points.length; r++) {
            for (int c = 0; c < width; c++) {
                rounded[r * width + c] = outputs[r][c].toDouble();
            }
        }
        return inputs.backend().fromRowMajor(points.length, width, rounded);
    }

    /** The confusion matrix as a table: a header of predicted classes, one row per true class. */
    private static void printConfusion(PrintWriter out, long[][] counts) {
        long largest = 0;
        for (long[] row : counts) {
            for (long cell : row) {
                largest = Math.max(largest, cell);
            }
        }
        int width = Math.max(Long.toString(largest).length(), Integer.toString(counts.length - 1).length()) + 1;
        out.println("confusion (rows: true class, columns: predicted class)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-6s", "true"));
        for (int p = 0; p < counts.length; p++) {
            header.append(String.format(Locale.ROOT, "%" + width + "d", p));
        }
        out.println(header);
        for (int t = 0; t < counts.length; t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-6d", t));
            for (long cell : counts[t]) {
                row.append(String.format(Locale.ROOT, "%" + width + "d", cell));
            }
            out.println(row);
        }
    }

    /** Writes p0 … p{k−1} (softmax) and the predicted class, one line per sample, atomically. */
    private void writeClassPredictions(Tensor logits) {
        double[] probabilities = Classification.probabilities(logits).toRowMajor();
        int[] predicted = Classification.predictedClasses(logits);
        int k = logits.cols();
        AtomicFiles.write(predict, stream -> {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < k; j++) {
                text.append('p').append(j).append(',');
            }
            text.append("predicted\n");
            for (int s = 0; s < predicted.length; s++) {
                for (int j = 0; j < k; j++) {
                    text.append(probabilities[s * k + j]).append(',');
                }
                text.append(predicted[s]).append('\n');
                if (text.length() > 1 << 16) {
                    stream.write(text.toString().getBytes(StandardCharsets.UTF_8));
                    text.setLength(0);
                }
            }
            stream.write(text.toString().getBytes(StandardCharsets.UTF_8));
        });
    }
}
