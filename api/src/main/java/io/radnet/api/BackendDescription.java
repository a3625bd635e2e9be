package io.radnet.api;

import java.util.Objects;

/**
 * What {@link Backends#describe()} reports about one provider.
 *
 * @param name the backend's name
 * @param priority its automatic-selection priority
 * @param libraryVersion the underlying library's version
 * @param isNative true if it runs native code
 * @param threads the threads its kernels may use, or 0 when it is unavailable
 * @param availability whether it can run here, and why not
 */
public record BackendDescription(String name, int priority, String libraryVersion, boolean isNative, int threads,
                                 Availability availability) {
    /**
     * @throws NullPointerException if a reference is null
     */
    public BackendDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(availability, "availability");
    }
}
