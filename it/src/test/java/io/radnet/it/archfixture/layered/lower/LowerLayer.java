package io.radnet.it.archfixture.layered.lower;

/** The lower layer of a cycle-free pair of packages; it knows nothing above it. */
public final class LowerLayer {
    /** @return a constant */
    public int answer() {
        return 42;
    }
}
