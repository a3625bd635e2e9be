package io.radnet.core;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.util.stream.Stream;

/** The backends core's tests run on: every backend available on the test class path. */
public final class TestBackends {
    private TestBackends() {
    }

    /** @return the names of every available backend */
    public static Stream<String> names() {
        return Backends.available().stream().map(Backend::name);
    }
}
