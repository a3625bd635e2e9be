package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.api.Backend;
import io.radnet.core.approx.Approximation;
import io.radnet.core.approx.BoxDomain;
import io.radnet.core.approx.Certificate;
import io.radnet.core.approx.IntrinsicConstruction;
import io.radnet.core.approx.IntrinsicParameterNetwork;
import io.radnet.core.approx.Modulus;
import io.radnet.core.approx.VectorFunction;
import io.radnet.core.io.ExactModelJson;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.Mlp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ParameterException;

/**
 * {@code radnet approximate --construction intrinsic}: builds Theorem 2.1 (pointwise outside the
 * strips, or in Lᵖ with {@code --p}), Theorem 2.2 ({@code --uniform}) or Theorem 2.3
 * ({@code --three-parameters}, adding {@code v}, the one parameter holding every a_ℓ, to the JSON),
 * evaluates it in doubles
 * when they are exact enough (Theorem 2.1 with d·n ≤ 4, unless {@code --exact}) and otherwise
 * with exact rationals — then F = s·0.ξ₁…ξₙ + b is also checked exactly on every cube — and
 * reports, besides {@link ApproximationReport}'s fields, {@code evaluation} (double or exact),
 * {@code excluded} (per input axis the intervals [a, b] where nothing is claimed), {@code cubes}
 * (exact runs: checked and disagreeing) and {@code lp} (with {@code --p}: p and the error
 * measured on the whole grid). An exact network is saved as {@link ExactModelJson} (exact strings;
 * safetensors holds doubles, which would round its weights).
 */
final class IntrinsicRun {
    /** Exact runs measure on at most this many grid points by default (each cube's work is shared). */
    static final int EXACT_GRID_POINTS = 4_097;

    private final CommandLine commandLine;
    private final VectorFunction target;
    private final BoxDomain box;
    private final Modulus omega;
    private final int bits;
    private final Double lp;
    private final boolean uniform;
    private final boolean threeParameters;
    private final boolean exactRun;

    IntrinsicRun(CommandLine commandLine, VectorFunction target, BoxDomain box, Modulus omega, int bits, Double lp,
                 boolean uniform, boolean threeParameters, boolean exact) {
        this.commandLine = commandLine;
        this.target = target;
        this.box = box;
        this.omega = omega;
        this.bits = bits;
        this.lp = lp;
        this.uniform = uniform;
        this.threeParameters = threeParameters;
        this.exactRun = exact || uniform || threeParameters
                || (long) box.dimension() * bits > IntrinsicParameterNetwork.MAX_DN;
    }

    /** Fails before anything is built if an exact network would go to a safetensors file. */
    void requireOutput(Path output) {
        if (exactRun && output != null && ModelFiles.Format.of(output) != ModelFiles.Format.JSON) {
            throw new ParameterException(commandLine, "this run evaluates exactly and its weights (2^(d·n+1) binary digits)"
                    + " do not fit doubles: save it as .json, where every weight is an exact decimal string");
        }
    }

