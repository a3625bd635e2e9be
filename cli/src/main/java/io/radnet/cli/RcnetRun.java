package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Backend;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.approx.rcnet.RcnetApproximation;
import io.radnet.core.approx.rcnet.RcnetCertificate;
import io.radnet.core.approx.rcnet.RcnetConstructions;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ParameterException;

/**
 * {@code radnet approximate --construction rcnet}: Theorem 1.1 of the RCNet paper
 * ({@link RcnetConstructions#theorem11}), or Theorem 1.3 with {@code --uniform}
 * ({@link RcnetConstructions#theorem13}, p = ∞), on [0,1]^d with r compositions, measured on a grid of
 * the points outside the trifling region (the sup error there and, with every grid point, the
 * Lᵖ error), saved with {@code -o} as an RCNet model file ({@link RcnetFiles}). Where the stored
 * bit strings have more than 52 bits (K^d &gt; 26) the network has exact weights only: it is
 * evaluated exactly ({@link io.radnet.core.approx.exact.ExactCompositionNetwork}, on a smaller
 * default grid) and saved as exact JSON ({@link RcnetFiles#saveExact}); the JSON names the
 * evaluation either way, the text adds an {@code evaluation} line when it is exact.
 *
 * <p>JSON: the fields of {@link ApproximationReport} (the network's widths are
 * (d, m, h₁ … h₅, m, 1) of one application of g; {@code outside} has 0 points: the theorem says
 * nothing beyond [0,1]^d), plus {@code compositions}, {@code stateDimension}, {@code blockWidth},
 * {@code blockDepth}, {@code activeWidths}, {@code theoremWidth}, {@code storedBits},
 * {@code evaluation} ("double" or "exact", as the intrinsic run reports it), {@code theorem} ("1.1" or "1.3"),
 * {@code lp: {p, bound, points, error}} (Theorem 1.1) or {@code linf: {bound, points, error}}
 * (Theorem 1.3, {@code --uniform}: the sup error over every grid point) and {@code excluded}: per
 * input axis the intervals [a, b] where nothing is claimed (the trifling region; none for 1.3).
 */
final class RcnetRun {
    /**
     * The default grid counts an exact evaluation as this many double ones (f = x1, r = 27: 528 grid
     * points, the whole run 5 s of CPU).
     */
    private static final long EXACT_COST_FACTOR = 8;

    private final CommandLine commandLine;

