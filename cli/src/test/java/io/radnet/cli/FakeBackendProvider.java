package io.radnet.cli;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;
import io.radnet.backend.ejml.EjmlBackendProvider;

/**
 * A provider with fixed answers (name, priority, version, native or not, availability),
 * registered on a fresh {@link io.radnet.api.BackendRegistry} so the CLI tests do not depend on
 * which real backends are on the class path. When available it creates a real EJML backend, so
 * the thread count it reports is {@link #THREADS}.
 */
final class FakeBackendProvider implements BackendProvider {
    /** The thread count every backend created by an available fake reports. */
    static final int THREADS = new EjmlBackendProvider().create().threads();

    private final String name;
    private final int priority;
    private final String version;
    private final boolean isNative;
    private final Availability availability;

    private FakeBackendProvider(String name, int priority, String version, boolean isNative,
                                Availability availability) {
        this.name = name;
        this.priority = priority;
        this.version = version;
        this.isNative = isNative;
        this.availability = availability;
    }

    /** A provider that can run; its backends report {@link #THREADS} threads. */
    static FakeBackendProvider available(String name, int priority, String version, boolean isNative) {
        return new FakeBackendProvider(name, priority, version, isNative, Availability.available());
    }

    /** A provider whose probe says it cannot run, for the given reason. */
    static FakeBackendProvider unavailable(String name, int priority, String version, boolean isNative,
                                           String reason) {
        return new FakeBackendProvider(name, priority, version, isNative, Availability.unavailable(reason));
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
        return new EjmlBackendProvider().create();
    }
}
