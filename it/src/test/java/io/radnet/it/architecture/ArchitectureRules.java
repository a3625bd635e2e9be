package io.radnet.it.architecture;

import static com.tngtech.archunit.lang.conditions.ArchConditions.accessField;
import static com.tngtech.archunit.lang.conditions.ArchConditions.callMethodWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The architecture rules that keep radnet's module boundaries honest (see "Modules" in
 * DESIGN.md). Each rule is a named constant with a sentence saying what it protects;
 * {@link ArchitectureTest} applies every one of them to the production classes, and
 * {@link ArchitectureRulesBiteTest} proves each one reports a class that breaks it.
 *
 * <p>The rules are meant for the classes {@link ProductionClasses} imports. Test code (the
 * backend contract suite in {@code radnet-api}'s test-jar, these rules' own fixtures) is out
 * of scope.
 */
public final class ArchitectureRules {
    /** The SPI every backend implements. */
    static final String BACKEND_PROVIDER = "io.radnet.api.BackendProvider";

    /**
     * {@code radnet-api} is JDK only, so that every consumer and every backend can depend on it
     * without pulling in a linear-algebra library or anything else.
     */
    public static final ArchRule API_DEPENDS_ONLY_ON_JDK = classes()
            .that().resideInAPackage("io.radnet.api..")
            .should().onlyDependOnClassesThat(jdkOrApiTypes())
            .as("The api (io.radnet.api..) depends only on the JDK (java..) and on itself,"
                    + " so any backend and any consumer can depend on it.");

    /**
     * Core runs on whichever backend is chosen at runtime, so it reaches numerics only through
     * the api.
     */
    public static final ArchRule CORE_IS_BACKEND_AGNOSTIC = noClasses()
            .that().resideInAPackage("io.radnet.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.radnet.backend..", "org.ejml..", "org.nd4j..", "org.jblas..")
            // The core module does not exist yet; until it does there is nothing to check. Every
            // other rule fails when it finds no classes, which catches an import that silently
            // finds nothing.
            .allowEmptyShould(true)
            .as("Core (io.radnet.core..) never touches a backend (io.radnet.backend..) or a"
                    + " linear-algebra library (EJML, ND4J, JBLAS): it computes through the api,"
                    + " on whichever backend is chosen at runtime.");

    /** Backends are interchangeable plug-ins, so none of them may need another. */
    public static final ArchRule BACKENDS_ARE_INDEPENDENT = slices()
            .matching("io.radnet.backend.(*)..")
            .should().notDependOnEachOther()
            .as("Backends (io.radnet.backend.*) never depend on each other, so each can be"
                    + " shipped, loaded and left out on its own.");

    /**
     * Backends sit below core and the programs: they know the api and their own library only.
     */
    public static final ArchRule BACKENDS_DO_NOT_DEPEND_ON_HIGHER_MODULES = noClasses()
            .that().resideInAPackage("io.radnet.backend..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.radnet.core..", "io.radnet.experiments..", "io.radnet.spark..", "io.radnet.cli..",
                    "io.radnet.bench..", "io.radnet.it..")
            .as("Backends (io.radnet.backend..) never depend on core, experiments, spark, cli, bench or it:"
                    + " they sit below them and know only the api and their own library.");

    /**
     * Core is the library every program builds on; the experiments, the programs and the tests
     * sit above it.
     */
    public static final ArchRule CORE_DOES_NOT_DEPEND_ON_HIGHER_MODULES = noClasses()
            .that().resideInAPackage("io.radnet.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.radnet.experiments..", "io.radnet.spark..", "io.radnet.cli..", "io.radnet.bench..",
                    "io.radnet.it..")
            .as("Core (io.radnet.core..) never depends on experiments, spark, cli, bench or it: they"
                    + " build on core, not the other way round.");

    /**
     * The experiments are a library a Java user runs on any backend: they compute through core
     * and the api and write JSON with Jackson, nothing else.
     */
    public static final ArchRule EXPERIMENTS_DEPEND_ONLY_ON_CORE_AND_API = classes()
            .that().resideInAPackage("io.radnet.experiments..")
            .should().onlyDependOnClassesThat(experimentsDependencies())
            .as("The experiments (io.radnet.experiments..) depend only on core (io.radnet.core..),"
                    + " the api (io.radnet.api..), the JDK and Jackson, so any Java program can run them"
                    + " on any backend.");

    /** The programs present the experiments; the experiments must not need a program. */
    public static final ArchRule EXPERIMENTS_DO_NOT_DEPEND_ON_PROGRAMS = noClasses()
            .that().resideInAPackage("io.radnet.experiments..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.radnet.cli..", "io.radnet.spark..", "io.radnet.bench..", "io.radnet.it..")
            .as("The experiments (io.radnet.experiments..) never depend on cli, spark, bench or it:"
                    + " those programs run and present the experiments, not the other way round.");

    /** ServiceLoader instantiates only public classes. */
    public static final ArchRule PROVIDERS_ARE_PUBLIC = classes()
            .that(areConcreteBackendProviders())
            .should().bePublic()
            .as("Backend providers are public classes, so ServiceLoader can instantiate them.");

    /** ServiceLoader instantiates a provider through its public no-argument constructor. */
    public static final ArchRule PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR = classes()
            .that(areConcreteBackendProviders())
            .should(haveAPublicNoArgConstructor())
            .as("Backend providers have a public no-argument constructor, so ServiceLoader can"
                    + " instantiate them.");

