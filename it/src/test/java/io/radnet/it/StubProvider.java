package io.radnet.it;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;
import io.radnet.api.KernelCosts;
import io.radnet.backend.ejml.EjmlBackendProvider;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider with a chosen name, priority and availability, for selection tests. When
 * available it creates real EJML backends; it counts its probes.
 */
final class StubProvider implements BackendProvider {
    private final String name;
    private final int priority;
    private final Availability availability;
    private final boolean failsToStart;
    private KernelCosts costs;
    private KernelCosts severalThreadCosts;
    final AtomicInteger probes = new AtomicInteger();

    StubProvider(String name, int priority, Availability availability) {
        this(name, priority, availability, false);
    }

    private StubProvider(String name, int priority, Availability availability, boolean failsToStart) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
        this.failsToStart = failsToStart;
    }

    /** A provider whose probe says available but whose {@code create} fails to link its native code. */
    static StubProvider failingToStart(String name, int priority) {
        return new StubProvider(name, priority, Availability.available(), true);
    }

    /** @return this provider, declaring the given measured costs */
    StubProvider withCosts(KernelCosts declared) {
        costs = declared;
        return this;
    }

    /** @return this provider, declaring the given costs for two threads or more */
    StubProvider withCostsOnSeveralThreads(KernelCosts declared) {
        severalThreadCosts = declared;
        return this;
    }

    @Override
    public Optional<KernelCosts> kernelCosts() {
        return Optional.ofNullable(costs);
    }

    @Override
    public Optional<KernelCosts> kernelCosts(int threads) {
        return threads > 1 && severalThreadCosts != null ? Optional.of(severalThreadCosts) : kernelCosts();
    }

    static StubProvider available(String name, int priority) {
        return new StubProvider(name, priority, Availability.available());
    }

    static StubProvider unavailable(String name, int priority, String reason) {
        return new StubProvider(name, priority, Availability.unavailable(reason, new UnsatisfiedLinkError(reason)));
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
        return true;
    }

    @Override
    public String libraryVersion() {
        return "stub-1.0";
    }

    @Override
    public Availability probe() {
        probes.incrementAndGet();
        return availability;
    }

    @Override
    public Backend create() {
        if (!availability.isAvailable()) {
            throw new BackendUnavailableException(name, availability);
        }
        if (failsToStart) {
            throw new UnsatisfiedLinkError("no " + name + " in java.library.path");
        }
        return new EjmlBackendProvider().create();
    }
}
