package io.radnet.it.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Imports only radnet's production classes: the architecture rules judge what ships, not the
 * tests that check it.
 *
 * <p>A class file is kept when it lies under {@code io/radnet/} and comes neither from a test
 * output directory ({@code /test-classes/}, or the Gradle and IntelliJ layouts ArchUnit knows)
 * nor from a test-jar (a jar named {@code *-tests.jar}, such as {@code radnet-api}'s jar of
 * backend contract tests, which may use JUnit where {@code radnet-api} itself may not). This
 * also keeps the rule fixtures of {@code it}, which live in {@code io.radnet..} test packages,
 * out of the production check.
 */
public final class ProductionClasses implements ImportOption {
    private static final Pattern TEST_JAR_ENTRY = Pattern.compile(".*-tests\\.jar!/.*");
    private static final ImportOption OTHER_TEST_LAYOUTS = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return location.contains("/io/radnet/")
                && !location.contains("/test-classes/")
                && !location.matches(TEST_JAR_ENTRY)
                && OTHER_TEST_LAYOUTS.includes(location);
    }
}
