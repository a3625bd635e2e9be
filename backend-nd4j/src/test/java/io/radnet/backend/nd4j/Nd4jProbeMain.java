package io.radnet.backend.nd4j;

/** Prints the ND4J provider's probe result; {@link Nd4jBackendProviderTest} runs it in child JVMs. */
final class Nd4jProbeMain {
    private Nd4jProbeMain() {
    }

    public static void main(String[] args) {
        System.out.println(new Nd4jBackendProvider().probe());
    }
}
