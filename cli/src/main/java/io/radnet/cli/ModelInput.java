package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.api.Workload;
import io.radnet.core.cnn.CnnWorkload;
import io.radnet.core.cnn.SequentialNetwork;
import io.radnet.core.data.Dataset;
import io.radnet.core.io.ExactModelJson;
import io.radnet.core.io.FileChecks;
import io.radnet.core.io.HypernetworkFiles;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.CnnFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.io.TensorFile;
import io.radnet.core.loss.Loss;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Network;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of every command that reads a model: the model file, the kind and activation of
 * a plain PyTorch state dict and the backend. A picocli mixin.
 */
final class ModelInput {
    @Parameters(index = "0", paramLabel = "MODEL",
            description = "The model file: .safetensors (F64 or F32; a radnet file or a plain PyTorch state dict) "
                    + "or .json.")
    Path model;

    @Option(names = "--kind", paramLabel = "radial|mlp",
            description = "The kind of a plain PyTorch state dict (no radnet metadata), required for one (never "
                    + "guessed): radial or mlp. Checked against a radnet file's own kind.")
    String kindName;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "The activation of a plain PyTorch state dict (no radnet metadata), case-insensitive. "
                    + "Radial: sigmoid, tanh, relu, step-relu, squash or shifted-relu:B (a shift s, act_fns.{i}.bias, "
                    + "gives h(r + s)). MLP: relu, leaky-relu:A, sigmoid, tanh, elu:A, softplus or identity.")
    String activation;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to compute on (see 'radnet backends'); default: chosen by the size of the work "
                    + "('radnet backends' says how).")
    String backendName;

    private TensorFile content;

    /**
     * @return the model file's metadata and tensors, read once
     * @throws io.radnet.core.io.ModelFileException naming the file and the problem
     */
    private TensorFile content() {
        if (content == null) {
            content = ModelFiles.readTensors(model);
        }
        return content;
    }

    /**
     * @return the model's widths n₀ … n_L, from its weight shapes (no network is built)
     * @throws io.radnet.core.io.ModelFileException naming the file and the tensor that does not chain
     */
    int[] widths() {
        requireChainKind();
        return ModelFiles.widths(model, content());
    }

    /**
     * @throws IllegalArgumentException naming the file's kind when it holds a network that is
     *     not a chain of layers (rcnet, cnn, hypernetwork, embedding), which only info and eval read
     */
    private void requireChainKind() {
        if (RcnetFiles.isRcnet(content()) || CnnFiles.isCnn(content())
                || HypernetworkFiles.isHypernetworkOrEmbedding(content())) {
            throw new IllegalArgumentException(model + " holds a network of kind " + content().metadata().get("kind")
                    + "; this command takes radial and mlp models ('radnet info' and 'radnet eval' read every kind)");
        }
    }

    /**
     * @param work what the command will compute with the model
     * @return the backend asked for with {@code --backend}, else the default for that work
     *     ({@link Backends#defaultBackendFor}: the configured backend, else by its size)
     */
    Backend backendFor(Workload work) {
        return backendName == null ? Backends.defaultBackendFor(work) : Backends.get(backendName);
    }

    /**
     * @return the backend asked for with {@code --backend}, else the default for work without
     *     size (reading and describing a model)
     */
    Backend backend() {
        return backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
    }

    /**
     * @param backend where the parameters go
     * @return the model, validated (the file is read once, however many backends load it)
     */
    FeedForwardNetwork load(Backend backend) {
        requireChainKind();
        return ModelFiles.toNetwork(model, content(), backend, kind(), activation);
    }

    /**
     * Drops the file's content read so far (by {@link #widths()} or {@link #load}), so that its
     * arrays can be collected once the last backend has its copy of them; a later call reads
     * the file again.
     */
    void releaseContent() {
        content = null;
    }

    /**
     * A model and its data set, on one backend.
     *
     * @param <N> the kind of network
     */
    record ModelAndData<N extends Network>(N network, Dataset data) {
    }

    /**
     * Loads the model and its data set on the backend for passes over the data: the one asked
     * for with {@code --backend}, else the default for network passes (radial or not, as the
     * model is) of the model's widths on batches of {@code batch} samples (the whole data set
     * when null), one step per batch of the data set (one epoch: a training run of several
     * epochs only spreads its allocations over more steps). The data set's size is
     * known only once it is read, so without {@code --backend} both are read on the default
     * for small work and copied to the chosen backend when that is another one. A network that
     * is neither a feed-forward chain of widths nor a network of layers (an RCNet, a
     * hypernetwork) stays on the default for small work; a network of layers (a CNN) is read as
     * {@link CnnWorkload#trainingStep} on batches of that size.
     *
     * @param <N> the kind of network
     * @param loader reads the model onto a backend ({@link #load} or {@link #loadAny})
     * @param data the data options
     * @param loss the loss, which decides the target columns
     * @param batch the samples per pass, or null for the whole data set
     * @return the model and the data on one backend
     */
    <N extends Network> ModelAndData<N> loadWithData(Function<Backend, N> loader, DataInput data, Loss loss,
            Integer batch) {
        if (backendName != null) {
            N network = loader.apply(Backends.get(backendName));
            return new ModelAndData<>(network, data.read(network, loss));
        }
        N network = loader.apply(Backends.defaultBackend());
        Dataset set = data.read(network, loss);
        int samples = batch == null ? set.size() : Math.min(batch, set.size());
        int passBatch = Math.max(1, samples);
        long passesOverTheData = Math.max(1, ((long) set.size() + passBatch - 1) / passBatch);
        Workload step;
        if (network instanceof SequentialNetwork layers) {
            step = CnnWorkload.trainingStep(layers, passBatch);
        } else if (network instanceof FeedForwardNetwork chain) {
            step = chain instanceof RadialNetwork ? Workload.radialNetworkPasses(chain.widths(), passBatch)
                    : Workload.networkPasses(chain.widths(), passBatch);
        } else {
            return new ModelAndData<>(network, set);
        }
        Backend chosen = Backends.defaultBackendFor(step.withSteps(passesOverTheData));
        if (chosen == network.backend()) {
            return new ModelAndData<>(network, set);
        }
        return new ModelAndData<>(loader.apply(chosen), set.copyTo(chosen));
    }

    /**
     * @param backend where the parameters go
     * @return the model: a {@link RepeatedCompositionNetwork} for a file of kind rcnet
     *     ({@link RcnetFiles}), a {@link io.radnet.core.cnn.SequentialNetwork} for kind cnn
     *     ({@link CnnFiles}), a {@link io.radnet.core.network.HyperNetwork} or
     *     {@link io.radnet.core.network.EmbeddingNetwork} for a file of kind hypernetwork or
     *     embedding ({@link HypernetworkFiles}), else as {@link #load}
     */
    Network loadAny(Backend backend) {
        boolean rcnet = RcnetFiles.isRcnet(content());
        boolean cnn = CnnFiles.isCnn(content());
        boolean composite = HypernetworkFiles.isHypernetworkOrEmbedding(content());
        if (!rcnet && !cnn && !composite) {
            return load(backend);
        }
        if (kindName != null || activation != null) {
            String kind = rcnet ? "an RCNet" : cnn ? "a CNN" : "a " + content().metadata().get("kind");
            throw new IllegalArgumentException(model + " is " + kind
                    + " file, which declares its own kind and activations; drop --kind and --activation");
        }
        try {
            if (rcnet) {
                return RcnetFiles.fromTensors(content(), backend);
            }
            return cnn ? CnnFiles.fromTensors(content(), backend) : HypernetworkFiles.fromTensors(content(), backend);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model + ": " + e.getMessage(), e);
        }
    }

    /**
     * @return whether the model is a JSON file of exact rational weights ({@link ExactModelJson},
     *     metadata {@code exact=true}), which {@link #exactContent} reads instead of {@link #loadAny}
     * @throws ModelFileException naming the file when it is missing or not a regular file
     */
    boolean isExact() {
        FileChecks.requireRegularInput(model, "model");
        return ModelFiles.Format.of(model) == ModelFiles.Format.JSON && ExactModelJson.declaresExact(model);
    }

    /**
     * @return the exact network and metadata of a file for which {@link #isExact} holds
     * @throws IllegalArgumentException if --kind or --activation is given (the file declares both)
     * @throws ModelFileException naming the file and the problem
     */
    ExactModelJson.Content exactContent() {
        if (kindName != null || activation != null) {
            throw new IllegalArgumentException(model + " is an exact model file (exact=true), which declares its own "
                    + "layers' activations; drop --kind and --activation");
        }
        return ExactModelJson.readContent(model);
    }

    /**
     * @return the kind asked for with {@code --kind}, or null
     * @throws IllegalArgumentException listing the choices if the name is unknown
     */
    StateDict.Kind kind() {
        if (kindName == null) {
            return null;
        }
        try {
            return StateDict.Kind.byName(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kind: " + e.getMessage(), e);
        }
    }
}
