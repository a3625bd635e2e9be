package io.radnet.it.archfixture.cycle.a;

import io.radnet.it.archfixture.cycle.b.CycleEnd;

/** With {@link CycleEnd}, breaks NO_PACKAGE_CYCLES: package a uses b, and b uses a. */
public final class CycleStart {
    /** @return the other end of the cycle */
    public CycleEnd next() {
        return new CycleEnd();
    }
}
