package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.io.ModelFiles;
import io.radnet.core.network.FeedForwardNetwork;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of every command that reads a model: the model file, the activation of a plain
 * PyTorch state dict and the backend. A picocli mixin.
 */
final class ModelInput {
    @Parameters(index = "0", paramLabel = "MODEL",
            description = "The model file: .safetensors (F64 or F32; a radnet file or a plain PyTorch state dict) "
                    + "or .json.")
    Path model;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "The radial activation of a plain PyTorch state dict (no radnet metadata), "
                    + "case-insensitive: sigmoid, tanh, relu, step-relu, squash or shifted-relu:B; "
                    + "a shift act_fns.{i}.bias = s gives h(r + s).")
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
        return ModelFiles.load(model, backend, activation);
    }
}
