package io.radnet.backend.archfixtureother;

/** A second fake backend, independent of the first one (it knows only the JDK). */
public final class OtherFakeBackendKernel {
    /**
     * @param a a factor
     * @param b a factor
     * @return a times b
     */
    public double multiply(double a, double b) {
        return a * b;
    }
}
