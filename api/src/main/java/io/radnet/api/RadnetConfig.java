package io.radnet.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *   <tr><td>{@value #REQUIRE_BACKENDS_PROPERTY}</td><td>{@value #REQUIRE_BACKENDS_ENV}</td>
 *       <td>backends that must be available, comma-separated (e.g.
 *       {@code ejml,nd4j,jblas}; see {@link #requiredBackends()}). The backend contract suite
 *       and the cross-backend tests then fail, instead of skipping, when a listed backend
 *       cannot run; CI sets it so that every backend is exercised. The property wins over the
 *       variable; unset means none is required</td></tr>
 *   <tr><td></td><td>{@value #DATA_ENV}</td>
 *       <td>the directory holding the files of the named data sets (Fashion-MNIST's four IDX
 *       files); unset means the directories Debian's data set packages install (e.g.
 *       {@code /usr/share/datasets/fashion-mnist})</td></tr>
 * </table>
 *
 * <p>Values are trimmed; blank values count as unset. Instances are immutable; the system
 * instance reads the JVM's properties and environment at each lookup.
 *
 * <p><b>Read before the JVM starts.</b> These environment variables are read by radnet's
 * launch scripts ({@code ./radnet}, and {@code bin/radnet-java}, which also runs the test
 * JVMs), not by this class:
 * <table>
 *   <caption>Launcher variables</caption>
 *   <tr><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>{@code OPENBLAS_CORETYPE}</td>
 *       <td>the CPU kernels of the OpenBLAS inside the native backends. When it is unset or
 *       empty the scripts set it to {@code Haswell} if the CPU flags in {@code /proc/cpuinfo}
 *       include {@code avx2} and {@code fma}, else leave it unset. jblas's OpenBLAS does not
 *       know recent CPUs such as AMD Zen 4 and otherwise falls back to kernels of half the
 *       speed. Never {@code SkylakeX}: with it ND4J's OpenBLAS computes wrong QR factors on
 *       Zen 4 (the nd4j backend's probe checks for this and says so). A value the user sets is
 *       never changed</td></tr>
 *   <tr><td>{@code RADNET_JAVA}</td>
 *       <td>the {@code java} executable {@code bin/radnet-java} runs (the build sets it to the
 *       JVM running Maven); unset: {@code $JAVA_HOME/bin/java}, else {@code java} on the
 *       {@code PATH}</td></tr>
 *   <tr><td>{@code RADNET_CPUINFO}</td>
 *       <td>the file {@code bin/radnet-java} reads the CPU flags from; unset:
 *       {@code /proc/cpuinfo} (tests of the script point it at fixtures)</td></tr>
 *   <tr><td>{@code RADNET_JAVA_OPTS}</td>
 *       <td>extra JVM options for {@code ./radnet}, split at spaces (e.g.
 *       {@code -Dradnet.backend=nd4j})</td></tr>
 * </table>
 */
public final class RadnetConfig {
    /** System property naming the default backend. */
    public static final String BACKEND_PROPERTY = "radnet.backend";
    /** Environment variable naming the default backend (after the system property). */
    public static final String BACKEND_ENV = "RADNET_BACKEND";
    /** System property listing the backends that must be available, comma-separated. */
    public static final String REQUIRE_BACKENDS_PROPERTY = "radnet.requireBackends";
    /** Environment variable listing the backends that must be available (after the property). */
    public static final String REQUIRE_BACKENDS_ENV = "RADNET_REQUIRE_BACKENDS";
    /** Environment variable naming the directory of the named data sets' files. */
    public static final String DATA_ENV = "RADNET_DATA";

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

    /**
     * The backends that must be available: the comma-separated names of the system property
     * {@value #REQUIRE_BACKENDS_PROPERTY}, or else of the environment variable
     * {@value #REQUIRE_BACKENDS_ENV}.
     *
     * @return the names, trimmed and lower-cased, blank entries and repeats dropped, in the
     *     order given; empty when neither is set
     */
    public Set<String> requiredBackends() {
        Optional<String> list = property(REQUIRE_BACKENDS_PROPERTY);
        if (list.isEmpty()) {
            list = environment(REQUIRE_BACKENDS_ENV);
        }
        Set<String> names = new LinkedHashSet<>();
        list.ifPresent(value -> {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim().toLowerCase(Locale.ROOT));
                }
            }
        });
        return Collections.unmodifiableSet(names);
    }

    /**
     * @return where {@link #requiredBackends()} comes from, for messages: the property or the
     *     variable by name, or "nothing" when neither is set
     */
    public String requiredBackendsSource() {
        if (property(REQUIRE_BACKENDS_PROPERTY).isPresent()) {
            return "system property " + REQUIRE_BACKENDS_PROPERTY;
        }
        if (environment(REQUIRE_BACKENDS_ENV).isPresent()) {
            return "environment variable " + REQUIRE_BACKENDS_ENV;
        }
        return "nothing";
    }

    private static Optional<String> clean(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
