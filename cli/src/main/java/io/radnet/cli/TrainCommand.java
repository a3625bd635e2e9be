package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.ValidationSplit;
import io.radnet.core.io.DataTooLargeException;
import io.radnet.core.io.Dtype;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.optim.Adadelta;
import io.radnet.core.optim.CheckpointFiles;
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
import org.knowm.xchart.XYChart;
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
 * (for a full batch, the loss before that epoch's update). The model and plot are not written
 * when training fails or diverges (checkpoints written by earlier epochs stay).
 *
 * <p>Workflow ({@code docs/training-workflow.md}): {@code --validation F} holds out a seeded
 * ⌈F·n⌉ of the data ({@link ValidationSplit}) or {@code --validation-data} reads a second file;
 * the validation loss (and accuracy for ce) of every epoch goes to the progress bar, the plot
 * and {@code --json}. {@code --early-stop P} stops P epochs after the lowest validation loss and
 * writes that epoch's model. {@code --checkpoint} writes a {@link CheckpointFiles} checkpoint
 * every {@code --checkpoint-every} epochs and after the last; {@code --resume} continues one
 * bitwise up to epoch {@code --epochs}, after checking that it fits MODEL and the options.
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
@Command(name = "train", description = "Trains a model on CSV, IDX, npy or Fashion-MNIST data; saves it.")
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

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Hold out this fraction of the data, 0 < F < 1 (⌈F·n⌉ samples, chosen with --seed), and report "
                    + "the validation loss (and accuracy for ce) after every epoch.")
    private Double validationFraction;

    @Option(names = "--validation-data", paramLabel = "DATA",
            description = "Validate after every epoch on this second data set, in any form --data takes "
                    + "(e.g. fashion-mnist:test; IDX or npy files with --validation-labels), read with the same "
                    + "--data-dir, --label-column and loss.")
    private String validationData;

    @Option(names = "--validation-labels", paramLabel = "LABELS",
            description = "The targets of IDX or npy --validation-data, as --labels is for --data.")
    private Path validationLabels;

    @Option(names = "--early-stop", paramLabel = "PATIENCE",
            description = "Stop when the validation loss has not improved for PATIENCE ≥ 1 epochs; the model written is "
                    + "the one of the epoch with the lowest validation loss (Keras' restore_best_weights=True, applied "
                    + "whatever ends the run). Needs --validation or --validation-data.")
    private Integer patience;

    @Option(names = "--checkpoint", paramLabel = "CKPT.safetensors",
            description = "Write a checkpoint (model, optimizer state, epoch, shuffling state, histories) after every "
                    + "--checkpoint-every epochs and after the last, atomically; resume with --resume.")
    private Path checkpoint;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "Write the checkpoint after every K-th epoch, K ≥ 1 (default: 1).")
    private Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "CKPT.safetensors",
            description = "Continue the run of a --checkpoint file bitwise as if uninterrupted, up to epoch --epochs (the "
                    + "total, as Keras' initial_epoch): same MODEL architecture, data, loss, optimizer, --lr, --batch, "
                    + "--seed and validation as the run that wrote it.")
    private Path resume;

    @Option(names = "--plot", paramLabel = "LOSS.png", description = "Write the loss per epoch as a chart: PNG, SVG or "
            + "PDF by the extension (with validation, the validation loss as a second series).")
    private Path plot;

    @Option(names = "--json", description = "Print {\"epochs\", \"losses\" (one per epoch), \"finalLoss\", "
            + "\"stopReason\", \"seconds\"}; with validation also \"validationLosses\" (and \"validationAccuracies\" for "
            + "ce) and \"modelEpoch\" (the epoch of the model written).")
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
        CommandFiles files = dataInput.addInputs(new CommandFiles(spec.commandLine()).input("model", input.model));
        if (validationData != null) {
            validationInput().addInputs(files);
        }
        files.input("checkpoint to resume", resume)
                .output("-o", output, CommandFiles.Kind.MODEL).output("--checkpoint", checkpoint, CommandFiles.Kind.CHECKPOINT)
                .output("--plot", plot, CommandFiles.Kind.CHART).check();
        Dtype stored = dtype.dtype(spec.commandLine(), output);
        DivergenceRule divergence = divergenceRule();
        Loss loss = dataInput.loss();
        Optimizer optimizer = optimizer();
        if (SparkOption.check(sparkMaster) != null) {
            return trainOnSpark(stored, loss, optimizer);
        }
        ModelInput.ModelAndData<FeedForwardNetwork> loaded = input.loadWithData(input::load, dataInput, loss, batchSize());
        FeedForwardNetwork network = loaded.network();
        CheckpointFiles.Content resumed = resume != null ? CheckpointFiles.read(resume, network.backend()) : null;
        if (resumed != null) {
            requireSameModel(network, resumed.network());
        }
        Dataset data = loaded.data();
        Dataset training = data;
        Dataset validation = null;
        if (validationFraction != null) {
            ValidationSplit split = ValidationSplit.of(data, validationFraction, seed);
            training = split.training();
            validation = split.validation();
        } else if (validationData != null) {
            validation = readValidationData(network, loss);
        }
        Map<String, String> run = runMetadata(loss, validation);
        if (resumed != null && !resumed.run().equals(run)) {
            throw new IllegalArgumentException("--resume " + resume + ": the checkpoint was written by a run with "
                    + resumed.run() + ", this run has " + run);
        }
        PrintWriter err = spec.commandLine().getErr();
        ExperimentListener progress = !quiet && TerminalProgress.isInteractive()
                ? new TerminalProgress(err) : ExperimentListener.NONE;
        TrainingResult result;
        try (ExperimentListener.Task task = progress.start("train", epochs)) {
            Trainer.Builder builder = Trainer.builder(network, loss, optimizer, training)
                    .maxEpochs(epochs)
                    .seed(seed)
                    .divergenceRule(divergence)
                    .listener(event -> task.stepTo(event.epoch(), progressText(loss, event.loss(), event.validationLoss(),
                            event.validationAccuracy())));
            Integer rows = batchSize();
            if (rows != null) {
                builder.batchSize(rows);
            }
            if (targetLoss != null) {
                builder.targetLoss(targetLoss);
            }
            if (validation != null) {
                builder.validation(validation);
            }
            if (patience != null) {
                builder.earlyStopping(patience);
            }
            if (checkpoint != null) {
                builder.checkpoints(checkpointEvery == null ? 1 : checkpointEvery,
                        state -> CheckpointFiles.write(checkpoint, network, state, run));
            }
            if (resumed != null) {
                builder.resumeFrom(resumed.checkpoint());
            }
            result = builder.build().train();
            double[] validationLosses = result.validationLossHistory();
            double[] accuracies = result.validationAccuracyHistory();
            int last = result.epochs() - 1;
            task.finish(result.epochs(), progressText(loss, result.finalLoss(),
                    validationLosses.length > 0 ? validationLosses[last] : Double.NaN,
                    accuracies.length > 0 ? accuracies[last] : Double.NaN));
        } catch (IllegalArgumentException e) {
            if (resumed != null && e.getMessage() != null && e.getMessage().startsWith("cannot resume")) {
                throw new IllegalArgumentException("--resume " + resume + ": " + e.getMessage(), e);
            }
            throw e;
        }
        if (plot != null) {
            writePlot(result.lossHistory(), result.validationLossHistory(), loss);
        }
        ModelFiles.save(network, output, stored);
        report(result, loss, training, validation);
        return ExitCode.OK;
    }

    /** The run's settings a checkpoint records and a resume must match, beyond the trainer's own. */
    private Map<String, String> runMetadata(Loss loss, Dataset validation) {
        Map<String, String> run = new LinkedHashMap<>();
        run.put("loss", loss.name());
        run.put("validation", validationFraction != null ? "fraction " + validationFraction + " of the data, "
                + validation.size() + " samples" : validation != null ? "a file of " + validation.size() + " samples" : "none");
        return run;
    }

    private void requireSameModel(FeedForwardNetwork model, FeedForwardNetwork saved) {
        Map<String, String> expected = StateDict.fromNetwork(model).metadata();
        Map<String, String> found = StateDict.fromNetwork(saved).metadata();
        if (!expected.equals(found)) {
            throw new IllegalArgumentException("--resume " + resume + ": the checkpoint holds a " + describe(found)
                    + " but " + input.model + " is a " + describe(expected));
        }
    }

    private static String describe(Map<String, String> metadata) {
        return metadata.get("kind") + " network " + metadata.get("widths") + " " + metadata.get("activation")
                + ("true".equals(metadata.get("trainable_shifts")) ? " with trainable shifts" : "");
    }

    /** Reads --validation-data with the options of --data (the same directory, columns and loss). */
    private Dataset readValidationData(FeedForwardNetwork network, Loss loss) {
        return validationInput().read(network, loss);
    }

    /** @return the data options of --validation-data: those of --data with the validation files */
    private DataInput validationInput() {
        return dataInput.forOtherData(validationData, validationLabels);
    }

    private static String progressText(Loss loss, double value, double validationLoss, double validationAccuracy) {
        StringBuilder text = new StringBuilder(loss.name()).append(' ').append(String.format(Locale.ROOT, "%.6g", value));
        if (!Double.isNaN(validationLoss)) {
            text.append(" val ").append(String.format(Locale.ROOT, "%.6g", validationLoss));
        }
        if (!Double.isNaN(validationAccuracy)) {
            text.append(" acc ").append(String.format(Locale.ROOT, "%.4f", validationAccuracy));
        }
        return text.toString();
    }

    /** {@code --spark}: data-parallel training ({@link SparkRuns#train}), then the same outputs. */
    private Integer trainOnSpark(Dtype stored, Loss loss, Optimizer optimizer) {
        if (dataInput.kind() != DataInput.Kind.CSV) {
            throw new ParameterException(spec.commandLine(), "--spark reads CSV data (a path every executor can read), "
                    + "not " + dataInput.data);
        }
        FeedForwardNetwork network = input.load(input.backend());
        PrintWriter err = spec.commandLine().getErr();
        ExperimentListener progress = !quiet && TerminalProgress.isInteractive()
                ? new TerminalProgress(err) : ExperimentListener.NONE;
        SparkRuns.Training result;
        try (SparkRuns cluster = SparkRuns.start(sparkMaster)) {
            result = cluster.train(network, input.model, input.kind(), input.activation, Path.of(dataInput.data),
                    "ce".equalsIgnoreCase(loss.name()), input.backendName, partitions, epochs, batchSize(), seed,
                    targetLoss, optimizer, progress);
        } catch (DataTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + HeapBudget.remedy(e.bytesNeeded()), e);
        }
        if (plot != null) {
            writePlot(result.losses(), new double[0], loss);
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
        if (sparkMaster != null && (validationFraction != null || validationData != null || patience != null
                || checkpoint != null || resume != null)) {
            throw new ParameterException(spec.commandLine(), "--spark trains without --validation, --validation-data, "
                    + "--early-stop, --checkpoint and --resume; run those on one machine");
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
        if (validationFraction != null && validationData != null) {
            throw new ParameterException(spec.commandLine(), "give --validation FRACTION or --validation-data DATA, not both");
        }
        if (validationFraction != null && !(validationFraction > 0 && validationFraction < 1)) {
            throw new ParameterException(spec.commandLine(), "--validation must be a fraction in (0, 1), got "
                    + validationFraction);
        }
        if (validationLabels != null && validationData == null) {
            throw new ParameterException(spec.commandLine(), "--validation-labels needs --validation-data");
        }
        if (patience != null && patience < 1) {
            throw new ParameterException(spec.commandLine(), "--early-stop must be at least 1 epoch, got " + patience);
        }
        if (patience != null && validationFraction == null && validationData == null) {
            throw new ParameterException(spec.commandLine(), "--early-stop watches the validation loss: give --validation "
                    + "FRACTION or --validation-data DATA");
        }
        if (checkpointEvery != null && checkpoint == null) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every needs --checkpoint FILE");
        }
        if (checkpointEvery != null && checkpointEvery < 1) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every must be at least 1, got " + checkpointEvery);
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

    private void writePlot(double[] losses, double[] validationLosses, Loss loss) {
        Charts.write(lossChart("training loss of " + input.model.getFileName(), loss.name(), losses, validationLosses,
                targetLoss), plot);
    }

    /**
     * @param title the chart's title
     * @param lossName the loss's name, the y axis
     * @param result the run: its training losses, and validation losses as a second series
     * @param targetLoss a target loss to draw as a level, or null
     * @return the loss per epoch, logarithmic when every value is positive
     */
    static XYChart lossChart(String title, String lossName, TrainingResult result, Double targetLoss) {
        return lossChart(title, lossName, result.lossHistory(), result.validationLossHistory(), targetLoss);
    }

    /**
     * @param title the chart's title
     * @param lossName the loss's name, the y axis
     * @param losses the training loss per epoch
     * @param validationLosses the validation loss per epoch, a second series, or empty
     * @param targetLoss a target loss to draw as a level, or null
     * @return the loss per epoch, logarithmic when every value is positive
     */
    static XYChart lossChart(String title, String lossName, double[] losses, double[] validationLosses,
            Double targetLoss) {
        double[] epochAxis = new double[losses.length];
        boolean positive = true;
        for (int e = 0; e < losses.length; e++) {
            epochAxis[e] = e + 1;
            positive &= losses[e] > 0;
        }
        for (double v : validationLosses) {
            positive &= v > 0;
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put(validationLosses.length > 0 ? "training " + lossName : lossName, new double[][] {epochAxis, losses});
        if (validationLosses.length > 0) {
            series.put("validation " + lossName, new double[][] {epochAxis, validationLosses});
        }
        boolean drawTarget = targetLoss != null && (targetLoss > 0 || !positive);
        return Charts.lineChart(title, "epoch", lossName, positive, series,
                drawTarget ? Map.of("target " + targetLoss, targetLoss) : Map.of());
    }

    private void report(TrainingResult result, Loss loss, Dataset data, Dataset validation) {
        PrintWriter out = spec.commandLine().getOut();
        double seconds = result.elapsed().toNanos() / 1e9;
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("epochs", result.epochs());
            JsonOutput.doubles(root, "losses", result.lossHistory());
            root.put("finalLoss", result.finalLoss());
            root.put("stopReason", result.stopReason().name());
            root.put("seconds", seconds);
            if (validation != null) {
                JsonOutput.doubles(root, "validationLosses", result.validationLossHistory());
                if (result.validationAccuracyHistory().length > 0) {
                    JsonOutput.doubles(root, "validationAccuracies", result.validationAccuracyHistory());
                }
                root.put("validationSamples", validation.size());
            }
            root.put("modelEpoch", result.modelEpoch());
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
        if (validation != null) {
            double[] validationLosses = result.validationLossHistory();
            double[] accuracies = result.validationAccuracyHistory();
            int model = result.modelEpoch() - 1;
            out.printf("validation %d samples: %s %.6g%s (epoch %d%s)%n", validation.size(), loss.name(),
                    validationLosses[model], accuracies.length > 0 ? String.format(Locale.ROOT, ", accuracy %.4f",
                            accuracies[model]) : "", result.modelEpoch(),
                    patience != null ? ", the lowest validation loss: the model written" : "");
        }
        if (checkpoint != null) {
            out.printf("checkpoint %s (epoch %d)%n", checkpoint, result.epochs());
        }
        out.printf("time       %.2f s%n", seconds);
        if (plot != null) {
            out.printf("plot       %s%n", plot);
        }
        out.flush();
    }
}
