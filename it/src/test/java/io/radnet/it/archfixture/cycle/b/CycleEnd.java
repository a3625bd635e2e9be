package io.radnet.it.archfixture.cycle.b;

import io.radnet.it.archfixture.cycle.a.CycleStart;

/** With {@link CycleStart}, breaks NO_PACKAGE_CYCLES: package b uses a, and a uses b. */
public final class CycleEnd {
    /** @return the start of the cycle, which closes it */
    public CycleStart back() {
        return new CycleStart();
    }
}
