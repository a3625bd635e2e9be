package io.radnet.it.architecture;

import static io.radnet.it.architecture.ArchitectureRules.API_DEPENDS_ONLY_ON_JDK;
import static io.radnet.it.architecture.ArchitectureRules.BACKENDS_ARE_INDEPENDENT;
import static io.radnet.it.architecture.ArchitectureRules.BACKENDS_DO_NOT_DEPEND_ON_HIGHER_MODULES;
import static io.radnet.it.architecture.ArchitectureRules.CORE_DOES_NOT_DEPEND_ON_HIGHER_MODULES;
import static io.radnet.it.architecture.ArchitectureRules.CORE_IS_BACKEND_AGNOSTIC;
import static io.radnet.it.architecture.ArchitectureRules.EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API;
import static io.radnet.it.architecture.ArchitectureRules.EXPERIMENTS_DO_NOT_DEPEND_ON_PROGRAMS;
import static io.radnet.it.architecture.ArchitectureRules.NO_PACKAGE_CYCLES;
import static io.radnet.it.architecture.ArchitectureRules.NO_PRINTING;
import static io.radnet.it.architecture.ArchitectureRules.PROVIDERS_ARE_LISTED_IN_META_INF_SERVICES;
import static io.radnet.it.architecture.ArchitectureRules.PROVIDERS_ARE_NAMED_BACKEND_PROVIDER;
import static io.radnet.it.architecture.ArchitectureRules.PROVIDERS_ARE_PUBLIC;
import static io.radnet.it.architecture.ArchitectureRules.PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.radnet.api.archfixture.ApiClassUsingEjml;
import io.radnet.api.archfixture.ApiClassUsingOnlyTheJdk;
import io.radnet.backend.archfixture.FakeBackendUsingAnotherBackend;
import io.radnet.backend.archfixture.FakeBackendUsingCore;
import io.radnet.backend.archfixture.FakeBackendUsingOnlyTheApi;
import io.radnet.backend.archfixtureother.OtherFakeBackendKernel;
import io.radnet.cli.archfixture.CliClassPrintingToStdout;
import io.radnet.core.archfixture.CoreClassPrintingAStackTrace;
import io.radnet.core.archfixture.CoreClassPrintingToStderr;
import io.radnet.core.archfixture.CoreClassPrintingToStdout;
import io.radnet.core.archfixture.CoreClassUsingABackend;
import io.radnet.core.archfixture.CoreClassUsingEjml;
import io.radnet.core.archfixture.CoreClassUsingExperiments;
import io.radnet.core.archfixture.CoreClassUsingOnlyTheApi;
import io.radnet.experiments.archfixture.ExperimentUsingABackend;
import io.radnet.experiments.archfixture.ExperimentUsingCoreApiAndJackson;
import io.radnet.experiments.archfixture.ExperimentUsingTheCli;
import io.radnet.it.archfixture.AbstractFixtureBackendProvider;
import io.radnet.it.archfixture.ArgumentTakingBackendProvider;
import io.radnet.it.archfixture.EjmlProviderWithAnOddName;
import io.radnet.it.archfixture.PrivateConstructorBackendProvider;
import io.radnet.it.archfixture.UnlistedBackendProvider;
import io.radnet.it.archfixture.WellFormedBackendProvider;
import io.radnet.it.archfixture.cycle.a.CycleStart;
import io.radnet.it.archfixture.cycle.b.CycleEnd;
import io.radnet.it.archfixture.layered.lower.LowerLayer;
import io.radnet.it.archfixture.layered.upper.UpperLayer;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule of {@link ArchitectureRules} bites: each one reports a fixture class
 * that breaks it, naming that class, and lets a compliant fixture pass. The fixtures are test
 * classes in the packages the rules target; {@link ProductionClasses} keeps them out of
 * {@link ArchitectureTest}.
 */
class ArchitectureRulesBiteTest {
    private static final String SERVICE_FILE = "META-INF/services/" + ArchitectureRules.BACKEND_PROVIDER;