    /** Providers are found by name in stack traces, service files and diagnostics. */
    public static final ArchRule PROVIDERS_ARE_NAMED_BACKEND_PROVIDER = classes()
            .that(areConcreteBackendProviders())
            .should().haveSimpleNameEndingWith("BackendProvider")
            .as("Backend providers are named *BackendProvider, so they are easy to find in"
                    + " service files, stack traces and diagnostics.");

    /** A provider missing from its service file is a backend nobody can select. */
    public static final ArchRule PROVIDERS_ARE_LISTED_IN_META_INF_SERVICES =
            providersAreListedInServiceFilesOf(ArchitectureRules.class.getClassLoader());

    /** Cycles between packages make modules impossible to split or to understand alone. */
    public static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.radnet.(**)")
            .should().beFreeOfCycles()
            .as("Packages of radnet (io.radnet.**) are free of cycles.");

    /**
     * A library must not write to its users' console; only the CLI's output layer prints, and
     * it does so through picocli's writers.
     */
    public static final ArchRule NO_PRINTING = noClasses()
            .that().resideOutsideOfPackage("io.radnet.cli..")
            .should(accessField(System.class, "out"))
            .orShould(accessField(System.class, "err"))
            .orShould(callMethodWhere(printStackTraceToStandardError()))
            .as("Library code does not print to System.out or System.err, nor call"
                    + " printStackTrace(); only the CLI (io.radnet.cli..) writes to the console.");

    private ArchitectureRules() {
    }

    /**
     * The rule {@link #PROVIDERS_ARE_LISTED_IN_META_INF_SERVICES} with the service files that a
     * given class loader sees, for checking providers against another class path.
     *
     * @param classLoader where to look for {@code META-INF/services/io.radnet.api.BackendProvider}
     * @return the rule that every concrete provider is listed in one of those files
     */
    public static ArchRule providersAreListedInServiceFilesOf(ClassLoader classLoader) {
        return classes()
                .that(areConcreteBackendProviders())
                .should(new ListedAsService(BACKEND_PROVIDER, classLoader))
                .as("Backend providers are listed in META-INF/services/" + BACKEND_PROVIDER
                        + ", so ServiceLoader discovers them.");
    }

    /**
     * @return every rule of this class by its field name, in declaration order
     */
    public static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        for (Field field : ArchitectureRules.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
                    && field.getType() == ArchRule.class) {
                try {
                    rules.put(field.getName(), (ArchRule) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read rule " + field.getName(), e);
                }
            }
        }
        return rules;
    }

    private static DescribedPredicate<JavaClass> jdkOrApiTypes() {
        DescribedPredicate<JavaClass> inJdkOrApi =
                JavaClass.Predicates.resideInAnyPackage("java..", "io.radnet.api..");
        return DescribedPredicate.describe(
                "are JDK (java..) or api (io.radnet.api..) types, primitives, or arrays of those",
                type -> {
                    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                    return base.isPrimitive() || inJdkOrApi.test(base);
                });
    }

    private static DescribedPredicate<JavaClass> experimentsDependencies() {
        DescribedPredicate<JavaClass> allowed = JavaClass.Predicates.resideInAnyPackage("java..",
                "io.radnet.experiments..", "io.radnet.core..", "io.radnet.api..", "com.fasterxml.jackson..");
        return DescribedPredicate.describe(
                "are JDK (java..), experiments, core, api or Jackson (com.fasterxml.jackson..) types,"
                        + " primitives, or arrays of those",
                type -> {
                    JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                    return base.isPrimitive() || allowed.test(base);
                });
    }

    private static DescribedPredicate<JavaClass> areConcreteBackendProviders() {
        return DescribedPredicate.describe(
                "are concrete classes implementing " + BACKEND_PROVIDER,
                type -> !type.isInterface()
                        && !type.getModifiers().contains(JavaModifier.ABSTRACT)
                        && type.isAssignableTo(BACKEND_PROVIDER));
    }

    private static ArchCondition<JavaClass> haveAPublicNoArgConstructor() {
        return new ArchCondition<>("have a public no-argument constructor") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean satisfied = type.getConstructors().stream()
                        .anyMatch(c -> c.getRawParameterTypes().isEmpty()
                                && c.getModifiers().contains(JavaModifier.PUBLIC));
                String constructors = type.getConstructors().stream()
                        .map(ArchitectureRules::describeConstructor)
                        .collect(Collectors.joining(", ", "[", "]"));
                String message = type.getName()
                        + (satisfied ? " has" : " does not have")
                        + " a public no-argument constructor (constructors: " + constructors + ")";
                events.add(new SimpleConditionEvent(type, satisfied, message));
            }
        };
    }

    private static String describeConstructor(JavaConstructor constructor) {
        String modifiers = constructor.getModifiers().stream()
                .map(m -> m.name().toLowerCase(Locale.ROOT) + " ")
                .collect(Collectors.joining());
        String parameters = constructor.getRawParameterTypes().stream()
                .map(JavaClass::getName)
                .collect(Collectors.joining(", ", "(", ")"));
        return modifiers + constructor.getOwner().getSimpleName() + parameters;
    }

    private static DescribedPredicate<JavaMethodCall> printStackTraceToStandardError() {
        return DescribedPredicate.describe(
                "the target is Throwable.printStackTrace() (which prints to System.err)",
                call -> call.getTarget().getName().equals("printStackTrace")
                        && call.getTarget().getRawParameterTypes().isEmpty()
                        && call.getTargetOwner().isAssignableTo(Throwable.class));
    }
}
