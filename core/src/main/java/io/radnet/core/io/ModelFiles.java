package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.core.network.FeedForwardNetwork;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Loading and saving networks, the format chosen by the file name: {@code .safetensors}
 * ({@link Safetensors}) or {@code .json} ({@link ModelJson}), both with the tensor names and
 * metadata of {@link StateDict}. A load validates the whole file before building the network;
 * a save is atomic ({@link AtomicFiles}: written through a symbolic link, mode and owner kept,
 * write-protected files and special files refused), so a failed save leaves an existing file
 * untouched.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** The model file formats. */
    public enum Format {
        /** Hugging Face safetensors, F64 or F32 on write and on read. */
        SAFETENSORS,
        /** radnet's JSON model format. */
        JSON;

        /**
         * @param file a model file name
         * @return its format, from the extension (case-insensitive)
         * @throws IllegalArgumentException naming the accepted extensions otherwise
         */
        public static Format of(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            if (name.endsWith(".safetensors")) {
                return SAFETENSORS;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw new IllegalArgumentException(file + ": unknown model file extension; use .safetensors or .json");
        }
    }

    /**
     * @param file a model file
     * @return its metadata and tensors, validated as the format requires
     * @throws ModelFileException naming the file and the problem; a FIFO, device or directory
     *     is refused before it is opened ({@link FileChecks#requireRegularInput})
     */
    public static TensorFile readTensors(Path file) {
        FileChecks.requireRegularInput(file, "model");
        return Format.of(file) == Format.SAFETENSORS ? Safetensors.read(file) : ModelJson.read(file);
    }

    /**
     * Loads a radnet model file (one with {@code format=radnet} metadata); a plain state dict
     * is refused, asking for its kind. {@link #load(Path, Backend, StateDict.Kind, String)} with
     * no kind.
     *
     * @param file a {@code .safetensors} or {@code .json} model file
     * @param backend the backend to hold the parameters
     * @param activation null or the file's own activation (checked)
     * @return the network, with exactly the file's values (widened from F32 if stored so)
     * @throws ModelFileException naming the file, the tensor and the problem
     */
    public static FeedForwardNetwork load(Path file, Backend backend, String activation) {
        return load(file, backend, null, activation);
    }

    /**
     * Loads a network. A radnet file declares its kind and activation; a plain state dict
     * (PyTorch's {@code save_file(model.state_dict(), …)}, no radnet metadata) declares neither,
     * so both must be given: they are never guessed (see {@link StateDict}).
     *
     * @param file a {@code .safetensors} or {@code .json} model file
     * @param backend the backend to hold the parameters
     * @param kind a plain state dict's kind (radial or MLP); for radnet files null or the file's
     *     own kind (checked)
     * @param activation a plain state dict's activation (a name of
     *     {@link io.radnet.core.activation.RadialProfiles#byName} or
     *     {@link io.radnet.core.activation.PointwiseActivations#byName} for the kind,
     *     case-insensitive); for radnet files null or the file's own activation (checked)
     * @return the network, with exactly the file's values (widened from F32 if stored so)
     * @throws ModelFileException naming the file, the tensor and the problem
     */
    public static FeedForwardNetwork load(Path file, Backend backend, StateDict.Kind kind, String activation) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(backend, "backend");
        return toNetwork(file, readTensors(file), backend, kind, activation);
    }

    /**
     * Builds a network from a model file's content already read with {@link #readTensors}
     * (so that one read serves several backends), as {@link #load(Path, Backend, StateDict.Kind,
     * String)} does.
     *
     * @param file the file the content was read from, for messages
     * @param content its metadata and tensors
     * @param backend the backend to hold the parameters
     * @param kind as for {@link #load(Path, Backend, StateDict.Kind, String)}
     * @param activation as for {@link #load(Path, Backend, StateDict.Kind, String)}
     * @return the network, with exactly the file's values
     * @throws ModelFileException naming the file, the tensor and the problem
     */
    public static FeedForwardNetwork toNetwork(Path file, TensorFile content, Backend backend, StateDict.Kind kind,
                                               String activation) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(backend, "backend");
        try {
            return StateDict.toNetwork(CheckpointLayout.modelPart(content), backend, kind, activation);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file the file the content was read from, for messages
     * @param content its metadata and tensors
     * @return the widths n₀ … n_L its weight matrices chain to, without building a network
     * @throws ModelFileException naming the file and the tensor whose shape does not chain
     */
    public static int[] widths(Path file, TensorFile content) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        try {
            return StateDict.widths(content);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves a network atomically, its parameters exactly (F64 in a safetensors file):
     * {@link #save(FeedForwardNetwork, Path, Dtype)} with {@link Dtype#F64}.
     *
     * @param network a radial network or MLP (see {@link StateDict#fromNetwork}), not modified
     * @param file the {@code .safetensors} or {@code .json} file to create or replace
     * @throws IllegalArgumentException if the network cannot be stored or the extension is unknown
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void save(FeedForwardNetwork network, Path file) {
        save(network, file, Dtype.F64);
    }

    /**
     * Saves a network atomically.
     *
     * @param network a radial network or MLP (see {@link StateDict#fromNetwork}), not modified
     * @param file the {@code .safetensors} or {@code .json} file to create or replace
     * @param dtype F64 (exact) or F32 (each parameter rounded to the nearest float, ties to even;
     *     the metadata say so, see {@link Safetensors#write(Path, TensorFile, Dtype)}); a
     *     {@code .json} file holds doubles and takes F64 only
     * @throws IllegalArgumentException if the network cannot be stored, the extension is unknown,
     *     F32 is asked for a {@code .json} file, or a parameter is beyond the F32 range
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void save(FeedForwardNetwork network, Path file, Dtype dtype) {
        try (AtomicFiles.Prepared prepared = prepareSave(network, file, dtype)) {
            prepared.commit();
        }
    }

    /**
     * {@link #save(FeedForwardNetwork, Path, Dtype)} up to the rename: the file is written to its
     * temporary name ({@link AtomicFiles#prepare}), for the caller to commit (the save is then
     * complete) or close uncommitted (nothing was saved), e.g. once a check of the network that
     * ran meanwhile has passed or failed.
     *
     * @param network as for {@link #save(FeedForwardNetwork, Path, Dtype)}, not modified
     * @param file as for {@link #save(FeedForwardNetwork, Path, Dtype)}
     * @param dtype as for {@link #save(FeedForwardNetwork, Path, Dtype)}
     * @return the written temporary file
     * @throws IllegalArgumentException as {@link #save(FeedForwardNetwork, Path, Dtype)}
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static AtomicFiles.Prepared prepareSave(FeedForwardNetwork network, Path file, Dtype dtype) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dtype, "dtype");
        Format format = Format.of(file);
        requireWritable(format, dtype, file);
        TensorFile content = StateDict.fromNetwork(network);
        return format == Format.SAFETENSORS ? Safetensors.prepareWrite(file, content, dtype)
                : ModelJson.prepareWrite(file, content);
    }

    /**
     * @param format the file's format
     * @param dtype the element type asked for
     * @param file the file, for the message
     * @throws IllegalArgumentException if the format cannot hold the dtype (F32 in JSON)
     */
    public static void requireWritable(Format format, Dtype dtype, Path file) {
        if (format == Format.JSON && dtype != Dtype.F64) {
            throw new IllegalArgumentException(file + ": a .json model holds doubles; " + dtype.label()
                    + " is written to .safetensors files only");
        }
    }
}