    static Stream<Arguments> violations() {
        return Stream.of(
                violation("an api class using EJML is reported",
                        API_DEPENDS_ONLY_ON_JDK, ApiClassUsingEjml.class),
                violation("a core class using a backend class is reported",
                        CORE_IS_BACKEND_AGNOSTIC, CoreClassUsingABackend.class),
                violation("a core class using EJML directly is reported",
                        CORE_IS_BACKEND_AGNOSTIC, CoreClassUsingEjml.class),
                violation("a backend using another backend is reported",
                        BACKENDS_ARE_INDEPENDENT, FakeBackendUsingAnotherBackend.class,
                        OtherFakeBackendKernel.class),
                violation("a backend using core is reported",
                        BACKENDS_DO_NOT_DEPEND_ON_HIGHER_MODULES, FakeBackendUsingCore.class),
                violation("a core class using the experiments is reported",
                        CORE_DOES_NOT_DEPEND_ON_HIGHER_MODULES, CoreClassUsingExperiments.class),
                violation("an experiment using the command-line program is reported as outside core and api",
                        EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API, ExperimentUsingTheCli.class),
                violation("an experiment using a backend class is reported",
                        EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API, ExperimentUsingABackend.class),
                violation("an experiment using the command-line program is reported as using a program",
                        EXPERIMENTS_DO_NOT_DEPEND_ON_PROGRAMS, ExperimentUsingTheCli.class),
                violation("a package-private provider is reported",
                        PROVIDERS_ARE_PUBLIC,
                        fixture("io.radnet.it.archfixture.PackagePrivateBackendProvider")),
                violation("a provider whose only constructor takes an argument is reported",
                        PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR, ArgumentTakingBackendProvider.class),
                violation("a provider with a private no-argument constructor is reported",
                        PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR, PrivateConstructorBackendProvider.class),
                violation("a provider not named *BackendProvider is reported",
                        PROVIDERS_ARE_NAMED_BACKEND_PROVIDER, EjmlProviderWithAnOddName.class),
                violation("a provider missing from META-INF/services is reported",
                        PROVIDERS_ARE_LISTED_IN_META_INF_SERVICES, UnlistedBackendProvider.class),
                violation("two packages using each other are reported as a cycle",
                        NO_PACKAGE_CYCLES, CycleStart.class, CycleEnd.class),
                violation("library code printing to System.out is reported",
                        NO_PRINTING, CoreClassPrintingToStdout.class),
                violation("library code printing to System.err is reported",
                        NO_PRINTING, CoreClassPrintingToStderr.class),
                violation("library code calling printStackTrace() is reported",
                        NO_PRINTING, CoreClassPrintingAStackTrace.class));
    }

