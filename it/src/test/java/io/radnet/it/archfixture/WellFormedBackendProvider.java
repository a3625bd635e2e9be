package io.radnet.it.archfixture;

/**
 * Keeps every provider rule once it is listed in a service file: public, public no-argument
 * constructor, named {@code *BackendProvider}. Deliberately not listed in this module's own
 * {@code META-INF/services}, so {@code ServiceLoader} never finds it in other tests.
 */
public final class WellFormedBackendProvider extends AbstractFixtureBackendProvider {
}
