package io.radnet.bench;

import picocli.CommandLine;

/** Runs the bench module's command-line tools with one-line error reports. */
public final class Tools {
    private Tools() {
    }

    /**
     * Runs a picocli command; an exception while running becomes {@code NAME: REASON} on
     * standard error and exit code 2 (unusable input).
     *
     * @param name the tool's name, e.g. {@code gate}
     * @param command the picocli command object
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String name, Object command, String... args) {
        return commandLine(name, command).execute(args);
    }

    /**
     * @param name the tool's name, e.g. {@code gate}
     * @param command the picocli command object
     * @return its command line, reporting an exception while running as {@code NAME: REASON}
     *     on its err writer with exit code 2
     */
    public static CommandLine commandLine(String name, Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println(name + ": " + e.getMessage());
            cl.getErr().flush();
            return 2;
        });
        return commandLine;
    }
}
