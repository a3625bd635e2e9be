package io.radnet.cli;

import io.radnet.api.BackendDiagnostics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * One run of the {@code radnet} program inside the test JVM: its exit code and everything it
 * wrote to out and err.
 */
record CliRun(int exitCode, String out, String err) {
    /**
     * Runs the program as {@code main} would (registering only the command the arguments name,
     * {@link RadnetCommand#commandLine(RadnetCommand, String[])}), with backend diagnostics from
     * the given source.
     */
    static CliRun run(Supplier<BackendDiagnostics> diagnostics, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RadnetCommand.commandLine(new RadnetCommand(diagnostics), args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** What the program wrote to out, line by line. */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** What the program wrote to err, line by line. */
    List<String> errLines() {
        return err.lines().toList();
    }
}