    int execute(Backend backend, String function, boolean estimated, Double epsilon, Integer grid, Path output,
                Path plot, boolean json) {
        if (exactRun && plot != null) {
            throw new ParameterException(commandLine, "--plot draws double networks; this run evaluates exactly");
        }
        long start = System.nanoTime();
        IntrinsicConstruction construction = threeParameters
                ? IntrinsicParameterNetwork.constructThreeParameters(target, box, omega, bits)
                : uniform ? IntrinsicParameterNetwork.constructUniform(target, box, omega, bits)
                : lp != null ? IntrinsicParameterNetwork.constructLp(target, box, omega, bits, lp)
                : IntrinsicParameterNetwork.construct(target, box, omega, bits);
        Approximation<Mlp> doubles = exactRun ? null : construction.toDoubleApproximation(backend);
        double seconds = (System.nanoTime() - start) / 1e9;
        Certificate certificate = exactRun ? construction.certificate() : doubles.certificate();
        int d = box.dimension();
        int perAxis = grid != null ? grid : exactRun
                ? Math.max(2, Math.min(ApproximateCommand.defaultGrid(d, certificate.parameterCount()),
                        (int) Math.floor(Math.pow(EXACT_GRID_POINTS, 1.0 / d))))
                : ApproximateCommand.defaultGrid(d, certificate.parameterCount());
        double[][] all = box.grid(perAxis);
        double[][] measured = lp != null ? all
                : Arrays.stream(all).filter(certificate::isGuaranteedAt).toArray(double[][]::new);
        double[][] far = box.farOutside(1000, 1);
        double[][] points = new double[measured.length + far.length][];
        System.arraycopy(measured, 0, points, 0, measured.length);
        System.arraycopy(far, 0, points, measured.length, far.length);
        double[][] values;
        IntrinsicConstruction.Verification verification = null;
        if (exactRun) {
            verification = construction.verify(construction.network(), points);
            values = verification.values();
        } else {
            values = doubles.evaluate(points);
        }
        double[][] measuredValues = Arrays.copyOfRange(values, 0, measured.length);
        double[][] farValues = Arrays.copyOfRange(values, measured.length, values.length);
        boolean[] guaranteed = new boolean[measured.length];
        int guaranteedCount = 0;
        for (int i = 0; i < measured.length; i++) {
            guaranteed[i] = certificate.isGuaranteedAt(measured[i]);
            guaranteedCount += guaranteed[i] ? 1 : 0;
        }
        double gridError = 0.0;
        for (int i = 0; i < measured.length; i++) {
            if (guaranteed[i]) {
                gridError = Math.max(gridError, distance(measuredValues[i], target.apply(measured[i])));
            }
        }
        double farError = 0.0;
        for (int i = 0; i < far.length; i++) {
            farError = Math.max(farError, distance(farValues[i], target.apply(far[i])));
        }
        double lpError = lp == null ? Double.NaN : IntrinsicConstruction.lpError(target, measured, measuredValues, lp);
        ApproximationReport report = new ApproximationReport("intrinsic", function, box.toString(), backend.name(), omega, estimated, certificate, epsilon, seconds, guaranteedCount, gridError,
                far.length, farError, output);
        if (plot != null) {
            ApproximationPlot.write(plot, doubles, target, box, "intrinsic");
        }
        if (output != null) {
            if (exactRun) {
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("construction", certificate.construction());
                ExactModelJson.write(output, construction.network(), extra);
            } else {
                ModelFiles.save(doubles.network(), output);
            }
        }
        IntrinsicConstruction.Verification checked = verification;
        String text;
        if (json) {
            text = report.toJson(root -> addJson(root, construction, checked, measured.length, lpError));
        } else {
            text = report.toText(rows(construction, checked, measured.length, lpError));
        }
        commandLine.getOut().print(text);
        commandLine.getOut().flush();
        return checked != null && !checked.disagreeing().isEmpty() ? ExitCode.SOFTWARE : ExitCode.OK;
    }

    private static double distance(double[] a, double[] b) {
        double acc = 0.0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            acc += diff * diff;
        }
        return Math.sqrt(acc);
    }

    private List<String[]> rows(IntrinsicConstruction construction, IntrinsicConstruction.Verification checked,
                                int points, double lpError) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"evaluation", exactRun
                ? "exact rationals; F = s·0.ξ₁…ξₙ + b on " + String.format(Locale.ROOT, "%,d", checked.cubesChecked())
                        + " of " + String.format(Locale.ROOT, "%,d", checked.cubesChecked()) + " cubes"
                        + (checked.disagreeing().isEmpty() ? "" : ", NOT on " + checked.disagreeing().size())
                : "double (d·n ≤ " + IntrinsicParameterNetwork.MAX_DN + ")"});
        if (lp != null) {
            rows.add(new String[] {"measured L^p on K", "‖F − f‖_L^" + lp + " = " + ReportText.sci(lpError)
                    + " (mean over " + String.format(Locale.ROOT, "%,d", points) + " grid points, strips included)"});
        }
        return rows;
    }

    private void addJson(ObjectNode root, IntrinsicConstruction construction, IntrinsicConstruction.Verification checked,
                         int points, double lpError) {
        root.put("evaluation", exactRun ? "exact" : "double");
        ArrayNode excluded = root.putArray("excluded");
        for (int i = 0; i < box.dimension(); i++) {
            ArrayNode axis = excluded.addArray();
            for (double[] interval : construction.excluded(i, !exactRun)) {
                axis.addArray().add(interval[0]).add(interval[1]);
            }
        }
        if (checked == null) {
            root.putNull("cubes");
        } else {
            ObjectNode cubes = root.putObject("cubes");
            cubes.put("checked", checked.cubesChecked());
            ArrayNode wrong = cubes.putArray("disagreeing");
            checked.disagreeing().forEach(wrong::add);
        }
        if (lp == null) {
            root.putNull("lp");
        } else {
            ObjectNode norm = root.putObject("lp");
            norm.put("p", lp);
            norm.put("points", points);
            norm.put("error", lpError);
        }
        root.put("deltaExponent", construction.deltaExponent());
        construction.packedParameter().ifPresent(v -> root.put("v", v.toExactString()));
    }
}
