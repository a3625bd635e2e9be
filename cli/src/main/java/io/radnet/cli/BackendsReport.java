package io.radnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.BackendDescription;
import io.radnet.api.BackendDiagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Formats {@link BackendDiagnostics} for {@code radnet backends}, as a text table or as JSON.
 * It only builds strings; the command prints them.
 *
 * <p><b>Text</b>: a line {@code default: NAME (how it was chosen)} ({@code none} when nothing
 * can be selected), when nothing is configured a line saying how the default chooses by the
 * size of the work ({@link BackendDiagnostics#sizeRule()}), a {@code problem: ...} line when
 * the selection has a problem, a table with
 * one row per backend in selection order (name, library version, {@code native} or
 * {@code pure Java}, threads or {@code -} when unavailable, {@code available} or
 * {@code unavailable: REASON}) whose default row is marked with {@code *}, and one
 * {@code discovery problem: ...} line per provider that failed to load.
 *
 * <p><b>JSON</b> (pretty-printed):
 * <pre>{@code
 * {"default": NAME or null,
 *  "sizeRule": "size-aware: ...", // only when no backend is configured
 *  "problem": "...",            // only when the selection has a problem
 *  "backends": [{"name": ..., "available": true|false, "reason": "available" or why not,
 *                "version": ..., "native": true|false, "threads": N or null}, ...],
 *  "radnetVersion": VERSION, "radnetCommit": COMMIT}
 * }</pre>
 */
public final class BackendsReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER = {"BACKEND", "VERSION", "RUNS", "THREADS", "STATUS"};

    private BackendsReport() {
    }

    /**
     * @param diagnostics what discovery and selection found
     * @return the text report, one string per line, without line separators
     */
    public static List<String> text(BackendDiagnostics diagnostics) {
        Objects.requireNonNull(diagnostics, "diagnostics");
        List<String> lines = new ArrayList<>();
        String defaultName = diagnostics.defaultBackend();
        lines.add("default: " + (defaultName == null ? "none" : defaultName) + " (" + diagnostics.selectedBy() + ")");
        if (diagnostics.sizeRule() != null) {
            lines.add(diagnostics.sizeRule());
        }
        if (diagnostics.selectionProblem() != null) {
            lines.add("problem: " + diagnostics.selectionProblem());
        }
        if (diagnostics.backends().isEmpty()) {
            lines.add("no backend providers were found on the class path");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (BackendDescription b : diagnostics.backends()) {
                rows.add(new String[] {
                    b.name(),
                    b.libraryVersion(),
                    b.isNative() ? "native" : "pure Java",
                    b.availability().isAvailable() ? Integer.toString(b.threads()) : "-",
                    b.availability().toString(),
                });
            }
            int[] widths = new int[HEADER.length - 1];
            for (String[] row : rows) {
                for (int c = 0; c < widths.length; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                boolean isDefault = r > 0 && row[0].equals(defaultName);
                StringBuilder line = new StringBuilder(isDefault ? "* " : "  ");
                for (int c = 0; c < widths.length; c++) {
                    line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
                }
                lines.add(line.append(row[widths.length]).toString());
            }
        }
        for (String problem : diagnostics.discoveryProblems()) {
            lines.add("discovery problem: " + problem);
        }
        return lines;
    }

    /**
     * @param diagnostics what discovery and selection found
     * @return the JSON report, pretty-printed, without a trailing line separator
     */
    public static String json(BackendDiagnostics diagnostics) {
        Objects.requireNonNull(diagnostics, "diagnostics");
        ObjectNode root = JSON.createObjectNode();
        root.put("default", diagnostics.defaultBackend());
        if (diagnostics.sizeRule() != null) {
            root.put("sizeRule", diagnostics.sizeRule());
        }
        if (diagnostics.selectionProblem() != null) {
            root.put("problem", diagnostics.selectionProblem());
        }
        ArrayNode backends = root.putArray("backends");
        for (BackendDescription b : diagnostics.backends()) {
            ObjectNode node = backends.addObject();
            boolean available = b.availability().isAvailable();
            node.put("name", b.name());
            node.put("available", available);
            node.put("reason", b.availability().reason());
            node.put("version", b.libraryVersion());
            node.put("native", b.isNative());
            if (available) {
                node.put("threads", b.threads());
            } else {
                node.putNull("threads");
            }
        }
        JsonOutput.stampBuild(root);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the backends report as JSON", e);
        }
    }
}
