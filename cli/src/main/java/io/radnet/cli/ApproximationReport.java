package io.radnet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.approx.Certificate;
import io.radnet.core.approx.Modulus;
import io.radnet.core.io.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The result of {@code radnet approximate}, as text or as one JSON object. It only builds
 * strings; the command prints them.
 *
 * <p>JSON (pretty-printed): {@code {"construction", "function", "domain", "backend",
 * "modulus" (text), "lipschitz" (null for a general modulus), "lipschitzEstimated",
 * "epsilon" (null when not given), "bound", "region",
 * "widths": [...], "hiddenLayers", "parameters", "targetDependentParameters", "balls",
 * "buildSeconds", "grid": {"points", "maxError"}, "outside": {"points", "maxError",
 * "certified"}, "model" (the model file written with {@code -o}, or null), "radnetVersion",
 * "radnetCommit"}}.
 *
 * @param construction the construction's command-line name
 * @param function the formula
 * @param domain the box, as text
 * @param backend the backend's name
 * @param modulus the modulus of continuity used (a Lipschitz constant or a formula)
 * @param lipschitzEstimated whether it is a Lipschitz constant estimated rather than given
 * @param certificate the construction's certificate
 * @param epsilon the requested ε, or null
 * @param buildSeconds wall time of the construction
 * @param gridPoints grid points of K where the bound is guaranteed
 * @param gridError max |F − f| over them
 * @param outsidePoints points far outside K
 * @param outsideError max |F − f| over them
 * @param model the model file the network is saved to, or null
 */
record ApproximationReport(String construction, String function, String domain, String backend, Modulus modulus,
                           boolean lipschitzEstimated, Certificate certificate, Double epsilon, double buildSeconds,
                           int gridPoints, double gridError, int outsidePoints, double outsideError, Path model) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return whether the bound also holds far outside K (F = L = 0 there, and f = 0 is then required) */
    private boolean outsideCertified() {
        return certificate.affinePartOutsideBalls().isPresent();
    }

    /** @return the text report, one "label  value" line each, ending with a line separator */
    String toText() {
        return toText(List.of());
    }

    /**
     * @param extraRows further {label, value} rows, printed before the build time
     * @return the text report, one "label  value" line each, ending with a line separator
     */
    String toText(List<String[]> extraRows) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"construction", certificate.construction()});
        rows.add(new String[] {"target", "f = " + function + " on K = " + domain});
        rows.add(new String[] {"backend", backend});
        String given = lipschitzEstimated ? " (Lipschitz constant estimated from finite differences × 1.1; the bound rests on it)"
                : " (given)";
        rows.add(new String[] {"modulus", modulus.lipschitzConstant().isPresent()
                ? "Lipschitz constant " + ReportText.sci(modulus.lipschitzConstant().getAsDouble()) + given
                : modulus + given});
        rows.add(new String[] {"widths", describeWidths(certificate.widths())});
        rows.add(new String[] {"depth", certificate.depth() + " affine layers (" + certificate.hiddenLayers() + " hidden)"});
        rows.add(new String[] {"parameters", String.format(Locale.ROOT, "%,d (%,d depend on the target)",
                certificate.parameterCount(), certificate.targetDependentParameters().length)});
        if (certificate.balls() > 0) {
            rows.add(new String[] {"balls", String.format(Locale.ROOT, "%,d", certificate.balls())});
        }
        rows.add(new String[] {"certified bound", "|F − f| ≤ " + ReportText.sci(certificate.bound())
                + (epsilon == null ? "" : " (ε = " + ReportText.sci(epsilon) + ")") + " " + certificate.region()});
        rows.add(new String[] {"measured on K", "max |F − f| = " + ReportText.sci(gridError) + " on "
                + String.format(Locale.ROOT, "%,d", gridPoints) + " grid points"});
        rows.add(new String[] {"measured outside K", "max |F − f| = " + ReportText.sci(outsideError) + " on "
                + outsidePoints + " points far outside K"
                + (outsideCertified() ? " (F = 0 there)" : " (not covered by the bound)")});
        rows.addAll(extraRows);
        rows.add(new String[] {"build time", String.format(Locale.ROOT, "%.2f s", buildSeconds)});
        if (model != null) {
            rows.add(new String[] {"model file", "wrote " + model + " ("
                    + ModelFiles.Format.of(model).name().toLowerCase(Locale.ROOT) + "; the certificate is not stored in it)"});
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(String.format(Locale.ROOT, "%-20s%s%n", row[0], row[1]));
        }
        return out.toString();
    }

    /** @return the JSON report, pretty-printed, with a trailing line separator */
    String toJson() {
        return toJson(root -> { });
    }

    /**
     * @param extra adds further fields to the root object, before the build stamp
     * @return the JSON report, pretty-printed, with a trailing line separator
     */
    String toJson(Consumer<ObjectNode> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("construction", construction);
        root.put("function", function);
        root.put("domain", domain);
        root.put("backend", backend);
        root.put("modulus", modulus.toString());
        if (modulus.lipschitzConstant().isPresent()) {
            root.put("lipschitz", modulus.lipschitzConstant().getAsDouble());
        } else {
            root.putNull("lipschitz");
        }
        root.put("lipschitzEstimated", lipschitzEstimated);
        if (epsilon == null) {
            root.putNull("epsilon");
        } else {
            root.put("epsilon", epsilon);
        }
        root.put("bound", certificate.bound());
        root.put("region", certificate.region());
        ArrayNode widths = root.putArray("widths");
        Arrays.stream(certificate.widths()).forEach(widths::add);
        root.put("hiddenLayers", certificate.hiddenLayers());
        root.put("parameters", certificate.parameterCount());
        root.put("targetDependentParameters", certificate.targetDependentParameters().length);
        root.put("balls", certificate.balls());
        root.put("buildSeconds", buildSeconds);
        ObjectNode grid = root.putObject("grid");
        grid.put("points", gridPoints);
        grid.put("maxError", gridError);
        ObjectNode outside = root.putObject("outside");
        outside.put("points", outsidePoints);
        outside.put("maxError", outsideError);
        outside.put("certified", outsideCertified());
        if (model == null) {
            root.putNull("model");
        } else {
            root.put("model", model.toString());
        }
        extra.accept(root);
        JsonOutput.stampBuild(root);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the approximation report as JSON", e);
        }
    }

    /**
     * @param widths n₀ … n_L
     * @return a short form: all of them when few, "1, 3 ×60, 1" when the hidden widths are equal,
     *     else the first four, "…" and the last three
     */
    static String describeWidths(int[] widths) {
        int hidden = widths.length - 2;
        if (hidden > 3 && Arrays.stream(widths, 1, widths.length - 1).distinct().count() == 1) {
            return widths[0] + ", " + widths[1] + " ×" + hidden + ", " + widths[widths.length - 1];
        }
        if (widths.length <= 12) {
            return Arrays.toString(widths).replaceAll("[\\[\\]]", "");
        }
        return widths[0] + ", " + widths[1] + ", " + widths[2] + ", " + widths[3] + ", …, " + widths[widths.length - 3]
                + ", " + widths[widths.length - 2] + ", " + widths[widths.length - 1];
    }
}
