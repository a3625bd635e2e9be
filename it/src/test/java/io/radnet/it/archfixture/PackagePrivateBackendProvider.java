package io.radnet.it.archfixture;

/** Breaks PROVIDERS_ARE_PUBLIC: ServiceLoader cannot instantiate a package-private class. */
final class PackagePrivateBackendProvider extends AbstractFixtureBackendProvider {
    /** A public constructor, so only the class's visibility is wrong. */
    public PackagePrivateBackendProvider() {
    }
}
