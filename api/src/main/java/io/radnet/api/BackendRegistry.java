package io.radnet.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A set of backend providers, their cached probe results and created backends, and the
 * selection rule. {@link Backends} is the JVM-wide instance; hosts with their own class loaders
 * or settings make their own.
 *
 * <p><b>Selection</b> ({@link #defaultBackend()}), first match wins:
 * <ol>
 *   <li>the system property {@value RadnetConfig#BACKEND_PROPERTY};</li>
 *   <li>the environment variable {@value RadnetConfig#BACKEND_ENV};</li>
 *   <li>the highest-priority available provider, the embedded default {@code "ejml"} winning
 *       ties; each skipped unavailable provider is logged once, with its reason.</li>
 * </ol>
 * A configured name that is unknown fails with the list of known names; a configured backend
 * that is unavailable fails with its reason. ({@link #get(String)} is the explicit choice that
 * precedes all three.)
 *
 * <p><b>Size-aware selection</b> ({@link #defaultBackendFor(Workload)}): the property and the
 * variable still win; otherwise {@link SizeAwareChoice} picks among the available providers by
 * the size of the work, small work on the provider that {@link #defaultBackend()} would take,
 * large work on the available native one with the least estimated time
 * ({@link SizeAwareChoice#nativeOrder}). A native backend that fails to load is skipped, so
 * without native libraries every workload runs in pure Java.
 *
 * <p>Probing and creating happen on first use and are cached; each provider is probed at most
 * once per registry. Methods are thread-safe.
 */
public final class BackendRegistry {
    /** The name of the embedded default backend, which wins priority ties. */
    public static final String EMBEDDED_DEFAULT = "ejml";

    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

    private final RadnetConfig config;
    private final Map<String, BackendProvider> providers = new LinkedHashMap<>();
    private final Map<String, Availability> probes = new HashMap<>();
    private final Map<String, Backend> backends = new HashMap<>();
    private final List<String> discoveryProblems = new ArrayList<>();

    /**
     * @param config where the configured backend name is read from
     */
    public BackendRegistry(RadnetConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /**
     * Registers every provider that {@link ServiceLoader} finds through the given class loader.
     * A provider that fails to load is recorded in {@link #diagnostics()} and skipped; the
     * others still load. A provider class already registered is skipped.
     *
     * @param loader the class loader to search (e.g. a plugin's or a fat jar's)
     * @return this registry
     */
    public synchronized BackendRegistry discover(ClassLoader loader) {
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            BackendProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                discoveryProblems.add(e.toString());
                LOG.log(System.Logger.Level.WARNING, "radnet: a backend provider failed to load: " + e);
                continue;
            }
            BackendProvider known = providers.get(provider.name());
            if (known != null && known.getClass() == provider.getClass()) {
                continue;
            }
            try {
                register(provider);
            } catch (IllegalArgumentException e) {
                discoveryProblems.add(e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "radnet: " + e.getMessage());
            }
        }
        return this;
    }

    /**
     * @param provider a provider whose name is not registered yet
     * @return this registry
     * @throws IllegalArgumentException if the name is taken, blank or not lower case
     */
    public synchronized BackendRegistry register(BackendProvider provider) {
        Shapes.requireNonNull("register", "provider", provider);
        String name = provider.name();
        if (name == null || name.isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("backend provider " + provider.getClass().getName()
                    + " has an invalid name '" + name + "': it must be non-blank and lower case");
        }
        BackendProvider known = providers.get(name);
        if (known != null) {
            throw new IllegalArgumentException("backend name '" + name + "' of " + provider.getClass().getName()
                    + " is already registered by " + known.getClass().getName());
        }
        providers.put(name, provider);
        return this;
    }

    /**
     * @return the registered names, in selection order (priority descending, ties: the embedded
     *     default first, then by name)
     */
    public synchronized List<String> names() {
        return ordered().stream().map(BackendProvider::name).toList();
    }

    /**
     * The explicit choice.
     *
     * @param name a backend name, case-insensitive
     * @return the backend, created on first use
     * @throws IllegalArgumentException if no provider has that name (the message lists them)
     * @throws BackendUnavailableException if it cannot run here (with its reason and fix)
     */
    public synchronized Backend get(String name) {
        Shapes.requireNonNull("get", "name", name);
        BackendProvider provider = providers.get(name.trim().toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; known backends: " + names());
        }
        Availability availability = probe(provider);
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(provider.name(), availability);
        }
        return backends.computeIfAbsent(provider.name(), n -> provider.create());
    }

    /**
     * @param name a backend name, case-insensitive
     * @return the probe result of that provider (probed once, then cached)
     * @throws IllegalArgumentException if no provider has that name
     */
    public synchronized Availability availability(String name) {
        BackendProvider provider = providers.get(name.trim().toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; known backends: " + names());
        }
        return probe(provider);
    }

    /**
     * @return the backend chosen by the selection rule (see the class documentation)
     * @throws IllegalArgumentException if the configured name is unknown
     * @throws BackendUnavailableException if the configured backend is unavailable
     * @throws IllegalStateException if nothing is configured and no backend is available
     */
    public synchronized Backend defaultBackend() {
        Optional<String> configured = configuredName();
        if (configured.isPresent()) {
            try {
                return get(configured.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " (selected by " + selectionSource() + ")", e);
            }
        }
        for (BackendProvider provider : ordered()) {
            Availability availability = probe(provider);
            if (availability.isAvailable()) {
                return get(provider.name());
            }
            LOG.log(System.Logger.Level.INFO, "radnet: skipping backend '" + provider.name() + "': "
                    + availability.reason());
        }
        throw new IllegalStateException("no radnet backend is available; registered: " + names()
                + (discoveryProblems.isEmpty() ? "" : "; discovery problems: " + discoveryProblems)
                + ". Add radnet-backend-ejml (pure Java, always available) to the class path");
    }

    /**
     * The default for a given piece of work (see the class documentation): the configured
     * backend when the system property or the environment variable names one, else the
     * {@link SizeAwareChoice} among the available providers by their costs at one thread (see
     * {@link SizeAwareChoice} on threads). Small work never probes or loads a native backend that
     * ranks below the pure-Java default.
     *
     * @param work the work to run
     * @return the backend chosen for it
     * @throws IllegalArgumentException if the configured name is unknown
     * @throws BackendUnavailableException if the configured backend is unavailable
     * @throws IllegalStateException if nothing is configured and no backend is available
     */
    public Backend defaultBackendFor(Workload work) {
        return defaultBackendFor(work, 1);
    }

    /**
     * The default for a given piece of work that runs on the given number of threads (e.g. 1
     * when the backend will be limited to one): as {@link #defaultBackendFor(Workload)}, with
     * the native backends ranked by their costs at that thread count
     * ({@link BackendProvider#kernelCosts(int)}).
     *
     * @param work the work to run
     * @param threads the threads the backend will use, ≥ 1
     * @return the backend chosen for it
     * @throws IllegalArgumentException if the configured name is unknown, or threads is below 1
     * @throws BackendUnavailableException if the configured backend is unavailable
     * @throws IllegalStateException if nothing is configured and no backend is available
     */
    public synchronized Backend defaultBackendFor(Workload work, int threads) {
        Shapes.requireNonNull("defaultBackendFor", "work", work);
        if (threads < 1) {
            throw new IllegalArgumentException("defaultBackendFor: threads must be at least 1, got " + threads);
        }
        if (configuredName().isPresent() || !SizeAwareChoice.prefersNative(work)) {
            return defaultBackend();
        }
        for (BackendProvider provider : SizeAwareChoice.nativeOrder(work, threads, ordered())) {
            Availability availability = probe(provider);
            if (!availability.isAvailable()) {
                LOG.log(System.Logger.Level.INFO, "radnet: skipping backend '" + provider.name() + "' for " + work
                        + ": " + availability.reason());
                continue;
            }
            try {
                return get(provider.name());
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.INFO, "radnet: skipping backend '" + provider.name() + "' for " + work
                        + ": it failed to start: " + e);
            }
        }
        return defaultBackend();
    }

    /**
     * @return every available backend, in selection order (each created on first use)
     */
    public synchronized List<Backend> available() {
        List<Backend> out = new ArrayList<>();
        for (BackendProvider provider : ordered()) {
            if (probe(provider).isAvailable()) {
                out.add(get(provider.name()));
            }
        }
        return out;
    }

    /**
     * Probes every provider (once) and reports what it found, without logging.
     *
     * @return the default and how it is selected, and every provider's description
     */
    public synchronized BackendDiagnostics diagnostics() {
        List<BackendDescription> descriptions = new ArrayList<>();
        for (BackendProvider provider : ordered()) {
            Availability availability = probe(provider);
            int threads = availability.isAvailable() ? get(provider.name()).threads() : 0;
            descriptions.add(new BackendDescription(provider.name(), provider.priority(),
                    provider.libraryVersion(), provider.isNative(), threads, availability));
        }
        String defaultName = null;
        String problem = null;
        Optional<String> configured = configuredName();
        if (configured.isPresent()) {
            String wanted = configured.get().toLowerCase(Locale.ROOT);
            if (!providers.containsKey(wanted)) {
                problem = "unknown backend '" + configured.get() + "'; known backends: " + names();
            } else if (!probe(providers.get(wanted)).isAvailable()) {
                problem = "backend '" + wanted + "' is unavailable: " + probe(providers.get(wanted)).reason();
            } else {
                defaultName = wanted;
            }
        } else {
            defaultName = descriptions.stream().filter(d -> d.availability().isAvailable())
                    .map(BackendDescription::name).findFirst().orElse(null);
            if (defaultName == null) {
                problem = "no backend is available";
            }
        }
        String sizeRule = null;
        if (configured.isEmpty() && defaultName != null) {
            List<BackendProvider> natives = ordered().stream().filter(p -> p.isNative() && probe(p).isAvailable())
                    .toList();
            sizeRule = SizeAwareChoice.describe(defaultName, natives);
        }
        return new BackendDiagnostics(defaultName, selectionSource(), problem, descriptions, discoveryProblems,
                sizeRule);
    }

    private Optional<String> configuredName() {
        Optional<String> property = config.property(RadnetConfig.BACKEND_PROPERTY);
        return property.isPresent() ? property : config.environment(RadnetConfig.BACKEND_ENV);
    }

    private String selectionSource() {
        if (config.property(RadnetConfig.BACKEND_PROPERTY).isPresent()) {
            return "system property " + RadnetConfig.BACKEND_PROPERTY;
        }
        if (config.environment(RadnetConfig.BACKEND_ENV).isPresent()) {
            return "environment variable " + RadnetConfig.BACKEND_ENV;
        }
        return "highest-priority available backend";
    }

    private Availability probe(BackendProvider provider) {
        return probes.computeIfAbsent(provider.name(), n -> safeProbe(provider));
    }

    private static Availability safeProbe(BackendProvider provider) {
        try {
            Availability a = provider.probe();
            return a != null ? a : Availability.unavailable("its probe returned no result (a bug in "
                    + provider.getClass().getName() + ")");
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("its probe failed: " + e, e);
        }
    }

    private List<BackendProvider> ordered() {
        List<BackendProvider> list = new ArrayList<>(providers.values());
        list.sort(Comparator.comparingInt(BackendProvider::priority).reversed()
                .thenComparing(p -> !p.name().equals(EMBEDDED_DEFAULT))
                .thenComparing(BackendProvider::name));
        return list;
    }
}
