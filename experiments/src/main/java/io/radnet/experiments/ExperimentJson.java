package io.radnet.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings and results as JSON: one object whose keys are the record's component names, e.g.
 * {@code {"seeds" : 3, "targetLoss" : 0.01, "maxEpochs" : 5000}} for
 * {@link RadialExperiment3.Settings}. Non-finite numbers are written as JSON strings
 * ({@code "NaN"}), as Jackson does by default.
 */
public final class ExperimentJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExperimentJson() {
    }

    /**
     * @param value a settings or result record
     * @return it as one pretty-printed JSON object, keys in component order
     */
    public static String write(Record value) {
        Objects.requireNonNull(value, "value");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a record written by {@link #write}, bitwise: every double comes back as written.
     *
     * @param json one JSON object of the record's components
     * @param type the record's class
     * @param <T> the record type
     * @return the record
     * @throws IllegalArgumentException if {@code json} is not such an object; one line naming the type
     */
    public static <T extends Record> T read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read " + type.getSimpleName() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Reads settings from a JSON object. A key that is left out keeps its value in
     * {@code defaults}; an unknown key or a value the settings reject fails.
     *
     * @param json one JSON object, e.g. {@code {"seeds" : 2}}
     * @param defaults the settings the object changes, e.g. {@code RadialExperiment1.Settings.defaults()}
     * @param <S> the settings record type
     * @return the settings with the given keys changed
     * @throws IllegalArgumentException if {@code json} is not a JSON object, names a key the
     *     settings do not have, or gives a value they reject; the message is one line naming it
     */
    @SuppressWarnings("unchecked")
    public static <S extends Record> S readSettings(String json, S defaults) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(defaults, "defaults");
        String what = defaults.getClass().getName().replace(defaults.getClass().getPackageName() + ".", "")
                .replace('$', '.');
        try {
            JsonNode given = JSON.readTree(json);
            if (given == null || !given.isObject()) {
                throw new IllegalArgumentException(what + " must be a JSON object, got "
                        + (given == null ? "nothing" : given.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            ObjectNode merged = JSON.valueToTree(defaults);
            merged.setAll((ObjectNode) given);
            return (S) JSON.treeToValue(merged, defaults.getClass());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("cannot read " + what + ": " + reason, e);
        }
    }
}
