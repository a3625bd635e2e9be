package io.radnet.it.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applies every rule of {@link ArchitectureRules} to radnet's production classes: the modules'
 * jars (or class directories) on this module's test class path, without any test code.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(new ProductionClasses())
                .importPackages("io.radnet");
    }

    static Stream<Arguments> rules() {
        return ArchitectureRules.all().entrySet().stream()
                .map(rule -> Arguments.of(Named.of(rule.getKey(), rule.getValue())));
    }

    @ParameterizedTest(name = "production classes follow {0}")
    @MethodSource("rules")
    void productionClassesFollow(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void theProductionImportHoldsEveryModuleAndNoTestCode() {
        assertTrue(production.contain(ArchitectureRules.BACKEND_PROVIDER),
                "the import must find radnet-api's classes");
        assertTrue(production.contain("io.radnet.experiments.RadialExperiment1"),
                "the import must find radnet-experiments' classes");
        assertTrue(production.contain("io.radnet.core.network.RadialNetwork"),
                "the import must find radnet-core's classes");
        List<String> testClasses = production.stream()
                .map(JavaClass::getName)
                .filter(name -> name.contains(".archfixture") || name.startsWith("io.radnet.it.architecture.")
                        || name.endsWith("Test"))
                .collect(Collectors.toList());
        assertTrue(testClasses.isEmpty(), () -> "test classes were imported: " + testClasses);
    }
}
