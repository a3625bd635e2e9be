package io.radnet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.cnn.Block;
import io.radnet.core.cnn.Layer;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.io.CnnFiles;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.io.ExactModelJson;
import io.radnet.core.io.HypernetworkFiles;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.Param;
import io.radnet.core.network.PrimaryArchitecture;
import io.radnet.core.network.ReducedWidths;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
    "For a radial network also the reduced widths of its QR compression.",
    "Reads every kind: radial, mlp, rcnet, hypernetwork, embedding, and exact JSON models (exact=true)."})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelInput input;

    @Option(names = "--json", description = "Print {\"file\", \"format\", \"kind\", \"widths\", \"activation\", "
            + "\"shifts\", \"trainableShifts\", \"parameters\", \"reducedWidths\", \"reducedParameters\"}; "
            + "the reduced fields are null for an MLP. An RCNet adds \"compositions\", \"blockActivations\"; a "
            + "hypernetwork (widths and activation null) \"xWidth\", \"iWidth\", \"generatorWidths\", "
            + "\"generatorActivations\", \"primaryWidths\", \"primaryActivation\", \"primaryBiases\", "
            + "\"primaryParameters\"; an embedding network (widths and activation null) \"xWidth\", \"iWidth\", "
            + "\"embeddingWidths\", \"embeddingActivations\", \"embeddingParameters\", \"primaryWidths\", "
            + "\"primaryActivations\", \"primaryParameters\"; an exact JSON model \"layerActivations\", \"exact\", "
            + "\"entriesNotDoubles\", \"construction\"; a CNN file \"input\", \"outputs\" and \"blocks\" "
            + "(each {\"name\", \"layers\", \"parameters\"}) instead of the activation, and null widths.")
    private boolean json;

    /** Creates the command; picocli instantiates it. */
    public InfoCommand() {
    }

    @Override
    public Integer call() {
        if (input.isExact()) {
            return describe(input.exactContent());
        }
        Network loaded = input.loadAny(input.backend());
        if (loaded instanceof RepeatedCompositionNetwork rcnet) {
            return describe(rcnet);
        }
        if (loaded instanceof SequentialNetwork cnn) {
            return describe(cnn);
        }
        if (loaded instanceof HyperNetwork hyper) {
            return describe(hyper);
        }
        if (loaded instanceof EmbeddingNetwork embedding) {
            return describe(embedding);
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

    /** The description of a CNN file: kind cnn, input, outputs, the modules by block, parameters. */
    private int describe(SequentialNetwork network) {
        PrintWriter out = spec.commandLine().getOut();
        String format = ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT);
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("file", input.model.toString());
            root.put("format", format);
            root.put("kind", CnnFiles.KIND);
            root.putNull("widths");
            root.put("input", network.inputShape().toString());
            root.put("outputs", network.outputWidth());
            ArrayNode blocks = root.putArray("blocks");
            for (Block block : network.blocks()) {
                ObjectNode entry = blocks.addObject();
                entry.put("name", block.name());
                ArrayNode layers = entry.putArray("layers");
                block.layers().forEach(layer -> layers.add(CnnFiles.spec(layer)));
                entry.put("parameters", block.parameterCount());
            }
            root.putNull("shifts");
            root.put("trainableShifts", false);
            root.put("parameters", network.parameters().size());
            root.putNull("reducedWidths");
            root.putNull("reducedParameters");
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (%s)%n", input.model, format);
        out.printf("kind            %s%n", CnnFiles.KIND);
        out.printf("input           %s, %d outputs%n", network.inputShape(), network.outputWidth());
        int index = 0;
        for (Block block : network.blocks()) {
            out.printf("block %-9s %d parameters%n", block.name(), block.parameterCount());
            for (Layer layer : block.layers()) {
                out.printf("  %2d  %s%n", index++, layer.describe());
            }
        }
        out.printf("parameters      %d%n", network.parameters().size());
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }

    /** The fields every description of a network that QR-compress cannot reduce shares. */
    private ObjectNode commonJson(String kind, long parameters) {
        ObjectNode root = JsonOutput.object();
        root.put("file", input.model.toString());
        root.put("format", ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT));
        root.put("kind", kind);
        root.put("parameters", parameters);
        root.putNull("shifts");
        root.put("trainableShifts", false);
        root.putNull("reducedWidths");
        root.putNull("reducedParameters");
        return root;
    }

    /** The description of a hypernetwork file: the input layout, f's widths and activations, g's architecture, N_f, N_g. */
    private int describe(HyperNetwork network) {
        Mlp generator = (Mlp) network.generator();
        PrimaryArchitecture g = network.primary();
        String activations = names(generator);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = commonJson(HypernetworkFiles.HYPERNETWORK, network.generatorParameterCount());
            root.putNull("widths");
            root.putNull("activation");
            root.put("xWidth", g.inputWidth());
            root.put("iWidth", generator.inputWidth());
            JsonOutput.ints(root, "generatorWidths", generator.widths());
            root.put("generatorActivations", activations);
            JsonOutput.ints(root, "primaryWidths", g.widths());
            root.put("primaryActivation", g.activation().toString());
            root.put("primaryBiases", g.withBiases());
            root.put("primaryParameters", g.parameterCount());
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (%s)%n", input.model, ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT));
        out.printf("kind            %s: h(x, I) = g(x; f(I))%n", HypernetworkFiles.HYPERNETWORK);
        printLayout(out, g.inputWidth(), generator.inputWidth());
        out.printf("generator f     %s, %s%n", Arrays.toString(generator.widths()), hidden(activations));
        out.printf("primary g       %s, hidden activation %s, %s: N_g = %d weights generated per sample%n",
                Arrays.toString(g.widths()), g.activation(), g.withBiases() ? "with biases" : "no biases",
                g.parameterCount());
        out.printf("parameters      %d (f's, N_f; g's weights are f's outputs)%n", network.generatorParameterCount());
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }

    /** The description of an embedding-method file: the input layout, e's and q's widths and activations, N_e, N_q. */
    private int describe(EmbeddingNetwork network) {
        Mlp embedding = (Mlp) network.embedding();
        Mlp primary = (Mlp) network.primary();
        int xWidth = network.inputWidth() - embedding.inputWidth();
        long parameters = network.parameters().size();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = commonJson(HypernetworkFiles.EMBEDDING, parameters);
            root.putNull("widths");
            root.putNull("activation");
            root.put("xWidth", xWidth);
            root.put("iWidth", embedding.inputWidth());
            JsonOutput.ints(root, "embeddingWidths", embedding.widths());
            root.put("embeddingActivations", names(embedding));
            root.put("embeddingParameters", network.embeddingParameterCount());
            JsonOutput.ints(root, "primaryWidths", primary.widths());
            root.put("primaryActivations", names(primary));
            root.put("primaryParameters", network.primaryParameterCount());
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (%s)%n", input.model, ModelFiles.Format.of(input.model).name().toLowerCase(Locale.ROOT));
        out.printf("kind            %s: q([x, e(I)])%n", HypernetworkFiles.EMBEDDING);
        printLayout(out, xWidth, embedding.inputWidth());
        out.printf("embedding e     %s, %s: N_e = %d%n", Arrays.toString(embedding.widths()), hidden(names(embedding)),
                network.embeddingParameterCount());
        out.printf("primary q       %s, %s: N_q = %d%n", Arrays.toString(primary.widths()), hidden(names(primary)),
                network.primaryParameterCount());
        out.printf("parameters      %d (N_e + N_q)%n", parameters);
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }

    /** The description of an exact model file: widths, each layer's activation, parameters, how many are not doubles. */
    private int describe(ExactModelJson.Content content) {
        if (RcnetFiles.KIND.equals(content.metadata().get("kind"))) {
            return describe(RcnetFiles.loadExact(input.model), entriesThatAreNotDoubles(content.network()));
        }
        ExactNetwork network = content.network();
        List<String> activations = new ArrayList<>();
        for (int i = 1; i <= network.depth(); i++) {
            activations.add(network.reluAfter(i) ? "relu" : "identity");
        }
        long notDoubles = entriesThatAreNotDoubles(network);
        String construction = content.metadata().get("construction");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = commonJson(content.metadata().getOrDefault("kind", "mlp"), network.parameterCount());
            JsonOutput.ints(root, "widths", network.widths());
            root.put("activation", "relu");
            root.put("layerActivations", String.join(",", activations));
            root.put("exact", true);
            root.put("entriesNotDoubles", notDoubles);
            if (construction == null) {
                root.putNull("construction");
            } else {
                root.put("construction", construction);
            }
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (json, exact rationals: exact=true)%n", input.model);
        out.printf("kind            %s%s%n", content.metadata().getOrDefault("kind", "mlp"),
                construction == null ? "" : " (" + construction + ")");
        out.printf("widths          %s (%d affine layers)%n", ApproximationReport.describeWidths(network.widths()),
                network.depth());
        out.printf("activations     %s (after each layer, in order)%n", runs(activations));
        out.printf("parameters      %d%n", network.parameterCount());
        out.printf("weights         %s%n", notDoubles == 0 ? "every entry is exactly a double"
                : notDoubles + " entries are not doubles (a double would round them): 'radnet eval' evaluates exactly");
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }

    /** The description of an RCNet file with exact weights: as {@link #describe(RepeatedCompositionNetwork)}, plus the entries a double would round. */
    private int describe(ExactCompositionNetwork network, long notDoubles) {
        List<String> activations = new ArrayList<>();
        for (int j = 1; j <= network.block().depth(); j++) {
            activations.add(network.block().reluAfter(j) ? "relu" : "identity");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = commonJson(RcnetFiles.KIND, network.parameterCount());
            JsonOutput.ints(root, "widths", network.widths());
            root.put("activation", "relu");
            root.put("compositions", network.compositions());
            root.put("blockActivations", String.join(",", activations));
            root.put("exact", true);
            root.put("entriesNotDoubles", notDoubles);
            JsonOutput.print(out, root);
            return ExitCode.OK;
        }
        out.printf("file            %s (json, exact rationals: exact=true)%n", input.model);
        out.printf("kind            %s%n", RcnetFiles.KIND);
        out.printf("widths          %s (L₁, g's %d layers, L₂)%n", Arrays.toString(network.widths()),
                network.block().depth());
        out.printf("compositions    %d%n", network.compositions());
        out.printf("activation      relu (block layers: %s)%n", String.join(",", activations));
        out.printf("parameters      %d (g's shared by the %d compositions)%n", network.parameterCount(),
                network.compositions());
        out.printf("weights         %s%n", notDoubles == 0 ? "every entry is exactly a double"
                : notDoubles + (notDoubles == 1 ? " entry is" : " entries are")
                        + " not a double (a double would round it): 'radnet eval' evaluates exactly");
        out.printf("reduced widths  none: QR-compress needs a radial network%n");
        out.flush();
        return ExitCode.OK;
    }

    /** @return the weights and biases a double would round, each distinct layer counted once */
    private static long entriesThatAreNotDoubles(ExactNetwork network) {
        long count = 0;
        Set<ExactAffine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ExactAffine layer : network.layers()) {
            if (seen.add(layer) && !layer.isDoubleExact()) {
                for (int r = 0; r < layer.rows(); r++) {
                    for (int c = 0; c < layer.cols(); c++) {
                        count += layer.weight(r, c).isExactDouble() ? 0 : 1;
                    }
                    count += layer.bias(r).isExactDouble() ? 0 : 1;
                }
            }
        }
        return count;
    }

    /** @return the names with each run of a repeated name shortened, e.g. "relu ×137, identity" */
    private static String runs(List<String> names) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= names.size(); k++) {
            if (k == names.size() || !names.get(k).equals(names.get(start))) {
                parts.add(names.get(start) + (k - start > 1 ? " ×" + (k - start) : ""));
                start = k;
            }
        }
        return String.join(", ", parts);
    }

    private static void printLayout(PrintWriter out, int xWidth, int iWidth) {
        out.printf("inputs          [x | I]: x = columns 1-%d (d_x = %d), I = columns %d-%d (d_I = %d)%n", xWidth, xWidth,
                xWidth + 1, xWidth + iWidth, iWidth);
    }

    private static String names(Mlp network) {
        List<String> names = new ArrayList<>();
        network.activationFunctions().forEach(a -> names.add(a.toString()));
        return String.join(",", names);
    }

    private static String hidden(String activations) {
        return activations.isEmpty() ? "one affine layer" : "hidden activations " + activations;
    }
}
