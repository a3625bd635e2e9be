package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.DataTooLargeException;
import io.radnet.core.io.Dtype;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.optim.Adadelta;
import io.radnet.core.optim.Adam;
import io.radnet.core.optim.DivergenceRule;
import io.radnet.core.optim.GradientDescent;
import io.radnet.core.optim.Optimizer;
import io.radnet.core.optim.RAdam;
import io.radnet.core.optim.Sgd;
import io.radnet.core.optim.Trainer;
import io.radnet.core.optim.TrainingResult;
import io.radnet.experiments.ExperimentListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet train}: trains a model on a CSV data set and saves the trained model. Training
 * stops after {@code --epochs} epochs or at the first epoch whose loss is below
 * {@code --target-loss}. An epoch's loss is the sample-weighted mean of its batches' losses
 * (for a full batch, the loss before that epoch's update). Nothing is written when training
 * fails or diverges.
 *
 * <p>Optimizers: {@code gd} (gradient descent, the radial paper's; default learning rate 0.01),
 * {@code sgd} (the same step on shuffled minibatches, {@value #SGD_BATCH} rows unless {@code --batch}), {@code momentum} (SGD with momentum 0.9, lr 0.01),
 * {@code adam} and {@code radam} (lr 0.001) and {@code adadelta} (lr 1.0), PyTorch's defaults
 * otherwise. A progress bar is drawn on stderr on a terminal unless {@code --quiet}.
 *
 * <p>Divergence: besides a NaN or infinite loss or parameter, training stops with exit code 1
 * and saves nothing when an epoch's loss exceeds both {@code --max-loss-growth} times the best
 * loss of the earlier epochs and {@code --loss-floor}, or a parameter's magnitude exceeds
 * {@code --max-parameter} ({@link DivergenceRule}; {@code Infinity} turns a check off).
 */
@Command(name = "train", description = "Trains a model on a CSV data set and saves the trained model.")
public final class TrainCommand implements Callable<Integer> {
    /** The minibatch size of {@code --optimizer sgd} without {@code --batch}. */
    static final int SGD_BATCH = 32;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Mixin
    private DataInput dataInput;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "The trained model file to write: .safetensors or .json.")
    private Path output;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "gd",
            description = "gd, sgd, momentum, adam, radam or adadelta (default: ${DEFAULT-VALUE}).")
    private String optimizerName;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "The learning rate (default: 0.01 for gd, sgd, momentum; 0.001 for adam, radam; 1.0 for adadelta).")
    private Double learningRate;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100",
            description = "The most epochs to run, ≥ 1 (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch", paramLabel = "B",
            description = "Minibatch size ≥ 1, shuffled every epoch (default: the full data set; " + SGD_BATCH
                    + " for sgd).")
    private Integer batch;

    @Option(names = "--target-loss", paramLabel = "L",
            description = "Stop at the first epoch whose loss is below L.")
    private Double targetLoss;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "The seed of the minibatch shuffles (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-loss-growth", paramLabel = "F", defaultValue = "1e6",
            description = "Divergence: stop when an epoch's loss exceeds F times the best loss so far and the "
                    + "--loss-floor; ≥ 1, Infinity turns it off (default: ${DEFAULT-VALUE}).")
    private double maxLossGrowth;

    @Option(names = "--loss-floor", paramLabel = "L", defaultValue = "1e3",
            description = "Divergence: a loss at most L never counts as grown; ≥ 0 (default: ${DEFAULT-VALUE}).")
    private double lossFloor;

    @Option(names = "--max-parameter", paramLabel = "M", defaultValue = "1e12",
            description = "Divergence: stop when a parameter's magnitude exceeds M; > 0, Infinity turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    private double maxParameter;

    @Option(names = "--plot", paramLabel = "LOSS.png", description = "Write the loss per epoch as a chart: PNG, SVG or "
            + "PDF by the extension.")
    private Path plot;

    @Option(names = "--json", description = "Print {\"epochs\", \"losses\" (one per epoch), \"finalLoss\", "
            + "\"stopReason\", \"seconds\"}.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Draw no progress bar (it is drawn on stderr only on a terminal).")
    private boolean quiet;

    @Mixin
    private ModelDtype dtype;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Train data-parallel on Apache Spark: local[N], spark://HOST:PORT, … (./radnet adds Spark's "
                    + "jars). Executors read --data from the same path; each partition's gradient is summed in a fixed "
                    + "order, so a seed gives the same model on any cluster. The divergence options apply to local "
                    + "training only; a NaN or infinite loss stops both.")
    private String sparkMaster;

    @Option(names = "--partitions", paramLabel = "P",
            description = "With --spark: split the samples into P partitions of contiguous rows (default: Spark's "
                    + "default parallelism).")
    private Integer partitions;

    /** Creates the command; picocli instantiates it. */
    public TrainCommand() {
    }

    @Override
    public Integer call() {
        validateOptions();
        new CommandFiles(spec.commandLine()).input("model", input.model).input("data file", dataInput.data)
                .output("-o", output, CommandFiles.Kind.MODEL).output("--plot", plot, CommandFiles.Kind.CHART).check();
        Dtype stored = dtype.dtype(spec.commandLine(), output);
        DivergenceRule divergence = divergenceRule();
        Loss loss = dataInput.loss();
        Optimizer optimizer = optimizer();
        if (SparkOption.check(sparkMaster) != null) {
            return trainOnSpark(stored, loss, optimizer);
        }
        FeedForwardNetwork network = input.load(input.backend());
        Dataset data = dataInput.read(network, loss);
        PrintWriter err = spec.commandLine().getErr();
        ExperimentListener progress = !quiet && TerminalProgress.isInteractive()
                ? new TerminalProgress(err) : ExperimentListener.NONE;
        TrainingResult result;
        try (ExperimentListener.Task task = progress.start("train", epochs)) {
            Trainer.Builder builder = Trainer.builder(network, loss, optimizer, data)
                    .maxEpochs(epochs)
                    .seed(seed)
                    .divergenceRule(divergence)
                    .listener(event -> task.stepTo(event.epoch(), loss.name() + " " + String.format(Locale.ROOT, "%.6g",
                            event.loss())));
            Integer rows = batchSize();
            if (rows != null) {
                builder.batchSize(rows);
            }
            if (targetLoss != null) {
                builder.targetLoss(targetLoss);
            }
            result = builder.build().train();
            task.finish(result.epochs(), loss.name() + " " + String.format(Locale.ROOT, "%.6g", result.finalLoss()));
        }
        if (plot != null) {
            writePlot(result.lossHistory(), loss);
        }
        ModelFiles.save(network, output, stored);
        report(result, loss, data);
        return ExitCode.OK;
    }

    /** {@code --spark}: data-parallel training ({@link SparkRuns#train}), then the same outputs. */
    private Integer trainOnSpark(Dtype stored, Loss loss, Optimizer optimizer) {
        FeedForwardNetwork network = input.load(input.backend());
        PrintWriter err = spec.commandLine().getErr();
        ExperimentListener progress = !quiet && TerminalProgress.isInteractive()
                ? new TerminalProgress(err) : ExperimentListener.NONE;
        SparkRuns.Training result;
        try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
            result = cluster.train(network, input.model, input.kind(), input.activation, dataInput.data,
                    "ce".equalsIgnoreCase(loss.name()), input.backendName, partitions, epochs, batchSize(), seed,
                    targetLoss, optimizer, progress);
        } catch (DataTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + HeapBudget.remedy(e.bytesNeeded()), e);
        }
        if (plot != null) {
            writePlot(result.losses(), loss);
        }
        ModelFiles.save(network, output, stored);
        PrintWriter out = spec.commandLine().getOut();
        double seconds = result.seconds();
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("epochs", result.epochs());
            JsonOutput.doubles(root, "losses", result.losses());
            root.put("finalLoss", result.finalLoss());
            root.put("stopReason", result.stopReason().name());
            root.put("seconds", seconds);
            root.put("partitions", result.partitions());
            root.put("steps", result.steps());
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        double[] losses = result.losses();
        out.printf("wrote %s: trained %s on %d samples of %s on Spark (%s, %d partitions)%n", output, input.model,
                result.samples(), dataInput.data, sparkMaster, result.partitions());
        out.printf("optimizer  %s, %s%n", optimizerName.toLowerCase(Locale.ROOT),
                batchSize() == null || batchSize() >= result.samples() ? "full batch" : "batches of " + batchSize());
        out.printf("epochs     %d (stopped: %s), %d steps%n", result.epochs(),
                result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), result.steps());
        out.printf("%-10s %.6g (epoch 1) → %.6g (epoch %d)%n", loss.name(), losses[0], losses[losses.length - 1], result.epochs());
        out.printf("time       %.2f s%n", seconds);
        if (plot != null) {
            out.printf("plot       %s%n", plot);
        }
        out.flush();
        return ExitCode.OK;
    }

    private void validateOptions() {
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (partitions != null && sparkMaster == null) {
            throw new ParameterException(spec.commandLine(), "--partitions needs --spark");
        }
        if (batch != null && batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
        }
        if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new ParameterException(spec.commandLine(), "--lr must be a finite positive number, got " + learningRate);
        }
        if (targetLoss != null && !Double.isFinite(targetLoss)) {
            throw new ParameterException(spec.commandLine(), "--target-loss must be finite, got " + targetLoss);
        }
    }

    private DivergenceRule divergenceRule() {
        try {
            return new DivergenceRule(maxLossGrowth, lossFloor, maxParameter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    + " (--max-loss-growth, --loss-floor, --max-parameter)");
        }
    }

    private Optimizer optimizer() {
        return switch (optimizerName.toLowerCase(Locale.ROOT)) {
            case "gd", "sgd" -> new GradientDescent(rate(0.01));
            case "momentum" -> Sgd.builder(rate(0.01)).momentum(0.9).build();
            case "adam" -> Adam.builder().learningRate(rate(1e-3)).build();
            case "radam" -> RAdam.builder().learningRate(rate(1e-3)).build();
            case "adadelta" -> Adadelta.builder().learningRate(rate(1.0)).build();
            default -> throw new ParameterException(spec.commandLine(), "--optimizer must be gd, sgd, momentum, adam, "
                    + "radam or adadelta, got '" + optimizerName + "'");
        };
    }

    private Integer batchSize() {
        return batch == null && optimizerName.equalsIgnoreCase("sgd") ? Integer.valueOf(SGD_BATCH) : batch;
    }

    private double rate(double defaultRate) {
        return learningRate != null ? learningRate : defaultRate;
    }

    private void writePlot(double[] losses, Loss loss) {
        double[] epochAxis = new double[losses.length];
        boolean positive = true;
        for (int e = 0; e < losses.length; e++) {
            epochAxis[e] = e + 1;
            positive &= losses[e] > 0;
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put(loss.name(), new double[][] {epochAxis, losses});
        boolean drawTarget = targetLoss != null && (targetLoss > 0 || !positive);
        Charts.write(Charts.lineChart("training loss of " + input.model.getFileName(), "epoch", loss.name(), positive,
                series, drawTarget ? Map.of("target " + targetLoss, targetLoss) : Map.of()), plot);
    }

    private void report(TrainingResult result, Loss loss, Dataset data) {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = result.elapsed().toNanos() / 1e9;
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("epochs", result.epochs());
            JsonOutput.doubles(root, "losses", result.lossHistory());
            root.put("finalLoss", result.finalLoss());
            root.put("stopReason", result.stopReason().name());
            root.put("seconds", seconds);
            JsonOutput.print(out, root);
            return;
        }
        double[] losses = result.lossHistory();
        out.printf("wrote %s: trained %s on %d samples of %s%n", output, input.model, data.size(), dataInput.data);
        out.printf("optimizer  %s, %s%n", optimizerName.toLowerCase(Locale.ROOT),
                batchSize() == null || batchSize() >= data.size() ? "full batch" : "batches of " + batchSize());
        out.printf("epochs     %d (stopped: %s)%n", result.epochs(), result.stopReason().name().toLowerCase(Locale.ROOT)
                .replace('_', ' '));
        out.printf("%-10s %.6g (epoch 1) → %.6g (epoch %d)%n", loss.name(), losses[0], result.finalLoss(), result.epochs());
        out.printf("time       %.2f s%n", seconds);
        if (plot != null) {
            out.printf("plot       %s%n", plot);
        }
        out.flush();
    }
}