    static Stream<Arguments> compliantCode() {
        return Stream.of(
                compliant("an api class using only JDK types, api types, primitives and arrays passes",
                        API_DEPENDS_ONLY_ON_JDK, ApiClassUsingOnlyTheJdk.class),
                compliant("a core class computing through the api passes",
                        CORE_IS_BACKEND_AGNOSTIC, CoreClassUsingOnlyTheApi.class),
                compliant("two backends that know only the api and the JDK pass",
                        BACKENDS_ARE_INDEPENDENT, FakeBackendUsingOnlyTheApi.class,
                        OtherFakeBackendKernel.class),
                compliant("a backend that knows only the api passes",
                        BACKENDS_DO_NOT_DEPEND_ON_HIGHER_MODULES, FakeBackendUsingOnlyTheApi.class),
                compliant("a core class computing through the api knows no higher module",
                        CORE_DOES_NOT_DEPEND_ON_HIGHER_MODULES, CoreClassUsingOnlyTheApi.class),
                compliant("an experiment using core, the api, Jackson and the JDK passes",
                        EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API, ExperimentUsingCoreApiAndJackson.class),
                compliant("an experiment using no program passes",
                        EXPERIMENTS_DO_NOT_DEPEND_ON_PROGRAMS, ExperimentUsingCoreApiAndJackson.class),
                compliant("a public provider passes, and its abstract base class is no provider",
                        PROVIDERS_ARE_PUBLIC, WellFormedBackendProvider.class,
                        AbstractFixtureBackendProvider.class),
                compliant("a provider with the implicit public no-argument constructor passes",
                        PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR, WellFormedBackendProvider.class,
                        AbstractFixtureBackendProvider.class),
                compliant("a provider named *BackendProvider passes",
                        PROVIDERS_ARE_NAMED_BACKEND_PROVIDER, WellFormedBackendProvider.class,
                        AbstractFixtureBackendProvider.class),
                compliant("two packages layered one way only pass",
                        NO_PACKAGE_CYCLES, UpperLayer.class, LowerLayer.class),
                compliant("the CLI printing to the console and quiet library code pass",
                        NO_PRINTING, CliClassPrintingToStdout.class, CoreClassUsingOnlyTheApi.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void ruleReportsTheFixtureThatBreaksIt(String specification, ArchRule rule, List<Class<?>> fixtures) {
        Class<?> offender = fixtures.get(0);
        EvaluationResult result = rule.evaluate(importClasses(fixtures));

        assertTrue(result.hasViolation(), () -> "'" + rule.getDescription() + "' let "
                + offender.getName() + " pass");
        String report = result.getFailureReport().toString();
        assertTrue(report.contains(offender.getName()),
                () -> "the report should name " + offender.getName() + ", but was:\n" + report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compliantCode")
    void ruleLetsCompliantCodePass(String specification, ArchRule rule, List<Class<?>> fixtures) {
        EvaluationResult result = rule.evaluate(importClasses(fixtures));

        assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
    }

    @Test
    void everyRuleHasAFixtureThatBreaksIt() {
        Set<ArchRule> broken = Collections.newSetFromMap(new IdentityHashMap<>());
        violations().forEach(arguments -> broken.add((ArchRule) arguments.get()[1]));
        List<String> neverBroken = ArchitectureRules.all().entrySet().stream()
                .filter(rule -> !broken.contains(rule.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());

        assertTrue(neverBroken.isEmpty(), () -> "rules without a biting fixture: " + neverBroken);
    }

    @Test
    void aProviderListedInMetaInfServicesAmidCommentsAndBlankLinesPasses(@TempDir Path classPath)
            throws IOException {
        try (URLClassLoader loader = classLoaderWithServiceFile(classPath)) {
            ArchRule rule = ArchitectureRules.providersAreListedInServiceFilesOf(loader);

            EvaluationResult result = rule.evaluate(importClasses(
                    List.of(WellFormedBackendProvider.class, AbstractFixtureBackendProvider.class)));

            assertFalse(result.hasViolation(), () -> result.getFailureReport().toString());
        }
    }

    @Test
    void aProviderNamedOnlyInACommentOfMetaInfServicesIsReported(@TempDir Path classPath)
            throws IOException {
        try (URLClassLoader loader = classLoaderWithServiceFile(classPath)) {
            ArchRule rule = ArchitectureRules.providersAreListedInServiceFilesOf(loader);

            EvaluationResult result = rule.evaluate(importClasses(List.of(UnlistedBackendProvider.class)));

            assertTrue(result.hasViolation(), "a commented-out provider counted as listed");
            assertTrue(result.getFailureReport().toString().contains(UnlistedBackendProvider.class.getName()),
                    () -> result.getFailureReport().toString());
        }
    }

    /**
     * A class loader that sees nothing but one service file, which lists
     * {@link WellFormedBackendProvider} among comments and blank lines and mentions
     * {@link UnlistedBackendProvider} only in a comment.
     */
    private static URLClassLoader classLoaderWithServiceFile(Path classPath) throws IOException {
        Path serviceFile = classPath.resolve(SERVICE_FILE);
        Files.createDirectories(serviceFile.getParent());
        Files.writeString(serviceFile, String.join("\n",
                "# Providers of the architecture fixtures",
                "",
                "   \t",
                "  " + WellFormedBackendProvider.class.getName() + "\t# listed, with blanks around it",
                "#" + UnlistedBackendProvider.class.getName(),
                ""), StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null);
    }

    private static Arguments violation(String specification, ArchRule rule, Class<?>... fixtures) {
        return Arguments.of(specification, rule, List.of(fixtures));
    }

    private static Arguments compliant(String specification, ArchRule rule, Class<?>... fixtures) {
        return Arguments.of(specification, rule, List.of(fixtures));
    }

    private static JavaClasses importClasses(List<Class<?>> fixtures) {
        return new ClassFileImporter().importClasses(fixtures);
    }

    /** Loads a fixture that this package cannot name in source, such as a package-private one. */
    private static Class<?> fixture(String name) {
        try {
            return Class.forName(name, false, ArchitectureRulesBiteTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("fixture " + name + " is missing", e);
        }
    }
}
