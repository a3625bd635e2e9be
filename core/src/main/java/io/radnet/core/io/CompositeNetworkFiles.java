package io.radnet.core.io;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the model files of the networks built from other networks ({@link RcnetFiles},
 * {@link HypernetworkFiles}) share: every value written exactly (F64 safetensors, or JSON's
 * shortest round-trip decimals), reading with one-line errors that name the file, and the
 * checks of their metadata values.
 */
final class CompositeNetworkFiles {
    private CompositeNetworkFiles() {
    }

    /**
     * Writes atomically, the format chosen by the extension: {@code .safetensors} as F64, or
     * {@code .json}; so that reading gives bitwise the same values.
     *
     * @param file the file to create or replace
     * @param content the metadata and tensors
     * @throws IllegalArgumentException if the extension is unknown
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    static void write(Path file, TensorFile content) {
        Objects.requireNonNull(file, "file");
        if (ModelFiles.Format.of(file) == ModelFiles.Format.SAFETENSORS) {
            Safetensors.write(file, content, Dtype.F64);
        } else {
            ModelJson.write(file, content);
        }
    }

    /**
     * @param <N> the network type
     * @param file a model file
     * @param build the network from the file's content, failing with an
     *     {@link IllegalArgumentException} naming the key or tensor
     * @return the network
     * @throws ModelFileException naming the file and the problem
     */
    static <N> N read(Path file, Function<TensorFile, N> build) {
        TensorFile content = ModelFiles.readTensors(file);
        try {
            return build.apply(content);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param meta the metadata
     * @param key a key
     * @return its value
     * @throws IllegalArgumentException naming the key when it is missing
     */
    static String required(Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null) {
            throw new IllegalArgumentException("metadata '" + key + "' is missing");
        }
        return value;
    }

    /**
     * @param meta the metadata
     * @param key a key whose value is an integer ≥ 1
     * @return the integer
     * @throws IllegalArgumentException naming the key and the value otherwise
     */
    static int positiveInt(Map<String, String> meta, String key) {
        String value = required(meta, key);
        try {
            int v = Integer.parseInt(value.trim());
            if (v < 1) {
                throw new IllegalArgumentException("metadata '" + key + "' must be at least 1, got " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata '" + key + "' must be an integer, got '" + value + "'", e);
        }
    }
}
