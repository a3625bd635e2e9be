package io.radnet.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every configuration key radnet reads, in one place, and where their values come from.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>{@value #BACKEND_PROPERTY}</td><td>{@value #BACKEND_ENV}</td>
 *       <td>the backend {@link Backends#defaultBackend()} returns (e.g. {@code ejml}); the
 *       property wins over the variable; unset means the highest-priority available backend
 *       </td></tr>
 * </table>
 *
 * <p>Values are trimmed; blank values count as unset. Instances are immutable; the system
 * instance reads the JVM's properties and environment at each lookup.
 */
public final class RadnetConfig {
    /** System property naming the default backend. */
    public static final String BACKEND_PROPERTY = "radnet.backend";
    /** Environment variable naming the default backend (after the system property). */
    public static final String BACKEND_ENV = "RADNET_BACKEND";

    private static final RadnetConfig SYSTEM = new RadnetConfig(System::getProperty, System::getenv);

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private RadnetConfig(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * @return the configuration of this JVM: system properties, then environment variables
     */
    public static RadnetConfig system() {
        return SYSTEM;
    }

    /**
     * A fixed configuration, for tests and embedding hosts that manage their own settings.
     *
     * @param properties system-property values by key
     * @param environment environment-variable values by name
     * @return a configuration reading only these maps (copied)
     */
    public static RadnetConfig of(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> p = Map.copyOf(properties);
        Map<String, String> e = Map.copyOf(environment);
        return new RadnetConfig(p::get, e::get);
    }

    /**
     * @param key a system property key
     * @return its trimmed value, if set and not blank
     */
    public Optional<String> property(String key) {
        return clean(properties.apply(Objects.requireNonNull(key, "key")));
    }

    /**
     * @param name an environment variable
     * @return its trimmed value, if set and not blank
     */
    public Optional<String> environment(String name) {
        return clean(environment.apply(Objects.requireNonNull(name, "name")));
    }

    private static Optional<String> clean(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
