package io.radnet.core.data;

import io.radnet.api.Backend;
import io.radnet.api.RadnetConfig;
import io.radnet.api.Tensor;
import io.radnet.core.io.DataTooLargeException;
import io.radnet.core.io.IdxFiles;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.NpyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Data sets read from files: named ones found where the system installs them (as torchvision's
 * and DJL's data sets are, but never downloaded), and pairs of IDX or NumPy files.
 *
 * <p><b>Fashion-MNIST</b> (Xiao, Rasul and Vollgraf, 2017): 28 × 28 grey-scale images of 10
 * classes of clothing, 60 000 for training and 10 000 for testing, 6 000 and 1 000 of each
 * class. Read from the four files {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
 * {@code t10k-labels-idx1-ubyte.gz} (or the same names without {@code .gz}) of a directory:
 * the one given, else the one named by the environment variable {@value RadnetConfig#DATA_ENV},
 * else {@value #DEBIAN_FASHION_MNIST}, where Debian's package {@code dataset-fashion-mnist}
 * installs them. Inputs are N × 784, pixel (i, j) in column 28 i + j, scaled from bytes
 * b ∈ {0, …, 255} to b / 255 ∈ [0, 1]; targets N × 1 class indices 0 … 9, as the softmax
 * cross-entropy loss expects.
 */
public final class Datasets {
    /** Where Debian's {@code dataset-fashion-mnist} installs Fashion-MNIST. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** Fashion-MNIST's classes: 0 T-shirt/top, 1 trouser, …, 9 ankle boot. */
    public static final int FASHION_MNIST_CLASSES = 10;
    /** Fashion-MNIST's inputs per sample, 28 × 28 pixels. */
    public static final int FASHION_MNIST_PIXELS = 784;

    /** The part of a named data set. */
    public enum Split {
        /** The training part (Fashion-MNIST: 60 000 samples). */
        TRAIN("train"),
        /** The test part (Fashion-MNIST: 10 000 samples). */
        TEST("t10k");

        private final String filePrefix;

        Split(String filePrefix) {
            this.filePrefix = filePrefix;
        }
    }

    private Datasets() {
    }

    /**
     * Fashion-MNIST from the directory of {@value RadnetConfig#DATA_ENV}, else Debian's (see the
     * class comment).
     *
     * @param backend the backend to hold the tensors
     * @param split the part
     * @return the data set: inputs N × 784 in [0, 1], targets N × 1 class indices 0 … 9
     * @throws ModelFileException in one line: the files are missing (saying to install Debian's
     *     {@code dataset-fashion-mnist} or to set {@value RadnetConfig#DATA_ENV}), or corrupt
     *     (naming the file, the byte offset and what was expected)
     * @throws DataTooLargeException if the data would not fit in the heap
     */
    public static Dataset fashionMnist(Backend backend, Split split) {
        return fashionMnist(backend, split, fashionMnistDirectory(RadnetConfig.system()));
    }

    /**
     * Fashion-MNIST from a given directory.
     *
     * @param backend the backend to hold the tensors
     * @param split the part
     * @param directory the directory holding the four files (gzip or plain)
     * @return the data set: inputs N × 784 in [0, 1], targets N × 1 class indices 0 … 9
     * @throws ModelFileException as {@link #fashionMnist(Backend, Split)}, and when the files do
     *     not have Fashion-MNIST's shape (N images of 28 × 28, N labels)
     * @throws DataTooLargeException if the data would not fit in the heap
     */
    public static Dataset fashionMnist(Backend backend, Split split, Path directory) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(directory, "directory");
        Path images = fashionMnistFile(directory, split.filePrefix + "-images-idx3-ubyte");
        Path labels = fashionMnistFile(directory, split.filePrefix + "-labels-idx1-ubyte");
        IdxFiles.Header header = IdxFiles.header(images);
        int[] dimensions = header.dimensions();
        if (dimensions.length != 3 || dimensions[1] != 28 || dimensions[2] != 28) {
            throw new ModelFileException(images + ": shape " + header.shape() + "; Fashion-MNIST's images are N×28×28");
        }
        return idx(images, labels, backend, FASHION_MNIST_CLASSES);
    }

    /**
     * @param config where to look up {@value RadnetConfig#DATA_ENV}
     * @return the directory Fashion-MNIST is read from without one given: the value of
     *     {@value RadnetConfig#DATA_ENV} if set, else {@value #DEBIAN_FASHION_MNIST}
     */
    public static Path fashionMnistDirectory(RadnetConfig config) {
        return Path.of(config.environment(RadnetConfig.DATA_ENV).orElse(DEBIAN_FASHION_MNIST));
    }

    /**
     * Images and labels from two IDX files (plain or gzip): a classification data set.
     *
     * @param images an IDX file of uint8 images, N × n₂ × … (scaled to [0, 1] by b / 255)
     * @param labels an IDX file of N integer labels
     * @param backend the backend to hold the tensors
     * @param classes c ≥ 1: every label must be 0 … c − 1
     * @return inputs N × (n₂ ⋯ n_r) in [0, 1], targets N × 1 class indices
     * @throws ModelFileException naming the file, the offset and what was expected, also when
     *     the label count differs from the image count (checked before the images are read)
     * @throws DataTooLargeException if the data would not fit in the heap
     */
    public static Dataset idx(Path images, Path labels, Backend backend, int classes) {
        IdxFiles.Header imageHeader = IdxFiles.header(images);
        IdxFiles.Header labelHeader = IdxFiles.header(labels);
        IdxFiles.requireLabelHeader(labels, labelHeader);
        requireSameCount(labels, labelHeader.samples(), images, imageHeader.samples());
        Tensor targets = IdxFiles.readLabels(labels, backend, classes);
        return Dataset.of(IdxFiles.readImages(images, backend, true), targets);
    }

    /**
     * Inputs and targets from two npy files. With classes c ≥ 1 the targets are class labels,
     * one per sample, each an integer 0 … c − 1; with c = 0 they are regression targets,
     * N × k.
     *
     * @param inputs an npy file of shape (N, …), read as N × (n₂ ⋯ n_r)
     * @param targets an npy file of shape (N,) or (N, k)
     * @param backend the backend to hold the tensors
     * @param classes c ≥ 1 for class labels, 0 for regression targets
     * @return the data set, values as stored (widened to double)
     * @throws ModelFileException naming the file, the offset or field and what was expected,
     *     also when the sample counts differ (checked before the data are read)
     * @throws DataTooLargeException if the data would not fit in the heap
     * @throws IllegalArgumentException if classes &lt; 0
     */
    public static Dataset npy(Path inputs, Path targets, Backend backend, int classes) {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be ≥ 0 (0 for regression targets), got " + classes);
        }
        NpyFiles.Header inputHeader = NpyFiles.header(inputs);
        NpyFiles.Header targetHeader = NpyFiles.header(targets);
        requireSameCount(targets, targetHeader.samples(), inputs, inputHeader.samples());
        Tensor y = classes > 0 ? NpyFiles.readLabels(targets, backend, classes) : NpyFiles.read(targets, backend);
        return Dataset.of(NpyFiles.read(inputs, backend), y);
    }

    private static void requireSameCount(Path targets, int targetCount, Path inputs, int inputCount) {
        if (targetCount != inputCount) {
            throw new ModelFileException(targets + ": " + targetCount + " samples, but " + inputs + " has " + inputCount
                    + "; expected one target per input");
        }
    }

    /** @return the file {@code NAME.gz} of the directory, else {@code NAME} */
    private static Path fashionMnistFile(Path directory, String name) {
        Path compressed = directory.resolve(name + ".gz");
        if (Files.exists(compressed)) {
            return compressed;
        }
        Path plain = directory.resolve(name);
        if (Files.exists(plain)) {
            return plain;
        }
        throw new ModelFileException("Fashion-MNIST not found: no " + compressed + " (nor " + name + "); install Debian's "
                + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set " + RadnetConfig.DATA_ENV
                + " to a directory holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
                + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz");
    }
}
