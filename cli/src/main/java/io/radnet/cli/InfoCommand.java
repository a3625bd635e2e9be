package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Network;
import io.radnet.core.network.Param;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        Network loaded = input.loadAny(input.backend());
        if (loaded instanceof RepeatedCompositionNetwork rcnet) {
            return describe(rcnet);
        }
        FeedForwardNetwork network = (FeedForwardNetwork) loaded;
        Param p = network.parameters();
        int[] n = p.widths();
        StateDict.Kind kind = StateDict.kind(network);
        boolean radial = kind == StateDict.Kind.RADIAL;
        int shiftCount = p.hasShifts() ? p.depth() - 1 : 0;
        boolean biases = network.layerBiases();
        int[] reduced = radial ? ReducedWidths.of(n, biases) : null;
        long reducedParameters = radial ? ReducedWidths.parameterCount(reduced, biases) + shiftCount : -1;
        // without layer biases the zero bias tensors held in p are not parameters
        long parameters = biases ? p.size() : ReducedWidths.parameterCount(n, false) + shiftCount;
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
            root.put("parameters", parameters);
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
        out.printf("parameters      %d%n", parameters);
        if (radial) {
            out.printf("reduced widths  %s (%d parameters after QR-compress%s)%n", Arrays.toString(reduced),
                    reducedParameters, Arrays.equals(n, reduced) ? "; already reduced" : "");
        } else {
            out.printf("reduced widths  none: QR-compress needs a radial network%n");
        }
        out.flush();
        return ExitCode.OK;
    }

    /** The description of an RCNet file: kind rcnet, widths, compositions, activations, parameters. */
    private int describe(RepeatedCompositionNetwork network) {
        Param p = network.parameters();
        List<String> activations = new ArrayList<>();
        network.blockActivations().forEach(a -> activations.add(a.toString()));
        PrintWriter out = spec.commandLine().getOut();
        String format = ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT);
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("file", input.model.toString());
            root.put("format", format);
            root.put("kind", RcnetFiles.KIND);
            JsonOutput.ints(root, "widths", p.widths());
            root.put("activation", network.activation().toString());
            root.put("compositions", network.repetitions());
            root.put("blockActivations", String.join(",", activations));
            root.putNull("shifts");
            root.put("trainableShifts", false);
            root.put("parameters", p.size());
            root.putNull("reducedWidths");
            root.putNull("reducedParameters");
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (%s)%n", input.model, format);
        out.printf("kind            %s%n", RcnetFiles.KIND);
        out.printf("widths          %s (L₁, g's %d layers, L₂)%n", Arrays.toString(p.widths()), network.blockDepth());
        out.printf("compositions    %d%n", network.repetitions());
        out.printf("activation      %s (block layers: %s)%n", network.activation(), String.join(",", activations));
        out.printf("parameters      %d (g's shared by the %d compositions)%n", p.size(), network.repetitions());
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }
}
