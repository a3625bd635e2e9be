package io.radnet.it.archfixture;

/** Breaks PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR: its no-argument constructor is private. */
public final class PrivateConstructorBackendProvider extends AbstractFixtureBackendProvider {
    private PrivateConstructorBackendProvider() {
    }

    /** @return a provider, made the only way this class allows */
    public static PrivateConstructorBackendProvider instance() {
        return new PrivateConstructorBackendProvider();
    }
}
