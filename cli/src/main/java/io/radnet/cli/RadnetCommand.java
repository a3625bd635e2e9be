package io.radnet.cli;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.Backends;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code radnet} program: the top-level command, its subcommands and its error reporting.
 *
 * <p>Every command has {@code --help} and {@code --version} (which names the build's git
 * commit, as every JSON result does); {@code radnet completion} prints a bash completion
 * script. An error ends the program with
 * a non-zero exit code and a single line {@code radnet: REASON} on standard error: bad command
 * lines exit with 2 (and a hint to {@code --help}), failures while running exit with 1. The
 * option {@code --stacktrace}, accepted by every command, adds the Java stack trace of a
 * failure. Commands write only to picocli's out and err writers, which tests replace; what a
 * command writes to out is held until it succeeds and dropped when it fails
 * ({@link AllOrNothingExecution}), so a failure leaves nothing on standard output. An
 * {@link OutOfMemoryError} is a failure like the others: one line naming
 * {@code RADNET_JAVA_OPTS=-Xmx…}, exit code 1.
 *
 * <p>Backend diagnostics come through a seam: the program reads the JVM-wide
 * {@link Backends#describe()}; tests and hosts pass their own source, e.g. the
 * {@code diagnostics()} of a {@link io.radnet.api.BackendRegistry} holding fake providers.
 */
@Command(name = "radnet",
        mixinStandardHelpOptions = true,
        versionProvider = RadnetVersion.class,
        scope = ScopeType.INHERIT,
        description = "Radial neural networks, lossless QR compression and parameter-sharing networks "
                + "on a pluggable linear-algebra backend.")
public final class RadnetCommand implements Callable<Integer> {
    /** The program's commands, in the order {@code radnet --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(BackendsCommand.class, InitCommand.class,
            InfoCommand.class, CompressCommand.class, TrainCommand.class, EvalCommand.class, ReproduceCommand.class,
            ExperimentCommand.class, ApproximateCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);

    /** The commands whose work reads the whole command tree: they always get every command. */
    private static final Set<Class<?>> TREE_COMMANDS = Set.of(CompletionCommand.class, CommandLine.HelpCommand.class);

    /** The end of {@code radnet --help}, after the list of commands. */
    private static final String[] FOOTER = {
        "",
        "Every --json result ends with \"radnetVersion\" and \"radnetCommit\": the build",
        "that computed it. Shell completion: source <(radnet completion)",
    };

    @Spec
    private CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On an error, print the Java stack trace after the one-line reason.")
    private boolean stacktrace;

    private final Supplier<BackendDiagnostics> diagnostics;

    /** The program's command: backend diagnostics come from {@link Backends#describe()}. */
    public RadnetCommand() {
        this(Backends::describe);
    }

    /**
     * @param diagnostics where backend diagnostics come from, asked each time a command needs
     *     them (e.g. {@code registry::diagnostics} of a registry built for a test)
     */
    public RadnetCommand(Supplier<BackendDiagnostics> diagnostics) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
    }

    /**
     * Runs the program and exits the JVM with the command's exit code.
     *
     * @param args the command line, e.g. {@code backends --json}
     */
    public static void main(String[] args) {
        System.exit(commandLine(new RadnetCommand(), args).execute(args));
    }

    /**
     * Wraps a command with radnet's error reporting: one line {@code radnet: REASON} on the err
     * writer instead of picocli's usage dump or a stack trace. Callers may replace the out and
     * err writers afterwards. Every command is registered.
     *
     * @param command the top-level command
     * @return a command line ready to {@link CommandLine#execute(String...) execute}
     */
    public static CommandLine commandLine(RadnetCommand command) {
        return commandLine(command, COMMANDS);
    }

    /**
     * As {@link #commandLine(RadnetCommand)}, for running the given command line: when its first
     * argument names a command (by name or alias) other than {@code help} and
     * {@code completion}, only that command is registered, so picocli reads the annotations of
     * one command instead of the whole program's (the bulk of the start-up of a short run); it
     * parses, runs and reports errors exactly as the full tree would. Any other command line
     * (options first, no command, an unknown or mistyped command, {@code help}, {@code completion})
     * gets every command.
     *
     * @param command the top-level command
     * @param args the command line that will be executed
     * @return a command line ready to {@link CommandLine#execute(String...) execute} {@code args}
     */
    public static CommandLine commandLine(RadnetCommand command, String[] args) {
        Objects.requireNonNull(args, "args");
        if (args.length > 0) {
            for (Class<?> candidate : COMMANDS) {
                if (!TREE_COMMANDS.contains(candidate) && names(candidate).contains(args[0])) {
                    return commandLine(command, List.of(candidate));
                }
            }
        }
        return commandLine(command, COMMANDS);
    }

    /** @return the name and aliases of a command class, from its {@code @Command} annotation */
    private static List<String> names(Class<?> commandClass) {
        Command annotation = commandClass.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(annotation.aliases()));
        names.add(annotation.name());
        return names;
    }

    private static CommandLine commandLine(RadnetCommand command, List<Class<?>> commands) {
        ErrorReporter reporter = new ErrorReporter(command);
        CommandLine commandLine = new CommandLine(command);
        for (Class<?> subcommand : commands) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine
                .setExecutionStrategy(new AllOrNothingExecution())
                .setExecutionExceptionHandler(reporter)
                .setParameterExceptionHandler(reporter);
        // Set here rather than in the annotation, whose attributes every subcommand inherits.
        commandLine.getCommandSpec().usageMessage().footer(FOOTER);
        return commandLine;
    }

    /**
     * @return the current backend diagnostics, from the source given at construction
     */
    BackendDiagnostics diagnostics() {
        return diagnostics.get();
    }

    /**
     * {@code radnet} without a command: prints the usage on the err writer.
     *
     * @return {@link ExitCode#USAGE}
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("radnet: a command is required");
        spec.commandLine().usage(err);
        err.flush();
        return ExitCode.USAGE;
    }

    /** Turns picocli's parse errors and command failures into one-line reasons. */
    private static final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
        private final RadnetCommand root;

        ErrorReporter(RadnetCommand root) {
            this.root = root;
        }

        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine commandLine = e.getCommandLine();
            PrintWriter err = commandLine.getErr();
            err.println("radnet: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            CommandLine.IExitCodeExceptionMapper mapper = commandLine.getExitCodeExceptionMapper();
            return mapper != null ? mapper.getExitCode(e) : commandLine.getCommandSpec().exitCodeOnInvalidInput();
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            String message = e.getMessage();
            err.println("radnet: " + (message == null || message.isBlank()
                    ? "internal error (" + e.getClass().getSimpleName() + " without a message); rerun with"
                            + " --stacktrace and report it"
                    : message));
            if (root.stacktrace) {
                e.printStackTrace(err);
            }
            err.flush();
            CommandLine.IExitCodeExceptionMapper mapper = commandLine.getExitCodeExceptionMapper();
            return mapper != null ? mapper.getExitCode(e) : commandLine.getCommandSpec().exitCodeOnExecutionException();
        }
    }
}
