package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.PointwiseActivation;
import io.radnet.api.Tensor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.radnet.core.activation.PointwiseActivations;
import io.radnet.core.approx.exact.ExactAffine;
import io.radnet.core.approx.exact.ExactCompositionNetwork;
import io.radnet.core.approx.exact.ExactNetwork;
import io.radnet.core.network.Param;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Model files of repeated-composition networks L₂ ∘ g^{∘r} ∘ L₁
 * ({@link RepeatedCompositionNetwork}), in the formats of {@link ModelFiles}.
 *
 * <p>Tensors: {@code input.weight} [m, d], {@code input.bias} [m] (L₁), {@code block.{j}.weight},
 * {@code block.{j}.bias} for g's layers j = 0 … k − 1, {@code output.weight} [out, m],
 * {@code output.bias} [out] (L₂). Metadata: {@code format=radnet}, {@code kind=rcnet},
 * {@code widths} (d, m, h₁, …, m, out), {@code compositions} (r), {@code activation} (g's σ),
 * {@code block_activations} (σ₁ … σ_k comma-separated, {@code identity} for an affine layer) and
 * {@code weights}: every value is stored exactly (F64, or the shortest decimal that reads back
 * as the same double in JSON), so a round trip is bitwise.
 *
 * <p>An RCNet with exact weights ({@link ExactCompositionNetwork}: the constructions whose stored
 * bit strings have more than 52 bits) is saved as JSON only ({@link #saveExact}): the same tensor
 * names, every entry a string holding its exact value (the full decimal expansion, which
 * terminates for every dyadic rational, else "p/q"), and metadata {@code exact=true},
 * {@code number_format} and {@code weights} saying so; {@link #loadExact} reads it back exactly.
 */
public final class RcnetFiles {
    /** The value of the {@code kind} metadata key. */
    public static final String KIND = "rcnet";
    /** The value of the {@code weights} metadata key. */
    public static final String EXACT = "exact: F64 values, JSON as shortest round-trip decimals";
    /** The value of the {@code weights} metadata key in a file written by {@link #saveExact}. */
    public static final String EXACT_STRINGS = "exact: decimal strings (values a double would round)";

    private RcnetFiles() {
    }

    /**
     * @param content a model file's content
     * @return whether it declares {@code kind=rcnet}
     */
    public static boolean isRcnet(TensorFile content) {
        return KIND.equals(content.metadata().get("kind"));
    }

    /**
     * @param network the network, not modified
     * @return its metadata and tensors
     */
    public static TensorFile toTensors(RepeatedCompositionNetwork network) {
        Objects.requireNonNull(network, "network");
        Param p = network.parameters();
        int[] n = p.widths();
        int k = network.blockDepth();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", StateDict.FORMAT);
        metadata.put("kind", KIND);
        metadata.put("widths", StateDict.widthsString(n));
        metadata.put("compositions", Integer.toString(network.repetitions()));
        metadata.put("activation", network.activation().toString());
        List<String> names = new ArrayList<>();
        for (PointwiseActivation a : network.blockActivations()) {
            names.add(a.toString());
        }
        metadata.put("block_activations", String.join(",", names));
        metadata.put("weights", EXACT);
        List<NamedTensor> tensors = new ArrayList<>();
        for (int i = 1; i <= p.depth(); i++) {
            String name = i == 1 ? "input" : i == p.depth() ? "output" : "block." + (i - 2);
            tensors.add(new NamedTensor(name + ".weight", new int[] {n[i], n[i - 1]}, p.weight(i).toRowMajor()));
            tensors.add(new NamedTensor(name + ".bias", new int[] {n[i]}, p.bias(i).toRowMajor()));
        }
        if (k != p.depth() - 2) {
            throw new IllegalStateException("the block depth " + k + " does not match the widths " + Arrays.toString(n));
        }
        return new TensorFile(metadata, tensors);
    }

    /**
     * @param content a file's content with {@code kind=rcnet}
     * @param backend the backend to hold the parameters
     * @return the network, holding exactly the file's values
     * @throws IllegalArgumentException naming the metadata key or tensor that is missing or inconsistent
     */
    public static RepeatedCompositionNetwork fromTensors(TensorFile content, Backend backend) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(backend, "backend");
        Map<String, String> meta = content.metadata();
        if (!isRcnet(content)) {
            throw new IllegalArgumentException("the file's kind is '" + meta.get("kind") + "', not rcnet");
        }
        int compositions = CompositeNetworkFiles.positiveInt(meta, "compositions");
        String list = CompositeNetworkFiles.required(meta, "block_activations");
        List<PointwiseActivation> activations = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            activations.add(PointwiseActivations.byName(name));
        }
        int k = activations.size();
        Map<String, NamedTensor> byName = new HashMap<>();
        for (NamedTensor t : content.tensors()) {
            byName.put(t.name(), t);
        }
        if (byName.size() != 2 * (k + 2)) {
            throw new IllegalArgumentException("an RCNet with " + k + " block layers has " + 2 * (k + 2)
                    + " tensors (input, block.0 … block." + (k - 1) + ", output), the file has " + byName.size());
        }
        int[] n = new int[k + 3];
        List<NamedTensor[]> layers = new ArrayList<>();
        for (int i = 1; i <= k + 2; i++) {
            String name = i == 1 ? "input" : i == k + 2 ? "output" : "block." + (i - 2);
            NamedTensor w = byName.get(name + ".weight");
            NamedTensor b = byName.get(name + ".bias");
            if (w == null || b == null) {
                throw new IllegalArgumentException("tensor '" + name + (w == null ? ".weight" : ".bias") + "' is missing");
            }
            if (w.rank() != 2 || b.rank() != 1 || b.dim(0) != w.dim(0)) {
                throw new IllegalArgumentException("tensors '" + name + ".weight' " + Arrays.toString(w.shape()) + " and '"
                        + name + ".bias' " + Arrays.toString(b.shape()) + " must be [rows, cols] and [rows]");
            }
            if (i == 1) {
                n[0] = w.dim(1);
            } else if (w.dim(1) != n[i - 1]) {
                throw new IllegalArgumentException("tensor '" + name + ".weight' takes " + w.dim(1)
                        + " inputs but the layer before gives " + n[i - 1]);
            }
            n[i] = w.dim(0);
            layers.add(new NamedTensor[] {w, b});
        }
        String widths = meta.get("widths");
        if (widths != null && !widths.equals(StateDict.widthsString(n))) {
            throw new IllegalArgumentException("metadata widths " + widths + " disagree with the tensors' "
                    + StateDict.widthsString(n));
        }
        String activation = meta.get("activation");
        Param p = Param.zeros(backend, n, false);
        for (int i = 1; i <= k + 2; i++) {
            NamedTensor[] layer = layers.get(i - 1);
            try (Tensor w = backend.fromRowMajor(n[i], n[i - 1], layer[0].values());
                 Tensor b = backend.fromRowMajor(1, n[i], layer[1].values())) {
                backend.copy(w, p.weight(i));
                backend.copy(b, p.bias(i));
            }
        }
        RepeatedCompositionNetwork network = new RepeatedCompositionNetwork(p, k, compositions, activations);
        if (activation != null && !activation.equals(network.activation().toString())) {
            throw new IllegalArgumentException("metadata activation '" + activation + "' disagrees with block_activations '"
                    + list + "'");
        }
        return network;
    }

    /**
     * Saves atomically, every value exactly ({@code .safetensors} as F64, or {@code .json}).
     *
     * @param network the network, not modified
     * @param file the file to create or replace
     */
    public static void save(RepeatedCompositionNetwork network, Path file) {
        Objects.requireNonNull(file, "file");
        CompositeNetworkFiles.write(file, toTensors(network));
    }

    /**
     * @param file a model file with {@code kind=rcnet}
     * @param backend the backend to hold the parameters
     * @return the network
     * @throws ModelFileException naming the file and the problem
     */
    public static RepeatedCompositionNetwork load(Path file, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        return CompositeNetworkFiles.read(file, content -> fromTensors(content, backend));
    }

    /**
     * Saves an RCNet with exact weights atomically as JSON (see the class comment).
     *
     * @param network the network
     * @param file a {@code .json} file to create or replace
     * @throws IllegalArgumentException if the file is not {@code .json}
     */
    public static void saveExact(ExactCompositionNetwork network, Path file) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(file, "file");
        if (ModelFiles.Format.of(file) != ModelFiles.Format.JSON) {
            throw new IllegalArgumentException("an RCNet with exact weights is saved as .json (its values are strings),"
                    + " got " + file);
        }
        ExactNetwork block = network.block();
        int k = block.depth();
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            names.add(block.reluAfter(j) ? "relu" : "identity");
        }
        ObjectNode root = ExactModelJson.document();
        ObjectNode meta = (ObjectNode) root.get("metadata");
        meta.put("format", StateDict.FORMAT);
        meta.put("kind", KIND);
        meta.put("widths", StateDict.widthsString(network.widths()));
        meta.put("compositions", Integer.toString(network.compositions()));
        meta.put("activation", "relu");
        meta.put("block_activations", String.join(",", names));
        meta.put("exact", "true");
        meta.put("number_format", ExactModelJson.NUMBER_FORMAT);
        meta.put("weights", EXACT_STRINGS);
        ObjectNode tensors = (ObjectNode) root.get("tensors");
        ExactModelJson.putLayer(tensors, "input", network.input());
        for (int j = 0; j < k; j++) {
            ExactModelJson.putLayer(tensors, "block." + j, block.layers().get(j));
        }
        ExactModelJson.putLayer(tensors, "output", network.output());
        ExactModelJson.writeAtomically(file, root);
    }

    /**
     * @param file a file written by {@link #saveExact}
     * @return its network, with the exact weights
     * @throws ModelFileException naming the file and the problem
     */
    public static ExactCompositionNetwork loadExact(Path file) {
        Objects.requireNonNull(file, "file");
        JsonNode root = ExactModelJson.readDocument(file);
        JsonNode meta = root.get("metadata");
        JsonNode tensors = root.get("tensors");
        try {
            if (!KIND.equals(meta.path("kind").asText())) {
                throw new IllegalArgumentException("the file's kind is '" + meta.path("kind").asText() + "', not rcnet");
            }
            Map<String, String> keys = new HashMap<>();
            meta.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue().asText()));
            int compositions = CompositeNetworkFiles.positiveInt(keys, "compositions");
            String[] activations = CompositeNetworkFiles.required(keys, "block_activations").split(",", -1);
            boolean[] relu = new boolean[activations.length];
            List<ExactAffine> layers = new ArrayList<>();
            for (int j = 0; j < activations.length; j++) {
                if (!activations[j].equals("relu") && !activations[j].equals("identity")) {
                    throw new IllegalArgumentException("block_activations entry " + j + " is '" + activations[j]
                            + "', not relu or identity");
                }
                relu[j] = activations[j].equals("relu");
                layers.add(ExactModelJson.layer(tensors, "block." + j));
            }
            if (tensors.size() != 2 * (activations.length + 2)) {
                throw new IllegalArgumentException("an RCNet with " + activations.length + " block layers has "
                        + 2 * (activations.length + 2) + " tensors, the file has " + tensors.size());
            }
            return new ExactCompositionNetwork(ExactModelJson.layer(tensors, "input"), ExactNetwork.of(layers, relu),
                    compositions, ExactModelJson.layer(tensors, "output"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

}
