package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.network.EmbeddingNetwork;
import io.radnet.core.network.HyperNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Network;
import io.radnet.core.network.Param;
import io.radnet.core.network.PrimaryArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Model files of the hypernetworks paper's two networks, in the formats of {@link ModelFiles}
 * ({@code .safetensors}, F64 on write, F64 or F32 on read; or {@code .json}), every value
 * stored exactly so that a round trip is bitwise:
 * <ul>
 *   <li>a hypernetwork h(x, I) = g(x; f(I)) ({@link HyperNetwork}, paper eq. (2)), metadata
 *       {@code kind=hypernetwork}: the weight generator f's layers as {@code generator.{i}.weight}
 *       [n_{i+1}, n_i] and {@code generator.{i}.bias} [n_{i+1}] for i = 0 … L_f − 1; the primary
 *       network g has no tensors (f generates its N_g weights per sample), only its architecture
 *       in the metadata: {@code primary_widths} (d_x, …, out), {@code primary_activation} (σ of g's
 *       hidden layers) and {@code primary_biases} ({@code true}/{@code false}: whether θ = f(I)
 *       holds b₁ … b_L); θ is laid out as {@value #THETA_LAYOUT};</li>
 *   <li>the embedding method q([x, e(I)]) ({@link EmbeddingNetwork}, paper eq. (1)), metadata
 *       {@code kind=embedding}: e's layers as {@code embedding.{i}.weight}/{@code .bias}, q's as
 *       {@code primary.{i}.weight}/{@code .bias}.</li>
 * </ul>
 * The sub-networks (f; e and q) are {@link Mlp}s: affine layers with a pointwise activation
 * after each hidden layer, {@code {part}_widths} and {@code {part}_activations} (one name per
 * hidden layer, comma-separated, empty for a single affine layer; names of
 * {@link PointwiseActivations#byName}) in the metadata. Their tensor names are those of a
 * PyTorch {@code nn.ModuleList} of {@code nn.Linear} layers held in an attribute
 * {@code generator}, {@code embedding} or {@code primary} (an {@code nn.Sequential} with activation
 * modules between its layers numbers them 0, 2, 4, …: renumber to 0, 1, 2, …);
 * {@code python/radnet_torch.py} has the modules.
 *
 * <p>Every file also says {@code format=radnet}, {@code x_width} = d_x and {@code i_width} = d_I:
 * the network's input rows are [x | I], the first d_x columns x, the next d_I columns I; and
 * {@code weights} ({@value #EXACT}). Reading checks every tensor's presence and shape, that the
 * widths chain and agree with the metadata, that f outputs N_g numbers (q takes d_x + E), and
 * that no other tensor is present; each failure is one line naming the key or tensor.
 */
public final class HypernetworkFiles {
    /** The {@code kind} of a hypernetwork file. */
    public static final String HYPERNETWORK = "hypernetwork";
    /** The {@code kind} of an embedding-method file. */
    public static final String EMBEDDING = "embedding";
    /** The value of the {@code weights} metadata key. */
    public static final String EXACT = "exact: F64 values, JSON as shortest round-trip decimals";
    /** The value of the {@code theta_layout} metadata key of a hypernetwork file. */
    public static final String THETA_LAYOUT = "W_1 ... W_L of g, each [n_i, n_{i-1}] row-major, then b_1 ... b_L if "
            + "primary_biases";

    private static final String GENERATOR = "generator";
    private static final String EMBEDDING_PART = "embedding";
    private static final String PRIMARY = "primary";

    private HypernetworkFiles() {
    }

    /**
     * @param content a model file's content
     * @return whether it declares {@code kind=hypernetwork} or {@code kind=embedding}
     */
    public static boolean isHypernetworkOrEmbedding(TensorFile content) {
        String kind = content.metadata().get("kind");
        return HYPERNETWORK.equals(kind) || EMBEDDING.equals(kind);
    }

    /**
     * @param network a hypernetwork whose generator f is an {@link Mlp}; not modified
     * @return its metadata and tensors
     * @throws IllegalArgumentException if f is not an Mlp or an activation cannot be rebuilt from its name
     */
    public static TensorFile toTensors(HyperNetwork network) {
        Objects.requireNonNull(network, "network");
        Mlp generator = requireMlp(network.generator(), "the weight generator f");
        PrimaryArchitecture g = network.primary();
        Map<String, String> metadata = header(HYPERNETWORK, g.inputWidth(), generator.inputWidth());
        List<NamedTensor> tensors = new ArrayList<>();
        describe(GENERATOR, generator, metadata, tensors);
        metadata.put("primary_widths", StateDict.widthsString(g.widths()));
        metadata.put("primary_activation", nameOf(g.activation(), "the primary network g"));
        metadata.put("primary_biases", Boolean.toString(g.withBiases()));
        metadata.put("theta_layout", THETA_LAYOUT);
        return new TensorFile(metadata, tensors);
    }

    /**
     * @param network an embedding network whose e and q are {@link Mlp}s; not modified
     * @return its metadata and tensors
     * @throws IllegalArgumentException if e or q is not an Mlp or an activation cannot be rebuilt from its name
     */
    public static TensorFile toTensors(EmbeddingNetwork network) {
        Objects.requireNonNull(network, "network");
        Mlp embedding = requireMlp(network.embedding(), "the embedding network e");
        Mlp primary = requireMlp(network.primary(), "the primary network q");
        int xWidth = network.inputWidth() - embedding.inputWidth();
        Map<String, String> metadata = header(EMBEDDING, xWidth, embedding.inputWidth());
        List<NamedTensor> tensors = new ArrayList<>();
        describe(EMBEDDING_PART, embedding, metadata, tensors);
        describe(PRIMARY, primary, metadata, tensors);
        return new TensorFile(metadata, tensors);
    }

    /**
     * @param content a file's content with {@code kind=hypernetwork} or {@code kind=embedding}
     * @param backend the backend to hold the parameters
     * @return a {@link HyperNetwork} or {@link EmbeddingNetwork} holding exactly the file's values
     * @throws IllegalArgumentException naming the metadata key or tensor that is missing or inconsistent
     */
    public static Network fromTensors(TensorFile content, Backend backend) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(backend, "backend");
        Map<String, String> meta = content.metadata();
        String kind = meta.get("kind");
        if (!isHypernetworkOrEmbedding(content)) {
            throw new IllegalArgumentException("the file's kind is '" + kind + "', not " + HYPERNETWORK + " or " + EMBEDDING);
        }
        Map<String, NamedTensor> byName = new HashMap<>();
        for (NamedTensor t : content.tensors()) {
            byName.put(t.name(), t);
        }
        int xWidth = CompositeNetworkFiles.positiveInt(meta, "x_width");
        int iWidth = CompositeNetworkFiles.positiveInt(meta, "i_width");
        if (HYPERNETWORK.equals(kind)) {
            Mlp generator = mlp(GENERATOR, meta, byName, backend);
            requireNoOtherTensors(byName, GENERATOR);
            int[] primaryWidths = widths(meta, "primary_widths");
            PrimaryArchitecture g;
            try {
                g = PrimaryArchitecture.of(primaryWidths, activation(meta, "primary_activation"),
                        bool(meta, "primary_biases"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metadata primary_widths: " + e.getMessage(), e);
            }
            requireWidth(iWidth, generator.inputWidth(), "i_width", "generator.0.weight's columns");
            requireWidth(xWidth, g.inputWidth(), "x_width", "primary_widths[0]");
            if (generator.outputWidth() != g.parameterCount()) {
                throw new IllegalArgumentException("the generator f outputs " + generator.outputWidth() + " numbers but the "
                        + "primary network " + StateDict.widthsString(primaryWidths) + (g.withBiases() ? " with" : " without")
                        + " biases has N_g = " + g.parameterCount() + " weights");
            }
            return new HyperNetwork(generator, g);
        }
        Mlp embedding = mlp(EMBEDDING_PART, meta, byName, backend);
        Mlp primary = mlp(PRIMARY, meta, byName, backend);
        requireNoOtherTensors(byName, EMBEDDING_PART, PRIMARY);
        requireWidth(iWidth, embedding.inputWidth(), "i_width", "embedding.0.weight's columns");
        if (primary.inputWidth() != xWidth + embedding.outputWidth()) {
            throw new IllegalArgumentException("primary.0.weight takes " + primary.inputWidth() + " inputs but x_width "
                    + xWidth + " plus the embedding's " + embedding.outputWidth() + " outputs make "
                    + (xWidth + embedding.outputWidth()));
        }
        return new EmbeddingNetwork(xWidth, embedding, primary);
    }

    /**
     * Saves atomically, every value exactly ({@code .safetensors} as F64, or {@code .json}).
     *
     * @param network a {@link HyperNetwork} or {@link EmbeddingNetwork} of {@link Mlp}s, not modified
     * @param file the file to create or replace
     * @throws IllegalArgumentException if the network is of another kind or cannot be stored, or
     *     the extension is unknown
     * @throws java.io.UncheckedIOException naming the file when it cannot be written
     */
    public static void save(Network network, Path file) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(file, "file");
        TensorFile content;
        if (network instanceof HyperNetwork hyper) {
            content = toTensors(hyper);
        } else if (network instanceof EmbeddingNetwork embedding) {
            content = toTensors(embedding);
        } else {
            throw new IllegalArgumentException("hypernetwork files hold HyperNetwork and EmbeddingNetwork, not "
                    + network.getClass().getName());
        }
        CompositeNetworkFiles.write(file, content);
    }

    /**
     * @param file a model file with {@code kind=hypernetwork} or {@code kind=embedding}
     * @param backend the backend to hold the parameters
     * @return the network
     * @throws ModelFileException naming the file and the problem
     */
    public static Network load(Path file, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        return CompositeNetworkFiles.read(file, content -> fromTensors(content, backend));
    }

    private static Map<String, String> header(String kind, int xWidth, int iWidth) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", StateDict.FORMAT);
        metadata.put("kind", kind);
        metadata.put("x_width", Integer.toString(xWidth));
        metadata.put("i_width", Integer.toString(iWidth));
        metadata.put("weights", EXACT);
        return metadata;
    }

    private static Mlp requireMlp(Network network, String role) {
        if (network instanceof Mlp mlp) {
            return mlp;
        }
        throw new IllegalArgumentException("hypernetwork files store " + role + " as an Mlp, but it is a "
                + network.getClass().getSimpleName());
    }

    private static String nameOf(PointwiseActivation activation, String where) {
        String name = activation.toString();
        String rebuilt;
        try {
            rebuilt = PointwiseActivations.byName(name).toString();
        } catch (IllegalArgumentException e) {
            rebuilt = null;
        }
        if (!name.equals(rebuilt)) {
            throw new IllegalArgumentException("the activation '" + name + "' of " + where + " is not one radnet can "
                    + "rebuild from its name, so it cannot be saved; use the named activations of PointwiseActivations");
        }
        return name;
    }

    /** Adds the part's {@code {part}_widths}, {@code {part}_activations} and {@code {part}.{i}.*} tensors. */
    private static void describe(String part, Mlp network, Map<String, String> metadata, List<NamedTensor> tensors) {
        Param p = network.parameters();
        int[] n = p.widths();
        List<String> names = new ArrayList<>();
        for (PointwiseActivation a : network.activationFunctions()) {
            names.add(nameOf(a, "the " + part + " network"));
        }
        metadata.put(part + "_widths", StateDict.widthsString(n));
        metadata.put(part + "_activations", String.join(",", names));
        for (int i = 1; i <= p.depth(); i++) {
            tensors.add(new NamedTensor(part + "." + (i - 1) + ".weight", new int[] {n[i], n[i - 1]}, p.weight(i).toRowMajor()));
            tensors.add(new NamedTensor(part + "." + (i - 1) + ".bias", new int[] {n[i]}, p.bias(i).toRowMajor()));
        }
    }

    /** The part's Mlp from its metadata and its {@code {part}.{i}.*} tensors, which are removed from byName. */
    private static Mlp mlp(String part, Map<String, String> meta, Map<String, NamedTensor> byName, Backend backend) {
        int[] declared = widths(meta, part + "_widths");
        int layers = declared.length - 1;
        String list = CompositeNetworkFiles.required(meta, part + "_activations");
        List<PointwiseActivation> activations = new ArrayList<>();
        if (!list.isEmpty()) {
            for (String name : list.split(",", -1)) {
                try {
                    activations.add(PointwiseActivations.byName(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("metadata " + part + "_activations: " + e.getMessage(), e);
                }
            }
        }
        if (activations.size() != layers - 1) {
            throw new IllegalArgumentException("metadata " + part + "_activations names " + activations.size()
                    + " activations but " + part + "_widths " + StateDict.widthsString(declared) + " have " + (layers - 1)
                    + " hidden layers");
        }
        List<Tensor> weights = new ArrayList<>();
        List<Tensor> biases = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String name = part + "." + i;
            NamedTensor w = byName.remove(name + ".weight");
            NamedTensor b = byName.remove(name + ".bias");
            if (w == null || b == null) {
                throw new IllegalArgumentException("tensor '" + name + (w == null ? ".weight" : ".bias") + "' is missing ("
                        + part + "_widths " + StateDict.widthsString(declared) + " have " + layers + " layers)");
            }
            if (w.rank() != 2 || w.dim(0) != declared[i + 1] || w.dim(1) != declared[i]) {
                throw new IllegalArgumentException("tensor '" + name + ".weight' has shape " + Arrays.toString(w.shape())
                        + " but " + part + "_widths " + StateDict.widthsString(declared) + " need [" + declared[i + 1] + ", "
                        + declared[i] + "]");
            }
            if (b.rank() != 1 || b.dim(0) != declared[i + 1]) {
                throw new IllegalArgumentException("tensor '" + name + ".bias' has shape " + Arrays.toString(b.shape())
                        + " but " + part + "_widths " + StateDict.widthsString(declared) + " need [" + declared[i + 1] + "]");
            }
            weights.add(backend.fromRowMajor(declared[i + 1], declared[i], w.values()));
            biases.add(backend.fromRowMajor(1, declared[i + 1], b.values()));
        }
        return new Mlp(Param.of(declared, weights, biases, null), activations);
    }

    private static void requireNoOtherTensors(Map<String, NamedTensor> remaining, String... parts) {
        if (!remaining.isEmpty()) {
            String name = remaining.keySet().stream().sorted().findFirst().orElseThrow();
            StringBuilder expected = new StringBuilder();
            for (String part : parts) {
                expected.append(expected.length() == 0 ? "" : " and ").append(part).append(".{i}.weight/.bias");
            }
            throw new IllegalArgumentException("unexpected tensor '" + name + "': this file holds " + expected
                    + " for the layers its *_widths metadata declare, and nothing else");
        }
    }

    private static void requireWidth(int declared, int actual, String key, String what) {
        if (declared != actual) {
            throw new IllegalArgumentException("metadata " + key + " " + declared + " disagrees with " + what + ", "
                    + actual);
        }
    }


    private static PointwiseActivation activation(Map<String, String> meta, String key) {
        try {
            return PointwiseActivations.byName(CompositeNetworkFiles.required(meta, key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metadata " + key + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(Map<String, String> meta, String key) {
        String value = CompositeNetworkFiles.required(meta, key).trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("metadata " + key + " must be true or false, got '" + meta.get(key) + "'");
        }
        return value.equals("true");
    }


    /** @return the widths of a metadata value such as {@code [3,5,2]}: at least two, each a positive int */
    private static int[] widths(Map<String, String> meta, String key) {
        String value = CompositeNetworkFiles.required(meta, key).replace(" ", "");
        if (!value.startsWith("[") || !value.endsWith("]") || value.length() < 3) {
            throw new IllegalArgumentException("metadata " + key + " must be a list such as [3,5,2], got '" + value + "'");
        }
        String[] parts = value.substring(1, value.length() - 1).split(",", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("metadata " + key + " needs at least an input and an output width, got "
                    + value);
        }
        int[] widths = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                widths[k] = Integer.parseInt(parts[k]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metadata " + key + " entry " + k + " is '" + parts[k]
                        + "', not an integer", e);
            }
            if (widths[k] < 1) {
                throw new IllegalArgumentException("metadata " + key + " entry " + k + " is " + widths[k]
                        + "; widths are at least 1");
            }
        }
        return widths;
    }
}
