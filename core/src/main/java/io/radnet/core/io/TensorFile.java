package io.radnet.core.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The content of a model file independent of its format: string metadata (safetensors'
 * {@code __metadata__}) and named tensors in file order.
 *
 * @param metadata key → value, both strings (the safetensors format allows nothing else);
 *     copied, iteration order kept
 * @param tensors the tensors; names are unique; copied
 */
public record TensorFile(Map<String, String> metadata, List<NamedTensor> tensors) {
    /**
     * @throws IllegalArgumentException if two tensors share a name
     */
    public TensorFile {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
        tensors = List.copyOf(tensors);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (NamedTensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("two tensors are named '" + t.name() + "'");
            }
        }
    }
}
