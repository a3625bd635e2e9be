package io.radnet.api;

import java.util.List;

/**
 * The JVM-wide entry point to backends: a {@link BackendRegistry} filled on first use from
 * {@code META-INF/services} through the thread's context class loader and this class's own,
 * reading {@link RadnetConfig#system()}.
 *
 * <p>Choice, in this order: an explicit {@link #get(String)}; the system property
 * {@value RadnetConfig#BACKEND_PROPERTY}; the environment variable
 * {@value RadnetConfig#BACKEND_ENV}; otherwise the highest-priority available backend, the
 * embedded default {@code "ejml"} winning ties, or, for a given {@link Workload}, the
 * {@link SizeAwareChoice} by its size. Nothing is selected at class initialisation.
 */
public final class Backends {
    private Backends() {
    }

    private static final class Holder {
        private static final BackendRegistry REGISTRY = createRegistry();

        private static BackendRegistry createRegistry() {
            BackendRegistry registry = new BackendRegistry(RadnetConfig.system());
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                registry.discover(context);
            }
            return registry.discover(Backends.class.getClassLoader());
        }
    }

    /**
     * @return the JVM-wide registry
     */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /**
     * @param name a backend name, case-insensitive (e.g. {@code "ejml"})
     * @return that backend
     * @throws IllegalArgumentException if unknown (the message lists the known names)
     * @throws BackendUnavailableException if it cannot run here (with reason and fix)
     */
    public static Backend get(String name) {
        return registry().get(name);
    }

    /**
     * @return the backend chosen by property, environment or priority
     * @see BackendRegistry#defaultBackend()
     */
    public static Backend defaultBackend() {
        return registry().defaultBackend();
    }

    /**
     * @param work the work to run
     * @return the backend chosen by property, environment, or else by the size of the work
     * @see BackendRegistry#defaultBackendFor(Workload)
     */
    public static Backend defaultBackendFor(Workload work) {
        return registry().defaultBackendFor(work);
    }

    /**
     * @param work the work to run
     * @param threads the threads the backend will use, ≥ 1
     * @return the backend chosen by property, environment, or else by the size of the work and
     *     the backends' costs at that thread count
     * @see BackendRegistry#defaultBackendFor(Workload, int)
     */
    public static Backend defaultBackendFor(Workload work, int threads) {
        return registry().defaultBackendFor(work, threads);
    }

    /**
     * @return every available backend, in selection order
     */
    public static List<Backend> available() {
        return registry().available();
    }

    /**
     * @return diagnostics for every provider: version, native or not, threads, availability
     *     and reason, and the default with how it is chosen
     */
    public static BackendDiagnostics describe() {
        return registry().diagnostics();
    }

    /**
     * @param provider a provider to add to the JVM-wide registry (e.g. a test double or a
     *     provider not listed in {@code META-INF/services})
     * @throws IllegalArgumentException if its name is taken
     */
    public static void register(BackendProvider provider) {
        registry().register(provider);
    }

    /**
     * Adds the providers a class loader can see (fat jars, plugin hosts).
     *
     * @param loader the class loader to search
     */
    public static void discover(ClassLoader loader) {
        registry().discover(loader);
    }
}
