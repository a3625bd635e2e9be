package io.radnet.cli;

import io.radnet.core.io.FileChecks;
import io.radnet.core.io.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The files one command reads and writes, checked together before the command does any work,
 * so a refused path costs nothing and changes nothing.
 *
 * <p>Every input must be a regular file ({@link FileChecks#requireRegularInput}: a FIFO or a
 * device is refused instead of blocking); a failure exits with 1, as an unreadable input does.
 * Every output (followed through symbolic links, as it will be written) must
 * <ul>
 *   <li>end in the extension of what is written ({@link Kind});</li>
 *   <li>be a regular file or a new name in an existing directory, not write-protected
 *       ({@link FileChecks#outputProblem}): a directory, FIFO or device is never replaced;</li>
 *   <li>not be an input of the command: neither the same path, nor a symbolic or hard link to
 *       it (same device and inode);</li>
 *   <li>differ from every other output of the command.</li>
 * </ul>
 * A refused output is a usage error: exit code 2 and the line
 * {@code radnet: cannot write PATH (OPTION): PROBLEM}.
 */
final class CommandFiles {
    /** What an output holds, and so the extension its name must end in. */
    enum Kind {
        /** A model file: {@code .safetensors} or {@code .json}, as {@link ModelFiles.Format} chooses. */
        MODEL("a model is written as .safetensors or .json; the name must end in one of them"),
        /** A training checkpoint: {@code .safetensors}. */
        CHECKPOINT("a checkpoint is written as .safetensors; the name must end in it"),
        /** A chart: {@code .png}, {@code .svg} or {@code .pdf}, as {@link Charts.Format} chooses. */
        CHART("a chart is written as PNG, SVG or PDF; the name must end in .png, .svg or .pdf"),
        /** A CSV table. */
        CSV("predictions are written as CSV; the name must end in .csv");

        private final String rule;

        Kind(String rule) {
            this.rule = rule;
        }

        boolean accepts(Path file) {
            String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
            return switch (this) {
                case MODEL -> name.endsWith(".safetensors") || name.endsWith(".json");
                case CHECKPOINT -> name.endsWith(".safetensors");
                case CHART -> name.endsWith(".png") || name.endsWith(".svg") || name.endsWith(".pdf");
                case CSV -> name.endsWith(".csv");
            };
        }
    }

    private record Input(String role, Path file) {
    }

    private record Output(String option, Path file, Kind kind) {
    }

    private final CommandLine commandLine;
    private final List<Input> inputs = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();

    /**
     * @param commandLine the command whose files these are, for usage errors
     */
    CommandFiles(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    /**
     * @param role what the file is, e.g. "model" or "data file"
     * @param file a file the command reads, or null when the option is not given
     * @return this
     */
    CommandFiles input(String role, Path file) {
        if (file != null) {
            inputs.add(new Input(role, file));
        }
        return this;
    }

    /**
     * @param option the option naming the file, e.g. "--plot"
     * @param file a file the command writes, or null when the option is not given
     * @param kind what is written to it
     * @return this
     */
    CommandFiles output(String option, Path file, Kind kind) {
        if (file != null) {
            outputs.add(new Output(option, file, kind));
        }
        return this;
    }

    /**
     * Checks every input, then every output, in the order given.
     *
     * @throws io.radnet.core.io.ModelFileException naming an input that is not a regular file
     * @throws ParameterException naming an output, its option and the problem
     */
    void check() {
        for (Input input : inputs) {
            FileChecks.requireRegularInput(input.file(), input.role());
        }
        for (int k = 0; k < outputs.size(); k++) {
            Output output = outputs.get(k);
            problem(output, outputs.subList(0, k)).ifPresent(problem -> {
                throw new ParameterException(commandLine, "cannot write " + output.file() + " (" + output.option()
                        + "): " + problem);
            });
        }
    }

    private Optional<String> problem(Output output, List<Output> earlier) {
        if (!output.kind().accepts(output.file())) {
            return Optional.of(output.kind().rule);
        }
        for (Input input : inputs) {
            if (FileChecks.sameFile(output.file(), input.file())) {
                return Optional.of("it is the " + input.role() + " " + input.file()
                        + " this command reads; an input is never overwritten");
            }
        }
        for (Output other : earlier) {
            if (FileChecks.sameFile(output.file(), other.file())) {
                return Optional.of("it is also the output of " + other.option());
            }
        }
        return FileChecks.outputProblem(output.file());
    }
}
