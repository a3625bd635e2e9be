package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.RadialProfile;
import io.radnet.api.Tensor;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.activation.RadialProfiles;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Mlp;
import io.radnet.core.network.Param;
import io.radnet.core.network.RadialNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mapping between radnet networks and the tensors of a PyTorch state dict of the radial
 * paper's reference implementation, with radnet's architecture metadata.
 *
 * <p>Tensor names, for layers i = 0 … L − 1 (radnet's layer i + 1):
 * <ul>
 *   <li>{@code layers.{i}.weight}: W_{i+1}, shape [n_{i+1}, n_i], row-major;</li>
 *   <li>{@code layers.{i}.bias}: b_{i+1}, shape [n_{i+1}]; absent for every layer of a radial
 *       network without layer biases (PyTorch's {@code nn.Linear(…, bias=False)});</li>
 *   <li>{@code act_fns.{i}.bias} for i = 0 … L − 2, optional (all or none): the activation shift
 *       s of hidden layer i + 1, shape [1] (or [] as a PyTorch scalar), applied as
 *       h(r) = η(r + s), the reference implementation's convention.</li>
 * </ul>
 *
 * <p>A PyTorch {@code nn.Sequential} state dict is read too: module k's tensors are
 * {@code {k}.weight} and {@code {k}.bias}. The modules with a weight are the affine layers, in
 * index order; activation modules have no parameters, so they leave gaps in the indices (in
 * {@code nn.Sequential(Linear, Tanh, Linear)} the names are {@code 0.*} and {@code 2.*}), and
 * two adjacent indices with weights (no activation between) are refused. A module with a bias
 * of shape [1] and no weight between two affine layers is that hidden layer's shift. Modules
 * without parameters before the first or after the last affine layer (a {@code Flatten}, a
 * final {@code Softmax}) leave no trace in a state dict and are not applied. A file uses one
 * scheme, never both.
 *
 * <p>Metadata (string values): {@code format=radnet}, {@code kind} ({@code radial} or
 * {@code mlp}), {@code widths} (e.g. {@code [2,16,64,128,16,2]}), {@code activation} (a name
 * accepted by {@link RadialProfiles#byName} for radial networks, by
 * {@link PointwiseActivations#byName} for MLPs, e.g. {@code sigmoid} or
 * {@code shifted-relu:0.5}; case-insensitive) and {@code trainable_shifts}
 * ({@code true}/{@code false}), and {@code layer_biases=false} for a radial network without layer
 * biases (absent or {@code true}: every layer has a bias); F32 files add {@code dtype} and {@code rounding}
 * ({@link Safetensors#write(java.nio.file.Path, TensorFile, Dtype)}). A state dict without
 * {@code format=radnet} (a plain {@code save_file(model.state_dict(), …)}) says neither its kind
 * nor its activation: the caller must give both, and they are never guessed (the same tensors
 * make a radial network and an MLP, two different functions). Its widths come from the tensor
 * shapes; its shifts, if any, are trainable (they are parameters in PyTorch); it has layer biases
 * when its layers carry bias tensors, none when no layer does.
 *
 * <p>Reading checks that every layer 0 … L − 1 has a weight and a bias (or, without layer
 * biases, that no layer has one), that the widths chain
 * (the columns of {@code layers.{i}.weight} equal the rows of {@code layers.{i−1}.weight}),
 * that biases and shifts have the right lengths, that no other tensor is present and that the
 * metadata agree with the shapes; each failure names the tensor.
 */
public final class StateDict {
    /** The value of the {@code format} metadata key in files radnet writes. */
    public static final String FORMAT = "radnet";

    private static final Pattern LAYER = Pattern.compile("layers\\.(0|[1-9]\\d{0,8})\\.(weight|bias)");
    private static final Pattern SHIFT = Pattern.compile("act_fns\\.(0|[1-9]\\d{0,8})\\.bias");
    private static final Pattern SEQUENTIAL = Pattern.compile("(0|[1-9]\\d{0,8})\\.(weight|bias)");

    private StateDict() {
    }

    /** The two kinds of network a model file holds. */
    public enum Kind {
        /** {@link RadialNetwork}: radial rescaling activations. */
        RADIAL,
        /** {@link Mlp}: pointwise activations. */
        MLP;

        /** @return the metadata spelling, {@code radial} or {@code mlp} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param name {@code radial} or {@code mlp}, case-insensitive
         * @return the kind
         * @throws IllegalArgumentException listing the choices otherwise
         */
        public static Kind byName(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "radial" -> RADIAL;
                case "mlp" -> MLP;
                default -> throw new IllegalArgumentException("unknown kind '" + name + "'; accepted: radial, mlp");
            };
        }
    }

    /**
     * @param network a radial network or MLP with at least one hidden layer whose hidden layers
     *     share one activation that {@link RadialProfiles#byName}/{@link PointwiseActivations#byName}
     *     can rebuild from its name; not modified
     * @return the network's metadata and tensors
     * @throws IllegalArgumentException if the network cannot be described this way
     */
    public static TensorFile fromNetwork(FeedForwardNetwork network) {
        Objects.requireNonNull(network, "network");
        Kind kind = kind(network);
        String activation = activationName(network, kind);
        Param p = network.parameters();
        int[] n = p.widths();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("kind", kind.label());
        metadata.put("widths", widthsString(n));
        metadata.put("activation", activation);
        metadata.put("trainable_shifts", Boolean.toString(network.trainableShifts()));
        if (!network.layerBiases()) {
            metadata.put("layer_biases", "false");
        }
        List<NamedTensor> tensors = new ArrayList<>();
        for (int i = 1; i <= p.depth(); i++) {
            // toRowMajor returns a new array: the tensor takes it over instead of copying it again.
            tensors.add(NamedTensor.adopting("layers." + (i - 1) + ".weight", new int[] {n[i], n[i - 1]},
                    p.weight(i).toRowMajor()));
            if (network.layerBiases()) {
                tensors.add(NamedTensor.adopting("layers." + (i - 1) + ".bias", new int[] {n[i]},
                        p.bias(i).toRowMajor()));
            }
        }
        if (p.hasShifts()) {
            for (int i = 1; i < p.depth(); i++) {
                tensors.add(new NamedTensor("act_fns." + (i - 1) + ".bias", new int[] {1}, new double[] {p.shift(i)}));
            }
        }
        return new TensorFile(metadata, tensors);
    }

    /**
     * @param network a network
     * @return its kind
     * @throws IllegalArgumentException if it is neither a radial network nor an MLP
     */
    public static Kind kind(FeedForwardNetwork network) {
        if (network instanceof RadialNetwork) {
            return Kind.RADIAL;
        }
        if (network instanceof Mlp) {
            return Kind.MLP;
        }
        throw new IllegalArgumentException("model files hold radial networks and MLPs, not " + network.getClass().getName());
    }

    private static String activationName(FeedForwardNetwork network, Kind kind) {
        List<?> activations = kind == Kind.RADIAL ? ((RadialNetwork) network).profiles()
                : ((Mlp) network).activationFunctions();
        if (activations.isEmpty()) {
            throw new IllegalArgumentException("model files need at least one hidden layer; widths "
                    + Arrays.toString(network.widths()) + " have none");
        }
        String name = activations.get(0).toString();
        for (Object a : activations) {
            if (!a.toString().equals(name)) {
                throw new IllegalArgumentException("model files store one activation for every hidden layer, but this "
                        + "network has " + activations);
            }
        }
        String rebuilt;
        try {
            rebuilt = activation(kind, name).toString();
        } catch (IllegalArgumentException e) {
            rebuilt = null;
        }
        if (!name.equals(rebuilt)) {
            throw new IllegalArgumentException("the activation '" + name + "' is not one radnet can rebuild from its name, "
                    + "so it cannot be saved; model files hold the named activations of RadialProfiles and "
                    + "PointwiseActivations");
        }
        return name;
    }

    private static Object activation(Kind kind, String name) {
        return kind == Kind.RADIAL ? RadialProfiles.byName(name) : PointwiseActivations.byName(name);
    }

    /**
     * @param widths n₀ … n_L
     * @return the metadata spelling, e.g. {@code [2,16,2]}
     */
    public static String widthsString(int[] widths) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : ",").append(widths[i]);
        }
        return s.append(']').toString();
    }

    /**
     * Builds a network from a model file's content.
     *
     * @param content the metadata and tensors, as read from a file
     * @param backend the backend to hold the parameters
     * @param activation for a radnet file: null, or the same activation as the file's (checked);
     *     a plain state dict is refused, asking for its kind
     * @return a {@link RadialNetwork} or {@link Mlp} holding exactly the file's values
     * @throws IllegalArgumentException naming the tensor or metadata key and the problem
     */
    public static FeedForwardNetwork toNetwork(TensorFile content, Backend backend, String activation) {
        return toNetwork(content, backend, null, activation);
    }

    /**
     * Builds a network from a model file's content, under either naming scheme (see the class
     * documentation).
     *
     * @param content the metadata and tensors, as read from a file
     * @param backend the backend to hold the parameters
     * @param kind for a plain state dict (no {@code format=radnet}): its kind, required (never
     *     guessed: the same tensors are a radial network or an MLP, two different functions);
     *     for a radnet file: null, or the file's kind (checked)
     * @param activation for a plain state dict: the activation's name for that kind, required;
     *     for a radnet file: null, or the same activation as the file's (checked)
     * @return a {@link RadialNetwork} or {@link Mlp} holding exactly the file's values
     * @throws IllegalArgumentException naming the tensor or metadata key and the problem
     */
    public static FeedForwardNetwork toNetwork(TensorFile content, Backend backend, Kind kind, String activation) {
        Objects.requireNonNull(backend, "backend");
        Layers found = layers(content.tensors());
        int layers = found.weights().size();
        int[] n = chainWidths(found.weights(), found.biases());
        Header header = header(content.metadata(), n, kind, activation, found);
        boolean hasShifts = !found.shifts().isEmpty();
        if (hasShifts) {
            checkShifts(found.shifts(), header.kind());
        }
        List<Tensor> w = new ArrayList<>();
        List<Tensor> b = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            w.add(backend.fromRowMajor(n[i + 1], n[i], found.weights().get(i).sharedValues()));
            b.add(header.layerBiases() ? backend.fromRowMajor(1, n[i + 1], found.biases().get(i).sharedValues())
                    : backend.zeros(1, n[i + 1]));
        }
        Tensor s = null;
        if (hasShifts) {
            double[] values = new double[layers - 1];
            for (int i = 0; i < layers - 1; i++) {
                values[i] = found.shifts().get(i).values()[0];
            }
            s = backend.fromRowMajor(1, layers - 1, values);
        }
        Param p = Param.of(n, w, b, s);
        if (header.kind() == Kind.MLP) {
            return new Mlp(p, PointwiseActivations.byName(header.activation()));
        }
        RadialProfile profile = RadialProfiles.byName(header.activation());
        return new RadialNetwork(p, Collections.nCopies(layers - 1, profile), hasShifts && header.trainableShifts(),
                header.layerBiases());
    }

    /**
     * @param content the metadata and tensors, as read from a file
     * @return the widths n₀ … n_L that the weight matrices [n_i, n_{i−1}] chain to, under either
     *     naming scheme
     * @throws IllegalArgumentException naming the tensor whose shape is wrong or does not chain
     */
    public static int[] widths(TensorFile content) {
        Objects.requireNonNull(content, "content");
        Layers found = layers(content.tensors());
        return chainWidths(found.weights(), found.biases());
    }

    /**
     * The tensors of each layer, in layer order, whichever naming scheme the file uses.
     *
     * @param weights W_1 … W_L
     * @param biases b_1 … b_L (null where a layer has no bias tensor)
     * @param shifts the shifts of hidden layers 1 … L − 1, or empty
     */
    private record Layers(List<NamedTensor> weights, List<NamedTensor> biases, List<NamedTensor> shifts) {
    }

    private static Layers layers(List<NamedTensor> tensors) {
        boolean sequential = !tensors.isEmpty() && SEQUENTIAL.matcher(tensors.get(0).name()).matches();
        return sequential ? sequentialLayers(tensors) : namedLayers(tensors);
    }

    /** The {@code layers.{i}.weight}, {@code layers.{i}.bias}, {@code act_fns.{i}.bias} scheme. */
    private static Layers namedLayers(List<NamedTensor> tensors) {
        TreeMap<Integer, NamedTensor> weights = new TreeMap<>();
        TreeMap<Integer, NamedTensor> biases = new TreeMap<>();
        TreeMap<Integer, NamedTensor> shifts = new TreeMap<>();
        for (NamedTensor t : tensors) {
            Matcher layer = LAYER.matcher(t.name());
            Matcher shift = SHIFT.matcher(t.name());
            if (layer.matches()) {
                (layer.group(2).equals("weight") ? weights : biases).put(Integer.parseInt(layer.group(1)), t);
            } else if (shift.matches()) {
                shifts.put(Integer.parseInt(shift.group(1)), t);
            } else {
                throw new IllegalArgumentException("unexpected tensor '" + t.name() + "': a radnet state dict holds only "
                        + "layers.{i}.weight, layers.{i}.bias and act_fns.{i}.bias (or only nn.Sequential names "
                        + "{k}.weight, {k}.bias)");
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no layers.0.weight: the file holds no network layers");
        }
        int layers = weights.lastKey() + 1;
        List<NamedTensor> w = new ArrayList<>();
        List<NamedTensor> b = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            if (!weights.containsKey(i)) {
                throw new IllegalArgumentException("layers." + i + ".weight is missing (the file has layers up to "
                        + "layers." + (layers - 1) + ".weight)");
            }
            w.add(weights.get(i));
            b.add(biases.get(i));
        }
        for (int i : biases.keySet()) {
            if (i >= layers) {
                throw new IllegalArgumentException("tensor 'layers." + i + ".bias' has no layers." + i + ".weight");
            }
        }
        List<NamedTensor> s = new ArrayList<>();
        if (!shifts.isEmpty()) {
            for (int i : shifts.keySet()) {
                if (i >= layers - 1) {
                    throw new IllegalArgumentException("tensor 'act_fns." + i + ".bias' belongs to no hidden layer "
                            + "(there are " + (layers - 1) + ")");
                }
            }
            for (int i = 0; i < layers - 1; i++) {
                if (!shifts.containsKey(i)) {
                    throw new IllegalArgumentException("act_fns." + i + ".bias is missing: shifts are given for some "
                            + "hidden layers, so every hidden layer 0.." + (layers - 2) + " needs one");
                }
                s.add(shifts.get(i));
            }
        }
        return new Layers(w, b, s);
    }

    /**
     * The {@code nn.Sequential} scheme: module k's parameters are {@code k.weight} and
     * {@code k.bias}. Modules with a weight are the affine layers in index order; modules without
     * parameters (activations) leave gaps in the indices, and at least one must lie between two
     * affine layers. A module with a bias only, between two affine layers, is that hidden layer's
     * activation shift.
     */
    private static Layers sequentialLayers(List<NamedTensor> tensors) {
        TreeMap<Integer, NamedTensor> weights = new TreeMap<>();
        TreeMap<Integer, NamedTensor> biases = new TreeMap<>();
        for (NamedTensor t : tensors) {
            Matcher module = SEQUENTIAL.matcher(t.name());
            if (!module.matches()) {
                throw new IllegalArgumentException("unexpected tensor '" + t.name() + "': the file uses nn.Sequential "
                        + "names ({k}.weight, {k}.bias, as '" + tensors.get(0).name() + "'), so every tensor must");
            }
            (module.group(2).equals("weight") ? weights : biases).put(Integer.parseInt(module.group(1)), t);
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("no {k}.weight tensor: the nn.Sequential state dict holds no Linear layer");
        }
        List<Integer> linear = new ArrayList<>(weights.keySet());
        List<NamedTensor> w = new ArrayList<>();
        List<NamedTensor> b = new ArrayList<>();
        for (int k : linear) {
            w.add(weights.get(k));
            b.add(biases.get(k));
        }
        NamedTensor[] shifts = new NamedTensor[linear.size() - 1];
        int shiftCount = 0;
        for (Map.Entry<Integer, NamedTensor> e : biases.entrySet()) {
            int k = e.getKey();
            if (weights.containsKey(k)) {
                continue;
            }
            int after = -1;
            for (int i = 0; i + 1 < linear.size(); i++) {
                if (linear.get(i) < k && k < linear.get(i + 1)) {
                    after = i;
                }
            }
            if (after < 0) {
                throw new IllegalArgumentException("tensor '" + e.getValue().name() + "' has no " + k + ".weight and lies "
                        + "between no two Linear layers (modules " + linear + "), so it is neither a layer nor a shift");
            }
            if (shifts[after] != null) {
                throw new IllegalArgumentException("tensors '" + shifts[after].name() + "' and '" + e.getValue().name()
                        + "' are both shifts of the hidden layer between modules " + linear.get(after) + " and "
                        + linear.get(after + 1));
            }
            shifts[after] = e.getValue();
            shiftCount++;
        }
        for (int i = 0; i + 1 < linear.size(); i++) {
            if (linear.get(i + 1) == linear.get(i) + 1) {
                throw new IllegalArgumentException("modules " + linear.get(i) + " and " + linear.get(i + 1) + " are "
                        + "adjacent Linear layers with no activation module between them; radnet applies the "
                        + "activation after every hidden layer");
            }
            if (shiftCount > 0 && shifts[i] == null) {
                throw new IllegalArgumentException("no shift between modules " + linear.get(i) + " and "
                        + linear.get(i + 1) + ": shifts are given for some hidden layers, so every hidden layer needs one");
            }
        }
        return new Layers(w, b, shiftCount == 0 ? List.of() : Arrays.asList(shifts));
    }

    private static int[] chainWidths(List<NamedTensor> weights, List<NamedTensor> biases) {
        int layers = weights.size();
        int[] n = new int[layers + 1];
        for (int i = 0; i < layers; i++) {
            NamedTensor w = weights.get(i);
            if (w.rank() != 2 || w.dim(0) < 1 || w.dim(1) < 1) {
                throw new IllegalArgumentException("tensor '" + w.name() + "' must be a non-empty matrix "
                        + "[out, in], got shape " + Arrays.toString(w.shape()));
            }
            if (i == 0) {
                n[0] = w.dim(1);
            } else if (w.dim(1) != n[i]) {
                throw new IllegalArgumentException("the widths do not chain: tensor '" + w.name() + "' has shape "
                        + Arrays.toString(w.shape()) + ", so takes " + w.dim(1) + " inputs, but "
                        + weights.get(i - 1).name() + " has " + n[i] + " outputs");
            }
            n[i + 1] = w.dim(0);
            NamedTensor b = biases.get(i);
            if (b != null && (b.rank() != 1 || b.dim(0) != n[i + 1])) {
                throw new IllegalArgumentException("tensor '" + b.name() + "' must have shape [" + n[i + 1]
                        + "] to match " + w.name() + ", got " + Arrays.toString(b.shape()));
            }
        }
        if (layers < 2) {
            throw new IllegalArgumentException("model files need at least one hidden layer; the tensors give widths "
                    + Arrays.toString(n));
        }
        return n;
    }

    private static void checkShifts(List<NamedTensor> shifts, Kind kind) {
        if (kind == Kind.MLP) {
            throw new IllegalArgumentException("an MLP has no activation shifts, but the file has shift tensors ("
                    + shifts.get(0).name() + ", …)");
        }
        for (NamedTensor s : shifts) {
            if (s.values().length != 1 || s.rank() > 1) {
                throw new IllegalArgumentException("tensor '" + s.name() + "' must have shape [1], got "
                        + Arrays.toString(s.shape()));
            }
        }
    }

    /** The architecture a file declares, checked against the shapes. */
    private record Header(Kind kind, String activation, boolean trainableShifts, boolean layerBiases) {
    }

    /**
     * @return true if every layer has a bias tensor, false if none has
     * @throws IllegalArgumentException naming the first missing bias when only some layers have one
     */
    private static boolean biasesPresent(Layers found) {
        List<NamedTensor> biases = found.biases();
        long present = biases.stream().filter(Objects::nonNull).count();
        if (present == 0 || present == biases.size()) {
            return present > 0;
        }
        int missing = biases.indexOf(null);
        String weight = found.weights().get(missing).name();
        throw new IllegalArgumentException(weight.substring(0, weight.length() - "weight".length()) + "bias is missing: "
                + "the file has biases for " + present + " of its " + biases.size() + " layers, so every layer needs one"
                + " (a network without layer biases has none)");
    }

    /** @throws IllegalArgumentException if the layer biases do not fit the kind or the metadata */
    private static boolean layerBiases(Map<String, String> metadata, Kind kind, Layers found, boolean radnet) {
        boolean present = biasesPresent(found);
        if (radnet) {
            String declared = metadata.getOrDefault("layer_biases", "true").toLowerCase(Locale.ROOT);
            if (!declared.equals("true") && !declared.equals("false")) {
                throw new IllegalArgumentException("metadata layer_biases must be true or false, got '" + declared + "'");
            }
            if (declared.equals("true") && !present) {
                throw new IllegalArgumentException(found.weights().get(0).name().replace("weight", "bias")
                        + " is missing (metadata layer_biases=false marks a network without layer biases)");
            }
            if (declared.equals("false") && present) {
                throw new IllegalArgumentException("metadata layer_biases=false but the file has the bias tensor '"
                        + found.biases().get(0).name() + "'");
            }
        }
        if (!present && kind == Kind.MLP) {
            throw new IllegalArgumentException(found.weights().get(0).name().replace("weight", "bias") + " is missing:"
                    + " an MLP's layers have biases (only radial networks may have none)");
        }
        return present;
    }

    private static Header header(Map<String, String> metadata, int[] n, Kind kind, String activation, Layers found) {
        if (!FORMAT.equals(metadata.get("format"))) {
            if (kind == null) {
                throw new IllegalArgumentException("the file is a plain state dict (no format=radnet metadata) with widths "
                        + widthsString(n) + ", which does not say what network it is: give its kind, --kind radial or "
                        + "--kind mlp, and its activation with --activation NAME (never guessed)");
            }
            if (activation == null) {
                throw new IllegalArgumentException("the file is a plain state dict (no format=radnet metadata) with widths "
                        + widthsString(n) + ": give its " + kind.label() + " activation, e.g. --activation "
                        + (kind == Kind.RADIAL ? "sigmoid" : "relu"));
            }
            activation(kind, activation);
            return new Header(kind, activation, true, layerBiases(metadata, kind, found, false));
        }
        Kind declaredKind = switch (required(metadata, "kind").toLowerCase(Locale.ROOT)) {
            case "radial" -> Kind.RADIAL;
            case "mlp" -> Kind.MLP;
            default -> throw new IllegalArgumentException("metadata kind must be radial or mlp, got '"
                    + metadata.get("kind") + "'");
        };
        if (kind != null && kind != declaredKind) {
            throw new IllegalArgumentException("the file holds a " + declaredKind.label() + " network but kind "
                    + kind.label() + " was asked for; leave the kind out for radnet files");
        }
        String declared = required(metadata, "widths").replace(" ", "");
        if (!declared.equals(widthsString(n))) {
            throw new IllegalArgumentException("metadata widths " + declared + " disagree with the tensor shapes, which "
                    + "chain as " + widthsString(n));
        }
        String name = required(metadata, "activation");
        Object built = activation(declaredKind, name);
        if (activation != null && !activation(declaredKind, activation).toString().equals(built.toString())) {
            throw new IllegalArgumentException("the file's activation is " + name + " but " + activation
                    + " was asked for; leave the activation out for radnet files");
        }
        String trainable = metadata.getOrDefault("trainable_shifts", "false").toLowerCase(Locale.ROOT);
        if (!trainable.equals("true") && !trainable.equals("false")) {
            throw new IllegalArgumentException("metadata trainable_shifts must be true or false, got '" + trainable + "'");
        }
        return new Header(declaredKind, name, trainable.equals("true"), layerBiases(metadata, declaredKind, found, true));
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("format=radnet metadata lacks the key '" + key + "'");
        }
        return value;
    }

    /**
     * @param network a network
     * @return the name of its hidden layers' activation, as the metadata store it
     */
    public static String activationOf(FeedForwardNetwork network) {
        return activationName(network, kind(network));
    }
}
