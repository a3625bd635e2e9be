package io.radnet.it;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.stream.Stream;

/**
 * The backends the cross-backend tests run on: every backend available on this machine, by
 * name (for readable test names).
 */
final class AvailableBackends {
    private AvailableBackends() {
    }

    /** @return the names of every available backend, in selection order */
    static Stream<String> names() {
        return Backends.available().stream().map(Backend::name);
    }
}
