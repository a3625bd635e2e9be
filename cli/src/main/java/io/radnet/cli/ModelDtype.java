package io.radnet.cli;

import io.radnet.core.io.Dtype;
import io.radnet.core.io.ModelFiles;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --dtype} option of every command that writes a model: the element type of the
 * safetensors file written. A picocli mixin.
 */
final class ModelDtype {
    @Option(names = "--dtype", paramLabel = "f64|f32", defaultValue = "f64",
            description = "The element type of the model file written (default: ${DEFAULT-VALUE}): f64 stores the "
                    + "parameters exactly; f32 rounds each to the nearest float (ties to even) and says so in the "
                    + "file's metadata (dtype, rounding). f32 needs a .safetensors output.")
    String name;

    /**
     * @param commandLine the command, for usage errors
     * @param output the model file the command writes
     * @return the dtype asked for
     * @throws ParameterException (exit 2) if the name is unknown or the output's format cannot
     *     hold it (f32 in a .json model)
     */
    Dtype dtype(CommandLine commandLine, Path output) {
        Dtype dtype;
        try {
            dtype = Dtype.byName(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--dtype: " + e.getMessage());
        }
        try {
            ModelFiles.requireWritable(ModelFiles.Format.of(output), dtype, output);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--dtype " + dtype.label() + ": " + e.getMessage());
        }
        return dtype;
    }
}
