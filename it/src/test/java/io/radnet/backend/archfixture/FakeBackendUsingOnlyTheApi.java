package io.radnet.backend.archfixture;

import io.radnet.api.Availability;

/** Keeps the backend rules: a backend that knows only the api. */
public final class FakeBackendUsingOnlyTheApi {
    /** @return that this fake backend never runs */
    public Availability probe() {
        return Availability.unavailable("architecture fixture, not a backend");
    }
}
