package io.radnet.cli;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;

/**
 * A provider with fixed answers, registered on a fresh {@link io.radnet.api.BackendRegistry}
 * so the CLI tests do not depend on which real backends are on the class path.
 */
final class FakeBackendProvider implements BackendProvider {
    private final String name;
    private final int priority;
    private final String version;
    private final boolean isNative;
    private final int threads;
    private final Availability availability;

    private FakeBackendProvider(String name, int priority, String version, boolean isNative, int threads,
                                Availability availability) {
        this.name = name;
        this.priority = priority;
        this.version = version;
        this.isNative = isNative;
        this.threads = threads;
        this.availability = availability;
    }

    /** A provider that can run and creates a backend with the given thread count. */
    static FakeBackendProvider available(String name, int priority, String version, boolean isNative, int threads) {
        return new FakeBackendProvider(name, priority, version, isNative, threads, Availability.available());
    }

    /** A provider whose probe says it cannot run, for the given reason. */
    static FakeBackendProvider unavailable(String name, int priority, String version, boolean isNative,
                                           String reason) {
        return new FakeBackendProvider(name, priority, version, isNative, 0, Availability.unavailable(reason));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean isNative() {
        return isNative;
    }

    @Override
    public String libraryVersion() {
        return version;
    }

    @Override
    public Availability probe() {
        return availability;
    }

    @Override
    public Backend create() {
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(name, availability);
        }
        return new FakeBackend(name, threads);
    }
}
