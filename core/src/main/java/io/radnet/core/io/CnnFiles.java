package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import io.radnet.core.cnn.BatchNorm;
import io.radnet.core.cnn.Block;
import io.radnet.core.cnn.Conv2d;
import io.radnet.core.cnn.Dropout;
import io.radnet.core.cnn.FeatureShape;
import io.radnet.core.cnn.Layer;
import io.radnet.core.cnn.Linear;
import io.radnet.core.cnn.MaxPool2d;
import io.radnet.core.cnn.SequentialNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model files of convolutional {@link SequentialNetwork}s, in the formats of {@link ModelFiles},
 * with the tensor names of PyTorch's {@code nn.Sequential} state dict of the same modules: for
 * module i, {@code i.weight} and {@code i.bias} (Conv2d [C_out, C_in, k, k] and [C_out], Linear
 * [out, in] and [out], batch norm γ and β [C]) and, for batch norm, {@code i.running_mean},
 * {@code i.running_var} [C] and {@code i.num_batches_tracked} [] (a scalar), in module order as
 * PyTorch's {@code state_dict()} lists them. So a file loads into the equivalent PyTorch module
 * with a strict {@code load_state_dict}, and a state dict PyTorch saved loads here
 * ({@link #loadState}; I64 scalars are read exactly).
 *
 * <p>Metadata: {@code format=radnet}, {@code kind=cnn}, {@code input} (the input features,
 * {@code C}x{@code H}x{@code W} for maps, e.g. {@code 1x28x28}, or a number for a vector),
 * {@code layers} (the modules in order, separated by {@code ;}: {@code Conv2d(in,out,k,stride,padding,bias)},
 * {@code BatchNorm2d(C)}, {@code BatchNorm1d(C)}, {@code ReLU()}, {@code MaxPool2d(k,stride)},
 * {@code Dropout(p)}, {@code Flatten()}, {@code Linear(in,out,bias)}) and {@code blocks} (each
 * block's name and number of modules, e.g. {@code block1:8;block2:8}), so a file describes its
 * architecture. Values are stored exactly in F64 (or rounded to F32 when asked).
 */
public final class CnnFiles {
    /** The value of the {@code kind} metadata key. */
    public static final String KIND = "cnn";

    private static final Pattern MODULE = Pattern.compile("([A-Za-z0-9]+)\\(([^()]*)\\)");

    private CnnFiles() {
    }

    /**
     * @param content a model file's content
     * @return whether it declares {@code kind=cnn}
     */
    public static boolean isCnn(TensorFile content) {
        return KIND.equals(content.metadata().get("kind"));
    }

    /**
     * @param layer a layer
     * @return its entry of the {@code layers} metadata, e.g. {@code Conv2d(1,32,3,1,0,true)}
     */
    public static String spec(Layer layer) {
        FeatureShape in = layer.inputShape();
        if (layer instanceof Conv2d conv) {
            return "Conv2d(" + in.channels() + "," + conv.outputChannels() + "," + conv.geometry().kernel() + ","
                    + conv.geometry().stride() + "," + conv.geometry().padding() + "," + conv.hasBias() + ")";
        }
        if (layer instanceof Linear linear) {
            return "Linear(" + in.channels() + "," + layer.outputShape().channels() + "," + linear.hasBias() + ")";
        }
        if (layer instanceof BatchNorm norm) {
            return layer.typeName() + "(" + norm.features() + ")";
        }
        if (layer instanceof MaxPool2d pool) {
            return "MaxPool2d(" + pool.geometry().kernel() + "," + pool.geometry().stride() + ")";
        }
        if (layer instanceof Dropout dropout) {
            return "Dropout(" + dropout.probability() + ")";
        }
        return layer.typeName() + "()";
    }

    /**
     * @param network the network, not modified
     * @return its metadata and tensors (parameters and batch-norm state), in module order
     * @throws IllegalArgumentException if a block's name contains {@code ;} or {@code :}
     */
    public static TensorFile toTensors(SequentialNetwork network) {
        Objects.requireNonNull(network, "network");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", StateDict.FORMAT);
        metadata.put("kind", KIND);
        metadata.put("input", network.inputShape().toString());
        List<String> specs = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (Block block : network.blocks()) {
            if (block.name().contains(";") || block.name().contains(":")) {
                throw new IllegalArgumentException("block name '" + block.name() + "' cannot be stored: it contains ; or :");
            }
            blocks.add(block.name() + ":" + block.layers().size());
        }
        List<NamedTensor> tensors = new ArrayList<>();
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            specs.add(spec(layer));
            for (int k = 0; k < layer.parameters().size(); k++) {
                String name = layer.parameterNames().get(k);
                tensors.add(new NamedTensor(i + "." + name, torchShape(layer, name), layer.parameters().get(k).toRowMajor()));
            }
            if (layer instanceof BatchNorm norm) {
                int[] vector = {norm.features()};
                tensors.add(new NamedTensor(i + ".running_mean", vector, norm.runningMean().toRowMajor()));
                tensors.add(new NamedTensor(i + ".running_var", vector, norm.runningVariance().toRowMajor()));
                tensors.add(new NamedTensor(i + ".num_batches_tracked", new int[0],
                        new double[] {norm.batchesTracked()}));
            }
        }
        metadata.put("layers", String.join(";", specs));
        metadata.put("blocks", String.join(";", blocks));
        return new TensorFile(metadata, tensors);
    }

    /** @return the PyTorch shape of a layer's parameter */
    private static int[] torchShape(Layer layer, String name) {
        int out = layer.outputShape().channels();
        if (name.equals("bias") || layer instanceof BatchNorm) {
            return new int[] {out};
        }
        if (layer instanceof Conv2d conv) {
            int k = conv.geometry().kernel();
            return new int[] {out, conv.geometry().channels(), k, k};
        }
        return new int[] {out, layer.inputShape().channels()};
    }

    /**
     * Builds the network a file describes and loads its tensors.
     *
     * @param content a file's content with {@code kind=cnn}
     * @param backend the backend to hold the parameters
     * @return the network, holding exactly the file's values, every layer in training mode
     * @throws IllegalArgumentException naming the metadata key, module or tensor that is missing or inconsistent
     */
    public static SequentialNetwork fromTensors(TensorFile content, Backend backend) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(backend, "backend");
        Map<String, String> meta = content.metadata();
        if (!isCnn(content)) {
            throw new IllegalArgumentException("the file's kind is '" + meta.get("kind") + "', not cnn");
        }
        SequentialNetwork.Builder builder = SequentialNetwork.builder(backend, parseShape(required(meta, "input")), 0);
        String[] specs = required(meta, "layers").split(";", -1);
        int next = 0;
        for (String block : required(meta, "blocks").split(";", -1)) {
            int colon = block.lastIndexOf(':');
            int count = colon <= 0 ? -1 : parseInt(block.substring(colon + 1), "blocks entry '" + block + "'");
            if (count < 1 || next + count > specs.length) {
                throw new IllegalArgumentException("metadata blocks entry '" + block + "' must be name:count with 1 ≤ count"
                        + " and the counts adding up to the " + specs.length + " layers");
            }
            builder.block(block.substring(0, colon));
            for (int k = 0; k < count; k++) {
                addModule(builder, specs[next].trim(), next);
                next++;
            }
        }
        if (next != specs.length) {
            throw new IllegalArgumentException("metadata blocks hold " + next + " modules but layers lists " + specs.length);
        }
        SequentialNetwork network = builder.build();
        loadState(content, network);
        return network;
    }

    private static void addModule(SequentialNetwork.Builder builder, String spec, int index) {
        Matcher m = MODULE.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("module " + index + " '" + spec + "' is not Type(arguments)");
        }
        String type = m.group(1);
        String[] args = m.group(2).isBlank() ? new String[0] : m.group(2).split(",", -1);
        String where = "module " + index + " " + spec;
        FeatureShape current = builder.currentShape();
        try {
            switch (type) {
                case "Conv2d" -> {
                    requireArguments(where, args, 6);
                    requireInput(where, parseInt(args[0], where), current.channels());
                    builder.conv2d(parseInt(args[1], where), parseInt(args[2], where), parseInt(args[3], where),
                            parseInt(args[4], where), parseBoolean(args[5], where));
                }
                case "Linear" -> {
                    requireArguments(where, args, 3);
                    requireInput(where, parseInt(args[0], where), current.size());
                    builder.linear(parseInt(args[1], where), parseBoolean(args[2], where));
                }
                case "BatchNorm2d", "BatchNorm1d" -> {
                    requireArguments(where, args, 1);
                    requireInput(where, parseInt(args[0], where), current.channels());
                    if (type.equals("BatchNorm2d")) {
                        builder.batchNorm2d();
                    } else {
                        builder.batchNorm1d();
                    }
                }
                case "MaxPool2d" -> {
                    requireArguments(where, args, 2);
                    builder.maxPool2d(parseInt(args[0], where), parseInt(args[1], where));
                }
                case "Dropout" -> {
                    requireArguments(where, args, 1);
                    builder.dropout(parseDouble(args[0], where));
                }
                case "ReLU" -> {
                    requireArguments(where, args, 0);
                    builder.relu();
                }
                case "Flatten" -> {
                    requireArguments(where, args, 0);
                    builder.flatten();
                }
                default -> throw new IllegalArgumentException(where + ": unknown module type '" + type
                        + "' (known: Conv2d, BatchNorm2d, BatchNorm1d, ReLU, MaxPool2d, Dropout, Flatten, Linear)");
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void requireArguments(String where, String[] args, int count) {
        if (args.length != count) {
            throw new IllegalArgumentException(where + ": expected " + count + " arguments, got " + args.length);
        }
    }

    private static void requireInput(String where, int declared, int actual) {
        if (declared != actual) {
            throw new IllegalArgumentException(where + ": takes " + declared + " input features but the module before"
                    + " gives " + actual);
        }
    }

    /**
     * Loads a file's tensors into a network of the same architecture: a radnet CNN file or a plain
     * PyTorch state dict of the equivalent {@code nn.Sequential} (no metadata needed). The file must
     * hold exactly the network's tensor names with PyTorch's shapes; num_batches_tracked a
     * non-negative integer, running variances non-negative.
     *
     * @param content the tensors (metadata ignored)
     * @param network the network to overwrite; left unchanged when the content is refused
     * @throws IllegalArgumentException naming the first missing, unexpected or misshapen tensor
     */
    public static void loadState(TensorFile content, SequentialNetwork network) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(network, "network");
        TensorFile expected = toTensors(network);
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        for (NamedTensor t : content.tensors()) {
            byName.put(t.name(), t);
        }
        for (NamedTensor want : expected.tensors()) {
            NamedTensor have = byName.get(want.name());
            if (have == null) {
                throw new IllegalArgumentException("tensor '" + want.name() + "' is missing (the network's module "
                        + want.name().substring(0, want.name().indexOf('.')) + " needs it)");
            }
            if (!java.util.Arrays.equals(have.shape(), want.shape())) {
                throw new IllegalArgumentException("tensor '" + want.name() + "' has shape "
                        + java.util.Arrays.toString(have.shape()) + " but the network needs "
                        + java.util.Arrays.toString(want.shape()));
            }
            double[] values = have.values();
            if (want.name().endsWith(".running_var")) {
                for (double v : values) {
                    if (v < 0) {
                        throw new IllegalArgumentException("tensor '" + want.name() + "' holds the negative variance " + v);
                    }
                }
            }
            if (want.name().endsWith(".num_batches_tracked") && (values[0] < 0 || values[0] != Math.rint(values[0]))) {
                throw new IllegalArgumentException("tensor '" + want.name() + "' must be a non-negative integer, got "
                        + values[0]);
            }
        }
        if (byName.size() != expected.tensors().size()) {
            List<String> known = expected.tensors().stream().map(NamedTensor::name).toList();
            String extra = byName.keySet().stream().filter(name -> !known.contains(name)).findFirst().orElse("?");
            throw new IllegalArgumentException("tensor '" + extra + "' is not a tensor of the network (" + network
                    + ")");
        }
        List<Layer> layers = network.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            for (int k = 0; k < layer.parameters().size(); k++) {
                layer.parameters().get(k).setRowMajor(byName.get(i + "." + layer.parameterNames().get(k)).values());
            }
            if (layer instanceof BatchNorm norm) {
                norm.runningMean().setRowMajor(byName.get(i + ".running_mean").values());
                norm.runningVariance().setRowMajor(byName.get(i + ".running_var").values());
                norm.setBatchesTracked((long) byName.get(i + ".num_batches_tracked").values()[0]);
            }
        }
    }

    /**
     * Saves atomically, every value exactly ({@code .safetensors} as F64, or {@code .json}).
     *
     * @param network the network, not modified
     * @param file the file to create or replace
     */
    public static void save(SequentialNetwork network, Path file) {
        save(network, file, Dtype.F64);
    }

    /**
     * Saves atomically.
     *
     * @param network the network, not modified
     * @param file the {@code .safetensors} or {@code .json} file to create or replace
     * @param dtype F64 (exact) or F32 (rounded to nearest; {@code .safetensors} only)
     */
    public static void save(SequentialNetwork network, Path file, Dtype dtype) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dtype, "dtype");
        ModelFiles.Format format = ModelFiles.Format.of(file);
        ModelFiles.requireWritable(format, dtype, file);
        TensorFile content = toTensors(network);
        if (format == ModelFiles.Format.SAFETENSORS) {
            Safetensors.write(file, content, dtype);
        } else {
            ModelJson.write(file, content);
        }
    }

    /**
     * @param file a model file with {@code kind=cnn}
     * @param backend the backend to hold the parameters
     * @return the network
     * @throws ModelFileException naming the file and the problem
     */
    public static SequentialNetwork load(Path file, Backend backend) {
        TensorFile content = ModelFiles.readTensors(file);
        try {
            return fromTensors(content, backend);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    private static FeatureShape parseShape(String text) {
        String[] parts = text.trim().split("x", -1);
        if (parts.length == 1) {
            return FeatureShape.vector(parseInt(parts[0], "metadata input"));
        }
        if (parts.length != 3) {
            throw new IllegalArgumentException("metadata input '" + text + "' must be CxHxW or a number of features");
        }
        return FeatureShape.maps(parseInt(parts[0], "metadata input"), parseInt(parts[1], "metadata input"),
                parseInt(parts[2], "metadata input"));
    }

    private static String required(Map<String, String> meta, String key) {
        String value = meta.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("metadata '" + key + "' is missing");
        }
        return value;
    }

    private static int parseInt(String text, String where) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not an integer", e);
        }
    }

    private static double parseDouble(String text, String where) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a number", e);
        }
    }

    private static boolean parseBoolean(String text, String where) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(where + ": '" + text + "' is not true or false");
        };
    }
}
