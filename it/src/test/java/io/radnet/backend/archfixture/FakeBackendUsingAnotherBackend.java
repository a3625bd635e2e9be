package io.radnet.backend.archfixture;

import io.radnet.backend.archfixtureother.OtherFakeBackendKernel;

/** Breaks BACKENDS_ARE_INDEPENDENT: a backend borrowing another backend's kernel. */
public final class FakeBackendUsingAnotherBackend {
    /** @return the other backend's answer */
    public double multiply() {
        return new OtherFakeBackendKernel().multiply(2.0, 3.0);
    }
}
