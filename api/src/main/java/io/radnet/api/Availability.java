package io.radnet.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a backend can run on this machine, as found by {@link BackendProvider#probe()}.
 * An unavailable value keeps a human-readable reason that includes the fix, and the original
 * error when there was one, so that it can be reported later without re-probing.
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "available", null);

    private final boolean available;
    private final String reason;
    private final Throwable cause;

    private Availability(boolean available, String reason, Throwable cause) {
        this.available = available;
        this.reason = reason;
        this.cause = cause;
    }

    /**
     * @return the value saying the backend can run
     */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * @param reason why the backend cannot run and what would fix it; not blank
     * @return an unavailable value without an underlying error
     */
    public static Availability unavailable(String reason) {
        return unavailable(reason, null);
    }

    /**
     * @param reason why the backend cannot run and what would fix it; not blank
     * @param cause the error the probe caught, or null
     * @return an unavailable value
     * @throws IllegalArgumentException if the reason is blank
     */
    public static Availability unavailable(String reason, Throwable cause) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend needs a reason");
        }
        return new Availability(false, reason, cause);
    }

    /**
     * @return true if the backend can run
     */
    public boolean isAvailable() {
        return available;
    }

    /**
     * @return "available", or why the backend cannot run and what would fix it
     */
    public String reason() {
        return reason;
    }

    /**
     * @return the error the probe caught, if any
     */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
