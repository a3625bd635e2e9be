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
        /** Hugging Face safetensors, F64 on write, F64 or F32 on read. */
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
     * Loads a network.
     *
     * @param file a {@code .safetensors} or {@code .json} model file
     * @param backend the backend to hold the parameters
     * @param activation the radial activation of a plain PyTorch state dict (see
     *     {@link io.radnet.core.activation.RadialProfiles#byName}, case-insensitive), or null;
     *     for radnet files null or the file's own activation
     * @return the network, with exactly the file's values (widened from F32 if stored so)
     * @throws ModelFileException naming the file, the tensor and the problem
     */
    public static FeedForwardNetwork load(Path file, Backend backend, String activation) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(backend, "backend");
        TensorFile content = readTensors(file);
        try {
            return StateDict.toNetwork(content, backend, activation);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Saves a network atomically.
     *
     * @param network a radial network or MLP (see {@link StateDict#fromNetwork}), not modified
     * @param file the {@code .safetensors} or {@code .json} file to create or replace
     * @throws IllegalArgumentException if the network cannot be stored or the extension is unknown
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void save(FeedForwardNetwork network, Path file) {
        Objects.requireNonNull(file, "file");
        Format format = Format.of(file);
        TensorFile content = StateDict.fromNetwork(network);
        if (format == Format.SAFETENSORS) {
            Safetensors.write(file, content);
        } else {
            ModelJson.write(file, content);
        }
    }
}
