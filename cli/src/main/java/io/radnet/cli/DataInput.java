package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.core.data.Dataset;
import io.radnet.core.data.Datasets;
import io.radnet.core.io.CsvData;
import io.radnet.core.io.DataTooLargeException;
import io.radnet.core.io.IdxFiles;
import io.radnet.core.io.LabelColumn;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.NpyFiles;
import io.radnet.core.loss.Loss;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.loss.SoftmaxCrossEntropy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import io.radnet.core.network.Network;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the commands that read a data set, and the loss, which decides what the
 * targets are. A picocli mixin.
 *
 * <p>Data come as a named data set ({@code fashion-mnist:train}, {@code fashion-mnist:test},
 * from {@code --data-dir}, else {@code RADNET_DATA}, else Debian's directory), as a pair of IDX
 * files (images and labels, plain or gzip), as a pair of npy files (inputs and targets), or as
 * one CSV file. The kind of a file is told by its first bytes, not its name: {@code \x93NUMPY}
 * for npy, the gzip magic or two zero bytes for IDX, anything else is CSV text.
 *
 * <p>The loss defaults to {@code ce} when the targets are class labels (a named data set, IDX
 * labels, npy labels of an integer dtype) and to {@code mse} otherwise. Every input is checked
 * against the model before the data are read: the values per sample against n₀; for ce the
 * labels against the n_L classes; for mse the target columns against n_L.
 */
final class DataInput {
    /** The prefix of Fashion-MNIST's names. */
    private static final String FASHION_MNIST = "fashion-mnist:";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DATA",
            description = "fashion-mnist:train or fashion-mnist:test; images.idx[.gz] or x.npy (with --labels); or a CSV "
                    + "file: one sample per line, n₀ input columns and the targets (n_L columns for mse, one class "
                    + "index 0..n_L−1 for ce; last unless --label-column), plain decimal numbers; a first line "
                    + "without any number is a header and skipped.")
    String data;

    @Option(names = "--labels", paramLabel = "LABELS",
            description = "The targets of IDX or npy --data: labels.idx[.gz] (class indices), or y.npy (integers: class "
                    + "indices; floats: regression targets), one row per sample.")
    Path labels;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The directory of a named data set's files (default: $RADNET_DATA, else "
                    + Datasets.DEBIAN_FASHION_MNIST + ").")
    Path dataDirectory;

    @Option(names = "--label-column", paramLabel = "first|last|N",
            description = "Where the targets of a CSV file are: first (Kaggle-style label,pixel1,...), last, or from "
                    + "column N (1-based); default: last.")
    String labelColumn;

    @Option(names = "--loss", paramLabel = "mse|ce",
            description = "mse (mean squared error, averaged over samples and outputs) or ce (softmax cross-entropy); "
                    + "default: ce for class labels (named data sets, IDX labels, integer npy labels), else mse.")
    String lossName;

    /** The kinds of data. */
    enum Kind {
        /** A named data set. */
        NAMED,
        /** IDX images and labels. */
        IDX,
        /** npy inputs and targets. */
        NPY,
        /** One CSV file. */
        CSV
    }

    private Kind kind;

    /**
     * Adds the files the data come from to a command's file checks (none for a named data set:
     * its files are looked for when it is read).
     *
     * @param files the command's files
     * @return files
     */
    CommandFiles addInputs(CommandFiles files) {
        if (!isNamed()) {
            files.input("data file", Path.of(data));
        }
        if (labels != null) {
            files.input("labels file", labels);
        }
        return files;
    }

    /**
     * @param otherData another data set in any form {@code --data} takes
     * @param otherLabels its targets for IDX or npy data, or null
     * @return data options that read the other data set with this one's directory, label column
     *     and loss (for a validation set)
     */
    DataInput forOtherData(String otherData, Path otherLabels) {
        DataInput other = new DataInput();
        other.spec = spec;
        other.data = otherData;
        other.labels = otherLabels;
        other.dataDirectory = dataDirectory;
        other.labelColumn = labelColumn;
        other.lossName = lossName;
        return other;
    }

    /**
     * @return the loss asked for, or the default for the data's targets
     * @throws ParameterException if the name is neither mse nor ce, or the options do not fit
     *     the kind of data
     */
    Loss loss() {
        if (lossName == null) {
            return classLabels() ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        }
        return switch (lossName.toLowerCase(Locale.ROOT)) {
            case "mse" -> new MeanSquaredError();
            case "ce" -> new SoftmaxCrossEntropy();
            default -> throw new ParameterException(spec.commandLine(), "--loss must be mse or ce, got '" + lossName + "'");
        };
    }

    /**
     * @param network the model the data are for: its input width n₀ and output width n_L
     * @param loss the loss, which decides what the targets are
     * @return the data set on the network's backend
     * @throws IllegalArgumentException in one line naming the file and the problem: corrupt or
     *     mismatched files, widths that do not fit the model, or (naming
     *     {@code RADNET_JAVA_OPTS=-Xmx…}) data that do not fit in the heap
     */
    Dataset read(Network network, Loss loss) {
        return read(new ModelShape(network.backend(), network.inputWidth(), network.outputWidth()), loss);
    }

    /**
     * The input and output widths of a model and the backend its data go to: what reading data
     * needs of a model, also of one that is no {@link Network} (an exact rational network).
     *
     * @param backend where the data set is allocated
     * @param inputWidth n₀, the input columns
     * @param outputWidth n_L, the outputs (the targets' count, or at least the classes)
     */
    record ModelShape(Backend backend, int inputWidth, int outputWidth) {
    }

    /**
     * @param network the widths the data must fit and the backend they go to
     * @param loss the loss, which decides what the targets are
     * @return the data set on that backend
     * @throws IllegalArgumentException as {@link #read(Network, Loss)}
     */
    Dataset read(ModelShape network, Loss loss) {
        boolean classes = loss instanceof SoftmaxCrossEntropy;
        try {
            return switch (kind()) {
                case NAMED -> readNamed(network, classes);
                case IDX -> readIdx(network, classes);
                case NPY -> readNpy(network, classes);
                case CSV -> readCsv(network, classes);
            };
        } catch (DataTooLargeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; " + HeapBudget.remedy(e.bytesNeeded()), e);
        }
    }

    private Dataset readNamed(ModelShape network, boolean classes) {
        Datasets.Split split = split();
        requireClassLabels(classes, data);
        requireInputs(network, Datasets.FASHION_MNIST_PIXELS, data);
        requireClasses(network, Datasets.FASHION_MNIST_CLASSES, data);
        return dataDirectory == null ? Datasets.fashionMnist(network.backend(), split)
                : Datasets.fashionMnist(network.backend(), split, dataDirectory);
    }

    private Dataset readIdx(ModelShape network, boolean classes) {
        Path images = Path.of(data);
        requireClassLabels(classes, labels.toString());
        requireInputs(network, IdxFiles.header(images).sampleWidth(), images.toString());
        return Datasets.idx(images, labels, network.backend(), network.outputWidth());
    }

    private Dataset readNpy(ModelShape network, boolean classes) {
        Path inputs = Path.of(data);
        requireInputs(network, NpyFiles.header(inputs).sampleWidth(), inputs.toString());
        NpyFiles.Header targets = NpyFiles.header(labels);
        if (!classes && targets.sampleWidth() != network.outputWidth()) {
            throw new ModelFileException(labels + ": " + targets.sampleWidth() + " targets per sample (shape "
                    + targets.shapeText() + "), but the model has " + network.outputWidth() + " outputs (mse needs one "
                    + "target per output)");
        }
        return Datasets.npy(inputs, labels, network.backend(), classes ? network.outputWidth() : 0);
    }

    private Dataset readCsv(ModelShape network, boolean classes) {
        Path file = Path.of(data);
        LabelColumn column = labelColumn();
        try {
            return Dataset.of(classes
                    ? CsvData.readLabelled(file, network.backend(), network.inputWidth(), network.outputWidth(), column)
                    : CsvData.read(file, network.backend(), network.inputWidth(), network.outputWidth(), column));
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--label-column: " + e.getMessage());
        }
    }

    /** @return the kind of the data, checking that the options fit it */
    Kind kind() {
        if (kind == null) {
            kind = isNamed() ? Kind.NAMED : detect(Path.of(data));
            if (kind == Kind.CSV && labels != null && detect(labels) != Kind.CSV) {
                // Binary data whose first bytes are not a known magic: the reader of its labels' kind names the fault.
                kind = detect(labels);
            }
            checkOptions();
        }
        return kind;
    }

    private boolean isNamed() {
        return data.toLowerCase(Locale.ROOT).startsWith(FASHION_MNIST) && !Files.exists(Path.of(data));
    }

    private Datasets.Split split() {
        String name = data.substring(FASHION_MNIST.length()).toLowerCase(Locale.ROOT);
        return switch (name) {
            case "train" -> Datasets.Split.TRAIN;
            case "test" -> Datasets.Split.TEST;
            default -> throw new ParameterException(spec.commandLine(), "--data: Fashion-MNIST has the splits train and "
                    + "test, got '" + data + "'");
        };
    }

    /** @return the kind of a file by its first bytes */
    private static Kind detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(6);
        } catch (IOException e) {
            return Kind.CSV;
        }
        if (head.length == 6 && Arrays.equals(head, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
            return Kind.NPY;
        }
        if (head.length >= 2 && (head[0] == 0x1f && head[1] == (byte) 0x8b || head[0] == 0 && head[1] == 0)) {
            return Kind.IDX;
        }
        return Kind.CSV;
    }

    private void checkOptions() {
        boolean pair = kind == Kind.IDX || kind == Kind.NPY;
        if (pair && labels == null) {
            throw new ParameterException(spec.commandLine(), "--data " + data + " is " + (kind == Kind.IDX ? "an IDX" : "an npy")
                    + " file; give its targets with --labels");
        }
        if (!pair && labels != null) {
            throw new ParameterException(spec.commandLine(), "--labels is for IDX and npy --data; "
                    + (kind == Kind.CSV ? "a CSV file holds its targets in a column (--label-column)" : data
                    + " comes with its labels"));
        }
        if (pair && detect(labels) != kind && Files.isRegularFile(labels)) {
            throw new ParameterException(spec.commandLine(), "--labels " + labels + " is not " + (kind == Kind.IDX
                    ? "an IDX file (gzip or plain)" : "an npy file") + " like --data " + data);
        }
        if (labelColumn != null && kind != Kind.CSV) {
            throw new ParameterException(spec.commandLine(), "--label-column is for CSV --data");
        }
        if (dataDirectory != null && kind != Kind.NAMED) {
            throw new ParameterException(spec.commandLine(), "--data-dir is for named data sets (fashion-mnist:train, "
                    + "fashion-mnist:test)");
        }
    }

    /** @return whether the targets are class labels by default */
    private boolean classLabels() {
        return switch (kind()) {
            case NAMED, IDX -> true;
            case NPY -> Files.isRegularFile(labels) && NpyFiles.header(labels).type().isInteger();
            case CSV -> false;
        };
    }

    private LabelColumn labelColumn() {
        if (labelColumn == null) {
            return LabelColumn.LAST;
        }
        try {
            return LabelColumn.parse(labelColumn);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--label-column: " + e.getMessage());
        }
    }

    private void requireClassLabels(boolean classes, String source) {
        if (!classes) {
            throw new ParameterException(spec.commandLine(), source + " holds class labels; they need --loss ce");
        }
    }

    private static void requireInputs(ModelShape network, long width, String source) {
        if (width != network.inputWidth()) {
            throw new IllegalArgumentException(source + ": " + width + " values per sample, but the model takes "
                    + network.inputWidth() + " inputs");
        }
    }

    private static void requireClasses(ModelShape network, int classes, String source) {
        if (network.outputWidth() < classes) {
            throw new IllegalArgumentException(source + " has " + classes + " classes (labels 0.." + (classes - 1)
                    + "), but the model has " + network.outputWidth() + " outputs");
        }
    }
}
