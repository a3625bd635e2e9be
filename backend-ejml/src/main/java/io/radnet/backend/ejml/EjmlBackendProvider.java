package io.radnet.backend.ejml;

import io.radnet.api.Availability;
import io.radnet.api.Backend;
import io.radnet.api.BackendProvider;
import org.ejml.EjmlVersion;

/**
 * Provides the pure-Java EJML backend. It has no native code, so it is always available; it is
 * the embedded default and wins priority ties.
 */
public final class EjmlBackendProvider implements BackendProvider {
    /** The backend's name. */
    public static final String NAME = "ejml";

    /** Creates the provider; does nothing else. */
    public EjmlBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return 10; native backends that should win when present rank higher */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean isNative() {
        return false;
    }

    @Override
    public String libraryVersion() {
        return EjmlVersion.VERSION;
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    /** @return a new EJML backend; tensors of different instances do not mix */
    @Override
    public Backend create() {
        return new EjmlBackend();
    }
}
