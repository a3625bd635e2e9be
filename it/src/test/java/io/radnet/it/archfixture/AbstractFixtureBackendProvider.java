package io.radnet.it.archfixture;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import io.radnet.api.BackendUnavailableException;

/**
 * Common body of the provider fixtures: a provider of a backend that is never available. Being
 * abstract, it is no provider itself, and the provider rules leave it alone.
 */
public abstract class AbstractFixtureBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "archfixture";
    }

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
        return "0";
    }

    @Override
    public Availability probe() {
        return Availability.unavailable("architecture fixture, not a backend");
    }

    @Override
    public Backend create() {
        throw new BackendUnavailableException(name(), probe());
    }
}
