package io.radnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The text of {@code radnet --version}: the program's version, then the Java runtime and the
 * operating system it runs on (what a bug report needs).
 *
 * <p>The version comes from {@code io/radnet/cli/version.properties}, which Maven fills in
 * from the project version at build time, so it is right both in the jar and when the classes
 * run from a build directory (tests, IDEs); the jar manifest's {@code Implementation-Version}
 * is the fallback.
 */
public final class RadnetVersion implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    /** Creates the provider; picocli instantiates it from {@link RadnetCommand}'s annotation. */
    public RadnetVersion() {
    }

    /**
     * @return the program's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code "unknown"} when
     *     neither the version resource nor the jar manifest says
     * @throws UncheckedIOException if the version resource exists but cannot be read
     */
    public static String version() {
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

    /**
     * @return two lines: {@code radnet VERSION} and {@code Java VERSION (VENDOR), OS ARCH}
     */
    @Override
    public String[] getVersion() {
        return new String[] {
            "radnet " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
