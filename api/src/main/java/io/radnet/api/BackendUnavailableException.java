package io.radnet.api;

/**
 * Thrown when a backend is requested explicitly (by name, system property or environment
 * variable) but cannot run on this machine. The message carries the provider's reason and the
 * fix (for example "libgfortran.so.5 missing — install the libgfortran5 package"); the cause,
 * when there is one, is the original error of the probe.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String backendName;

    /**
     * @param backendName the name of the backend that was requested
     * @param availability its probe result, which must be unavailable
     */
    public BackendUnavailableException(String backendName, Availability availability) {
        super("backend '" + backendName + "' is unavailable: " + availability.reason(),
                availability.cause().orElse(null));
        this.backendName = backendName;
    }

    /**
     * @return the name of the backend that was requested
     */
    public String backendName() {
        return backendName;
    }
}
