package io.radnet.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of radnet that ran an experiment, as recorded in every result.
 *
 * <p>It comes from {@code io/radnet/experiments/version.properties}, which Maven fills in from
 * the project version at build time, so it is right both in the jar and when the classes run
 * from a build directory (tests, IDEs); the jar manifest's {@code Implementation-Version} is
 * the fallback.
 */
public final class RadnetVersion {
    private static final String RESOURCE = "version.properties";

    private RadnetVersion() {
    }

    /**
     * @return radnet's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code "unknown"} when neither
     *     the version resource nor the jar manifest says
     * @throws UncheckedIOException if the version resource exists but cannot be read
     */
    public static String current() {
        try (InputStream in = RadnetVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "").trim();
                if (!version.isEmpty() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the radnet version resource " + RESOURCE, e);
        }
        String manifest = RadnetVersion.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
