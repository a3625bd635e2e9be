package io.radnet.it.archfixture;

/** Breaks PROVIDERS_ARE_NAMED_BACKEND_PROVIDER: a provider not named *BackendProvider. */
public final class EjmlProviderWithAnOddName extends AbstractFixtureBackendProvider {
}
