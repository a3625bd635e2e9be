package io.radnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.experiments.Summary;

/**
 * The JSON building blocks the experiment reports share: numbers that are not finite become
 * {@code null}, and objects are written pretty-printed. It only builds strings.
 */
final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    /** @return a new, empty object */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * @param value a record or any value Jackson can write
     * @return it as a JSON tree
     */
    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Puts {@code field: v}, or {@code field: null} when v is NaN or infinite. */
    static void number(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    /** Adds the values to the array, {@code null} for each that is NaN or infinite. */
    static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.addNull();
            }
        }
    }

    /** Adds the values to the array. */
    static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    /** Puts {@code "mean"} and {@code "std"} (null for a single seed). */
    static void meanStd(ObjectNode node, Summary s) {
        number(node, "mean", s.mean());
        number(node, "std", s.std());
    }

    /**
     * @param root the report, changed: the build that made it is appended
     *     ({@link JsonOutput#stampBuild})
     * @param what the report's name for the error message
     * @return the report, pretty-printed, without a trailing line separator
     */
    static String write(ObjectNode root, String what) {
        JsonOutput.stampBuild(root);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + what + " as JSON", e);
        }
    }
}
