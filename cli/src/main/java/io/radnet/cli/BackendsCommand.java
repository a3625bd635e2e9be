package io.radnet.cli;

import io.radnet.api.BackendDiagnostics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code radnet backends [--json]}: lists every discovered linear-algebra backend, which one
 * is the default and why, and why any backend cannot run here. The report format is
 * {@link BackendsReport}'s. The report is always printed; the exit code is 0 when a default
 * backend can be selected and 1 otherwise (unknown or unavailable configured backend, or none
 * available), with the reason as one line on stderr, so scripts can check a machine's set-up.
 */
@Command(name = "backends",
        description = {
            "Lists the linear-algebra backends and whether each can run here.",
            "Per backend found on the class path: library version, native or pure Java, threads, and the reason "
                    + "and fix when it cannot run. The default is marked with '*'.",
            "The default is chosen by the system property radnet.backend, else the environment variable "
                    + "RADNET_BACKEND, else the highest-priority available backend."
        })
public final class BackendsCommand implements Callable<Integer> {
    @ParentCommand
    private RadnetCommand radnet;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON: {\"default\", \"backends\": [...]} "
            + "(and \"problem\" when the default cannot be selected).")
    private boolean json;

    /** Creates the command; picocli instantiates it as a subcommand of {@link RadnetCommand}. */
    public BackendsCommand() {
    }

    /**
     * Prints the report to the command line's out writer.
     *
     * @return {@link ExitCode#OK}, or {@link ExitCode#SOFTWARE} (1) when no default backend can
     *     be selected, after printing {@code radnet: <problem>} to the err writer
     */
    @Override
    public Integer call() {
        BackendDiagnostics diagnostics = radnet.diagnostics();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(BackendsReport.json(diagnostics));
        } else {
            BackendsReport.text(diagnostics).forEach(out::println);
        }
        out.flush();
        if (diagnostics.selectionProblem() != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("radnet: " + diagnostics.selectionProblem());
            err.flush();
            return ExitCode.SOFTWARE;
        }
        return ExitCode.OK;
    }
}