    RcnetRun(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    int execute(Backend backend, String function, VectorFunction target, BoxDomain box, Modulus omega, boolean estimated,
                Integer compositions, Double p, Integer grid, Path output, boolean json) {
        if (compositions == null) {
            throw new ParameterException(commandLine, "--construction rcnet needs --compositions R (R ≥ 1)");
        }
        for (int i = 0; i < box.dimension(); i++) {
            if (box.lower()[i] != 0 || box.upper()[i] != 1) {
                throw new ParameterException(commandLine, "--construction rcnet approximates on [0,1]^d (Theorems 1.1, 1.3); "
                        + "give --domain 0:1 for every variable, got " + box);
            }
        }
        if (target.outputDimension() != 1) {
            throw new ParameterException(commandLine, "--construction rcnet approximates a scalar target, this one has "
                    + target.outputDimension() + " components");
        }
        if (output != null && !(ModelFiles.Format.of(output) == ModelFiles.Format.SAFETENSORS
                || ModelFiles.Format.of(output) == ModelFiles.Format.JSON)) {
            throw new ParameterException(commandLine, "-o takes a .safetensors or .json file, got " + output);
        }
        double exponent = p == null ? 2.0 : p;
        boolean uniform = Double.isInfinite(exponent);
        long start = System.nanoTime();
        RcnetApproximation a;
        try {
            a = uniform ? RcnetConstructions.theorem13(backend, target, omega, compositions)
                    : RcnetConstructions.theorem11(backend, target, omega, compositions, exponent);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        RcnetCertificate c = a.certificate();
        if (output != null && !a.hasDoubleNetwork() && ModelFiles.Format.of(output) != ModelFiles.Format.JSON) {
            throw new ParameterException(commandLine, "this RCNet stores " + c.storedBits() + "-bit strings that a double"
                    + " would round (K^d > 26): save it with -o FILE.json (exact decimal strings), got " + output);
        }
        int[] widths = a.exact().widths();
        long blockCost = 0;
        for (int i = 2; i < widths.length - 1; i++) {
            blockCost += (long) widths[i] * (widths[i - 1] + 1);
        }
        int n = box.dimension();
        long cost = Math.max(1, blockCost * c.compositions() * (a.hasDoubleNetwork() ? 1 : EXACT_COST_FACTOR));
        int perAxis = grid != null ? grid : ApproximateCommand.defaultGrid(n, cost);
        double[][] points = box.grid(perAxis);
        double[][] values = a.evaluate(points);
        int guaranteed = 0;
        double supError = 0;
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            double error = Math.abs(values[i][0] - target.apply(points[i])[0]);
            if (!Double.isFinite(error)) {
                throw new ParameterException(commandLine, "the target or the network is not finite at "
                        + Arrays.toString(points[i]));
            }
            sum = uniform ? Math.max(sum, error) : sum + Math.pow(error, exponent);
            if (c.isGuaranteedAt(points[i])) {
                guaranteed++;
                supError = Math.max(supError, error);
            }
        }
        double lpError = uniform ? sum : Math.pow(sum / points.length, 1 / exponent);
        if (output != null && a.hasDoubleNetwork()) {
            RcnetFiles.save(a.network(), output);
        } else if (output != null) {
            RcnetFiles.saveExact(a.exact(), output);
        }
        PrintWriter out = commandLine.getOut();
        if (json) {
            JsonOutput.print(out, json(function, box, backend, omega, estimated, a, seconds, guaranteed, supError,
                    exponent, points.length, lpError, output));
        } else {
            text(out, function, box, backend, omega, estimated, a, seconds, guaranteed, supError, exponent,
                    points.length, lpError, output);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static ObjectNode json(String function, BoxDomain box, Backend backend, Modulus omega, boolean estimated,
                                   RcnetApproximation a, double seconds, int guaranteed, double supError,
                                   double p, int points, double lpError, Path output) {
        RcnetCertificate c = a.certificate();
        ObjectNode root = JsonOutput.object();
        root.put("construction", "rcnet");
        root.put("function", function);
        root.put("domain", box.toString());
        root.put("backend", backend.name());
        root.put("modulus", omega.toString());
        if (omega.lipschitzConstant().isPresent()) {
            root.put("lipschitz", omega.lipschitzConstant().getAsDouble());
        } else {
            root.putNull("lipschitz");
        }
        root.put("lipschitzEstimated", estimated);
        root.putNull("epsilon");
        root.put("bound", c.bound());
        root.put("region", c.claim());
        int[] widths = a.exact().widths();
        JsonOutput.ints(root, "widths", widths);
        root.put("hiddenLayers", widths.length - 2);
        root.put("parameters", a.exact().parameterCount());
        root.put("targetDependentParameters", a.exact().parameterCount());
        root.put("balls", 0);
        root.put("buildSeconds", seconds);
        ObjectNode grid = root.putObject("grid");
        grid.put("points", guaranteed);
        grid.put("maxError", supError);
        ObjectNode outside = root.putObject("outside");
        outside.put("points", 0);
        outside.put("maxError", 0.0);
        outside.put("certified", false);
        if (output == null) {
            root.putNull("model");
        } else {
            root.put("model", output.toString());
        }
        root.put("compositions", c.compositions());
        root.put("stateDimension", c.stateDimension());
        root.put("blockWidth", c.blockWidth());
        root.put("blockDepth", c.blockDepth());
        JsonOutput.ints(root, "activeWidths", c.activeWidths());
        root.put("theoremWidth", c.theoremWidth());
        root.put("storedBits", c.storedBits());
        root.put("evaluation", a.evaluator());
        root.put("theorem", Double.isInfinite(p) ? "1.3" : "1.1");
        ObjectNode lp = root.putObject(Double.isInfinite(p) ? "linf" : "lp");
        if (!Double.isInfinite(p)) {
            lp.put("p", p);
        }
        lp.put("bound", c.lpBound());
        lp.put("points", points);
        lp.put("error", lpError);
        ArrayNode excluded = root.putArray("excluded");
        for (List<double[]> axis : c.excluded()) {
            ArrayNode intervals = excluded.addArray();
            for (double[] interval : axis) {
                intervals.addArray().add(interval[0]).add(interval[1]);
            }
        }
        return root;
    }

    private static void text(PrintWriter out, String function, BoxDomain box, Backend backend, Modulus omega,
                             boolean estimated, RcnetApproximation a, double seconds, int guaranteed,
                             double supError, double p, int points, double lpError, Path output) {
        RcnetCertificate c = a.certificate();
        String[][] rows = {
            {"construction", c.construction()},
            {"target", "f = " + function + " on K = " + box},
            {"backend", backend.name()},
            {"modulus", (omega.lipschitzConstant().isPresent() ? "Lipschitz constant "
                    + ReportText.sci(omega.lipschitzConstant().getAsDouble()) : omega.toString())
                    + (estimated ? " (estimated from finite differences × 1.1; the bound rests on it)" : " (given)")},
            {"network", "L₂ ∘ g^{∘" + c.compositions() + "} ∘ L₁, g ∈ NN{" + c.blockWidth() + ", " + c.blockDepth()
                    + "} on ℝ^" + c.stateDimension() + " (active widths " + Arrays.toString(c.activeWidths())
                    + "), widths " + Arrays.toString(a.exact().widths())},
            {"parameters", String.format(Locale.ROOT, "%,d (shared by the %d compositions)", a.exact().parameterCount(),
                    c.compositions())},
            {"stored bits", c.storedBits() + " per bit string " + (a.hasDoubleNetwork() ? "(exact in a double)"
                    : "(more than a double's 52: exact dyadic weights)")},
            a.hasDoubleNetwork() ? null
                    : new String[] {"evaluation", "exact (BigInteger dyadic arithmetic, no rounding)"},
            Double.isInfinite(p)
                    ? new String[] {"certified bound", "|F − f| ≤ " + ReportText.sci(c.bound()) + " at every point of K"}
                    : new String[] {"certified bound", "|F − f| ≤ " + ReportText.sci(c.bound()) + " outside the trifling "
                            + "region; ‖F − f‖_L" + p + " ≤ " + ReportText.sci(c.lpBound())},
            Double.isInfinite(p)
                    ? new String[] {"measured on K", "max |F − f| = " + ReportText.sci(supError) + " on all "
                            + String.format(Locale.ROOT, "%,d", guaranteed) + " grid points"}
                    : new String[] {"measured on K", "max |F − f| = " + ReportText.sci(supError) + " on "
                            + String.format(Locale.ROOT, "%,d", guaranteed) + " grid points outside the trifling region"},
            Double.isInfinite(p) ? null : new String[] {"measured L^p", "‖F − f‖_L" + p + " = " + ReportText.sci(lpError)
                    + " (mean over " + String.format(Locale.ROOT, "%,d", points) + " grid points)"},
            {"excluded", c.excluded().isEmpty() || c.excluded().get(0).isEmpty() ? "nothing" : c.excluded().get(0).size()
                    + " intervals per axis of width " + ReportText.sci(c.excluded().get(0).get(0)[1]
                    - c.excluded().get(0).get(0)[0]) + " (see --json)"},
            {"build time", String.format(Locale.ROOT, "%.2f s", seconds)}};
        for (String[] row : rows) {
            if (row != null) {
                out.printf(Locale.ROOT, "%-20s%s%n", row[0], row[1]);
            }
        }
        if (output != null) {
            out.printf(Locale.ROOT, "%-20s%s%n", "model file", "wrote " + output + " (kind=rcnet"
                    + (a.hasDoubleNetwork() ? "" : ", exact decimal strings") + "; the certificate is not stored in it)");
        }
    }
}
