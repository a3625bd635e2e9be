package io.radnet.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * radnet's JSON model format: the same content as a safetensors file, as readable text for
 * small models and diffs.
 *
 * <pre>
 * {
 *   "metadata" : { "format" : "radnet", "kind" : "radial", "widths" : "[2,3,2]", ... },
 *   "tensors" : {
 *     "layers.0.weight" : [ [ 0.1, -0.2 ], ... ],     // shape [n₁, n₀], one array per row
 *     "layers.0.bias" : [ 0.3, ... ],                   // shape [n₁]
 *     ...
 *   }
 * }
 * </pre>
 *
 * <p>Tensor names and metadata are those of {@link StateDict}. Numbers are written in Java's
 * shortest round-trip decimal form, so reading a written file gives bitwise the same doubles.
 * A tensor is a number (shape []), an array of numbers (shape [d]) or nested arrays, equally long
 * at each depth (shape [r, c], or [C_out, C_in, k, k] for a convolution's weight). Reading rejects
 * anything else — ragged rows, non-numbers,
 * NaN or ∞, duplicate keys — naming the tensor; the file must be valid UTF-8 (nothing is
 * replaced; the error names the byte offset) holding one JSON object, with nothing but white
 * space after it (the error names the line and column).
 */
public final class ModelJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The largest JSON model read, 256 MiB: its parsed tree takes several times that in the
     * heap, and larger models belong in safetensors files.
     */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private ModelJson() {
    }

    /**
     * @param file a JSON model file
     * @return its metadata and tensors
     * @throws ModelFileException naming the file, the tensor and the problem
     */
    public static TensorFile read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelFileException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                        + " a JSON model may have; store large models as .safetensors");
            }
            text = Utf8Text.decode(file, Files.readAllBytes(file), 0);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(text)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ModelFileException(file + ": text after the JSON model, at line "
                        + parser.currentTokenLocation().getLineNr() + ", column " + parser.currentTokenLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file + ": not valid JSON: " + Safetensors.oneLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot parse: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("tensors").isObject()
                || (root.has("metadata") && !root.get("metadata").isObject())) {
            throw new ModelFileException(file + ": a JSON model is an object with \"metadata\" and \"tensors\" objects");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> meta = root.path("metadata").fields();
        while (meta.hasNext()) {
            Map.Entry<String, JsonNode> e = meta.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ModelFileException(file + ": metadata '" + e.getKey() + "' must be a string, got " + e.getValue());
            }
            metadata.put(e.getKey(), e.getValue().asText());
        }
        if ("true".equals(metadata.get("exact"))) {
            throw new ModelFileException(file + ": holds exact weights as strings (metadata exact=true), which doubles"
                    + " would round; read it with ExactModelJson");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.get("tensors").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            try {
                tensors.add(tensor(e.getKey(), e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new ModelFileException(file + ": " + ex.getMessage(), ex);
            }
        }
        return new TensorFile(metadata, tensors);
    }

    private static NamedTensor tensor(String name, JsonNode node) {
        if (node.isNumber()) {
            return new NamedTensor(name, new int[0], new double[] {number(name, node, "[]")});
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("tensor '" + name + "' must be a number or an array, got " + node.getNodeType());
        }
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (JsonNode probe = node; probe != null && probe.isArray(); probe = probe.size() > 0 ? probe.get(0) : null) {
            dims.add(probe.size());
            count *= probe.size();
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("tensor '" + name + "' has more entries than a Java array holds");
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        double[] values = new double[(int) count];
        collect(name, node, shape, 0, new int[shape.length], values, new int[] {0});
        return new NamedTensor(name, shape, values);
    }

    /**
     * Reads the nested arrays below one index prefix in row-major order, requiring every array at
     * depth d to hold shape[d] entries (arrays above the last level, numbers at it).
     */
    private static void collect(String name, JsonNode node, int[] shape, int depth, int[] index, double[] values,
                                int[] next) {
        if (depth == shape.length) {
            values[next[0]++] = number(name, node, java.util.Arrays.toString(index));
            return;
        }
        if (!node.isArray() || node.size() != shape[depth]) {
            String where = java.util.Arrays.toString(java.util.Arrays.copyOf(index, depth));
            throw new IllegalArgumentException("tensor '" + name + "': row " + where.substring(1, where.length() - 1)
                    + " has " + (node.isArray() ? node.size() + " entries" : "no array") + ", row "
                    + "0, ".repeat(Math.max(0, depth - 1)) + "0 has " + shape[depth]);
        }
        for (int k = 0; k < shape[depth]; k++) {
            index[depth] = k;
            collect(name, node.get(k), shape, depth + 1, index, values, next);
        }
    }

    private static double number(String name, JsonNode v, String index) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + v + " at " + index + ", not a number");
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + v + " at " + index
                    + ", beyond the range of a double");
        }
        return d;
    }

    /**
     * Writes a model as JSON, atomically.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the metadata and tensors, of any rank
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, TensorFile content) {
        try (AtomicFiles.Prepared prepared = prepareWrite(file, content)) {
            prepared.commit();
        }
    }

    /**
     * {@link #write} up to the rename: the file is written to its temporary name
     * ({@link AtomicFiles#prepare}), for the caller to commit or discard.
     *
     * @param file the file to create or replace; its directory must exist
     * @param content the metadata and tensors, of any rank
     * @return the written temporary file
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static AtomicFiles.Prepared prepareWrite(Path file, TensorFile content) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        content.metadata().forEach(meta::put);
        ObjectNode tensors = root.putObject("tensors");
        for (NamedTensor t : content.tensors()) {
            double[] v = t.values();
            if (t.rank() == 0) {
                tensors.put(t.name(), v[0]);
            } else {
                fill(tensors.putArray(t.name()), t.shape(), 0, v, 0);
            }
        }
        return AtomicFiles.prepare(file, out -> {
            out.write(JSON.writeValueAsBytes(root));
            out.write('\n');
        });
    }

    /**
     * Writes the entries below one index prefix as nested arrays, row-major.
     *
     * @return the offset after the last entry written
     */
    private static int fill(ArrayNode array, int[] shape, int depth, double[] values, int offset) {
        int next = offset;
        for (int k = 0; k < shape[depth]; k++) {
            if (depth == shape.length - 1) {
                array.add(values[next++]);
            } else {
                next = fill(array.addArray(), shape, depth + 1, values, next);
            }
        }
        return next;
    }
}
