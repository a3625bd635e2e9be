package io.radnet.it;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendRegistry;
import io.radnet.api.Backends;
import io.radnet.api.RadnetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The backends the cross-backend tests run on: every backend available on this machine, by
 * name (for readable test names). A backend listed in {@link RadnetConfig#requiredBackends()}
 * that is unknown or unavailable makes every test using this source fail, with the reason.
 */
final class AvailableBackends {
    private AvailableBackends() {
    }

    /**
     * @return the names of every available backend, in selection order
     * @throws IllegalStateException if a required backend is missing or unavailable
     */
    static Stream<String> names() {
        requireRequiredBackends(Backends.registry(), RadnetConfig.system());
        return Backends.available().stream().map(Backend::name);
    }

    /**
     * @param registry the backends there are
     * @param config which backends are required
     * @throws IllegalStateException naming every required backend that is not registered or
     *     cannot run, with its reason
     */
    static void requireRequiredBackends(BackendRegistry registry, RadnetConfig config) {
        List<String> problems = new ArrayList<>();
        for (String name : config.requiredBackends()) {
            if (!registry.names().contains(name)) {
                problems.add("'" + name + "' is not on the class path (known backends: " + registry.names() + ")");
                continue;
            }
            Availability availability = registry.availability(name);
            if (!availability.isAvailable()) {
                problems.add("'" + name + "' is unavailable: " + availability.reason());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("required backends (" + config.requiredBackendsSource() + " = "
                    + String.join(",", config.requiredBackends()) + ") cannot run: " + String.join("; ", problems));
        }
    }
}
