package io.radnet.it.archfixture;

/** Breaks PROVIDERS_ARE_LISTED_IN_META_INF_SERVICES: well formed, but in no service file. */
public final class UnlistedBackendProvider extends AbstractFixtureBackendProvider {
}
