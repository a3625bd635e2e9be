package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.io.Dtype;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.RadialNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code radnet init}: a freshly initialised radial network or MLP saved to a model file.
 * Weights and biases are drawn as PyTorch's {@code nn.Linear} default (uniform on
 * ±1/√n_{i−1}), seeded; with {@code --shift S} every hidden layer gets a trainable
 * activation shift starting at S.
 */
@Command(name = "init", description = "Creates a seeded, freshly initialised network and saves it.")
public final class InitCommand implements Callable<Integer> {
    /**
     * The heap one parameter takes while a network is initialised and saved: the drawn values,
     * the backend's copy and the file's tensor copies and write buffer.
     */
    static final int BYTES_PER_PARAMETER = 48;

    @Spec
    private CommandSpec spec;

    /** n₀ … n_L as given, validated in {@link #call()}. */
    private List<Integer> widths;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "The hidden layers' activation, case-insensitive (default: ${DEFAULT-VALUE}). Radial: "
                    + "sigmoid, tanh, relu, step-relu, squash, shifted-relu:B. MLP: relu, leaky-relu:A, sigmoid, tanh, "
                    + "elu:A, softplus, identity.")
    private String activation;

    @Option(names = "--kind", paramLabel = "radial|mlp", defaultValue = "radial",
            description = "radial (radial rescaling activations) or mlp (pointwise); default: ${DEFAULT-VALUE}.")
    private String kind;

    @Option(names = "--shift", paramLabel = "S",
            description = "Give every hidden layer a trainable activation shift starting at S (radial only): "
                    + "h(r) = η(r + S).")
    private Double shift;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
            description = "The model file to write: .safetensors or .json.")
    private Path output;

    @Mixin
    private ModelDtype dtype;

    /** Creates the command; picocli instantiates it. */
    public InitCommand() {
    }

    /**
     * One comma-separated value, so that the usage shows {@code --widths=N0,N1,...} once (a
     * split list option would show it twice, repeatable).
     */
    @Option(names = "--widths", required = true, paramLabel = "N0,N1,...",
            description = "The widths n₀,…,n_L, at least three (one hidden layer), each ≥ 1, e.g. 2,16,64,128,16,2.")
    void setWidths(String value) {
        List<Integer> given = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                given.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--widths must be whole numbers separated by commas, "
                        + "e.g. 2,16,2; got '" + value + "'");
            }
        }
        widths = given;
    }

    @Override
    public Integer call() {
        new CommandFiles(spec.commandLine()).output("-o", output, CommandFiles.Kind.MODEL).check();
        Dtype stored = dtype.dtype(spec.commandLine(), output);
        int[] n = widths.stream().mapToInt(Integer::intValue).toArray();
        if (n.length < 3) {
            throw new ParameterException(spec.commandLine(), "--widths needs at least three widths (input, one hidden "
                    + "layer, output), got " + widths);
        }
        for (int w : n) {
            if (w < 1) {
                throw new ParameterException(spec.commandLine(), "--widths must all be at least 1, got " + widths);
            }
        }
        requireFits(n);
        if (shift != null && !Double.isFinite(shift)) {
            throw new ParameterException(spec.commandLine(), "--shift must be finite, got " + shift);
        }
        Backend backend = Backends.defaultBackend();
        FeedForwardNetwork network = switch (kind.toLowerCase(Locale.ROOT)) {
            case "radial" -> shift == null
                    ? RadialNetwork.initialized(backend, n, RadialProfiles.byName(activation), seed)
                    : RadialNetwork.initializedWithShifts(backend, n, RadialProfiles.byName(activation), shift, true, seed);
            case "mlp" -> {
                if (shift != null) {
                    throw new ParameterException(spec.commandLine(), "--shift applies to radial networks only");
                }
                yield Mlp.initialized(backend, n, PointwiseActivations.byName(activation), seed);
            }
            default -> throw new ParameterException(spec.commandLine(), "--kind must be radial or mlp, got '" + kind + "'");
        };
        ModelFiles.save(network, output, stored);
        spec.commandLine().getOut().println("wrote " + output + ": " + network + ", "
                + network.parameters().size() + " parameters, seed " + seed);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    /**
     * Refuses widths whose weights and biases, Σ n_i·(n_{i−1} + 1), would not fit in the heap at
     * {@value #BYTES_PER_PARAMETER} bytes each, or whose weight matrix has more entries than a
     * Java array, before anything is allocated.
     */
    private void requireFits(int[] n) {
        long parameters = 0;
        for (int i = 1; i < n.length; i++) {
            long entries = (long) n[i] * n[i - 1];
            if (entries > Integer.MAX_VALUE - 8) {
                throw new ParameterException(spec.commandLine(), "--widths " + n[i - 1] + "," + n[i] + ": a " + n[i] + "×"
                        + n[i - 1] + " weight matrix has " + entries + " entries, more than a Java array holds ("
                        + (Integer.MAX_VALUE - 8) + ")");
            }
            parameters += entries + n[i];
        }
        HeapBudget.require(HeapBudget.saturatedProduct(parameters, BYTES_PER_PARAMETER),
                "--widths " + widthsText(n) + " (" + parameters + " parameters)");
    }

    private static String widthsText(int[] n) {
        StringBuilder s = new StringBuilder();
        for (int w : n) {
            s.append(s.length() == 0 ? "" : ",").append(w);
        }
        return s.toString();
    }
}
