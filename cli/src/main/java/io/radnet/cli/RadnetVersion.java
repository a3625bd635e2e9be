package io.radnet.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The text of {@code radnet --version}: the program's version and the git commit it was built
 * from ({@link io.radnet.experiments.RadnetVersion}, as every JSON result records them), then
 * the Java runtime and the operating system it runs on (what a bug report needs).
 */
public final class RadnetVersion implements IVersionProvider {
    /** Creates the provider; picocli instantiates it from {@link RadnetCommand}'s annotation. */
    public RadnetVersion() {
    }

    /**
     * @return the program's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code "unknown"}
     */
    public static String version() {
        return io.radnet.experiments.RadnetVersion.current();
    }

    /**
     * @return the git commit the program was built from, or {@code "unknown"}
     */
    public static String commit() {
        return io.radnet.experiments.RadnetVersion.commit();
    }

    /**
     * @return three lines: {@code radnet VERSION}, {@code commit COMMIT} and
     *     {@code Java VERSION (VENDOR), OS ARCH}
     */
    @Override
    public String[] getVersion() {
        return new String[] {
            "radnet " + version(),
            "commit " + commit(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
