package io.radnet.api.tck;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;

/**
 * Provides the {@link ReferenceBackend} to the contract suite. Deliberately not listed in
 * {@code META-INF/services}: the reference backend is a test of the SPI's defaults, never a
 * backend to compute with.
 */
public final class ReferenceBackendProvider implements BackendProvider {
    /** The reference backend's name. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    /** @return 0: never chosen over a real backend */
    @Override
    public int priority() {
        return 0;
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public String libraryVersion() {
        return "plain Java loops (the mandatory core only)";
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        return new ReferenceBackend();
    }
}
