package io.radnet.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of radnet and the git commit it was built from, as recorded in every result.
 *
 * <p>Both come from {@code io/radnet/experiments/version.properties}, which Maven fills in at
 * build time (resource filtering), so they are known without git at run time, in the jar and
 * when the classes run from a build directory (tests, IDEs). The version is the project
 * version; the jar manifest's {@code Implementation-Version} is its fallback. The commit is the
 * Maven property {@code git.commit}, which the {@code ./radnet} launcher sets to
 * {@code git rev-parse HEAD} (with {@code -dirty} appended when tracked files differ from it);
 * a build without git or without the property records none.
 */
public final class RadnetVersion {
    /** What {@link #current()} and {@link #commit()} return when the build did not record it. */
    public static final String UNKNOWN = "unknown";

    private static final String RESOURCE = "version.properties";

    private RadnetVersion() {
    }

    /**
     * @return radnet's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@value #UNKNOWN} when neither
     *     the version resource nor the jar manifest says
     * @throws UncheckedIOException if the version resource exists but cannot be read
     */
    public static String current() {
        String version = recorded("version");
        if (version != null) {
            return version;
        }
        String manifest = RadnetVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : UNKNOWN;
    }

    /**
     * @return the git commit radnet was built from, 40 hexadecimal digits, followed by
     *     {@code -dirty} when the build's tracked files differed from that commit; or
     *     {@value #UNKNOWN} when the build did not record one (built without git or other than
     *     through {@code ./radnet})
     * @throws UncheckedIOException if the version resource exists but cannot be read
     */
    public static String commit() {
        String commit = recorded("commit");
        return commit != null ? commit : UNKNOWN;
    }

    /** @return the resource's value of key, or null when absent, empty or left unfiltered ({@code ${…}}) */
    private static String recorded(String key) {
        try (InputStream in = RadnetVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key, "").trim();
            return value.isEmpty() || value.startsWith("${") ? null : value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the radnet version resource " + RESOURCE, e);
        }
    }
}
