package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.io.ModelFileException;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.io.RcnetFiles;
import io.radnet.core.io.StateDict;
import io.radnet.core.io.TensorFile;
import io.radnet.core.network.FeedForwardNetwork;
import io.radnet.core.network.Network;
import io.radnet.core.network.RepeatedCompositionNetwork;
import java.nio.file.Path;
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
            description = "The backend to compute on (see 'radnet backends'); default: the default backend.")
    String backendName;

    /** @return the backend asked for, or the default one */
    Backend backend() {
        return backendName == null ? Backends.defaultBackend() : Backends.get(backendName);
    }

    /**
     * @param backend where the parameters go
     * @return the model, validated
     */
    FeedForwardNetwork load(Backend backend) {
        return ModelFiles.load(model, backend, kind(), activation);
    }

    /**
     * @param backend where the parameters go
     * @return the model: a {@link RepeatedCompositionNetwork} for a file of kind rcnet
     *     ({@link RcnetFiles}), else as {@link #load}
     */
    Network loadAny(Backend backend) {
        TensorFile content = ModelFiles.readTensors(model);
        if (RcnetFiles.isRcnet(content) && (kindName != null || activation != null)) {
            throw new IllegalArgumentException(model + " is an RCNet file, which declares its own kind and "
                    + "activations; drop --kind and --activation");
        }
        StateDict.Kind plainKind = RcnetFiles.isRcnet(content) ? null : kind();
        try {
            return RcnetFiles.isRcnet(content) ? RcnetFiles.fromTensors(content, backend)
                    : StateDict.toNetwork(content, backend, plainKind, activation);
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(model + ": " + e.getMessage(), e);
        }
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
