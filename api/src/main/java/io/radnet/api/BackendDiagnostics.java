package io.radnet.api;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of backend discovery and selection, for users to read and paste into bug reports.
 *
 * @param defaultBackend the backend {@link Backends#defaultBackend()} would return, or null if
 *     none can be selected
 * @param selectedBy how the default is chosen, e.g. {@code "system property radnet.backend"}
 *     or {@code "highest-priority available backend"}
 * @param selectionProblem why no default can be selected (unknown or unavailable configured
 *     backend, no backend available), or null
 * @param backends every registered provider, in priority order
 * @param discoveryProblems providers that failed to load, with their errors
 * @param sizeRule how {@link Backends#defaultBackendFor(Workload)} chooses by the size of the
 *     work ({@link SizeAwareChoice#describe}), or null when a backend is configured (then every
 *     workload runs on it) or none is available
 */
public record BackendDiagnostics(String defaultBackend, String selectedBy, String selectionProblem,
                                 List<BackendDescription> backends, List<String> discoveryProblems,
                                 String sizeRule) {
    /**
     * @throws NullPointerException if a list or selectedBy is null
     */
    public BackendDiagnostics {
        Objects.requireNonNull(selectedBy, "selectedBy");
        backends = List.copyOf(backends);
        discoveryProblems = List.copyOf(discoveryProblems);
    }

    /**
     * @return a multi-line report: Java and OS, the default and how it was chosen, the size-aware
     *     rule, then one line
     *     per backend (name, version, native or pure Java, threads, availability and reason)
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append("radnet backends (Java ").append(System.getProperty("java.version")).append(", ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(")\n");
        s.append("default: ").append(defaultBackend == null ? "none" : defaultBackend)
                .append(" (").append(selectedBy).append(")\n");
        if (sizeRule != null) {
            s.append(sizeRule).append('\n');
        }
        if (selectionProblem != null) {
            s.append("problem: ").append(selectionProblem).append('\n');
        }
        for (BackendDescription b : backends) {
            s.append(String.format("  %-6s %-10s %-9s threads %-3s %s%n", b.name(), b.libraryVersion(),
                    b.isNative() ? "native" : "pure Java", b.threads() == 0 ? "-" : Integer.toString(b.threads()),
                    b.availability()));
        }
        for (String p : discoveryProblems) {
            s.append("  discovery problem: ").append(p).append('\n');
        }
        return s.toString();
    }
}
