package io.radnet.it.archfixture.layered.upper;

import io.radnet.it.archfixture.layered.lower.LowerLayer;

/** With {@link LowerLayer}, keeps NO_PACKAGE_CYCLES: upper uses lower, never the reverse. */
public final class UpperLayer {
    /** @return the lower layer's answer */
    public int answer() {
        return new LowerLayer().answer();
    }
}
