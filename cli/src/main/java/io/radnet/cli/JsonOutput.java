package io.radnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The JSON output of the model commands: pretty-printed objects, numbers as Java doubles, each
 * ending with the build that made it ({@link #stampBuild}).
 */
final class JsonOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonOutput() {
    }

    /** @return a new, empty object */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * Appends the build that made a result: {@code "radnetVersion"} and {@code "radnetCommit"}
     * ({@link io.radnet.experiments.RadnetVersion}), so that every JSON result the program prints
     * says which radnet computed it.
     *
     * @param node a result object, changed
     * @return node
     */
    static ObjectNode stampBuild(ObjectNode node) {
        node.put("radnetVersion", io.radnet.experiments.RadnetVersion.current());
        node.put("radnetCommit", io.radnet.experiments.RadnetVersion.commit());
        return node;
    }

    /**
     * @param node the object to add to
     * @param key the key
     * @param values the array's values
     * @return the array added
     */
    static ArrayNode ints(ObjectNode node, String key, int[] values) {
        ArrayNode array = node.putArray(key);
        for (int v : values) {
            array.add(v);
        }
        return array;
    }

    /**
     * @param node the object to add to
     * @param key the key
     * @param values the array's values
     * @return the array added
     */
    static ArrayNode doubles(ObjectNode node, String key, double[] values) {
        ArrayNode array = node.putArray(key);
        for (double v : values) {
            array.add(v);
        }
        return array;
    }

    /**
     * Prints an object, pretty, followed by a newline, after {@linkplain #stampBuild stamping}
     * the build into it. JSON has no NaN or ∞: the commands refuse
     * such results before they print, and a number that is not finite here is a defect of the
     * program, never printed (as a string or otherwise).
     *
     * @param out the writer
     * @param node the object, changed by the stamp
     * @throws IllegalStateException naming the key of a NaN or infinite number
     */
    static void print(PrintWriter out, ObjectNode node) {
        stampBuild(node);
        requireFinite(node, "");
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static void requireFinite(JsonNode node, String path) {
        if (node.isNumber() && !Double.isFinite(node.asDouble())) {
            throw new IllegalStateException("refusing to print " + node.asDouble() + " as " + path + " in JSON");
        }
        if (node.isObject()) {
            node.properties().forEach(field -> requireFinite(field.getValue(), path + "/" + field.getKey()));
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                requireFinite(node.get(k), path + "/" + k);
            }
        }
    }
}
