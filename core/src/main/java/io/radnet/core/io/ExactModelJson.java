package io.radnet.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.approx.exact.Rational;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A network with exact rational weights ({@link ExactNetwork}) as radnet's JSON model layout
 * ({@link ModelJson}: {@code layers.{i}.weight} [n_{i+1}][n_i], {@code layers.{i}.bias}
 * [n_{i+1}]) in which every entry is a string holding its exact value: the full decimal
 * expansion when it terminates (every dyadic rational's does, e.g. "0.0625"), otherwise "p/q".
 * Weights such as the intrinsic-parameter network's a_ℓ (2^{dn+1} binary digits) or 4^{1023}
 * would be rounded, or overflow, as doubles. The metadata says so: {@code exact=true},
 * {@code number_format}, and {@code layer_activations} (relu or identity after each layer,
 * comma-separated). {@link ModelJson#read} refuses such a file with a message naming this class.
 */
public final class ExactModelJson {
    /** The value of the {@code number_format} metadata key. */
    public static final String NUMBER_FORMAT = "exact: each entry is a string, its full decimal expansion or p/q";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ExactModelJson() {
    }

    /**
     * Writes the network atomically.
     *
     * @param file the file to create or replace; its directory must exist
     * @param network the network
     * @param extra further metadata (e.g. the construction), written after radnet's keys
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void write(Path file, ExactNetwork network, Map<String, String> extra) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(extra, "extra");
        ObjectNode root = document();
        ObjectNode meta = (ObjectNode) root.get("metadata");
        meta.put("format", StateDict.FORMAT);
        meta.put("kind", "mlp");
        meta.put("widths", StateDict.widthsString(network.widths()));
        meta.put("activation", "relu");
        List<String> activations = new ArrayList<>();
        for (int i = 1; i <= network.depth(); i++) {
            activations.add(network.reluAfter(i) ? "relu" : "identity");
        }
        meta.put("layer_activations", String.join(",", activations));
        meta.put("exact", "true");
        meta.put("number_format", NUMBER_FORMAT);
        extra.forEach(meta::put);
        ObjectNode tensors = (ObjectNode) root.get("tensors");
        List<ExactAffine> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            putLayer(tensors, "layers." + i, layers.get(i));
        }
        writeAtomically(file, root);
    }

    /** @return an empty document {"metadata": {}, "tensors": {}} to fill */
    static ObjectNode document() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("metadata");
        root.putObject("tensors");
        return root;
    }

    /** Writes the document atomically, indented, with a final newline. */
    static void writeAtomically(Path file, ObjectNode root) {
        AtomicFiles.write(file, out -> {
            out.write(JSON.writeValueAsBytes(root));
            out.write('\n');
        });
    }

    /** Adds {@code name.weight} (rows of exact strings) and {@code name.bias} for the layer. */
    static void putLayer(ObjectNode tensors, String name, ExactAffine layer) {
        ArrayNode rows = tensors.putArray(name + ".weight");
        for (int r = 0; r < layer.rows(); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < layer.cols(); c++) {
                row.add(layer.weight(r, c).toExactString());
            }
        }
        ArrayNode bias = tensors.putArray(name + ".bias");
        for (int r = 0; r < layer.rows(); r++) {
            bias.add(layer.bias(r).toExactString());
        }
    }

    /**
     * Whether a JSON model file declares {@code exact=true} in its metadata, found by streaming
     * through the file without building its tree (a radnet file puts the metadata first).
     *
     * @param file a {@code .json} model file
     * @return true when its top-level {@code metadata} object holds {@code "exact": "true"};
     *     false for any other file, including one that is not JSON or cannot be read (its reader
     *     then names the problem)
     */
    public static boolean declaresExact(Path file) {
        Objects.requireNonNull(file, "file");
        try (JsonParser parser = JSON.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
                    JsonNode metadata = JSON.readTree(parser);
                    return "true".equals(metadata.path("exact").asText());
                }
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A file's network and its metadata.
     *
     * @param network the network, with the exact weights
     * @param metadata the file's metadata (string values), in file order
     */
    public record Content(ExactNetwork network, Map<String, String> metadata) {
        /** Copies the metadata. */
        public Content {
            Objects.requireNonNull(network, "network");
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * @param file a file written by {@link #write}
     * @return its network, with the exact weights
     * @throws ModelFileException naming the file and the problem
     */
    public static ExactNetwork read(Path file) {
        return readContent(file).network();
    }

    /**
     * @param file the file, for messages
     * @return its JSON object with "metadata" and "tensors" objects and metadata exact=true
     * @throws ModelFileException naming the file and the problem
     */
    static JsonNode readDocument(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > ModelJson.MAX_FILE_BYTES) {
                throw new ModelFileException(file + ": larger than the " + ModelJson.MAX_FILE_BYTES + " bytes a JSON model may have");
            }
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read an exact JSON model: " + Safetensors.oneLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject() || !root.path("metadata").isObject() || !root.path("tensors").isObject()) {
            throw new ModelFileException(file + ": an exact JSON model is an object with \"metadata\" and \"tensors\" objects");
        }
        if (!"true".equals(root.path("metadata").path("exact").asText())) {
            throw new ModelFileException(file + ": not an exact model (no metadata exact=true); read it with ModelJson");
        }
        return root;
    }

    /**
     * @param tensors the "tensors" object
     * @param name the layer's name
     * @return the exact map from {@code name.weight} and {@code name.bias}
     * @throws IllegalArgumentException naming the tensor that is missing or malformed
     */
    static ExactAffine layer(JsonNode tensors, String name) {
        return ExactAffine.of(matrix(tensors, name + ".weight"), vector(tensors, name + ".bias"));
    }

    /**
     * @param file a file written by {@link #write}, or an RCNet with exact weights written by
     *     {@link RcnetFiles#saveExact} (then the network is L₂ ∘ g^{∘r} ∘ L₁ unrolled, g's layers
     *     shared by its r applications)
     * @return its network, with the exact weights, and its metadata
     * @throws ModelFileException naming the file and the problem
     */
    public static Content readContent(Path file) {
        Objects.requireNonNull(file, "file");
        JsonNode root = readDocument(file);
        if (RcnetFiles.KIND.equals(root.path("metadata").path("kind").asText())) {
            Map<String, String> metadata = new LinkedHashMap<>();
            root.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            return new Content(RcnetFiles.loadExact(file).unrolled(), metadata);
        }
        String[] activations = root.path("metadata").path("layer_activations").asText().split(",");
        JsonNode tensors = root.get("tensors");
        List<ExactAffine> layers = new ArrayList<>();
        boolean[] relu = new boolean[activations.length];
        for (int i = 0; i < activations.length; i++) {
            if (!activations[i].equals("relu") && !activations[i].equals("identity")) {
                throw new ModelFileException(file + ": layer_activations entry " + i + " is '" + activations[i]
                        + "', not relu or identity");
            }
            relu[i] = activations[i].equals("relu");
            try {
                layers.add(layer(tensors, "layers." + i));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file + ": " + e.getMessage(), e);
            }
        }
        if (tensors.size() != 2 * activations.length) {
            throw new ModelFileException(file + ": " + tensors.size() + " tensors for " + activations.length
                    + " layers (expected a weight and a bias each)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        root.get("metadata").fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
        try {
            return new Content(ExactNetwork.of(layers, relu), metadata);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static Rational[][] matrix(JsonNode tensors, String name) {
        JsonNode node = tensors.get(name);
        if (node == null || !node.isArray() || node.size() == 0) {
            throw new IllegalArgumentException("tensor '" + name + "' is missing or not an array of rows");
        }
        Rational[][] rows = new Rational[node.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = entries(node.get(r), name + "[" + r + "]");
        }
        return rows;
    }

    private static Rational[] vector(JsonNode tensors, String name) {
        JsonNode node = tensors.get(name);
        if (node == null) {
            throw new IllegalArgumentException("tensor '" + name + "' is missing");
        }
        return entries(node, name);
    }

    private static Rational[] entries(JsonNode node, String name) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("tensor '" + name + "' is not an array");
        }
        Rational[] values = new Rational[node.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode v = node.get(k);
            if (!v.isTextual()) {
                throw new IllegalArgumentException("tensor '" + name + "' has " + v + " at [" + k + "], not a string");
            }
            values[k] = Rational.parse(v.asText());
        }
        return values;
    }
}
