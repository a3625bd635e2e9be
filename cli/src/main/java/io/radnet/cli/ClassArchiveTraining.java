package io.radnet.cli;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run of the program's class-data-sharing archive, {@code cli/target/radnet-cli.jsa}.
 *
 * <p>The build ({@code cli/pom.xml}, phase {@code package}) runs this class once, after the jar
 * and its {@code lib/} are in place, in a JVM started with
 * {@code -XX:ArchiveClassesAtExit=target/radnet-cli.jsa} on the program's own class path (the jar
 * and its manifest's {@code lib/} entries, as {@code ./radnet} starts it). At exit that JVM writes
 * every class the run loaded, parsed and verified, into the archive; {@code ./radnet} then maps
 * them from it instead of loading them from the jars. The run is the start of the commands users
 * run most: in a temporary directory (deleted afterwards) it creates a small radial network
 * ({@code init}), describes it ({@code info}) and QR-compresses it with the default choice and on
 * every available backend ({@code compress --backend NAME}), so the classes of each backend's
 * start are archived too. The network's widths are small: only which classes load matters, not the
 * work.
 *
 * <p>The commands' output is discarded. A command that fails makes the run fail (exit code 1, one
 * line on standard error naming the command and its message): an archive of a broken program is
 * worth nothing, and the build should say so.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    /**
     * Runs the training commands and exits with 0, or with 1 after naming the command that failed.
     *
     * @param args none
     */
    public static void main(String[] args) {
        if (args.length != 0) {
            System.err.println("radnet: the class archive training takes no arguments, got " + List.of(args));
            System.exit(1);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("radnet-class-archive");
        } catch (IOException e) {
            System.err.println("radnet: the class archive training cannot create a temporary directory: " + e.getMessage());
            System.exit(1);
            return;
        }
        String failure;
        try {
            failure = train(dir);
        } finally {
            deleteTree(dir);
        }
        if (failure != null) {
            System.err.println("radnet: the class archive training failed: " + failure);
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * @param dir an empty directory for the model files
     * @return null when every command succeeded, else the failed command and what it said
     */
    static String train(Path dir) {
        String model = dir.resolve("model.safetensors").toString();
        String reduced = dir.resolve("reduced.safetensors").toString();
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("init", "--widths", "16,24,24,24,4", "-o", model));
        commands.add(List.of("info", model));
        commands.add(List.of("compress", model, "-o", reduced, "--check", "100"));
        for (Backend backend : Backends.available()) {
            commands.add(List.of("compress", model, "-o", reduced, "--check", "100", "--backend", backend.name()));
        }
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            StringWriter err = new StringWriter();
            CommandLine commandLine = RadnetCommand.commandLine(new RadnetCommand(), args);
            commandLine.setOut(new PrintWriter(Writer.nullWriter()));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = commandLine.execute(args);
            if (exitCode != 0) {
                return "radnet " + String.join(" ", command) + " exited with " + exitCode + ": " + err.toString().strip();
            }
        }
        return null;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
