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
 * A tensor is a number (shape []), an array of numbers (shape [d]) or an array of equally long
 * arrays of numbers (shape [r, c]). Reading rejects anything else — ragged rows, non-numbers,
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
            return new NamedTensor(name, new int[0], new double[] {node.asDouble()});
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("tensor '" + name + "' must be a number or an array, got " + node.getNodeType());
        }
        if (node.size() > 0 && node.get(0).isArray()) {
            int rows = node.size();
            int cols = node.get(0).size();
            for (int r = 0; r < rows; r++) {
                JsonNode row = node.get(r);
                if (!row.isArray() || row.size() != cols) {
                    throw new IllegalArgumentException("tensor '" + name + "': row " + r + " has "
                            + (row.isArray() ? row.size() + " entries" : "no array") + ", row 0 has " + cols);
                }
            }
            double[] values = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                JsonNode row = node.get(r);
                for (int c = 0; c < cols; c++) {
                    values[r * cols + c] = number(name, row.get(c), "[" + r + ", " + c + "]");
                }
            }
            return new NamedTensor(name, new int[] {rows, cols}, values);
        }
        double[] values = new double[node.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = number(name, node.get(k), "[" + k + "]");
        }
        return new NamedTensor(name, new int[] {values.length}, values);
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
     * @param content the metadata and tensors (rank 0, 1 or 2)
     * @throws IllegalArgumentException if a tensor has rank 3 or more
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, TensorFile content) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode meta = root.putObject("metadata");
        content.metadata().forEach(meta::put);
        ObjectNode tensors = root.putObject("tensors");
        for (NamedTensor t : content.tensors()) {
            double[] v = t.values();
            switch (t.rank()) {
                case 0 -> tensors.put(t.name(), v[0]);
                case 1 -> fill(tensors.putArray(t.name()), v, 0, v.length);
                case 2 -> {
                    ArrayNode rows = tensors.putArray(t.name());
                    for (int r = 0; r < t.dim(0); r++) {
                        fill(rows.addArray(), v, r * t.dim(1), t.dim(1));
                    }
                }
                default -> throw new IllegalArgumentException("the JSON model format holds tensors of rank ≤ 2; '"
                        + t.name() + "' has rank " + t.rank());
            }
        }
        AtomicFiles.write(file, out -> {
            out.write(JSON.writeValueAsBytes(root));
            out.write('\n');
        });
    }

    private static void fill(ArrayNode array, double[] values, int from, int count) {
        for (int k = from; k < from + count; k++) {
            array.add(values[k]);
        }
    }
}
