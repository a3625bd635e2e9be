package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Param;
import io.radnet.core.network.ReducedWidths;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radnet info}: what a model file holds — kind, widths, activation, shifts, parameter
 * count, and for a radial network the widths and parameter count QR-compress would reduce it to
 * (n^red_i = min(n_i, n^red_{i−1} + 1), radial paper §5.2). The file is fully validated.
 */
@Command(name = "info", description = {
    "Describes a model file: kind, widths, activation, parameters.",
    "For a radial network also the reduced widths of its QR compression."})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Option(names = "--json", description = "Print {\"file\", \"format\", \"kind\", \"widths\", \"activation\", "
            + "\"shifts\", \"trainableShifts\", \"parameters\", \"reducedWidths\", \"reducedParameters\"}; "
            + "the reduced fields are null for an MLP.")
    private boolean json;

    /** Creates the command; picocli instantiates it. */
    public InfoCommand() {
    }

    @Override
    public Integer call() {
        FeedForwardNetwork network = input.load(input.backend());
        Param p = network.parameters();
        int[] n = p.widths();
        StateDict.Kind kind = StateDict.kind(network);
        boolean radial = kind == StateDict.Kind.RADIAL;
        int shiftCount = p.hasShifts() ? p.depth() - 1 : 0;
        int[] reduced = radial ? ReducedWidths.of(n) : null;
        long reducedParameters = radial ? ReducedWidths.parameterCount(reduced) + shiftCount : -1;
        double[] shifts = p.hasShifts() ? p.shifts().toRowMajor() : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("file", input.model.toString());
            root.put("format", ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT));
            root.put("kind", kind.label());
            JsonOutput.ints(root, "widths", n);
            root.put("activation", StateDict.activationOf(network));
            if (shifts == null) {
                root.putNull("shifts");
            } else {
                JsonOutput.doubles(root, "shifts", shifts);
            }
            root.put("trainableShifts", network.trainableShifts());
            root.put("parameters", p.size());
            if (radial) {
                JsonOutput.ints(root, "reducedWidths", reduced);
                root.put("reducedParameters", reducedParameters);
            } else {
                root.putNull("reducedWidths");
                root.putNull("reducedParameters");
            }
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (%s)%n", input.model, ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT));
        out.printf("kind            %s%n", kind.label());
        out.printf("widths          %s%n", Arrays.toString(n));
        out.printf("activation      %s%n", StateDict.activationOf(network));
        out.printf("shifts          %s%n", shifts == null ? "none"
                : Arrays.toString(shifts) + (network.trainableShifts() ? " (trainable)" : " (fixed)"));
        out.printf("parameters      %d%n", p.size());
        if (radial) {
            out.printf("reduced widths  %s (%d parameters after QR-compress%s)%n", Arrays.toString(reduced),
                    reducedParameters, Arrays.equals(n, reduced) ? "; already reduced" : "");
        } else {
            out.printf("reduced widths  none: QR-compress needs a radial network%n");
        }
        out.flush();
        return ExitCode.OK;
    }
}
