package io.radnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.BackendDiagnostics;
import io.radnet.api.BackendRegistry;
import io.radnet.api.RadnetConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The {@code radnet} program as a whole: help, version, and how it reports a bad command line.
 */
class RadnetCommandTest {
    private static final Supplier<BackendDiagnostics> NO_BACKENDS =
            new BackendRegistry(RadnetConfig.of(Map.of(), Map.of()))::diagnostics;

    private static CliRun radnet(String... args) {
        return CliRun.run(NO_BACKENDS, args);
    }

    @Test
    void helpExitsWithZeroAndListsTheCommands() {
        CliRun run = radnet("--help");

        assertEquals(0, run.exitCode());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("Usage: radnet "), run.out());
        assertTrue(run.outLines().stream().anyMatch(line -> line.trim().startsWith("backends ")), run.out());
        assertTrue(run.out().contains("--stacktrace"), run.out());
    }

    @Test
    void everyCommandSummaryIsOneWholeSentenceWithin80Columns() {
        for (String[] command : List.of(new String[] {"--help"}, new String[] {"experiment", "--help"})) {
            List<String> lines = radnet(command).outLines();
            List<String> listed = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                    .takeWhile(line -> !line.isEmpty()).toList();
            assertTrue(listed.size() >= 2, String.join("\n", lines));
            for (String line : listed) {
                assertTrue(line.matches("  [a-z][a-z-]* +\\S.*\\.") && line.length() <= 80, "one whole line: '" + line + "'");
            }
        }
    }

    @Test
    void everyCommandsHelpFitsIn80Columns() {
        for (String command : List.of("backends", "init", "info", "compress", "train", "eval", "reproduce", "experiment",
                "approximate", "completion")) {
            CliRun run = radnet(command, "--help");
            assertEquals(0, run.exitCode(), command);
            for (String line : run.outLines()) {
                assertTrue(line.length() <= 80, command + ": '" + line + "'");
            }
        }
    }

    @Test
    void aCommandRegisteredAloneParsesAndHelpsAsInTheWholeProgram() {
        List<String> names = RadnetCommand.commandLine(new RadnetCommand(NO_BACKENDS)).getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help") && !name.equals("completion")).toList();
        assertTrue(names.containsAll(List.of("backends", "init", "info", "compress", "train", "eval", "reproduce",
                "experiment", "approximate")), names.toString());
        for (String name : names) {
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"},
                    new String[] {name, "--stacktrace", "--version"})) {
                CommandLine alone = RadnetCommand.commandLine(new RadnetCommand(NO_BACKENDS), args);
                assertEquals(List.of(name), List.copyOf(alone.getSubcommands().keySet()), name);
                CliRun whole = runOn(RadnetCommand.commandLine(new RadnetCommand(NO_BACKENDS)), args);
                CliRun lazily = runOn(alone, args);
                assertEquals(whole, lazily, String.join(" ", args));
            }
        }
    }

    @Test
    void commandLinesThatNeedTheWholeProgramGetEveryCommand() {
        int every = RadnetCommand.commandLine(new RadnetCommand(NO_BACKENDS)).getSubcommands().size();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"help", "compress"},
                new String[] {"completion"}, new String[] {"compres"}, new String[] {"--stacktrace", "compress"})) {
            assertEquals(every, RadnetCommand.commandLine(new RadnetCommand(NO_BACKENDS), args).getSubcommands().size(),
                    String.join(" ", args));
        }
    }

    private static CliRun runOn(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    @Test
    void initsUsageNamesWidthsOnce() {
        String usage = radnet("init", "--help").out();

        assertEquals(2, usage.split("--widths", -1).length - 1, "once in the synopsis, once in the options: " + usage);
        assertTrue(usage.contains(" --widths=N0,N1,...\n") || usage.contains(" --widths=N0,N1,..." + System.lineSeparator()),
                usage);
    }

    @Test
    void completionPrintsABashScriptForEveryCommandAndOption() {
        CliRun run = radnet("completion");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("#!/usr/bin/env bash"), run.out());
        assertTrue(run.out().contains("complete -F _complete_radnet"), run.out());
        for (String word : List.of("reproduce", "approximate", "hypernet", "rcnet", "--backprop", "--widths")) {
            assertTrue(run.out().contains(word), word);
        }
    }

    @Test
    void everyCommandHasHelp() {
        CliRun run = radnet("backends", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: radnet backends "), run.out());
        assertTrue(run.out().contains("--json"), run.out());
    }

    @Test
    void theHelpCommandShowsACommandsHelp() {
        CliRun run = radnet("help", "backends");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("Usage: radnet backends "), run.out());
    }

    @Test
    void versionNamesTheProgramVersionItsCommitAndTheJavaRuntime() {
        CliRun run = radnet("--version");

        assertEquals(0, run.exitCode());
        List<String> lines = run.outLines();
        assertEquals("radnet " + RadnetVersion.version(), lines.get(0));
        assertTrue(RadnetVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), RadnetVersion.version());
        assertEquals("commit " + RadnetVersion.commit(), lines.get(1));
        assertTrue(lines.get(2).startsWith("Java " + System.getProperty("java.version")), lines.get(2));
    }

    @Test
    void anUnknownCommandExitsWithTwoAndSaysWhatWasWrongOnErr() {
        CliRun run = radnet("frobnicate");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("radnet: Unmatched argument at index 0: 'frobnicate'", run.errLines().get(0));
        assertEquals("Try 'radnet --help' for more information.", run.errLines().get(run.errLines().size() - 1));
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRun run = radnet("backend");

        assertNotEquals(0, run.exitCode());
        assertTrue(run.err().contains("radnet backends"), run.err());
    }

    @Test
    void anUnknownOptionPointsToTheCommandsHelp() {
        CliRun run = radnet("backends", "--yaml");

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals(List.of(
                "radnet: Unknown option: '--yaml'",
                "Try 'radnet backends --help' for more information."), run.errLines());
    }

    @Test
    void withoutACommandItPrintsTheUsageOnErrAndExitsWithTwo() {
        CliRun run = radnet();

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertEquals("radnet: a command is required", run.errLines().get(0));
        assertTrue(run.err().contains("Usage: radnet "), run.err());
    }
}
