package io.radnet.it.archfixture;

/** Breaks PROVIDERS_HAVE_A_PUBLIC_NO_ARG_CONSTRUCTOR: its only constructor takes an argument. */
public final class ArgumentTakingBackendProvider extends AbstractFixtureBackendProvider {
    private final String name;

    /**
     * @param name the backend's name
     */
    public ArgumentTakingBackendProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }
}
