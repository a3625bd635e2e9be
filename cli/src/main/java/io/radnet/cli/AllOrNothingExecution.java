package io.radnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs a command so that its report reaches standard output only when it succeeds: whatever the
 * command writes to the out writer is held until it returns, and dropped when it fails. An
 * {@link OutOfMemoryError} becomes one line on the err writer naming the heap option to raise,
 * with exit code 1, like every other failure (see {@link RadnetCommand}).
 */
final class AllOrNothingExecution implements IExecutionStrategy {
    private final IExecutionStrategy delegate = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parseResult) {
        CommandLine root = parseResult.commandSpec().commandLine();
        PrintWriter out = root.getOut();
        StringWriter held = new StringWriter();
        root.setOut(new PrintWriter(held, true));
        int exitCode;
        try {
            exitCode = delegate.execute(parseResult);
        } catch (OutOfMemoryError e) {
            PrintWriter err = root.getErr();
            err.println("radnet: out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; "
                    + HeapBudget.remedy(0));
            err.flush();
            return root.getCommandSpec().exitCodeOnExecutionException();
        } finally {
            root.setOut(out);
        }
        out.print(held);
        out.flush();
        return exitCode;
    }
}
